package io.halidekmc.output;

import io.halidekmc.io.Scenario;
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

    static SitePositions of(Scenario s, double latticeConstant) {
        Lattice lat = s.geometry().lattice();
        int[] sites = lat.activeSiteList();
        int[] half = new int[3 * sites.length];
        int[] p = new int[3];
        for (int i = 0; i < sites.length; i++) {
            lat.position(sites[i], p);
            System.arraycopy(p, 0, half, 3 * i, 3);
        }
        int[] cells = {lat.cellsX(), lat.cellsY(), lat.cellsZ()};
        int[] layers = new int[3];
        boolean[] periodic = new boolean[3];
        for (int a = 0; a < 3; a++) {
            periodic[a] = lat.periodic(a);
            layers[a] = periodic[a] ? cells[a] : cells[a] + 1;
        }
        return new SitePositions(sites, half, latticeConstant * s.coarseGrain() / 2, cells, layers, periodic, lat.sites());
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
