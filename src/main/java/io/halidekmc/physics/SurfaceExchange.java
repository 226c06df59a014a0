package io.halidekmc.physics;

import io.halidekmc.lattice.Species;

/**
 * Halide exchange between surface X sites of a nanocrystal and a surface reservoir (ligand shell /
 * adsorbed layer) that holds released halides: the equilibrium vacancy source and sink of a
 * nanocrystal (DESIGN §3, TARGETS C1), so the vacancy population follows temperature.
 *
 * <p>The reservoir is a mean-field lattice gas of M = {@code sitesPerSurfaceSite} × (surface X
 * sites) places shared by all released halides; its energy is Σ_X ε_X·N_X + U·N²/(2M) (U > 0:
 * mutual repulsion of released halides, the force that holds them in a spread-out distribution
 * in the picture of 001). Moving halide X from surface site s into the reservoir changes the
 * energy by ΔE = −Σ_n V(X, s_n) + ε_X + U·(2N+1)/(2M) and opens a vacancy; the reverse fills a
 * surface vacancy. Rates follow the same kinetically-resolved form as hops, times the lattice-gas
 * factors (M − N)/M for release and N_X/M for refilling, which is exactly detailed balance with
 * the reservoir's configurational entropy.
 *
 * @param attemptFrequency    ν, s⁻¹
 * @param activation          E_a per species code (eV): the barrier of the exchange hop
 * @param reservoirEnergy     ε_X per species code (eV): energy of a halide in the reservoir
 *                            relative to a lattice site with no unlike neighbours; with the pair
 *                            energies it sets the vacancy formation energy at the surface
 * @param repulsion           U, eV (≥ 0)
 * @param sitesPerSurfaceSite reservoir places per surface X site (> 0)
 */
public record SurfaceExchange(double attemptFrequency, double[] activation, double[] reservoirEnergy,
                              double repulsion, double sitesPerSurfaceSite) {
    public SurfaceExchange {
        if (!(attemptFrequency > 0) || !(repulsion >= 0) || !(sitesPerSurfaceSite > 0)) {
            throw new IllegalArgumentException("surface exchange needs ν > 0, U ≥ 0, reservoir sites > 0");
        }
        if (activation.length != Species.COUNT || reservoirEnergy.length != Species.COUNT) {
            throw new IllegalArgumentException("per-species arrays need " + Species.COUNT + " entries");
        }
    }

    /**
     * The exchange seen from a lattice whose sites each stand for b³ cells: a coarse surface site
     * covers b² surface sites but holds b³ cells' worth of halide, so its events run 1/b as often
     * per site, and the reservoir is 1/b as large per coarse surface site (N/M is kept).
     */
    public SurfaceExchange coarse(int b) {
        if (b == 1) return this;
        return new SurfaceExchange(attemptFrequency / b, activation, reservoirEnergy, repulsion, sitesPerSurfaceSite / b);
    }

    /** Same activation and reservoir energy for every halide. */
    public static SurfaceExchange uniform(double nu, double activation, double reservoirEnergy, double repulsion,
                                          double sitesPerSurfaceSite) {
        double[] a = new double[Species.COUNT], e = new double[Species.COUNT];
        for (int x = Species.CL; x <= Species.I; x++) {
            a[x] = activation;
            e[x] = reservoirEnergy;
        }
        return new SurfaceExchange(nu, a, e, repulsion, sitesPerSurfaceSite);
    }
}
