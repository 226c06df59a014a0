package io.halidekmc.sweep;

import io.halidekmc.observe.Frame;
import io.halidekmc.output.TimeseriesColumns;
import io.halidekmc.run.Outcomes;
import io.halidekmc.run.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcomes a sweep can tabulate: the named ones of {@link Outcomes}, and any /timeseries
 * column ({@link TimeseriesColumns}) read at the end of the run, {@code timeseries:<column>@end},
 * or at a time, {@code timeseries:<column>@<t in s>}: the last output frame at or before t
 * (a frame holds the state from its time to the next), NaN when the run ended before t.
 */
public final class SweepOutcomes {
    public static final String PREFIX = "timeseries:";
    /** A frame time written as k × interval may land a few ulps after the t it stands for. */
    private static final double TIME_SLACK = 1e-9;

    private SweepOutcomes() {}

    /** The outcome of this name, or null where there is none. */
    public static Outcomes.Outcome byName(String name) {
        Outcomes.Outcome o = Outcomes.byName(name);
        if (o != null || !name.startsWith(PREFIX)) return o;
        int at = name.lastIndexOf('@');
        if (at < 0) return null;
        TimeseriesColumns.Column c = TimeseriesColumns.byName(name.substring(PREFIX.length(), at));
        String when = name.substring(at + 1);
        if (c == null) return null;
        if (when.equals("end")) {
            return new Outcomes.Outcome(name, c.unit(), "/timeseries/" + c.name() + " at the last output time",
                    r -> c.value().applyAsDouble(r, r.frames().getLast()));
        }
        // a plain decimal time: Java would also read "1e-6d", "Infinity" or hex floats
        if (!when.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) return null;
        double t = Double.parseDouble(when);
        if (Double.isInfinite(t)) return null;
        return new Outcomes.Outcome(name, c.unit(), String.format(Locale.ROOT,
                "/timeseries/%s at the last output time at or before %s s (NaN if the run ended before)", c.name(), when),
                r -> at(r, c, t));
    }

    private static double at(RunResult r, TimeseriesColumns.Column c, double t) {
        Frame chosen = null;
        for (Frame f : r.frames()) if (f.time() <= t * (1 + TIME_SLACK)) chosen = f;
        Frame last = r.frames().getLast();
        if (chosen == null || last.time() < t * (1 - TIME_SLACK)) return Double.NaN;
        return c.value().applyAsDouble(r, chosen);
    }

    /** What an error message lists as allowed. */
    public static String allowed() {
        return String.join(", ", Outcomes.names()) + ", or " + PREFIX + "<column>@end or @<time in s> with <column> one of "
                + String.join(", ", TimeseriesColumns.names());
    }

    /** The outcomes as --list-outcomes prints them: the named ones, then one line per /timeseries column. */
    public static List<Outcomes.Outcome> listed() {
        List<Outcomes.Outcome> out = new ArrayList<>(Outcomes.all());
        for (TimeseriesColumns.Column c : TimeseriesColumns.all()) out.add(byName(PREFIX + c.name() + "@end"));
        return out;
    }

    /** A file name part: an outcome such as timeseries:x_I@1e-6 holds characters a file name should not. */
    static String fileName(String outcome) {
        return outcome.replaceAll("[^A-Za-z0-9_.+-]", "_");
    }
}
