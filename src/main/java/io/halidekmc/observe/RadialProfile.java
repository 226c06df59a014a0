package io.halidekmc.observe;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

import java.util.List;

/**
 * Composition of a nanocrystal from its core to its surface at one output time (issue 24: a
 * segregated crystal must show I-rich and Br-rich regions apart in space; REBUILD-PLAN §7 S1).
 *
 * <p>Shells are cubic, by the Chebyshev distance d = max|p − c| of a site's position p (in half
 * lattice constants) from the centre c of the n-cell crystal. Every site with a cut bond has an
 * even coordinate at 0 or 2n, so d = n holds exactly for the surface sites: the outermost shell
 * is the surface layer, no more and no less. Below it the shells are one lattice constant thick
 * (d ∈ {n − 2o + 1, n − 2o} at depth o ≥ 1), so each holds one face-type and one edge-type layer
 * of X sites and no shell is a lone half-layer. A film's crystals differ in size; their shells are
 * aligned at the surface (depth o) and summed, and radii are those of the largest crystal.
 *
 * @param time      s
 * @param radius    outer Chebyshev radius of each shell, model lattice cells, core → surface
 * @param counts    [shell][species code]: sites holding vacancy, Cl, Br, I (the last shell: surface);
 *                  halides of non-perovskite octahedra (frozen codes) count as their halide
 * @param reservoir halides held off the lattice in the surface reservoir, by species code: the
 *                  "outside" entry of the profile (zeros without a reservoir)
 * @param worstVacancyFraction the largest halide-site vacancy fraction of any one crystal
 */
public record RadialProfile(double time, double[] radius, long[][] counts, long[] reservoir, double worstVacancyFraction) {

    /**
     * The profile of one crystal or the surface-aligned sum over a film's crystals.
     *
     * @throws IllegalArgumentException for a sample that is not an open cube (bulk, slab, wire)
     */
    public static RadialProfile of(List<Occupancy> samples, long[] reservoir, double time) {
        int largest = 0;
        for (Occupancy o : samples) largest = Math.max(largest, edge(o.lattice));
        int shells = shellCount(largest);
        long[][] c = new long[shells][Species.COUNT];
        int[] p = new int[3];
        double worst = 0;
        for (Occupancy o : samples) {
            Lattice lat = o.lattice;
            int n = edge(lat);
            long vacancies = 0, halideSites = 0;
            for (int s = 0; s < lat.sites(); s++) {
                // a halide held by an N octahedron is still in the crystal: counted as its halide
                int a = Species.halideOf(o.species[s]);
                if (a >= Species.COUNT) continue;
                lat.position(s, p);
                c[shells - 1 - depth(n, p)][a]++;
                halideSites++;
                if (a == Species.VACANCY) vacancies++;
            }
            if (halideSites > 0) worst = Math.max(worst, (double) vacancies / halideSites);
        }
        double[] r = new double[shells];
        for (int i = 0; i < shells; i++) r[i] = outerDistance(largest, shells - 1 - i) / 2.0;
        return new RadialProfile(time, r, c, reservoir.clone(), worst);
    }

    /** Shells of an n-cell crystal: the surface plus one per lattice constant down to the central site (d ≥ 1 always). */
    static int shellCount(int n) {
        return n / 2 + 1;
    }

    /** Depth below the surface of the site at p (half lattice constants) in an n-cell crystal; 0 = surface layer. */
    static int depth(int n, int[] p) {
        int d = Math.max(Math.abs(p[0] - n), Math.max(Math.abs(p[1] - n), Math.abs(p[2] - n)));
        return (n - d + 1) / 2;
    }

    /** Outer Chebyshev distance (half lattice constants) of the shell at depth o. */
    static int outerDistance(int n, int o) {
        return o == 0 ? n : n - 2 * o + 1;
    }

    private static int edge(Lattice lat) {
        int n = lat.cellsX();
        if (lat.cellsY() != n || lat.cellsZ() != n || lat.periodic(0) || lat.periodic(1) || lat.periodic(2)) {
            throw new IllegalArgumentException("a radial profile needs a nanocrystal (an open cube), got "
                    + lat.cellsX() + "×" + lat.cellsY() + "×" + lat.cellsZ() + " cells");
        }
        return n;
    }

    public int shells() {
        return counts.length;
    }

    public int surfaceShell() {
        return counts.length - 1;
    }

    /** Sites of a shell (all species, vacancies included). */
    public long sites(int shell) {
        long n = 0;
        for (long v : counts[shell]) n += v;
        return n;
    }

    /** Fraction of a shell's sites holding the species (the profile as plotted and written). */
    public double fraction(int shell, int species) {
        long n = sites(shell);
        return n == 0 ? Double.NaN : (double) counts[shell][species] / n;
    }

    /** Halide sites of the surface layer (film: summed over the crystals). */
    public long surfaceSites() {
        return sites(surfaceShell());
    }

    /** Sites of the species on the lattice, all shells. */
    public long onLattice(int species) {
        long n = 0;
        for (long[] row : counts) n += row[species];
        return n;
    }

    /** Vacancy fraction of all halide sites (film: pooled over the crystals). */
    public double vacancyFraction() {
        long all = 0;
        for (int i = 0; i < shells(); i++) all += sites(i);
        return all == 0 ? Double.NaN : (double) onLattice(Species.VACANCY) / all;
    }

    /**
     * x_I(surface shell) − x_I(core), I counted among the halides of each region (not among its
     * sites) so that a vacancy-rich shell does not read as I-poor: segregation is about where Br
     * and I are, vacancies are bounded by their own check. Core = the shells whose outer radius is
     * at most half the crystal's (the inner half by radius). 0 for a uniform crystal; NaN where
     * the core or surface holds no halide (a crystal of one or two shells).
     */
    public double contrast() {
        double half = radius[surfaceShell()] / 2;
        long coreI = 0, coreHalides = 0;
        for (int i = 0; i < surfaceShell() && radius[i] <= half; i++) {
            coreI += counts[i][Species.I];
            coreHalides += halides(i);
        }
        long surfHalides = halides(surfaceShell());
        if (coreHalides == 0 || surfHalides == 0) return Double.NaN;
        return (double) counts[surfaceShell()][Species.I] / surfHalides - (double) coreI / coreHalides;
    }

    private long halides(int shell) {
        return counts[shell][Species.CL] + counts[shell][Species.BR] + counts[shell][Species.I];
    }
}
