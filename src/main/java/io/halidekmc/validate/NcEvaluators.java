package io.halidekmc.validate;

import io.halidekmc.observe.Frame;
import io.halidekmc.run.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluators of the reduced nanocrystal cases A1r–A4r (REBUILD-PLAN §7 S1): what the segregated
 * state must look like, read at the end of the light phase and at the end of the run, rather than
 * how fast the PL moves (which {@link PlTimes} measures against the model's own plateau, and so
 * cannot notice a wrong plateau: issue 24).
 */
final class NcEvaluators {
    static final Map<String, Evaluator> ALL = new LinkedHashMap<>();

    static {
        ALL.put("radial_contrast_after_light", runs -> contrastAfterLight(Evaluators.single(runs)));
        ALL.put("pl_shift_under_light_nm", runs -> shiftUnderLight(Evaluators.single(runs)));
        ALL.put("pl_return_after_dark_nm", runs -> returnAfterDark(Evaluators.single(runs)));
        ALL.put("pl_plateau_under_light_nm", runs -> plateauUnderLight(Evaluators.single(runs)));
    }

    private NcEvaluators() {}

    /** x_I(surface) − x_I(core) in the last frame with the light on (NaN without a radial profile or light). */
    static double contrastAfterLight(RunResult r) {
        int[] iv = PlTimes.lightInterval(r.frames());
        if (iv[0] < 0) return Double.NaN;
        return r.frames().get(iv[1] - 1).radialContrast();
    }

    /** Blue shift of the PL peak from its initial value to its plateau under light (the last 10 % of the light phase), nm. */
    static double shiftUnderLight(RunResult r) {
        List<Frame> f = r.frames();
        double[] p = r.plPeaks();
        int[] iv = PlTimes.lightInterval(f);
        if (iv[0] < 0 || p.length != f.size()) return Double.NaN;
        return p[0] - PlTimes.plateau(p, iv[0], iv[1]);
    }

    /**
     * The PL peak's plateau under light (mean over the last 10 % of the light phase), nm: the
     * absolute value TARGETS §D measures (≈ 505 nm), which the timing cases cannot see because
     * they measure against the model's own plateau (issue 24).
     */
    static double plateauUnderLight(RunResult r) {
        List<Frame> f = r.frames();
        double[] p = r.plPeaks();
        int[] iv = PlTimes.lightInterval(f);
        if (iv[0] < 0 || p.length != f.size()) return Double.NaN;
        return PlTimes.plateau(p, iv[0], iv[1]);
    }

    /** |final PL peak − initial PL peak| after the dark phase, nm (NaN when the run ends under light). */
    static double returnAfterDark(RunResult r) {
        List<Frame> f = r.frames();
        double[] p = r.plPeaks();
        int[] iv = PlTimes.lightInterval(f);
        if (iv[0] < 0 || iv[1] >= f.size() || p.length != f.size()) return Double.NaN;
        return Math.abs(p[p.length - 1] - p[0]);
    }
}
