package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.HopKernel;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/**
 * The uniformized ensemble's trials on a nanocrystal held as 2 bits per site: the CPU twin of
 * {@code ensemble_trials_resident} in kernels/nc_ensemble.cu, where a whole 23 nm crystal (192 000
 * stored sites, 48 kB, plus its vacancy list) fits in one streaming multiprocessor's shared memory,
 * so a trial touches device memory only for the rate tables (DESIGN §6: "a thread block can own a
 * nanocrystal").
 *
 * <p>Same trials, same arithmetic and same random numbers as {@link UniformizedKernel#runTrials},
 * so the two end in the same state bit for bit; what differs is the state kept. The packed words'
 * neighbour counts are not stored but counted from the 8 neighbours' species when a trial needs
 * them (16 reads of on-chip memory instead of 18 read-modify-writes of device memory per hop), and
 * neighbours are computed from the site's cell coordinates instead of read from the neighbour
 * table: in an open box every uncut bond of site s leads to s + off[k·8 + j], and a bond is cut
 * exactly where the neighbour's coordinate would leave [0, 2·edge] ({@link Layout#of} checks both
 * against the lattice's table, site by site). Species codes 0–3 (vacancy, Cl, Br, I) fill 2 bits;
 * WALL padding is never a neighbour of a crystal site, so it needs no code. Two more choices keep
 * the GPU's chain of dependent steps per trial short: the vacancy list holds packed positions
 * (p0 | p1 << 10 | p2 << 20, half lattice constants), so a trial computes the site with two
 * multiply-adds instead of dividing by the box's dimensions, and the rate tables are read in a
 * dense layout ({@link #dense}: the same doubles) that stays in the small L1 cache left beside
 * the crystals. The caller's vacancy list is of sites, as everywhere else.
 */
public final class ResidentKernel {
    private ResidentKernel() {}

    /** Sites per packed int. */
    public static final int SITES_PER_INT = 16;

    /**
     * Where the neighbours of an open-box lattice are: stored cells nx × ny × nz, physical edges
     * (in cells) per axis, the regular offsets, and per sublattice k and axis a the slots whose bond
     * is cut when the site sits on the low face (p[a] = 0: {@code cutLow[k·3 + a]}) or the high
     * face (p[a] = 2·edge[a]: {@code cutHigh}) — the slot masks the kernel ORs together.
     */
    public record Layout(int nx, int ny, int nz, int[] edge, int[] off, int[] cutLow, int[] cutHigh, int sites) {
        /**
         * The layout of this lattice, after checking for every crystal site and slot that the
         * computed neighbour (s + off, or the sink where the mask says cut) is the lattice's and
         * that an uncut neighbour is a crystal site. Fails for lattices where it is not (periodic
         * axes: their wrapped bonds are not at s + off).
         */
        public static Layout of(Lattice lat) {
            for (int a = 0; a < 3; a++) {
                if (lat.periodic(a)) throw new IllegalArgumentException("the resident kernel needs an open box (no periodic axis)");
            }
            int[] edge = {lat.cellsX(), lat.cellsY(), lat.cellsZ()};
            int[] lo = new int[9], hi = new int[9];
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < Lattice.Z; j++) {
                    for (int a = 0; a < 3; a++) {
                        if (Lattice.offset(k, j, a) < 0) lo[k * 3 + a] |= 1 << j;
                        if (Lattice.offset(k, j, a) > 0) hi[k * 3 + a] |= 1 << j;
                    }
                }
            }
            for (int a = 0; a < 3; a++) {
                if (2 * edge[a] > POSITION_MAX) throw new IllegalArgumentException("the resident kernel packs positions in 10 bits: edge ≤ 511 cells");
            }
            int nx = edge[0] + 1, ny = edge[1] + 1, nz = edge[2] + 1;
            Layout l = new Layout(nx, ny, nz, edge, lat.regularOffsets(), lo, hi, lat.sites());
            int[] nb = lat.neighbours(), t = deviceTable(l), geo = deviceGeometry(l);
            int[] p = new int[3];
            for (int s = 0; s < lat.sites(); s++) {
                if (!lat.isActive(s)) continue;
                position(geo, s, p);
                int cut = cut(t, geo, s % 3, p[0], p[1], p[2]);
                for (int j = 0; j < Lattice.Z; j++) {
                    int want = nb[s * Lattice.Z + j];
                    int got = (cut >>> j & 1) != 0 ? lat.sink() : s + t[(s % 3) * Lattice.Z + j];
                    if (want != got || want != lat.sink() && !lat.isActive(want)) {
                        throw new IllegalArgumentException("the resident kernel's neighbour arithmetic does not match the lattice at site "
                                + s + ", slot " + j);
                    }
                }
            }
            return l;
        }

        /** Ints per member of the 2-bit species array. */
        public int speciesInts() {
            return (sites + SITES_PER_INT - 1) / SITES_PER_INT;
        }
    }

    /** Ints of {@link #deviceTable} (RES_TAB in kernels/nc_ensemble.cu). */
    public static final int DEVICE_TABLE = 166;
    /** Entries per halide of the dense rate tables ({@link #dense}): counts Cl + 9·Br + 81·I. */
    public static final int DENSE = 729;
    /** Largest 2·edge a packed position holds (10 bits per axis). */
    static final int POSITION_MAX = 1023;

    /**
     * The resident CUDA kernel's constant table: off[24], cutLow[9], cutHigh[9], slotDz[24] (dz + 1
     * of each slot, the field index), moveZ[24] (the halide's z displacement), slotPos[72]
     * ({@link Lattice#offset}(k, j, a) at (k·8 + j)·3 + a), countUnit[4] (0, 1, 9, 81: what a
     * neighbour of species 0–3 adds to the dense count index).
     */
    public static int[] deviceTable(Layout l) {
        int[] t = new int[DEVICE_TABLE];
        System.arraycopy(l.off(), 0, t, 0, 24);
        System.arraycopy(l.cutLow(), 0, t, 24, 9);
        System.arraycopy(l.cutHigh(), 0, t, 33, 9);
        for (int i = 0; i < 3 * Lattice.Z; i++) {
            t[42 + i] = HopKernel.SLOT_DZ[i];
            t[66 + i] = HopKernel.HALIDE_MOVE[i * 3 + 2];
            for (int a = 0; a < 3; a++) t[90 + i * 3 + a] = Lattice.offset(i / Lattice.Z, i % Lattice.Z, a);
        }
        t[162] = 0;
        t[163] = 1;
        t[164] = 9;
        t[165] = 81;
        return t;
    }

    /** The resident CUDA kernel's geometry: nx, ny and twice the edge along each axis. */
    public static int[] deviceGeometry(Layout l) {
        return new int[] {l.nx(), l.ny(), 2 * l.edge()[0], 2 * l.edge()[1], 2 * l.edge()[2]};
    }

    /** Position of site s in half lattice constants (as {@link Lattice#position}), from {@link #deviceGeometry}. */
    static void position(int[] geo, int s, int[] p) {
        int k = s % 3, cell = s / 3;
        int x = cell % geo[0], r = cell / geo[0];
        p[0] = 2 * x + (k == 0 ? 1 : 0);
        p[1] = 2 * (r % geo[1]) + (k == 1 ? 1 : 0);
        p[2] = 2 * (r / geo[1]) + (k == 2 ? 1 : 0);
    }

    /** The slots of a site on sublattice k at position (p0, p1, p2) whose bond leaves the crystal (res_cut). */
    static int cut(int[] t, int[] geo, int k, int p0, int p1, int p2) {
        int m = 0;
        if (p0 == 0) m |= t[24 + k * 3];
        if (p1 == 0) m |= t[24 + k * 3 + 1];
        if (p2 == 0) m |= t[24 + k * 3 + 2];
        if (p0 == geo[2]) m |= t[33 + k * 3];
        if (p1 == geo[3]) m |= t[33 + k * 3 + 1];
        if (p2 == geo[4]) m |= t[33 + k * 3 + 2];
        return m;
    }

    /** Position of site s packed as p0 | p1 << 10 | p2 << 20: what the kernel keeps in its vacancy list. */
    static int packPosition(int[] geo, int s, int[] p) {
        position(geo, s, p);
        return p[0] | p[1] << 10 | p[2] << 20;
    }

    /** The site at a packed position (its sublattice is the axis with the odd coordinate). */
    static int siteAt(int[] geo, int e) {
        int p0 = e & POSITION_MAX, p1 = e >>> 10 & POSITION_MAX, p2 = e >>> 20;
        int k = (p0 & 1) != 0 ? 0 : (p1 & 1) != 0 ? 1 : 2;
        return 3 * ((p0 >> 1) + geo[0] * ((p1 >> 1) + geo[1] * (p2 >> 1))) + k;
    }

    /**
     * A 12-bit-indexed rate table ({@link UniformizedKernel.Tables}) laid out densely, entry
     * x·729 + Cl + 9·Br + 81·I: the same doubles, so the same products, in 3 · 729 entries of which
     * a Br/I film reads 2 · 45 within 2 · 81 — a few cache lines instead of one per entry.
     */
    public static double[] dense(double[] t12) {
        double[] d = new double[3 * DENSE];
        for (int x = 0; x < 3; x++) {
            for (int cl = 0; cl <= Lattice.Z; cl++) {
                for (int br = 0; cl + br <= Lattice.Z; br++) {
                    for (int i = 0; cl + br + i <= Lattice.Z; i++) {
                        d[x * DENSE + cl + 9 * br + 81 * i] = t12[(x << HopKernel.HALIDE_BITS) | cl | br << 4 | i << 8];
                    }
                }
            }
        }
        return d;
    }

    /** Species code 0–3 of site s. */
    static int species(int[] sp, int s) {
        return sp[s >>> 4] >>> ((s & 15) << 1) & 3;
    }

    static void setSpecies(int[] sp, int s, int x) {
        int sh = (s & 15) << 1;
        sp[s >>> 4] = sp[s >>> 4] & ~(3 << sh) | x << sh;
    }

    /** The 2-bit species of packed words (their low bytes); WALL and the sink become 0, as they are never read. */
    public static int[] pack(int[] words, Layout l) {
        int[] sp = new int[l.speciesInts()];
        for (int s = 0; s < l.sites(); s++) {
            int x = words[s] & Occupancy.SPECIES_MASK;
            if (x < Species.COUNT) setSpecies(sp, s, x);
        }
        return sp;
    }

    /**
     * Packed words from 2-bit species: what {@link Occupancy} counts for them, so equal to the
     * words {@link UniformizedKernel} keeps at every crystal site (its sink holds scratch sums).
     */
    public static int[] unpack(int[] sp, Lattice lat) {
        byte[] species = new byte[lat.sites() + 1];
        for (int s = 0; s < lat.sites(); s++) species[s] = lat.isActive(s) ? (byte) species(sp, s) : Species.WALL;
        return new Occupancy(lat, species).counts;
    }

    /** The dense count index Cl + 9·Br + 81·I of site s (sublattice k, slot mask cut), counted from its neighbours. */
    static int halideCounts(int[] sp, int s, int k, int cut, int[] t) {
        int c = 0;
        for (int j = 0; j < Lattice.Z; j++) {
            if ((cut >>> j & 1) != 0) continue;
            c += t[162 + species(sp, s + t[k * Lattice.Z + j])];
        }
        return c;
    }

    /**
     * Runs trials [start, start + count) of member {@code member} on its 2-bit species and vacancy
     * list (n vacancies), in order: {@link UniformizedKernel#runTrials} on this representation.
     * Returns the hops fired; adds the halides' net z displacement (half lattice constants) to dz[0].
     */
    public static long runTrials(int[] sp, int[] vac, int n, Layout l, UniformizedKernel.Tables tables,
                                 int key0, int key1, int member, long start, long count, long[] dz) {
        // the device's own tables, read as the CUDA kernel reads them, so this test of the twin
        // covers what is uploaded; the vacancy list held as packed positions, as the kernel holds it
        int[] t = deviceTable(l), geo = deviceGeometry(l);
        int[] r = new int[4], p = new int[3];
        int[] e = new int[n];
        for (int i = 0; i < n; i++) e[i] = packPosition(geo, vac[i], p);
        double[] fv = dense(tables.fv()), gh = dense(tables.gh()), field = tables.field();
        double rmax = tables.rmax();
        long events = 0, moved = 0;
        for (long trial = start, end = start + count; trial < end; trial++) {
            UniformizedKernel.philox(key0, key1, (int) trial, (int) (trial >>> 32), member, UniformizedKernel.STREAM_TAG, r);
            int id = UniformizedKernel.pick(r, n);
            int slot = UniformizedKernel.slot(r);
            double u = UniformizedKernel.uniform(r);
            int ev = e[id];
            int p0 = ev & POSITION_MAX, p1 = ev >>> 10 & POSITION_MAX, p2 = ev >>> 20;
            int v = siteAt(geo, ev);
            int k = v % 3;
            int cutV = cut(t, geo, k, p0, p1, p2);
            if ((cutV >>> slot & 1) != 0) continue;
            int h = v + t[k * Lattice.Z + slot];
            int sx = species(sp, h);
            if (sx == Species.VACANCY) continue;
            int x = sx - Species.CL;
            int d = 90 + (k * Lattice.Z + slot) * 3;
            int q0 = p0 + t[d], q1 = p1 + t[d + 1], q2 = p2 + t[d + 2];
            int kh = (q0 & 1) != 0 ? 0 : (q1 & 1) != 0 ? 1 : 2;
            int cutH = cut(t, geo, kh, q0, q1, q2);
            double rate = fv[x * DENSE + halideCounts(sp, v, k, cutV, t)]
                    * gh[x * DENSE + halideCounts(sp, h, kh, cutH, t)]
                    * field[t[42 + k * Lattice.Z + slot]];
            if (!(u * rmax < rate)) continue;
            setSpecies(sp, v, sx);
            setSpecies(sp, h, Species.VACANCY);
            e[id] = q0 | q1 << 10 | q2 << 20;
            events++;
            moved += t[66 + k * Lattice.Z + slot];
        }
        for (int i = 0; i < n; i++) vac[i] = siteAt(geo, e[i]);
        dz[0] += moved;
        return events;
    }
}
