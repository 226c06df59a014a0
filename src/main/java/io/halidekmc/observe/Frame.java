package io.halidekmc.observe;

/**
 * Observables of one output time (DESIGN §7), one row of /timeseries.
 *
 * @param time          simulated time, s
 * @param events        hops fired since the start
 * @param temperature   K
 * @param field         V/m along +z
 * @param fractions     site fractions of vacancy, Cl, Br, I over active sites (species codes 0..3)
 * @param vacancies     vacancy count
 * @param order         segregation order parameter: 1 − P(unlike halide pair)/P_random, 0 for a
 *                      random alloy, → 1 when fully segregated (Warren–Cowley, all halide pairs)
 * @param surfaceIodide I fraction among halides on surface sites (NaN without surfaces)
 * @param netHalideDz   net halide displacement along z summed over hops, m
 * @param reservoir     halides held in the surface reservoir, by species code (zeros without one)
 * @param light         illumination, W/cm²
 * @param strain        misfit strain ε = ā/a_ref − 1 of the NC (film: mean over NCs); NaN without physics.strain
 * @param radialContrast x_I(surface shell) − x_I(core) of the {@link RadialProfile} (NaN without one)
 * @param energy        configurational energy, eV: the active energy terms' totals summed over every
 *                      lattice (film: over its members); NaN where no lattice is on the host (GPU film)
 * @param plPeak        synthetic PL peak, nm (NaN without PL)
 * @param frozenFraction share of the halide sites held by non-perovskite (N) octahedra, frozen in
 *                      place (engine/event/PhaseEvents); 0 without phase conversion, NaN where the
 *                      lattice stays on a GPU. The {@code fractions} count the perovskite sites only.
 */
public record Frame(double time, long events, double temperature, double field, double[] fractions,
                   long vacancies, double order, double surfaceIodide, double netHalideDz, long[] reservoir,
                   double light, double strain, double radialContrast, double energy, double plPeak, double frozenFraction) {

    public Frame(double time, long events, double temperature, double field, double[] fractions,
                 long vacancies, double order, double surfaceIodide, double netHalideDz, long[] reservoir,
                 double light, double strain, double radialContrast) {
        this(time, events, temperature, field, fractions, vacancies, order, surfaceIodide, netHalideDz, reservoir, light, strain,
                radialContrast, Double.NaN, Double.NaN, 0);
    }

    /** Without a radial profile (bulk, slab, wire). */
    public Frame(double time, long events, double temperature, double field, double[] fractions,
                 long vacancies, double order, double surfaceIodide, double netHalideDz, long[] reservoir,
                 double light, double strain) {
        this(time, events, temperature, field, fractions, vacancies, order, surfaceIodide, netHalideDz, reservoir, light, strain,
                Double.NaN);
    }

    public Frame withReservoir(long[] r) {
        return new Frame(time, events, temperature, field, fractions, vacancies, order, surfaceIodide, netHalideDz, r, light, strain, radialContrast, energy, plPeak, frozenFraction);
    }

    public Frame withLight(double l) {
        return new Frame(time, events, temperature, field, fractions, vacancies, order, surfaceIodide, netHalideDz, reservoir, l, strain, radialContrast, energy, plPeak, frozenFraction);
    }

    public Frame withStrain(double e) {
        return new Frame(time, events, temperature, field, fractions, vacancies, order, surfaceIodide, netHalideDz, reservoir, light, e, radialContrast, energy, plPeak, frozenFraction);
    }

    public Frame withRadialContrast(double c) {
        return new Frame(time, events, temperature, field, fractions, vacancies, order, surfaceIodide, netHalideDz, reservoir, light, strain, c, energy, plPeak, frozenFraction);
    }

    public Frame withDiagnostics(double e, double peak) {
        return new Frame(time, events, temperature, field, fractions, vacancies, order, surfaceIodide, netHalideDz, reservoir, light, strain,
                radialContrast, e, peak, frozenFraction);
    }

    public Frame withFrozenFraction(double x) {
        return new Frame(time, events, temperature, field, fractions, vacancies, order, surfaceIodide, netHalideDz, reservoir, light, strain,
                radialContrast, energy, plPeak, x);
    }
}
