package io.halidekmc.sweep;

import io.halidekmc.Version;
import io.halidekmc.output.OutputFiles;
import io.halidekmc.output.Units;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sweep table, one row per point in point order: CSV (provenance in '#' lines) and HDF5
 * (group /sweep, one dataset per column; /meta with the sweep and scenario). Columns: point,
 * each grid key path, seed, backend, device, host, each outcome, events (unless already an outcome), wall_s,
 * status, error. A sweep with replicas tabulates each point's replicas ({@link ReplicaTable}) and
 * keeps every run in sweep-replicas.csv and /replicas.
 */
public final class SweepTable {
    private SweepTable() {}

    public static List<String> columns(SweepSpec spec) {
        List<String> c = new ArrayList<>();
        c.add("point");
        c.addAll(Grid.axisPaths(spec));
        c.add("seed");
        c.addAll(List.of("backend", "device", "host"));
        c.addAll(spec.outcomes());
        if (eventsColumn(spec)) c.add("events");
        c.addAll(List.of("wall_s", "status", "error"));
        return c;
    }

    /** The events column, unless the outcome of that name already is one. */
    static boolean eventsColumn(SweepSpec spec) {
        return !spec.outcomes().contains("events");
    }

    /**
     * sweep.csv: one row per run without replicas (the table as it always was); with replicas one
     * row per grid point, each outcome as mean, standard error and n ({@link ReplicaStats}).
     */
    public static void writeCsv(SweepSpec spec, List<SweepRow> rows, Path target) throws IOException {
        List<String> notes = spec.replicas() == 1 ? List.of() : ReplicaTable.notes(spec);
        writeCsv(spec, notes, spec.replicas() == 1 ? runColumns(spec, rows, false) : ReplicaTable.columns(spec, rows), target);
    }

    /** sweep-replicas.csv (sweeps with replicas): every run, with its grid point and replica. */
    public static void writeReplicaCsv(SweepSpec spec, List<SweepRow> rows, Path target) throws IOException {
        writeCsv(spec, List.of(), runColumns(spec, rows, true), target);
    }

    private static void writeCsv(SweepSpec spec, List<String> notes, List<TableColumn> columns, Path target) throws IOException {
        OutputFiles.writeAtomically(target, tmp -> {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp))) {
                w.printf("# halide-kmc %s sweep%n", Version.VERSION);
                w.printf("# sweep: %s (%s)%n", spec.name(), spec.file());
                w.printf("# scenario: %s%n", spec.scenario());
                for (String o : spec.outcomes()) {
                    var oc = SweepOutcomes.byName(o);
                    w.printf("# %s [%s]: %s%n", o, oc.unit(), oc.description());
                }
                for (String n : notes) w.printf("# %s%n", n);
                w.println(String.join(",", columns.stream().map(c -> quote(c.name())).toList()));
                int n = columns.getFirst().text().length;
                for (int i = 0; i < n; i++) {
                    List<String> f = new ArrayList<>();
                    for (TableColumn c : columns) f.add(quote(c.text()[i]));
                    w.println(String.join(",", f));
                }
            }
        });
    }

    /**
     * One column per field of the rows, in {@link #columns} order; with {@code replicas} the point
     * column holds the grid point and a replica column follows it.
     */
    static List<TableColumn> runColumns(SweepSpec spec, List<SweepRow> rows, boolean replicas) {
        int n = rows.size(), points = spec.points();
        long[] point = new long[n], replica = new long[n], seed = new long[n], events = new long[n];
        double[] wall = new double[n];
        String[] backend = new String[n], device = new String[n], host = new String[n], status = new String[n], error = new String[n];
        for (int i = 0; i < n; i++) {
            SweepRow r = rows.get(i);
            point[i] = replicas ? r.index() % points : r.index();
            replica[i] = r.index() / points;
            seed[i] = r.seed();
            events[i] = r.events();
            wall[i] = r.wallSeconds();
            backend[i] = r.backend();
            device[i] = r.device();
            host[i] = r.host();
            status[i] = r.status();
            error[i] = r.error();
        }
        List<TableColumn> c = new ArrayList<>();
        c.add(TableColumn.longs("point", Units.NONE, point));
        if (replicas) c.add(TableColumn.longs("replica", Units.NONE, replica));
        c.addAll(axisColumns(spec, rows.stream().map(SweepRow::values).toList()));
        c.add(TableColumn.longs("seed", Units.NONE, seed));
        c.add(TableColumn.text("backend", backend));
        c.add(TableColumn.text("device", device));
        c.add(TableColumn.text("host", host));
        for (String o : spec.outcomes()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = rows.get(i).outcome(o);
            c.add(TableColumn.doubles(o, unit(o), v));
        }
        if (eventsColumn(spec)) c.add(TableColumn.longs("events", "counts", events));
        c.add(TableColumn.wall(wall));
        c.add(TableColumn.text("status", status));
        c.add(TableColumn.text("error", error));
        return c;
    }

    /** One column per grid key, from each row's value labels. */
    static List<TableColumn> axisColumns(SweepSpec spec, List<List<String>> values) {
        List<String> paths = Grid.axisPaths(spec);
        List<TableColumn> c = new ArrayList<>();
        for (int a = 0; a < paths.size(); a++) {
            String[] labels = new String[values.size()];
            for (int i = 0; i < labels.length; i++) labels[i] = values.get(i).get(a);
            c.add(TableColumn.axis(paths.get(a), labels));
        }
        return c;
    }

    static String unit(String outcome) {
        var oc = SweepOutcomes.byName(outcome);
        return oc == null ? Units.NONE : oc.unit();
    }

    /** Ten significant digits: the table is for reading and plotting; the per-point files keep every bit. */
    static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.10g", v);
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** sweep.h5: /sweep holds the columns of sweep.csv; with replicas /replicas those of sweep-replicas.csv. */
    public static void writeHdf5(SweepSpec spec, List<SweepRow> rows, Path target) throws IOException {
        List<TableColumn> table = spec.replicas() == 1 ? runColumns(spec, rows, false) : ReplicaTable.columns(spec, rows);
        OutputFiles.writeAtomically(target, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                WritableGroup meta = f.putGroup("meta");
                meta.putAttribute("version", Version.VERSION);
                meta.putAttribute("sweep_name", spec.name());
                meta.putAttribute("sweep_file", spec.file());
                meta.putAttribute("scenario_file", spec.scenario().toString());
                meta.putAttribute("java", System.getProperty("java.version"));
                if (spec.replicas() > 1) {
                    meta.putAttribute("replicas", (long) spec.replicas());
                    meta.putAttribute("replicas_note", String.join(" ", ReplicaTable.notes(spec)));
                }
                Units.put(meta, "sweep", new String[] {spec.text()}, Units.NONE);
                Units.put(meta, "columns", table.stream().map(TableColumn::name).toArray(String[]::new), Units.NONE);
                Units.put(meta, "grid_keys", Grid.axisPaths(spec).toArray(new String[0]), Units.NONE);
                put(f.putGroup("sweep"), table);
                if (spec.replicas() > 1) put(f.putGroup("replicas"), runColumns(spec, rows, true));
                io.halidekmc.output.Hdf5Layout.requireNoChildlessGroup(f);
            } catch (RuntimeException e) {
                throw new IOException("HDF5 write failed: " + e.getMessage(), e);
            }
            io.halidekmc.output.Hdf5Layout.verifyReadable(tmp);
        });
    }

    private static void put(WritableGroup g, List<TableColumn> columns) {
        for (TableColumn c : columns) Units.put(g, c.datasetName(), c.data(), c.unit());
    }

    /** The labels as numbers when every one is a number, else null (the axis is then stored as text). */
    static double[] numeric(List<String> labels) {
        return numeric(labels.toArray(new String[0]));
    }

    static double[] numeric(String[] labels) {
        double[] v = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            try {
                v[i] = Double.parseDouble(labels[i]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return v;
    }
}
