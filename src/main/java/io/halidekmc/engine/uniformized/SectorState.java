package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.sector.SectorGrid;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;

/**
 * The initial state of the sector steps in the flat form their kernels read ({@link
 * SectorTrialKernel}): packed words and vacancy sites copied from an occupancy, every vacancy in
 * its sector's list (ascending id), empty outboxes, the touching sectors as one array with row
 * starts, and the numbers the kernels compute sectors and neighbours from. A CPU runner works on
 * these arrays; a GPU runner uploads them.
 */
public final class SectorState {
    final int[] words, vacSite, list, len, outbox, outTo, nOut, touch, touchStart, geo, nb, off;
    /** Room per sector in the list and in the outbox. */
    final int cap;
    final int sink, key0, key1;

    SectorState(Occupancy occ, SectorGrid grid, long seed) {
        Lattice lattice = occ.lattice;
        words = occ.counts.clone();
        vacSite = java.util.Arrays.copyOf(occ.vacancySite, occ.vacancies);
        int n = grid.count();
        int[] count = new int[n];
        for (int id = 0; id < occ.vacancies; id++) count[grid.sectorOf[vacSite[id]]]++;
        int most = 0;
        for (int c : count) most = Math.max(most, c);
        // room for four times the fullest sector's start (vacancies gather where a drive pushes
        // them), never more than all vacancies, which no list can exceed
        cap = Math.max(1, (int) Math.min(occ.vacancies, 4L * most + 64));
        list = new int[n * cap];
        len = new int[n];
        outbox = new int[n * cap];
        outTo = new int[n * cap];
        nOut = new int[n];
        for (int id = 0; id < occ.vacancies; id++) {
            int s = grid.sectorOf[vacSite[id]];
            list[s * cap + len[s]++] = id;
        }
        touchStart = new int[n + 1];
        for (int s = 0; s < n; s++) touchStart[s + 1] = touchStart[s] + grid.touching[s].length;
        touch = new int[touchStart[n]];
        for (int s = 0; s < n; s++) System.arraycopy(grid.touching[s], 0, touch, touchStart[s], grid.touching[s].length);
        geo = new int[] {grid.layers[0], grid.layers[1], grid.layers[2], grid.blocks[0], grid.blocks[1], grid.blocks[2]};
        nb = lattice.neighbours();
        off = lattice.regularOffsets();
        sink = lattice.sink();
        key0 = (int) seed;
        key1 = (int) (seed >>> 32);
    }

    int sectors() {
        return len.length;
    }

    // read-only views for runners outside this package (the CUDA runner uploads them)
    public int[] words() { return words; }
    public int[] vacancySites() { return vacSite; }
    public int[] lists() { return list; }
    public int[] lengths() { return len; }
    public int[] touching() { return touch; }
    public int[] touchingStart() { return touchStart; }
    public int[] geometry() { return geo; }
    public int[] neighbours() { return nb; }
    public int[] regularOffsets() { return off; }
    public int capacity() { return cap; }
    public int sink() { return sink; }
    public int sectorCount() { return len.length; }
    public long seedKey() { return (key0 & 0xFFFFFFFFL) | (long) key1 << 32; }
}
