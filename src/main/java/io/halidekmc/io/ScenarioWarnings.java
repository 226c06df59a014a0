package io.halidekmc.io;

import io.halidekmc.drive.Schedule;
import io.halidekmc.io.yaml.YamlFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings that are valid but change nothing in the run: a user who sets {@code light: 50} on a
 * box without light-driven physics, or a heater in a microsecond-long run, believes the run shows
 * an effect it cannot show. Each is one line, {@code <file>: <key path>: <what and why>}; the CLI
 * prints them as warnings, and {@code run --strict} makes the first one an error.
 */
public final class ScenarioWarnings {
    /**
     * Below this a temperature schedule is as good as constant: at the smallest hop barrier here,
     * 0.25 eV, it moves a rate by Δln Γ = E_m ΔT / kT² = 0.25 · 0.01 / (0.0256 · 300) ≈ 3 × 10⁻⁴,
     * far below the statistical error of any rate a run measures (issue 22's threshold).
     */
    static final double MIN_TEMPERATURE_CHANGE_K = 0.01;

    private ScenarioWarnings() {}

    /** The warnings of a checked scenario (its limits after any command-line override), in key order. */
    public static List<String> of(Scenario s) {
        Map<?, ?> drives = drives(s);
        List<String> w = new ArrayList<>();
        double[] t = span(s.drive().temperature(), s.until());
        if (!(s.drive().temperature() instanceof Schedule.Constant) && t[1] - t[0] < MIN_TEMPERATURE_CHANGE_K) {
            String key = drives.get("temperature") instanceof Map<?, ?> m && m.containsKey("heater")
                    ? "drives.temperature.heater" : "drives.temperature";
            // a heater is cut into steps of 0.05 K, so in a short run it is one step: a change of exactly 0
            String change = t[1] == t[0] ? "0" : String.format(Locale.ROOT, "%.3g", t[1] - t[0]);
            w.add(String.format(Locale.ROOT, "%s: %s: changes by only %s K before run.until = %.4g s (less than %s K): "
                    + "the run is the same as at a constant temperature", s.source(), key, change, s.until(), MIN_TEMPERATURE_CHANGE_K));
        }
        double[] f = span(s.drive().field(), s.until());
        if (!s.field() && s.wire() == null && (f[0] != 0 || f[1] != 0)) {
            w.add(s.source() + ": drives." + (drives.containsKey("bias") ? "bias" : "field")
                    + ": has no effect: the field term is off (physics.field: false)");
        }
        double[] light = span(s.drive().light(), s.until());
        if (light[1] > 0 && !lightActs(s)) {
            w.add(s.source() + ": drives.light: has no effect: no light-driven term is on (physics.light_release, "
                    + "carrier_funnel or polaron with from_light: true, phase_conversion)");
        }
        return w;
    }

    /** Whether any term reads the light drive (the engines call them with Conditions.light). */
    static boolean lightActs(Scenario s) {
        return s.lightRelease() != null || s.phaseConversion() != null
                || (s.carrierFunnel() != null && s.carrierFunnel().fromLight()) || (s.polaron() != null && s.polaron().fromLight());
    }

    /**
     * {min, max} of a schedule over [0, until): closed forms for the pulse train (a microsecond
     * period over hours would be billions of pieces), the listed pieces for steps and tables.
     */
    static double[] span(Schedule sc, double until) {
        return switch (sc) {
            case Schedule.Constant c -> new double[] {c.value(), c.value()};
            case Schedule.PulseTrain p -> p.start() < until
                    ? new double[] {Math.min(p.base(), p.peak()), Math.max(p.base(), p.peak())} : new double[] {p.base(), p.base()};
            case Schedule.Steps st -> {
                double v0 = st.valueAt(0), lo = v0, hi = v0;
                for (int i = 0; i < st.times().length && st.times()[i] < until; i++) {
                    if (st.times()[i] <= 0) continue;
                    lo = Math.min(lo, st.values()[i]);
                    hi = Math.max(hi, st.values()[i]);
                }
                yield new double[] {lo, hi};
            }
        };
    }

    /** The file's own drives mapping, to name the key the user wrote (bias or field, a heater); empty if unreadable. */
    private static Map<?, ?> drives(Scenario s) {
        try {
            if (YamlFiles.parse(s.text(), s.source(), "scenario file") instanceof Map<?, ?> doc && doc.get("drives") instanceof Map<?, ?> d) {
                return d;
            }
        } catch (RuntimeException unreadable) {
            // a scenario built in code from text that is not YAML: the generic key names below are still right
        }
        return Map.of();
    }
}
