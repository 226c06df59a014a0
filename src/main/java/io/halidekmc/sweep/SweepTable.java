package io.halidekmc.sweep;

import io.halidekmc.Version;
import io.halidekmc.output.OutputFiles;
import io.halidekmc.output.Units;
import io.halidekmc.run.Outcomes;
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
 * status, error.
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
    private static boolean eventsColumn(SweepSpec spec) {
        return !spec.outcomes().contains("events");
    }

    public static void writeCsv(SweepSpec spec, List<SweepRow> rows, Path target) throws IOException {
        OutputFiles.writeAtomically(target, tmp -> {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp))) {
                w.printf("# halide-kmc %s sweep%n", Version.VERSION);
                w.printf("# sweep: %s (%s)%n", spec.name(), spec.file());
                w.printf("# scenario: %s%n", spec.scenario());
                for (String o : spec.outcomes()) {
                    var oc = Outcomes.byName(o);
                    w.printf("# %s [%s]: %s%n", o, oc.unit(), oc.description());
                }
                w.println(String.join(",", columns(spec).stream().map(SweepTable::quote).toList()));
                for (SweepRow r : rows) {
                    List<String> f = new ArrayList<>();
                    f.add(Integer.toString(r.index()));
                    f.addAll(r.values());
                    f.add(Long.toString(r.seed()));
                    f.add(r.backend());
                    f.add(r.device());
                    f.add(r.host());
                    for (String o : spec.outcomes()) f.add(number(r.outcome(o)));
                    if (eventsColumn(spec)) f.add(Long.toString(r.events()));
                    f.add(String.format(Locale.ROOT, "%.3f", r.wallSeconds()));
                    f.add(r.status());
                    f.add(r.error());
                    w.println(String.join(",", f.stream().map(SweepTable::quote).toList()));
                }
            }
        });
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

    public static void writeHdf5(SweepSpec spec, List<SweepRow> rows, Path target) throws IOException {
        OutputFiles.writeAtomically(target, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                WritableGroup meta = f.putGroup("meta");
                meta.putAttribute("version", Version.VERSION);
                meta.putAttribute("sweep_name", spec.name());
                meta.putAttribute("sweep_file", spec.file());
                meta.putAttribute("scenario_file", spec.scenario().toString());
                meta.putAttribute("java", System.getProperty("java.version"));
                Units.put(meta, "sweep", new String[] {spec.text()}, Units.NONE);
                Units.put(meta, "columns", columns(spec).toArray(new String[0]), Units.NONE);
                Units.put(meta, "grid_keys", Grid.axisPaths(spec).toArray(new String[0]), Units.NONE);
                WritableGroup g = f.putGroup("sweep");
                int n = rows.size();
                long[] point = new long[n], seed = new long[n], events = new long[n];
                double[] wall = new double[n];
                String[] backend = new String[n], device = new String[n], host = new String[n], status = new String[n], error = new String[n];
                for (int i = 0; i < n; i++) {
                    SweepRow r = rows.get(i);
                    point[i] = r.index();
                    seed[i] = r.seed();
                    events[i] = r.events();
                    wall[i] = r.wallSeconds();
                    backend[i] = r.backend();
                    device[i] = r.device();
                    host[i] = r.host();
                    status[i] = r.status();
                    error[i] = r.error();
                }
                Units.put(g, "point", point, Units.NONE);
                List<String> paths = Grid.axisPaths(spec);
                for (int a = 0; a < paths.size(); a++) {
                    String[] labels = new String[n];
                    for (int i = 0; i < n; i++) labels[i] = rows.get(i).values().get(a);
                    double[] numeric = numeric(labels);
                    // a key path may hold '/', which HDF5 reads as a group separator
                    String name = paths.get(a).replace('/', '_');
                    // a grid key's unit is the scenario key's own; no table of every key's unit exists to name it here
                    String unit = numeric != null ? "as the scenario key " + paths.get(a) : Units.NONE;
                    Units.put(g, name, numeric != null ? numeric : labels, unit);
                }
                Units.put(g, "seed", seed, Units.NONE);
                Units.put(g, "backend", backend, Units.NONE);
                Units.put(g, "device", device, Units.NONE);
                Units.put(g, "host", host, Units.NONE);
                for (String o : spec.outcomes()) {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) v[i] = rows.get(i).outcome(o);
                    var outcome = Outcomes.byName(o);
                    Units.put(g, o, v, outcome == null ? Units.NONE : outcome.unit());
                }
                if (eventsColumn(spec)) Units.put(g, "events", events, "counts");
                Units.put(g, "wall_s", wall, "s");
                Units.put(g, "status", status, Units.NONE);
                Units.put(g, "error", error, Units.NONE);
                io.halidekmc.output.Hdf5Layout.requireNoChildlessGroup(f);
            } catch (RuntimeException e) {
                throw new IOException("HDF5 write failed: " + e.getMessage(), e);
            }
            io.halidekmc.output.Hdf5Layout.verifyReadable(tmp);
        });
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
