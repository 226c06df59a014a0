package io.halidekmc.lattice;

import org.apache.commons.rng.UniformRandomProvider;

import java.util.List;

/**
 * Random initial configurations: each segment a random alloy of its composition, with an exact
 * number of vacancies placed uniformly over all active sites. Exact counts (not per-site coin
 * flips) so the composition the scenario asks for is the composition simulated.
 */
public final class InitialState {
    private InitialState() {}

    public static Occupancy randomAlloy(Lattice lattice, List<Segment> segments, double vacancyFraction,
                                        UniformRandomProvider rng) {
        if (vacancyFraction < 0 || vacancyFraction >= 1) {
            throw new IllegalArgumentException("vacancy fraction must be in [0, 1)");
        }
        int n = lattice.sites();
        byte[] species = new byte[n + 1];
        int[] active = new int[lattice.activeSites()];
        int na = 0;
        for (int s = 0; s < n; s++) {
            if (lattice.isActiveFast(s)) {
                active[na++] = s;
            } else {
                species[s] = Species.WALL;
            }
        }
        // halides per segment: shuffle the segment's sites, then fill in exact proportions
        int lastLayer = segments.getLast().toZ() - 1;
        for (Segment seg : segments) {
            int[] sites = sitesIn(lattice, active, na, seg, lastLayer);
            shuffle(sites, rng);
            int m = sites.length;
            int nCl = (int) Math.round(seg.fractions()[Species.CL] * m);
            int nBr = (int) Math.round(seg.fractions()[Species.BR] * m);
            nBr = Math.min(nBr, m - nCl);
            for (int i = 0; i < m; i++) {
                species[sites[i]] = i < nCl ? Species.CL : i < nCl + nBr ? Species.BR : Species.I;
            }
        }
        placeVacancies(species, active, na, vacancyFraction, rng);
        return new Occupancy(lattice, species);
    }

    /** Empties round(f·na) distinct active sites, by a partial Fisher–Yates over {@code active[0..na)} (reorders it). */
    static void placeVacancies(byte[] species, int[] active, int na, double vacancyFraction, UniformRandomProvider rng) {
        int nv = (int) Math.round(vacancyFraction * na);
        for (int i = 0; i < nv; i++) {
            int r = i + rng.nextInt(na - i);
            int t = active[i];
            active[i] = active[r];
            active[r] = t;
            species[active[i]] = Species.VACANCY;
        }
    }

    public static Occupancy randomAlloy(Lattice lattice, double[] fractions, double vacancyFraction,
                                        UniformRandomProvider rng) {
        return randomAlloy(lattice, List.of(new Segment(0, lattice.layersZ(), fractions)), vacancyFraction, rng);
    }

    private static int[] sitesIn(Lattice lattice, int[] active, int na, Segment seg, int lastLayer) {
        int count = 0;
        for (int i = 0; i < na; i++) if (inSegment(lattice, active[i], seg, lastLayer)) count++;
        int[] out = new int[count];
        int c = 0;
        for (int i = 0; i < na; i++) if (inSegment(lattice, active[i], seg, lastLayer)) out[c++] = active[i];
        return out;
    }

    /** Layers beyond the last segment (the closing face of an open z axis) belong to it. */
    private static boolean inSegment(Lattice lattice, int s, Segment seg, int lastLayer) {
        int layer = Math.min(lattice.zHalf(s) >> 1, lastLayer);
        return layer >= seg.fromZ() && layer < seg.toZ();
    }

    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int r = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[r];
            a[r] = t;
        }
    }

    /** Fractions array (indexed by species code) from Cl, Br, I fractions. */
    public static double[] fractions(double cl, double br, double in) {
        double[] f = new double[Species.COUNT];
        f[Species.CL] = cl;
        f[Species.BR] = br;
        f[Species.I] = in;
        return f;
    }
}
