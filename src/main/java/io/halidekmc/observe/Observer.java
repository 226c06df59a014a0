package io.halidekmc.observe;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/** Computes {@link Frame}s and {@link Profile}s from an occupancy: O(sites) per call. */
public final class Observer {
    private Observer() {}

    public static Frame frame(Occupancy o, double time, long events, double temperature, double field,
                              double netHalideDzMetres) {
        return frame(java.util.List.of(o), time, events, temperature, field, netHalideDzMetres);
    }

    /**
     * A frame of one sample or a film: fractions, vacancies and surface statistics summed over the samples; the
     * order parameter from the summed pair counts (so each pair counts once, whatever the NC). The
     * fractions and the order parameter are those of the perovskite; the halides frozen in N
     * octahedra enter the frozen fraction only.
     */
    public static Frame frame(java.util.List<Occupancy> samples, double time, long events, double temperature, double field,
                              double netHalideDzMetres) {
        long[] census = new long[Species.COUNT];
        long[][] pairs = new long[Species.COUNT][Species.COUNT];
        long[] surf = new long[2];
        long[] frozen = new long[1];
        for (Occupancy o : samples) tally(o, census, pairs, surf, frozen);
        long sites = frozen[0];
        for (long c : census) sites += c;
        Frame f = frame(census, pairs, surf, time, events, temperature, field, netHalideDzMetres);
        return f.withFrozenFraction(sites == 0 ? 0 : (double) frozen[0] / sites);
    }

    /** A frame from the sums of {@link FrameCounts} (an engine that keeps its lattice on a GPU). */
    public static Frame frame(long[] counts, double time, long events, double temperature, double field, double netHalideDzMetres) {
        long[] census = java.util.Arrays.copyOf(counts, Species.COUNT);
        long[][] pairs = new long[Species.COUNT][Species.COUNT];
        for (int a = Species.CL; a <= Species.I; a++) {
            for (int b = Species.CL; b <= Species.I; b++) pairs[a][b] = counts[4 + 3 * (a - Species.CL) + (b - Species.CL)];
        }
        return frame(census, pairs, new long[] {counts[13], counts[14]}, time, events, temperature, field, netHalideDzMetres);
    }

    private static Frame frame(long[] census, long[][] pairs, long[] surf, double time, long events, double temperature,
                               double field, double netHalideDzMetres) {
        long active = 0;
        for (long c : census) active += c;
        double[] fr = new double[Species.COUNT];
        for (int i = 0; i < Species.COUNT; i++) fr[i] = active == 0 ? 0 : (double) census[i] / active;
        return new Frame(time, events, temperature, field, fr, census[Species.VACANCY], orderParameter(census, pairs),
                surf[0] == 0 ? Double.NaN : (double) surf[1] / surf[0], netHalideDzMetres, new long[Species.COUNT], 0, Double.NaN);
    }

    private static void tally(Occupancy o, long[] census, long[][] pairs, long[] surf, long[] frozen) {
        Lattice lat = o.lattice;
        byte[] sp = o.species;
        int[] nb = lat.neighbours();
        byte[] flags = lat.flags();
        for (int s = 0; s < lat.sites(); s++) {
            int a = sp[s];
            if (a >= Species.COUNT) {
                if (Species.isFrozen(a)) frozen[0]++;
                continue;
            }
            census[a]++;
            if (!Species.isHalide(a)) continue;
            if ((flags[s] & Lattice.SURFACE) != 0) {
                surf[0]++;
                if (a == Species.I) surf[1]++;
            }
            int row = s * Lattice.Z;
            for (int j = 0; j < Lattice.Z; j++) {
                int b = sp[nb[row + j]];
                if (Species.isHalide(b)) pairs[a][b]++;
            }
        }
    }

    /** 1 − (unlike halide pair fraction)/(1 − Σ x_i²); NaN for a single-halide sample. */
    static double orderParameter(long[] census, long[][] pairs) {
        long halides = 0;
        for (int a = Species.CL; a <= Species.I; a++) halides += census[a];
        double random = 1;
        for (int a = Species.CL; a <= Species.I; a++) {
            double x = (double) census[a] / halides;
            random -= x * x;
        }
        long all = 0, unlike = 0;
        for (int a = Species.CL; a <= Species.I; a++) {
            for (int b = Species.CL; b <= Species.I; b++) {
                all += pairs[a][b];
                if (a != b) unlike += pairs[a][b];
            }
        }
        if (random < 1e-12 || all == 0) return Double.NaN;
        return 1 - ((double) unlike / all) / random;
    }

    public static Profile profile(Occupancy o, double time) {
        Lattice lat = o.lattice;
        long[][] c = new long[lat.layersZ()][Species.COUNT];
        for (int s = 0; s < lat.sites(); s++) {
            int a = o.species[s];
            if (a < Species.COUNT) c[lat.zHalf(s) >> 1][a]++;
        }
        return new Profile(time, c);
    }

    public static Snapshot snapshot(Occupancy o, double time) {
        byte[] copy = new byte[o.lattice.sites()];
        System.arraycopy(o.species, 0, copy, 0, copy.length);
        return new Snapshot(time, copy);
    }
}
