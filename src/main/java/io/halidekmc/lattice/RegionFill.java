package io.halidekmc.lattice;

import org.apache.commons.rng.UniformRandomProvider;

import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Fills a lattice region by region, each a random alloy of its own composition with exact counts
 * (as {@link InitialState#randomAlloy} fills segments), then places round(x_V · active sites)
 * vacancies uniformly over the whole crystal.
 */
final class RegionFill {
    private RegionFill() {}

    /**
     * @param region    region index of a site from its position in half lattice constants
     * @param fractions composition of each region, by species code
     */
    static Occupancy fill(Lattice lattice, ToIntFunction<int[]> region, double[][] fractions, double vacancyFraction,
                          UniformRandomProvider rng) {
        int n = lattice.sites();
        byte[] species = new byte[n + 1];
        int[] regionOf = new int[n];
        int[] size = new int[fractions.length];
        int[] p = new int[3];
        int na = 0;
        for (int s = 0; s < n; s++) {
            if (!lattice.isActiveFast(s)) {
                species[s] = Species.WALL;
                regionOf[s] = -1;
                continue;
            }
            lattice.position(s, p);
            regionOf[s] = region.applyAsInt(p);
            size[regionOf[s]]++;
            na++;
        }
        int[][] sites = new int[fractions.length][];
        for (int r = 0; r < sites.length; r++) sites[r] = new int[size[r]];
        int[] fillCount = new int[fractions.length];
        int[] active = new int[na];
        int a = 0;
        for (int s = 0; s < n; s++) {
            if (regionOf[s] < 0) continue;
            sites[regionOf[s]][fillCount[regionOf[s]]++] = s;
            active[a++] = s;
        }
        for (int r = 0; r < sites.length; r++) {
            int[] rs = sites[r];
            shuffle(rs, rng);
            int m = rs.length;
            int nCl = (int) Math.round(fractions[r][Species.CL] * m);
            int nBr = Math.min((int) Math.round(fractions[r][Species.BR] * m), m - nCl);
            for (int i = 0; i < m; i++) species[rs[i]] = i < nCl ? Species.CL : i < nCl + nBr ? Species.BR : Species.I;
        }
        InitialState.placeVacancies(species, active, na, vacancyFraction, rng);
        return new Occupancy(lattice, species);
    }

    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int r = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[r];
            a[r] = t;
        }
    }

    /** "Br0.9 I0.1": a composition for /meta. */
    static String formula(double[] f) {
        StringBuilder sb = new StringBuilder();
        String[] sym = {"", "Cl", "Br", "I"};
        for (int x = Species.CL; x <= Species.I; x++) {
            if (f[x] > 0) sb.append(sb.isEmpty() ? "" : " ").append(sym[x]).append(String.format(Locale.ROOT, "%.3g", f[x]));
        }
        return sb.toString();
    }
}
