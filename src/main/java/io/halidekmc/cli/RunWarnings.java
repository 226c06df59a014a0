package io.halidekmc.cli;

import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioWarnings;
import io.halidekmc.io.yaml.InputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings of a {@code run}: the scenario's settings that change nothing
 * ({@link ScenarioWarnings}) and command-line options that change nothing for this scenario.
 * Printed as one line each before the run starts; {@code --strict} stops at the first instead,
 * before any output folder is made, as bad input does.
 */
final class RunWarnings {
    static final String PREFIX = "halide-kmc: warning: ";

    private RunWarnings() {}

    /** @param threads the --threads value, or null when not given */
    static List<String> of(Scenario s, Integer threads) {
        List<String> w = new ArrayList<>(ScenarioWarnings.of(s));
        // only the sector engines and films split work over threads (Scenario.withThreads)
        if (threads != null && s.film() == null && s.engine().equals("exact")) {
            w.add(s.source() + ": --threads: has no effect: engine exact runs one sample on one thread");
        }
        return w;
    }

    /** With --strict, the first warning as bad input (exit 2); else nothing. */
    static void enforce(List<String> warnings, boolean strict) {
        if (strict && !warnings.isEmpty()) throw new InputException(warnings.getFirst() + " (--strict: warnings are errors)");
    }
}
