package io.halidekmc.output;

import io.halidekmc.io.Scenario;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.Lattice;

/**
 * Where the crystal sites of a run's snapshots sit, for the viewer exports and /snapshots: the
 * lattice's positions in half lattice constants ({@link Lattice#position}) times a/2, where a
 * coarse-grained site stands for b cells so its cell is b·a wide. WALL padding is left out: along
 * an open axis of n cells the lattice stores n + 1 cell layers, and the sites of the last layer
 * beyond the closing face are no crystal sites.
 *
 * @param sites    stored-site index (column of /snapshots/occupancy) of each crystal site, ascending
 * @param half     [3·i + axis]: position of crystal site i in half lattice constants
 * @param step     Å per half lattice constant
 * @param cells    crystal edge in cells per axis
 * @param layers   cell layers stored per axis (n periodic, n + 1 open)
 * @param periodic per axis
 * @param storedSites sites the lattice stores, WALL ones included (the length of a snapshot)
 */
record SitePositions(int[] sites, int[] half, double step, int[] cells, int[] layers, boolean[] periodic, int storedSites) {

    /**
     * The numbering and positions of {@link Lattice} (its class comment and {@code position}),
     * recomputed from the geometry rather than by building a second Lattice at the end of a run,
     * whose neighbour table (32 bytes a site) would double the lattice's memory while the file is
     * written; SitePositionsTest holds the two equal for every geometry.
     */
    static SitePositions of(Scenario s, double latticeConstant) {
        int[] cells;
        boolean[] periodic;
        switch (s.geometry()) {
            case Geometry.Bulk b -> {
                cells = new int[] {b.nx(), b.ny(), b.nz()};
                periodic = new boolean[] {true, true, true};
            }
            case Geometry.Nanocrystal n -> {
                cells = new int[] {n.edge(), n.edge(), n.edge()};
                periodic = new boolean[] {false, false, false};
            }
            case Geometry.Nanowire w -> {
                cells = new int[] {w.nx(), w.ny(), w.lengthZ()};
                periodic = new boolean[] {true, true, false};
            }
        }
        int[] layers = new int[3];
        for (int a = 0; a < 3; a++) layers[a] = periodic[a] ? cells[a] : cells[a] + 1;
        int stored = 3 * layers[0] * layers[1] * layers[2];
        int[] sites = new int[stored];
        int[] half = new int[3 * stored];
        int n = 0;
        for (int site = 0; site < stored; site++) {
            int k = site % 3, cell = site / 3;
            int hx = 2 * (cell % layers[0]) + (k == 0 ? 1 : 0);
            int hy = 2 * (cell / layers[0] % layers[1]) + (k == 1 ? 1 : 0);
            int hz = 2 * (cell / (layers[0] * layers[1])) + (k == 2 ? 1 : 0);
            // beyond the closing face of an open axis: WALL padding
            if ((!periodic[0] && hx > 2 * cells[0]) || (!periodic[1] && hy > 2 * cells[1]) || (!periodic[2] && hz > 2 * cells[2])) continue;
            sites[n] = site;
            half[3 * n] = hx;
            half[3 * n + 1] = hy;
            half[3 * n + 2] = hz;
            n++;
        }
        return new SitePositions(java.util.Arrays.copyOf(sites, n), java.util.Arrays.copyOf(half, 3 * n),
                latticeConstant * s.coarseGrain() / 2, cells, layers, periodic, stored);
    }

    int count() {
        return sites.length;
    }

    /** Box edge per axis, Å: the period of a periodic axis; face to face (n cells, its sites on both faces) of an open one. */
    double[] box() {
        return new double[] {cells[0] * 2 * step, cells[1] * 2 * step, cells[2] * 2 * step};
    }

    /** "T T F": periodic axes as extended XYZ spells them. */
    String pbc() {
        return (periodic[0] ? "T" : "F") + " " + (periodic[1] ? "T" : "F") + " " + (periodic[2] ? "T" : "F");
    }

    /** Positions in Å, [site][axis], 32-bit: 7 digits, below 0.001 Å in a box under 1 µm. */
    float[][] angstrom() {
        float[][] r = new float[sites.length][3];
        for (int i = 0; i < sites.length; i++) {
            for (int a = 0; a < 3; a++) r[i][a] = (float) (half[3 * i + a] * step);
        }
        return r;
    }

    /** Checks a snapshot was taken on this lattice (a film's crystals have other sizes). */
    void requireMatches(byte[] species) {
        if (species.length != storedSites) {
            throw new IllegalStateException("snapshot of " + species.length + " sites, but the scenario's lattice stores " + storedSites);
        }
    }
}
