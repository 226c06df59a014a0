package io.halidekmc.validate;

import io.halidekmc.run.RunResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The named evaluators validation cases may use. A name may carry one number after '@'
 * ({@code recovery_after_step_s@1200}: the step time in seconds).
 */
public final class Evaluators {
    private static final Map<String, Evaluator> PLAIN = new LinkedHashMap<>();
    private static final Map<String, java.util.function.DoubleFunction<Evaluator>> WITH_ARG = new LinkedHashMap<>();

    static {
        PLAIN.put("segregation_time_s", runs -> PlTimes.segregation(only(runs)));
        PLAIN.put("remixing_time_s", runs -> PlTimes.remixing(only(runs)));
        PLAIN.put("final_peak_shift_nm", runs -> PlTimes.finalShift(only(runs)));
        PLAIN.put("segregation_time_ratio", runs -> PlTimes.segregation(named(runs, "test")) / PlTimes.segregation(named(runs, "reference")));
        PLAIN.putAll(WireEvaluators.ALL);
        PLAIN.putAll(NcEvaluators.ALL);
        WITH_ARG.put("recovery_after_step_s", step -> runs -> PlTimes.recoveryAfter(only(runs), step));
    }

    private Evaluators() {
    }

    static RunResult single(Map<String, RunResult> runs) {
        return only(runs);
    }

    private static RunResult only(Map<String, RunResult> runs) {
        if (runs.size() != 1) throw new IllegalArgumentException("this evaluator reads exactly one run, got " + runs.keySet());
        return runs.values().iterator().next();
    }

    private static RunResult named(Map<String, RunResult> runs, String name) {
        RunResult r = runs.get(name);
        if (r == null) throw new IllegalArgumentException("this evaluator needs runs named 'test' and 'reference', got " + runs.keySet());
        return r;
    }

    /** Names accepted in a case file ("name" or "name@number" for the parametrised ones). */
    public static boolean known(String name) {
        if (name == null) return false;
        int at = name.indexOf('@');
        if (at < 0) return PLAIN.containsKey(name);
        try {
            Double.parseDouble(name.substring(at + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        return WITH_ARG.containsKey(name.substring(0, at));
    }

    public static Set<String> names() {
        var s = new java.util.TreeSet<>(PLAIN.keySet());
        for (String k : WITH_ARG.keySet()) s.add(k + "@<number>");
        return s;
    }

    public static Evaluator get(String name) {
        int at = name.indexOf('@');
        if (at < 0) return PLAIN.get(name);
        return WITH_ARG.get(name.substring(0, at)).apply(Double.parseDouble(name.substring(at + 1)));
    }
}
