package io.halidekmc.output;

import io.halidekmc.observe.Snapshot;
import io.halidekmc.run.RunResult;
import io.jhdf.api.WritableGroup;

import java.util.List;

/**
 * /snapshots: the species of every stored site at each snapshot time, and where the crystal
 * sites sit (written once), so one frame reaches a viewer without the scenario file:
 * {@code positions_angstrom[i]} is the position of the site in column {@code site_index[i]} of
 * {@code occupancy}. With {@code output.export: [xdmf]} also /snapshots/xdmf, the per-frame
 * species of the crystal sites that the XDMF sidecar points at ({@link XdmfWriter} says why).
 */
final class SnapshotDatasets {
    static final String PATH = "/snapshots";
    static final String XDMF = PATH + "/xdmf";

    private SnapshotDatasets() {}

    static String frameDataset(int frame) {
        return XDMF + "/species_" + String.format(java.util.Locale.ROOT, "%06d", frame);
    }

    /** Only when at least one snapshot was taken. */
    static void write(WritableGroup parent, RunResult r, SitePositions pos) {
        List<Snapshot> snaps = r.snapshots();
        if (snaps.isEmpty()) return;
        WritableGroup g = parent.putGroup("snapshots");
        g.putAttribute("description", "occupancy: species code per stored site [time][site] (0 vacancy, 1 Cl, 2 Br, 3 I, 4 not a site); "
                + "site 3*(x + nx*(y + ny*z)) + k sits at 2(x,y,z) + e_k half lattice constants, nx ny nz = layers (an open axis of "
                + "n cells stores n + 1 layers, the last one's sites beyond the closing face are code 4); positions_angstrom[i]: "
                + "crystal site site_index[i], in Å (a/2 per half lattice constant, times coarse_grain); box_angstrom: periodic "
                + "axis its period, open axis face to face (n·a); periodic: 1 periodic, 0 open, per axis");
        double[] t = new double[snaps.size()];
        byte[][] occ = new byte[snaps.size()][];
        for (int i = 0; i < snaps.size(); i++) {
            t[i] = snaps.get(i).time();
            occ[i] = snaps.get(i).species();
        }
        Units.put(g, "time_s", t, "s");
        Units.put(g, "occupancy", occ, Units.NONE);

        for (Snapshot s : snaps) pos.requireMatches(s.species());
        Units.put(g, "positions_angstrom", pos.angstrom(), "angstrom");
        Units.put(g, "site_index", pos.sites(), Units.NONE);
        Units.put(g, "box_angstrom", pos.box(), "angstrom");
        Units.put(g, "cells", toLong(pos.cells()), "counts");
        Units.put(g, "layers", toLong(pos.layers()), "counts");
        long[] periodic = new long[3];
        for (int a = 0; a < 3; a++) periodic[a] = pos.periodic()[a] ? 1 : 0;
        // a number, not text: jhdf writes fixed-length strings, which h5py hands back as bytes
        Units.put(g, "periodic", periodic, Units.NONE);
        if (r.scenario().export().xdmf()) xdmf(g.putGroup("xdmf"), pos, snaps);
    }

    private static void xdmf(WritableGroup g, SitePositions pos, List<Snapshot> snaps) {
        g.putAttribute("description", "for the XDMF sidecar: vertex [site][1] the point of each vertex cell, species_NNNNNN the "
                + "species code of each crystal site (order of ../positions_angstrom) in frame NNNNNN");
        int n = pos.count();
        int[][] vertex = new int[n][1];
        for (int i = 0; i < n; i++) vertex[i][0] = i;
        Units.put(g, "vertex", vertex, Units.NONE);
        int[] sites = pos.sites();
        for (int f = 0; f < snaps.size(); f++) {
            byte[] all = snaps.get(f).species();
            byte[] crystal = new byte[n];
            for (int i = 0; i < n; i++) crystal[i] = all[sites[i]];
            Units.put(g, frameDataset(f).substring(XDMF.length() + 1), crystal, Units.NONE);
        }
    }

    private static long[] toLong(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }
}
