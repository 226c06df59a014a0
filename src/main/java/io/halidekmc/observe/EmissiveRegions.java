package io.halidekmc.observe;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.GapBlocks;

import java.util.Arrays;

/**
 * The emitting part of one sample at one frame: its {@link GapBlocks} blocks restricted to the
 * emissive sites, and the regions they form (connected components over the blocks' six face
 * neighbours, found by one flood fill: O(sites + blocks)).
 *
 * <p>What is emissive is the caller's {@code emissive} flag per site, not this class's decision.
 * Today every lattice site is perovskite ({@link #allSites}); a non-emissive phase (REBUILD-PLAN
 * §4.1: the wide-gap N phase, lost iodine, quenched octahedra) plugs in by handing over its own
 * flags, without a change here. A block is emissive when it holds an emissive halide and its
 * emissive sites are at least half of those plus its N-phase (frozen) sites ({@link #MIN_EMISSIVE_SHARE}); its
 * volume counts its emissive sites that hold a halide or a vacancy (a vacancy is still crystal).
 * Why the share: a block (≈ 2.4 nm at 4 cells) is smaller than the exciton (Bohr diameter 7–12 nm,
 * Protesescu 2015), so a few perovskite sites left inside a block of the non-perovskite N phase
 * cannot hold one; counted as a block of their own, such a fragment's composition is mere
 * sampling noise (two iodides read as CsPbI3) and, funnelling at its gap, it took the emission
 * of a whole crystal (issue 24 finding: 683 nm from a crystal whose perovskite held x_I = 0.28).
 *
 * <p>On a periodic axis the fill wraps, and a region that reaches across all blocks of such an axis
 * is extended (bulk-like: no confinement), since its size is the simulation box, not a crystal.
 */
public final class EmissiveRegions {
    /** Share of a block's crystal sites that must be emissive perovskite for the block to emit (see the class comment). */
    public static final double MIN_EMISSIVE_SHARE = 0.5;
    private final int[] dims;
    private final boolean[] periodic;
    /** Emissive halide counts per block, [block][species code]. */
    final long[][] counts;
    /** Emissive sites (halides and vacancies) per block. */
    final long[] volume;
    /** Region of each block, −1 where the block emits nothing. */
    final int[] regionOf;
    /** Per region: sites, halide counts (Cl, Br, I by species code), extended along a periodic axis. */
    final long[] regionSites;
    final long[][] regionCounts;
    final boolean[] extended;

    /** Every stored site of the lattice: the emissive set while all of it is perovskite. */
    public static boolean[] allSites(Lattice lattice) {
        boolean[] e = new boolean[lattice.sites()];
        Arrays.fill(e, true);
        return e;
    }

    public EmissiveRegions(Occupancy o, GapBlocks blocks, boolean[] emissive) {
        Lattice lat = o.lattice;
        int nb = blocks.blocks();
        counts = new long[nb][Species.COUNT];
        volume = new long[nb];
        long[] frozen = new long[nb];
        for (int s = 0; s < lat.sites(); s++) {
            int sp = o.species[s];
            if (Species.isFrozen(sp)) frozen[blocks.blockOf(s)]++;
            if (!emissive[s] || sp >= Species.COUNT) continue;
            int b = blocks.blockOf(s);
            counts[b][sp]++;
            volume[b]++;
        }
        for (int b = 0; b < nb; b++) {
            if (volume[b] < MIN_EMISSIVE_SHARE * (volume[b] + frozen[b])) {
                volume[b] = 0;
                Arrays.fill(counts[b], 0);
            }
        }
        regionOf = new int[nb];
        Arrays.fill(regionOf, -1);
        int[] dims = blocks.dims();
        boolean[] periodic = {lat.periodic(0), lat.periodic(1), lat.periodic(2)};
        this.dims = dims;
        this.periodic = periodic;
        int regions = fill(dims, periodic);
        regionSites = new long[regions];
        regionCounts = new long[regions][Species.COUNT];
        extended = spans(dims, periodic, regions);
        for (int b = 0; b < nb; b++) {
            int r = regionOf[b];
            if (r < 0) continue;
            regionSites[r] += volume[b];
            for (int x = Species.CL; x <= Species.I; x++) regionCounts[r][x] += counts[b][x];
        }
    }

    public int blocks() {
        return regionOf.length;
    }

    public int regions() {
        return regionSites.length;
    }

    /** Region of a block, −1 for a block that emits nothing. */
    public int regionOf(int block) {
        return regionOf[block];
    }

    public long regionSites(int region) {
        return regionSites[region];
    }

    private boolean emits(int b) {
        return counts[b][Species.CL] + counts[b][Species.BR] + counts[b][Species.I] > 0;
    }

    private int fill(int[] dims, boolean[] periodic) {
        int nb = regionOf.length;
        int[] stack = new int[nb];
        int[] c = new int[3];
        int regions = 0;
        for (int seed = 0; seed < nb; seed++) {
            if (regionOf[seed] >= 0 || !emits(seed)) continue;
            int top = 0;
            stack[top++] = seed;
            regionOf[seed] = regions;
            while (top > 0) {
                int b = stack[--top];
                unpack(b, dims, c);
                for (int axis = 0; axis < 3; axis++) {
                    for (int step = -1; step <= 1; step += 2) {
                        int n = neighbour(c, axis, step, dims, periodic);
                        if (n >= 0 && regionOf[n] < 0 && emits(n)) {
                            regionOf[n] = regions;
                            stack[top++] = n;
                        }
                    }
                }
            }
            regions++;
        }
        return regions;
    }

    /** A region extended along a periodic axis when it holds blocks in every layer of that axis. */
    private boolean[] spans(int[] dims, boolean[] periodic, int regions) {
        boolean[] ext = new boolean[regions];
        int[] c = new int[3];
        for (int axis = 0; axis < 3; axis++) {
            if (!periodic[axis] || regions == 0) continue;
            boolean[][] layer = new boolean[regions][dims[axis]];
            for (int b = 0; b < regionOf.length; b++) {
                if (regionOf[b] < 0) continue;
                unpack(b, dims, c);
                layer[regionOf[b]][c[axis]] = true;
            }
            for (int r = 0; r < regions; r++) {
                boolean all = true;
                for (boolean hit : layer[r]) all &= hit;
                ext[r] |= all;
            }
        }
        return ext;
    }

    /**
     * Emissive halide counts of block b summed with those of the blocks of its own region within
     * {@code reach} blocks along each axis (a cube of 2·reach + 1 blocks, wrapped on periodic axes):
     * the composition an exciton of that size samples (RegionEmission). Reach 0: the block's own.
     */
    public long[] neighbourhoodCounts(int b, int reach) {
        long[] sum = counts[b].clone();
        if (reach == 0 || regionOf[b] < 0) return sum;
        int[] c = new int[3];
        unpack(b, dims, c);
        for (int dz = -reach; dz <= reach; dz++) {
            for (int dy = -reach; dy <= reach; dy++) {
                for (int dx = -reach; dx <= reach; dx++) {
                    if (dx == 0 && dy == 0 && dz == 0) continue;
                    int x = wrap(c[0] + dx, 0), y = wrap(c[1] + dy, 1), z = wrap(c[2] + dz, 2);
                    if (x < 0 || y < 0 || z < 0) continue;
                    int n = x + dims[0] * (y + dims[1] * z);
                    if (n == b || regionOf[n] != regionOf[b]) continue;
                    for (int k = 0; k < Species.COUNT; k++) sum[k] += counts[n][k];
                }
            }
        }
        return sum;
    }

    /** Block coordinate v along an axis, wrapped where periodic; −1 outside an open axis. */
    private int wrap(int v, int axis) {
        if (v >= 0 && v < dims[axis]) return v;
        return periodic[axis] ? Math.floorMod(v, dims[axis]) : -1;
    }

    private static void unpack(int b, int[] dims, int[] c) {
        c[0] = b % dims[0];
        c[1] = (b / dims[0]) % dims[1];
        c[2] = b / (dims[0] * dims[1]);
    }

    private static int neighbour(int[] c, int axis, int step, int[] dims, boolean[] periodic) {
        int v = c[axis] + step;
        if (v < 0 || v >= dims[axis]) {
            if (!periodic[axis]) return -1;
            v = Math.floorMod(v, dims[axis]);
        }
        int x = axis == 0 ? v : c[0], y = axis == 1 ? v : c[1], z = axis == 2 ? v : c[2];
        return x + dims[0] * (y + dims[1] * z);
    }
}
