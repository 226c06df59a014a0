package io.halidekmc.validate;

import java.util.Locale;

/**
 * One verdict a case carries besides its main criterion: an extra criterion of the case file or
 * an invariant every nanocrystal run must keep ({@link Invariants}). REPORT.md prints {@link #line()}.
 *
 * @param name  what is checked, as the case file or {@link Invariants} names it
 * @param bound the condition, with its source where it has one
 * @param value the simulated value the condition was applied to (NaN: could not be measured)
 * @param where the run and, for per-frame checks, the frame time of the value
 */
public record Check(String name, String bound, double value, boolean pass, String where) {

    public String line() {
        return String.format(Locale.ROOT, "%s %s: %s (bound %s)%s", pass ? "pass" : "**FAIL**", name,
                Double.isFinite(value) ? ValidationCase.fmt(value) : "n.a.", bound, where.isEmpty() ? "" : ", " + where);
    }
}
