package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.HopKernel;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/**
 * The sector steps of the {@link UniformizedSectorEngine}: the CPU twin of {@code sector_begin} and
 * {@code sector_trials} in kernels/sector_steps.cu (same arithmetic, same random numbers, so the two
 * end in the same state bit for bit). One sector's phase is uniformized trials ({@link
 * UniformizedKernel}: a candidate hop (list entry, slot) proposed at the bound Rmax, accepted with
 * Γ/Rmax) over the vacancies the sector held when its phase began.
 *
 * <p>State, flat arrays shared by all sectors (sector s owns rows [s·cap, s·cap + cap)): the
 * packed words and vacancy sites of the lattice; per sector a list of vacancy ids ({@code list},
 * {@code len}) and an outbox of ids that left it ({@code outbox}, tagged with the sector each
 * entered in {@code outTo}, {@code nOut}). The list is fixed for the phase, so the trial rate
 * 8·len·Rmax is too; a vacancy that hops out of the sector is marked −1 in the list (its later
 * trials are null events: it drops out for the rest of the window, as in {@link SectorEngine}) and
 * goes to the outbox. {@link #begin} drops the marks (keeping the order) and takes the ids the
 * touching sectors' outboxes hold for this sector, in ascending sector order, so the lists — and
 * the trajectory — do not depend on how many sectors run at once.
 *
 * <p>Writes stay within one cell of the sector (a hop writes the words of v's and h's
 * neighbours), so sectors of one colour, ≥ 2 cells apart, never share a written site. The sink of
 * cut bonds would be the exception: its word is never written here (it holds no state).
 */
public final class SectorTrialKernel {
    private SectorTrialKernel() {}

    /** Upper counter word of every sector trial block ("sect"): disjoint from the ensemble's and {@link Rng#stream}'s. */
    public static final int STREAM_TAG = 0x73656374;

    /** Thrown when a sector's list or outbox outgrows its capacity. */
    public static final class Overflow extends IllegalStateException {
        public Overflow(String message) {
            super(message);
        }
    }

    /** Sector of site s from its cell's slab indices; geo = {layers x, y, z, blocks x, y, z} ({@link SectorGrid}). */
    public static int sectorOf(int s, int[] geo) {
        int cell = s / 3;
        int x = cell % geo[0], r = cell / geo[0];
        int y = r % geo[1], z = r / geo[1];
        return (int) ((long) x * geo[3] / geo[0]) + geo[3] * ((int) ((long) y * geo[4] / geo[1]) + geo[4] * (int) ((long) z * geo[5] / geo[2]));
    }

    /**
     * Sector s's phase start: drops the entries marked −1 from its list, keeping the order, then
     * appends the ids its touching sectors (touch[touchStart[s] .. touchStart[s + 1]), ascending)
     * hold for it in their outboxes, in their order; empties its own outbox (every touching sector
     * has taken from it since its last phase). Returns the new length.
     */
    public static int begin(int s, int cap, int[] list, int[] len, int[] outbox, int[] outTo, int[] nOut,
                            int[] touch, int[] touchStart) {
        int base = s * cap, m = 0;
        for (int i = 0, n = len[s]; i < n; i++) {
            int e = list[base + i];
            if (e >= 0) list[base + m++] = e;
        }
        for (int k = touchStart[s]; k < touchStart[s + 1]; k++) {
            int t = touch[k];
            for (int i = 0, n = nOut[t]; i < n; i++) {
                if (outTo[t * cap + i] != s) continue;
                if (m == cap) throw new Overflow("sector " + s + " holds more than " + cap + " vacancies");
                list[base + m++] = outbox[t * cap + i];
            }
        }
        len[s] = m;
        nOut[s] = 0;
        return m;
    }

    /**
     * Runs trials [start, start + count) of sector s over its list (len[s] entries, fixed for the
     * phase), in order. Returns the hops fired; adds the halides' net z displacement to dz[0].
     */
    public static long runTrials(int s, int cap, int[] words, int[] vacSite, int[] list, int[] len,
                                 int[] outbox, int[] outTo, int[] nOut, int[] geo, int sink, int[] nb, int[] off,
                                 UniformizedKernel.Tables t, int key0, int key1, long start, long count, long[] dz) {
        int[] r = new int[4];
        double[] fv = t.fv(), gh = t.gh(), field = t.field();
        double rmax = t.rmax();
        int base = s * cap;
        long n = len[s];
        long events = 0, moved = 0;
        for (long trial = start, end = start + count; trial < end; trial++) {
            UniformizedKernel.philox(key0, key1, (int) trial, (int) (trial >>> 32), s, STREAM_TAG, r);
            int id = UniformizedKernel.pick(r, n);
            int slot = UniformizedKernel.slot(r);
            double u = UniformizedKernel.uniform(r);
            int e = list[base + id];
            if (e < 0) continue;
            int v = vacSite[e];
            int wv = words[v];
            int h = UniformizedKernel.neighbour(v, wv, slot, nb, off);
            int wh = words[h];
            int x = (wh & Occupancy.SPECIES_MASK) - Species.CL;
            if (x < 0 || x >= 3) continue;
            int k = v % 3;
            double rate = UniformizedKernel.trialRate(x, k, slot, wv, wh, fv, gh, field);
            if (!(u * rmax < rate)) continue;
            int sx = x + Species.CL;
            int toX = Occupancy.countUnit(sx) - Occupancy.countUnit(Species.VACANCY);
            words[v] += sx - Species.VACANCY;
            words[h] += Species.VACANCY - sx;
            for (int j = 0; j < Lattice.Z; j++) {
                int a = UniformizedKernel.neighbour(v, wv, j, nb, off);
                if (a != sink) words[a] += toX;
                int b = UniformizedKernel.neighbour(h, wh, j, nb, off);
                if (b != sink) words[b] -= toX;
            }
            vacSite[e] = h;
            events++;
            moved += HopKernel.HALIDE_MOVE[(k * Lattice.Z + slot) * 3 + 2];
            int to = sectorOf(h, geo);
            if (to != s) {
                list[base + id] = -1;
                if (nOut[s] == cap) throw new Overflow("sector " + s + " outbox holds more than " + cap + " vacancies");
                outbox[base + nOut[s]] = e;
                outTo[base + nOut[s]] = to;
                nOut[s]++;
            }
        }
        dz[0] += moved;
        return events;
    }
}
