package io.halidekmc.validate;

import io.halidekmc.lattice.Species;
import io.halidekmc.observe.RadialProfile;
import io.halidekmc.run.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a nanocrystal run must keep whatever its case measures (issue 24 "What must work" 1;
 * REBUILD-PLAN §2.5–2.7), read from its radial profiles, every frame:
 * <ul>
 *   <li>{@link #VACANCY_BOUND}: at most {@link #MAX_VACANCY_FRACTION} of any one crystal's halide
 *   sites empty;</li>
 *   <li>{@link #RESERVOIR_BOUND}: the halides held off the lattice fill at most one monolayer,
 *   i.e. no more than the surface layer's halide sites (film: summed over the crystals). On a
 *   lattice whose sites stand for b³ cells a surface site covers b² physical surface sites but a
 *   held ion stands for b³ ions, so one monolayer is surface sites / b in the model's units (at
 *   b = 6 the shipped crystal's 432 surface sites hold 72: issue 24's "≈ 6 monolayers" is 6.4 × 72);</li>
 *   <li>{@link #CONSERVATION}: lattice + reservoir of each halide equals its first-frame value
 *   exactly (the counts are integers: any difference is a lost or invented ion).</li>
 * </ul>
 */
public final class Invariants {
    public static final String VACANCY_BOUND = "vacancy_bound";
    public static final String RESERVOIR_BOUND = "reservoir_bound";
    public static final String CONSERVATION = "halide_conservation";

    /**
     * SEGREGATION-NOTES §2: the equilibrium Schottky content is of order 0.4 % (Walsh et al.,
     * Angew. Chem. 54, 1791 (2015)), and a lattice with more than 2–3 % of its halide sites empty
     * is not a perovskite; REBUILD-PLAN §2.6 takes 2 % as the hard failure (1 % the target).
     */
    public static final double MAX_VACANCY_FRACTION = 0.02;

    private Invariants() {}

    /** The three checks on one run; none for a run without radial profiles (bulk, slab, wire). */
    public static List<Check> of(String run, RunResult r) {
        return r.radial().isEmpty() ? List.of() : of(run, r.radial(), r.scenario().coarseGrain());
    }

    /** coarseGrain: cells per site along an edge (1: atomistic), see {@link #RESERVOIR_BOUND}. */
    public static List<Check> of(String run, List<RadialProfile> ps, int coarseGrain) {
        List<Check> out = new ArrayList<>();
        out.add(vacancies(run, ps));
        out.add(reservoir(run, ps, coarseGrain));
        out.add(conservation(run, ps));
        return out;
    }

    static Check vacancies(String run, List<RadialProfile> ps) {
        int worst = 0;
        for (int i = 1; i < ps.size(); i++) if (ps.get(i).worstVacancyFraction() > ps.get(worst).worstVacancyFraction()) worst = i;
        double v = ps.get(worst).worstVacancyFraction();
        return new Check(VACANCY_BOUND, "halide-site vacancy fraction ≤ " + ValidationCase.fmt(MAX_VACANCY_FRACTION)
                + " in every frame and crystal, SEGREGATION-NOTES §2", v, v <= MAX_VACANCY_FRACTION, at(run, ps.get(worst)));
    }

    /** Value: the most monolayers the reservoir held in any frame; the bound is 1. */
    static Check reservoir(String run, List<RadialProfile> ps, int coarseGrain) {
        double worst = 0;
        RadialProfile at = ps.getFirst();
        for (RadialProfile p : ps) {
            long held = p.reservoir()[Species.CL] + p.reservoir()[Species.BR] + p.reservoir()[Species.I];
            double ratio = (double) held * coarseGrain / p.surfaceSites();
            if (ratio > worst) {
                worst = ratio;
                at = p;
            }
        }
        long held = at.reservoir()[Species.CL] + at.reservoir()[Species.BR] + at.reservoir()[Species.I];
        return new Check(RESERVOIR_BOUND, "reservoir ≤ 1 monolayer (held halides ≤ surface halide sites / b), REBUILD-PLAN §2.5",
                worst, worst <= 1, at(run, at) + String.format(Locale.ROOT, " (%d held, %d surface sites, b = %d: %d per monolayer)",
                        held, at.surfaceSites(), coarseGrain, at.surfaceSites() / coarseGrain));
    }

    /** Value: the largest |lattice + reservoir − initial| over frames and halides (0 when conserved). */
    static Check conservation(String run, List<RadialProfile> ps) {
        RadialProfile first = ps.getFirst();
        long worst = 0;
        String where = run;
        for (RadialProfile p : ps) {
            for (int x = Species.CL; x <= Species.I; x++) {
                long d = Math.abs(total(p, x) - total(first, x));
                if (d > worst) {
                    worst = d;
                    where = at(run, p) + String.format(Locale.ROOT, " (%s: %d on the lattice + %d held, %d at the start)",
                            Species.name(x), p.onLattice(x), p.reservoir()[x], total(first, x));
                }
            }
        }
        return new Check(CONSERVATION, "lattice + reservoir = initial, per halide, every frame (off by 0 ions), REBUILD-PLAN §2.7",
                worst, worst == 0, where);
    }

    private static long total(RadialProfile p, int species) {
        return p.onLattice(species) + p.reservoir()[species];
    }

    private static String at(String run, RadialProfile p) {
        return String.format(Locale.ROOT, "run %s at t = %.4g s", run, p.time());
    }
}
