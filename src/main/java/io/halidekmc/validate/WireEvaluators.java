package io.halidekmc.validate;

import io.halidekmc.run.RunResult;
import io.halidekmc.lattice.Species;
import io.halidekmc.observe.Frame;
import io.halidekmc.observe.WireFrame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluators of the nanowire cases (TARGETS B1, B3, B5; papers 003 and 000). Register with
 * {@code Evaluators} by name; every one reads the runs' {@link RunResult}s only.
 */
public final class WireEvaluators {
    private WireEvaluators() {}

    public static final Map<String, Evaluator> ALL;

    static {
        Map<String, Evaluator> m = new LinkedHashMap<>();
        m.put("halide_mobility_cm2_per_Vs", runs -> mobility(only(runs)));
        m.put("migration_length_nm", runs -> last(only(runs)).migrationNm());
        m.put("rectification_ratio", runs -> rectification(named(runs, "forward"), named(runs, "reverse")));
        m.put("cl_into_br_segment", runs -> last(only(runs)).clInBr());
        m.put("migration_increasing_steps", WireEvaluators::increasingSteps);
        m.put("staircase_onset_V", runs -> staircaseOnset(only(runs)));
        ALL = java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Drift mobility of the halides, cm² V⁻¹ s⁻¹: net displacement along the field per halide per
     * second over the field (a bulk box under a uniform field; physical time and length).
     */
    static double mobility(RunResult r) {
        Frame f = r.frames().getLast();
        double halides = r.activeSites() * (1 - f.fractions()[Species.VACANCY]);
        // halides drift against +z (charge −1): v = −dz/(N t)
        double v = -f.netHalideDz() / (halides * f.time());
        return v / f.field() * 1e4;
    }

    /**
     * Forward over reverse migration length; the reverse length is floored at one simulated
     * layer (physical nm), the resolution of the front, so "no motion" gives a finite ratio.
     */
    static double rectification(RunResult fwd, RunResult rev) {
        double floor = rev.latticeConstant() / 10 * rev.scenario().wire().lengthScale();
        return last(fwd).migrationNm() / Math.max(floor, Math.abs(last(rev).migrationNm()));
    }

    /**
     * Runs named by their field (e.g. "1.5", "2", "3", "4"), sorted by it: the number of
     * consecutive pairs whose final migration length grows with the field (3 of 3 for 4 runs).
     */
    static double increasingSteps(Map<String, RunResult> runs) {
        List<Map.Entry<String, RunResult>> list = new ArrayList<>(runs.entrySet());
        list.sort(Comparator.comparingDouble(e -> Math.abs(Double.parseDouble(e.getKey()))));
        int up = 0;
        for (int i = 1; i < list.size(); i++) {
            if (last(list.get(i).getValue()).migrationNm() > last(list.get(i - 1).getValue()).migrationNm()) up++;
        }
        return up;
    }

    /**
     * The bias (V over the gap) of the first step of a staircase during which the Cl fraction in
     * the Br-rich end segment rose by more than three times its change during the first (0 V)
     * step and by at least 0.001; NaN when no step does.
     */
    static double staircaseOnset(RunResult r) {
        var wd = r.scenario().wire();
        double gapM = (r.scenario().geometry().lengthZ() - 2 * wd.contactCells()) * r.latticeConstant() * 1e-10 * wd.lengthScale();
        List<Frame> fr = r.frames();
        List<WireFrame> w = r.wire();
        double noise = Double.NaN;
        int start = 0;
        for (int i = 1; i <= fr.size(); i++) {
            boolean end = i == fr.size() || fr.get(i).field() != fr.get(start).field();
            if (!end) continue;
            // a frame at a step's end records the new step's field: the step ran from start to i − 1 … i
            int stop = Math.min(i, fr.size() - 1);
            double change = w.get(stop).clInBr() - w.get(start).clInBr();
            double bias = fr.get(start).field() * gapM;
            if (Double.isNaN(noise)) {
                noise = Math.abs(change);
            } else if (change > Math.max(0.001, 3 * noise) && bias != 0) {
                return Math.abs(bias);
            }
            start = i;
        }
        return Double.NaN;
    }

    private static WireFrame last(RunResult r) {
        if (r.wire().isEmpty()) throw new IllegalArgumentException("run " + r.scenario().name() + " is not a wire device");
        return r.wire().getLast();
    }

    private static RunResult only(Map<String, RunResult> runs) {
        if (runs.size() != 1) throw new IllegalArgumentException("this evaluator reads exactly one run, got " + runs.keySet());
        return runs.values().iterator().next();
    }

    private static RunResult named(Map<String, RunResult> runs, String name) {
        RunResult r = runs.get(name);
        if (r == null) throw new IllegalArgumentException("this evaluator needs runs named 'forward' and 'reverse', got " + runs.keySet());
        return r;
    }
}
