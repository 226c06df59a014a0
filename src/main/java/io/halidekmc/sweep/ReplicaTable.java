package io.halidekmc.sweep;

import io.halidekmc.output.Units;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The table of a sweep with replicas, one row per grid point: point, each grid key, replicas (runs
 * present), seed (replica 0's), backend, device, host (each distinct value once), per outcome
 * {@code <o>} (the mean), {@code <o>_se} and {@code <o>_n} ({@link ReplicaStats}), events (the ok
 * replicas' mean, unless an outcome), wall_s (summed), status (ok when every replica is) and error
 * (each failed replica's, named).
 */
final class ReplicaTable {
    private ReplicaTable() {}

    /** What the columns mean and how the replicas were seeded: '#' lines of the CSV, an attribute of the HDF5 file. */
    static List<String> notes(SweepSpec spec) {
        String seeds = spec.seedPerPoint()
                ? "replica r of point i ran with seed s0 + i + r*" + spec.points() + " (s0 = point 0's seed)"
                : "replica r of every point ran with seed s0 + r (s0 = the seed column)";
        return List.of("replicas: " + spec.replicas() + " runs per point; " + seeds + "; every run is in sweep-replicas.csv;",
                "<outcome> is the mean over the replicas that finished ok with a finite value, <outcome>_se its standard error "
                        + "(sample standard deviation / sqrt(n), NaN for n < 2), <outcome>_n that count n.");
    }

    static List<TableColumn> columns(SweepSpec spec, List<SweepRow> rows) {
        List<ReplicaStats.Point> points = ReplicaStats.byPoint(spec, rows);
        int n = points.size();
        long[] point = new long[n], replicas = new long[n], seed = new long[n];
        double[] events = new double[n], wall = new double[n];
        String[] backend = new String[n], device = new String[n], host = new String[n], status = new String[n], error = new String[n];
        for (int i = 0; i < n; i++) {
            ReplicaStats.Point p = points.get(i);
            point[i] = p.index();
            replicas[i] = p.runs().size();
            seed[i] = p.runs().getFirst().seed();
            backend[i] = distinct(p.runs(), SweepRow::backend);
            device[i] = distinct(p.runs(), SweepRow::device);
            host[i] = distinct(p.runs(), SweepRow::host);
            double[] ev = new double[p.runs().size()];
            List<String> errors = new ArrayList<>();
            for (int k = 0; k < ev.length; k++) {
                SweepRow r = p.runs().get(k);
                ev[k] = r.ok() ? r.events() : Double.NaN;
                wall[i] += r.wallSeconds();
                if (!r.ok()) errors.add("replica " + r.index() / spec.points() + ": " + r.error());
            }
            events[i] = ReplicaStats.of(ev).mean();
            status[i] = p.ok() ? SweepRow.OK : SweepRow.FAILED;
            error[i] = String.join("; ", errors);
        }
        List<TableColumn> c = new ArrayList<>();
        c.add(TableColumn.longs("point", Units.NONE, point));
        c.addAll(SweepTable.axisColumns(spec, points.stream().map(ReplicaStats.Point::values).toList()));
        c.add(TableColumn.longs("replicas", "counts", replicas));
        c.add(TableColumn.longs("seed", Units.NONE, seed));
        c.add(TableColumn.text("backend", backend));
        c.add(TableColumn.text("device", device));
        c.add(TableColumn.text("host", host));
        for (String o : spec.outcomes()) {
            double[] mean = new double[n], se = new double[n];
            long[] count = new long[n];
            for (int i = 0; i < n; i++) {
                ReplicaStats.Stat s = points.get(i).stat(o);
                mean[i] = s.mean();
                se[i] = s.se();
                count[i] = s.n();
            }
            String unit = SweepTable.unit(o);
            c.add(TableColumn.doubles(o, unit, mean));
            c.add(TableColumn.doubles(o + "_se", unit, se));
            c.add(TableColumn.longs(o + "_n", "counts", count));
        }
        if (SweepTable.eventsColumn(spec)) c.add(TableColumn.doubles("events", "counts", events));
        c.add(TableColumn.wall(wall));
        c.add(TableColumn.text("status", status));
        c.add(TableColumn.text("error", error));
        return c;
    }

    private static String distinct(List<SweepRow> runs, java.util.function.Function<SweepRow, String> field) {
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (SweepRow r : runs) values.add(field.apply(r));
        return String.join(" ", values);
    }
}
