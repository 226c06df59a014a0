package io.halidekmc.output;

import io.halidekmc.lattice.Species;
import io.halidekmc.observe.RadialProfile;
import io.halidekmc.run.RunResult;
import io.jhdf.api.WritableGroup;

import java.util.List;

/**
 * /profiles/radial: the core → surface composition of every output frame ({@link RadialProfile}),
 * with the reservoir as the "outside" entry, so a reader can tell segregation in space (issue 24)
 * from iodide merely leaving the lattice. Units ride on each dataset as a "units" attribute.
 */
final class RadialDatasets {
    private static final String[] NAMES = {"vacancy", "Cl", "Br", "I"};

    private RadialDatasets() {}

    static void write(WritableGroup g, RunResult r) {
        List<RadialProfile> rs = r.radial();
        int n = rs.size(), shells = rs.getFirst().shells();
        var film = r.scenario().film();
        g.putAttribute("description", "halide-site composition per shell, core (index 0) → surface layer (last index): "
                + "shells by Chebyshev distance from the crystal centre, one lattice constant thick, the last exactly the "
                + "sites with a cut bond; fraction_* = sites of the species / sites of the shell [time][shell]; reservoir_*: "
                + "halides held off the lattice (the outside entry) [time]"
                + (film == null ? "" : "; film: the " + film.count() + " crystals summed with their shells aligned at the "
                + "surface, radii those of the largest crystal"));
        g.putAttribute("contrast_definition", "x_I(surface shell) − x_I(core), I among the halides of each region; "
                + "core = shells whose outer radius is at most half the surface radius");
        g.putAttribute("cell_nm", r.latticeConstant() / 10 * r.scenario().coarseGrain());
        double[] t = new double[n], contrast = new double[n], worst = new double[n];
        double[][][] x = new double[Species.COUNT][n][shells];
        long[][][] c = new long[Species.COUNT][n][shells];
        long[][] res = new long[Species.COUNT][n];
        long[] shellSites = new long[shells];
        for (int i = 0; i < n; i++) {
            RadialProfile p = rs.get(i);
            t[i] = p.time();
            contrast[i] = p.contrast();
            worst[i] = p.worstVacancyFraction();
            for (int s = 0; s < Species.COUNT; s++) {
                res[s][i] = p.reservoir()[s];
                for (int k = 0; k < shells; k++) {
                    x[s][i][k] = p.fraction(k, s);
                    c[s][i][k] = p.counts()[k][s];
                }
            }
        }
        for (int k = 0; k < shells; k++) shellSites[k] = rs.getFirst().sites(k);
        Units.put(g, "time_s", t, "s");
        Units.put(g, "radius_cells", rs.getFirst().radius(), "model lattice cells (× cell_nm for nm)");
        Units.put(g, "shell_sites", shellSites, "halide sites");
        for (int s = 0; s < Species.COUNT; s++) {
            Units.put(g, "fraction_" + NAMES[s], x[s], "fraction of the shell's halide sites");
            Units.put(g, "count_" + NAMES[s], c[s], "sites");
        }
        for (int s = Species.CL; s <= Species.I; s++) Units.put(g, "reservoir_" + NAMES[s], res[s], "halides");
        Units.put(g, "contrast_I", contrast, "fraction (x_I surface − x_I core)");
        Units.put(g, "worst_vacancy_fraction", worst, "fraction of halide sites, the worst crystal");
    }
}
