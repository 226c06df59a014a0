package io.halidekmc.validate;

import java.nio.file.Path;
import java.util.Map;

/**
 * One row of TARGETS.md as a runnable check: the scenario runs it needs, the evaluator that turns
 * them into one number, and either a numeric target with a relative tolerance or a condition.
 *
 * @param runs      run name → scenario file (absolute)
 * @param runOverrides run name → overrides of that run only (applied after {@code overrides})
 * @param overrides scenario key-path overrides for every run
 * @param reduced   extra overrides for the reduced (CI) form: same physics, smaller
 * @param target    numeric target, or null when {@code passIf} decides
 * @param tolerance relative tolerance on {@code target}
 * @param passIf    condition on the simulated value, or null
 * @param criteria  further conditions the case must meet, each on its own evaluator (REPORT.md lists each)
 */
public record ValidationCase(Path file, String id, String title, String source, String use, Map<String, Path> runs,
                             Map<String, Map<String, Object>> runOverrides,
                             Map<String, Object> overrides, Map<String, Object> reduced, String evaluator, String unit,
                             Double target, double tolerance, Condition passIf, String note, java.util.List<Criterion> criteria) {

    /** Without further criteria. */
    public ValidationCase(Path file, String id, String title, String source, String use, Map<String, Path> runs,
                          Map<String, Map<String, Object>> runOverrides,
                          Map<String, Object> overrides, Map<String, Object> reduced, String evaluator, String unit,
                          Double target, double tolerance, Condition passIf, String note) {
        this(file, id, title, source, use, runs, runOverrides, overrides, reduced, evaluator, unit, target, tolerance, passIf, note,
                java.util.List.of());
    }

    /** One entry of a case file's {@code criteria:} list: an evaluator and the condition its value must meet. */
    public record Criterion(String evaluator, Condition passIf, String unit) {}

    /** {@code op value}, e.g. {@code <= 60}. */
    public record Condition(String op, double value) {
        public boolean test(double v) {
            return switch (op) {
                case "<" -> v < value;
                case "<=" -> v <= value;
                case ">" -> v > value;
                case ">=" -> v >= value;
                default -> throw new IllegalStateException(op);
            };
        }

        @Override
        public String toString() {
            return op + " " + fmt(value);
        }
    }

    /** Relative error against the target (NaN without a numeric target). */
    public double error(double simulated) {
        return target == null ? Double.NaN : (simulated - target) / target;
    }

    public boolean passes(double simulated) {
        if (!Double.isFinite(simulated)) return false;
        if (target != null) return Math.abs(error(simulated)) <= tolerance;
        return passIf.test(simulated);
    }

    /** What the report shows as the target. */
    public String targetText() {
        if (target != null) return fmt(target) + (unit.isEmpty() ? "" : " " + unit) + " ± " + fmt(100 * tolerance) + " %";
        return passIf + (unit.isEmpty() ? "" : " " + unit);
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return String.valueOf((long) v);
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
