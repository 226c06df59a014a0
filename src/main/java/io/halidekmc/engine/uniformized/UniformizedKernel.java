package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.HopKernel;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.RateTable;

/**
 * The trial kernel of the uniformized ensemble engine ({@link UniformizedEnsemble}), the CPU twin
 * of {@code ensemble_trials} in kernels/nc_ensemble.cu: same arithmetic, same random numbers, so
 * CPU and GPU end in the same state bit for bit.
 *
 * <p>Uniformization (Jensen 1953; "null-event" KMC): every candidate hop (vacancy id, slot) is
 * proposed at the same rate Rmax, the bound of every hop rate, and accepted with probability
 * Γ/Rmax; a rejected trial leaves the state as it is. The trials of a nanocrystal with n
 * vacancies form a Poisson process of rate Λ = 8·n·Rmax whatever the state, so the number of trials
 * in an interval is drawn once, on the host, and the kernel runs exactly that many: the jump chain
 * is the exact one (each hop fires with probability Γ/Λ per trial, the exact engine's Γ/R times
 * R/Λ). What it costs is the rejected trials (≈ 95 % for CsPbBr1.2I1.8 with mixing at 300 K);
 * what it buys is a state-independent trial stream that needs no rate tree, so a GPU warp runs 32
 * trials at once and fires the first accepted one: trials after it were drawn against the old
 * state and are discarded, their counters reused — exactly the sequential loop below.
 *
 * <p>Trial t of member c uses the Philox4x32-10 block at counter (t, c, {@link #STREAM_TAG}) under
 * the run seed's key: 64 bits pick the vacancy (multiply-high, bias < n/2^64), 3 bits the slot,
 * 53 bits the acceptance uniform u; accepted iff u·Rmax &lt; Γ, with Γ = (F·G)·field as in
 * {@link HopKernel#vacancyRatesFactored}.
 */
public final class UniformizedKernel {
    private UniformizedKernel() {}

    /** Upper counter word of every trial block ("unif"): disjoint from the {@link Rng#stream} counters. */
    public static final int STREAM_TAG = 0x756E6966;

    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;

    /**
     * The factorised rate of the trial that moves halide x (0..2) from the halide site with word wh
     * into the vacancy with word wv on sublattice k through slot: the product, in this order, that
     * the CUDA and TornadoVM kernels compute (the emulation tests hold them to it bit for bit).
     */
    static double trialRate(int x, int k, int slot, int wv, int wh, double[] fv, double[] gh, double[] field) {
        return fv[(x << HopKernel.HALIDE_BITS) | HopKernel.halideCounts(wv)]
                * gh[(x << HopKernel.HALIDE_BITS) | HopKernel.halideCounts(wh)]
                * field[HopKernel.SLOT_DZ[k * Lattice.Z + slot]];
    }

    /** Philox4x32-10 of counter (c0..c3) under key (k0, k1), into out[0..4). */
    public static void philox(int k0, int k1, int c0, int c1, int c2, int c3, int[] out) {
        for (int r = 0; r < 10; r++) {
            long p0 = M0 * (c0 & 0xFFFFFFFFL);
            long p1 = M1 * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** The trial's pick among n (vacancies, list entries) from its Philox block: 64 bits, multiply-high (bias &lt; n/2^64). */
    static int pick(int[] r, long n) {
        return (int) Math.unsignedMultiplyHigh(((long) r[0] << 32) | (r[1] & 0xFFFFFFFFL), n);
    }

    /** The trial's neighbour slot: 3 bits of its Philox block. */
    static int slot(int[] r) {
        return r[2] & 7;
    }

    /** The trial's acceptance uniform in [0, 1): 53 bits of its Philox block. */
    static double uniform(int[] r) {
        return ((((long) r[3] & 0xFFFFFFFFL) << 21) | (r[2] >>> 11)) * 0x1.0p-53;
    }

    /** dz+1 of slot j on sublattice k, [k·8 + j] (a copy of {@link HopKernel#SLOT_DZ} for device upload). */
    public static int[] slotDz() {
        int[] a = new int[3 * Lattice.Z];
        for (int i = 0; i < a.length; i++) a[i] = HopKernel.SLOT_DZ[i];
        return a;
    }

    /** The halide's z displacement for a hop through slot j of a vacancy on sublattice k, [k·8 + j]. */
    public static int[] moveZ() {
        int[] a = new int[3 * Lattice.Z];
        for (int i = 0; i < a.length; i++) a[i] = HopKernel.HALIDE_MOVE[i * 3 + 2];
        return a;
    }

    /** The factorised tables and their bound, rebuilt at every drive-grid point. */
    public record Tables(double[] fv, double[] gh, double[] field, double rmax) {
        /** From a rate table, every halide possibly present. */
        public static Tables of(RateTable t) {
            return of(t, new boolean[] {true, true, true});
        }

        /**
         * From a rate table, for a system holding only the halides with present[x] (x = 0, 1, 2
         * for Cl, Br, I): the bound Rmax is the largest rate of any configuration such a system
         * can reach — the vacancy has the hopping halide among its 8 neighbours, the halide has the
         * vacancy among its own (so at most 7 halide neighbours), absent halides count 0. F and G
         * depend on disjoint counts, so the largest product is the product of the largest factors.
         * Fails when the table does not factorise (then there is no F·G bound).
         */
        public static Tables of(RateTable t, boolean[] present) {
            HopKernel.Factors f = new HopKernel.Factors();
            f.build(t);
            if (!f.valid) throw new IllegalArgumentException("hop rates do not factorise into F·G: the uniformized engine needs the mixing/field terms only");
            // the bound is taken in the kernel's own operation order, and rounding is monotone, so no
            // rate (F·G)·field can round above it
            double rmax = 0, fieldMax = 0;
            for (double x : t.field) fieldMax = Math.max(fieldMax, x);
            for (int x = 0; x < 3; x++) {
                if (!present[x]) continue;
                double mf = 0, mg = 0;
                for (int cl = 0; cl <= Lattice.Z; cl++) {
                    for (int br = 0; cl + br <= Lattice.Z; br++) {
                        for (int i = 0; cl + br + i <= Lattice.Z; i++) {
                            int[] n = {cl, br, i};
                            if (cl > 0 && !present[0] || br > 0 && !present[1] || i > 0 && !present[2]) continue;
                            int idx = (x << HopKernel.HALIDE_BITS) | cl | br << 4 | i << 8;
                            if (n[x] >= 1) mf = Math.max(mf, f.fv[idx]);
                            if (cl + br + i < Lattice.Z) mg = Math.max(mg, f.gh[idx]);
                        }
                    }
                }
                rmax = Math.max(rmax, mf * mg * fieldMax);
            }
            return new Tables(f.fv, f.gh, t.field.clone(), rmax);
        }
    }

    /** Neighbour j of site s (packed word w): computed for regular sites, from the table otherwise. */
    static int neighbour(int s, int w, int j, int[] nb, int[] off) {
        return (w & Occupancy.REGULAR) != 0 ? s + off[(s % 3) * Lattice.Z + j] : nb[s * Lattice.Z + j];
    }

    /**
     * Runs trials [start, start + count) of member {@code member} on its packed words and vacancy
     * list (n vacancies), in order. Returns the hops fired; adds the halides' net z displacement (half
     * lattice constants) to dz[0].
     */
    public static long runTrials(int[] words, int[] vac, int n, int[] nb, int[] off, Tables t,
                                 int key0, int key1, int member, long start, long count, long[] dz) {
        int[] r = new int[4];
        double[] fv = t.fv(), gh = t.gh(), field = t.field();
        double rmax = t.rmax();
        long events = 0, moved = 0;
        for (long trial = start, end = start + count; trial < end; trial++) {
            philox(key0, key1, (int) trial, (int) (trial >>> 32), member, STREAM_TAG, r);
            int id = pick(r, n);
            int slot = slot(r);
            double u = uniform(r);
            int v = vac[id];
            int wv = words[v];
            int h = neighbour(v, wv, slot, nb, off);
            int wh = words[h];
            int x = (wh & Occupancy.SPECIES_MASK) - Species.CL;
            if (x < 0 || x >= 3) continue;
            int k = v % 3;
            double rate = UniformizedKernel.trialRate(x, k, slot, wv, wh, fv, gh, field);
            if (!(u * rmax < rate)) continue;
            hop(words, vac, id, v, wv, h, wh, x + Species.CL, nb, off);
            events++;
            moved += HopKernel.HALIDE_MOVE[(k * Lattice.Z + slot) * 3 + 2];
        }
        dz[0] += moved;
        return events;
    }

    /**
     * Vacancy id at v swaps with halide sx at h: 18 integer additions (two species bytes, 16
     * neighbour counts), which commute, so the GPU may apply them in any order with atomics.
     */
    static void hop(int[] words, int[] vac, int id, int v, int wv, int h, int wh, int sx, int[] nb, int[] off) {
        int toX = Occupancy.countUnit(sx) - Occupancy.countUnit(Species.VACANCY);
        words[v] += sx - Species.VACANCY;
        words[h] += Species.VACANCY - sx;
        for (int j = 0; j < Lattice.Z; j++) {
            words[neighbour(v, wv, j, nb, off)] += toX;
            words[neighbour(h, wh, j, nb, off)] -= toX;
        }
        vac[id] = h;
    }
}
