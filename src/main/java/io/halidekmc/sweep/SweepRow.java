package io.halidekmc.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The result of one point: one row of the sweep table. A failed point is a row too (status
 * {@value #FAILED}, its error message, NaN outcomes), never a missing one.
 *
 * @param values      grid value labels, in axis order
 * @param backend     rate backend the run used ("" when it failed before running)
 * @param device      where the rates were computed: "cpu" or "cuda:N" ("" when it failed before running)
 * @param host        the machine the point ran on (a cluster runner's executors differ)
 * @param outcomes    outcome name → value
 * @param events      events fired
 * @param wallSeconds wall time of the point (loading, running, computing outcomes)
 * @param fingerprint the point's fingerprint, stored so a re-run can tell a finished point
 */
public record SweepRow(int index, List<String> values, long seed, String backend, String device, String host,
                       Map<String, Double> outcomes, long events,
                       double wallSeconds, String status, String error, String fingerprint) implements Serializable {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public SweepRow {
        values = List.copyOf(values);
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    public boolean ok() {
        return OK.equals(status);
    }

    public static SweepRow failed(SweepPoint p, Throwable e, double wallSeconds) {
        String msg = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " ").strip();
        return new SweepRow(p.index(), p.values(), p.seed(), "", "", Hosts.name(), Map.of(), 0, wallSeconds, FAILED,
                e.getClass().getSimpleName() + msg, p.fingerprint());
    }

    public SweepRow withWallSeconds(double w) {
        return new SweepRow(index, values, seed, backend, device, host, outcomes, events, w, status, error, fingerprint);
    }

    /** The same row with its error message prefixed (a cluster runner says how many attempts a point had). */
    public SweepRow withError(String error) {
        return new SweepRow(index, values, seed, backend, device, host, outcomes, events, wallSeconds, status, error, fingerprint);
    }

    /** The outcome's value, NaN when the row does not have it (a failed point). */
    public double outcome(String name) {
        Double v = outcomes.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Doubles are written with Double.toString, which reads back to the same bits. */
    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("index", Integer.toString(index));
        for (int a = 0; a < values.size(); a++) p.setProperty("value." + a, values.get(a));
        p.setProperty("values", Integer.toString(values.size()));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("backend", backend);
        p.setProperty("device", device);
        p.setProperty("host", host);
        for (var e : outcomes.entrySet()) p.setProperty("outcome." + e.getKey(), Double.toString(e.getValue()));
        p.setProperty("events", Long.toString(events));
        p.setProperty("wall_s", Double.toString(wallSeconds));
        p.setProperty("status", status);
        p.setProperty("error", error);
        p.setProperty("fingerprint", fingerprint);
        return p;
    }

    /** Reads a row written by {@link #toProperties}; IllegalArgumentException when a field is missing or malformed. */
    static SweepRow fromProperties(Properties p) {
        try {
            int n = Integer.parseInt(req(p, "values"));
            List<String> values = new java.util.ArrayList<>();
            for (int a = 0; a < n; a++) values.add(req(p, "value." + a));
            Map<String, Double> outcomes = new LinkedHashMap<>();
            for (String k : new java.util.TreeSet<>(p.stringPropertyNames())) {
                if (k.startsWith("outcome.")) outcomes.put(k.substring("outcome.".length()), Double.parseDouble(p.getProperty(k)));
            }
            // device and host came with the Spark runner: files written before then read as ""
            return new SweepRow(Integer.parseInt(req(p, "index")), values, Long.parseLong(req(p, "seed")), req(p, "backend"),
                    p.getProperty("device", ""), p.getProperty("host", ""), outcomes, Long.parseLong(req(p, "events")), Double.parseDouble(req(p, "wall_s")), req(p, "status"),
                    req(p, "error"), req(p, "fingerprint"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed number: " + e.getMessage());
        }
    }

    private static String req(Properties p, String k) {
        String v = p.getProperty(k);
        if (v == null) throw new IllegalArgumentException("missing " + k);
        return v;
    }
}
