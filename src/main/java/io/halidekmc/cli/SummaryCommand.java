package io.halidekmc.cli;

import io.halidekmc.output.RunFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code summary RUN.h5}: what a finished file says about its run, without opening it in another
 * tool: what was run, how it stopped, what it cost, and where its observables ended. Every value
 * comes from the file; one its version did not write reads "not recorded".
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print what a finished run file holds: scenario, seed, version, command, backend, stop reason, "
                + "time reached, events, wall time and the final /timeseries values with their units.")
final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN.h5", description = "a run's HDF5 file (from `run`, or `sweep --keep-runs`)")
    Path file;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        try (RunFile f = RunFile.open(file)) {
            var columns = f.timeseries();
            o.println(f.path() + ": halide-kmc " + text(f, "version") + " run file");
            o.println("what was run");
            line(o, "scenario", text(f, "scenario_name") + " (" + text(f, "scenario_file") + "), material " + text(f, "material"));
            line(o, "seed", text(f, "seed"));
            line(o, "version", text(f, "version") + ", commit " + text(f, "commit"));
            line(o, "command", text(f, "command_line").isEmpty() ? "none recorded (a sweep point or a test)" : text(f, "command_line"));
            line(o, "engine", text(f, "engine") + ", backend " + text(f, "backend") + " (" + text(f, "backend_reason") + ")");
            line(o, "threads", text(f, "threads") + ", host " + text(f, "host") + ", Java " + text(f, "java"));
            o.println("how it stopped");
            line(o, "stop reason", text(f, "stop_reason"));
            line(o, "time reached", number(f.meta("end_time_s")) + " s (until " + number(f.meta("until_s")) + " s)");
            Object max = f.meta("max_events");
            line(o, "events", text(f, "events") + (max instanceof Long m && m != Long.MAX_VALUE ? " (max-events " + m + ")" : ""));
            line(o, "wall time", wall(f));
            o.println("final values (/timeseries, last of " + (columns.isEmpty() ? 0 : columns.getFirst().length()) + " frames)");
            int width = columns.stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (RunFile.Column c : columns) {
                if (c.length() == 0) continue;
                Object last = Array.get(c.values(), c.length() - 1);
                String unit = c.unit().equals("1") || c.unit().isEmpty() ? "" : " " + c.unit();
                o.println("  " + pad(c.name(), width) + "  " + number(last) + unit);
            }
        }
        return 0;
    }

    private static void line(PrintWriter o, String label, String value) {
        o.println("  " + pad(label, 13) + value);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String text(RunFile f, String attribute) {
        Object v = f.meta(attribute);
        return v == null ? "not recorded" : String.valueOf(v);
    }

    /** Whole numbers whole, others to 6 significant digits (as many as a reader compares by eye), no trailing zeros. */
    static String number(Object v) {
        if (v == null) return "not recorded";
        if (v instanceof Long || v instanceof Integer) return v.toString();
        if (!(v instanceof Double d)) return String.valueOf(v);
        if (!Double.isFinite(d)) return d.toString();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
        return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e").replaceAll("\\.$", "");
    }

    private static String wall(RunFile f) {
        Object a = f.meta("wall_start"), b = f.meta("wall_end");
        if (a == null || b == null) return "not recorded";
        try {
            Instant start = Instant.parse(a.toString()), end = Instant.parse(b.toString());
            double s = Duration.between(start, end).toNanos() * 1e-9;
            Object events = f.meta("events");
            String rate = events instanceof Long n && s > 0 ? String.format(Locale.ROOT, ", %.3g events/s", n / s) : "";
            return String.format(Locale.ROOT, "%.3g s%s (%s to %s)", s, rate, start, end);
        } catch (java.time.format.DateTimeParseException e) {
            return a + " to " + b;
        }
    }
}
