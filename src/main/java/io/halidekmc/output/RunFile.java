package io.halidekmc.output;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.lattice.Species;
import io.halidekmc.observe.Profile;
import io.halidekmc.observe.RadialProfile;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished run's HDF5 file read back ({@link Hdf5Writer} wrote it): its /meta attributes, its
 * /timeseries columns with their units, and the inputs of its plots. Anything that is not such a
 * file (missing, not HDF5, a sweep table, another program's file) is an {@link InputException}
 * naming the file, so the commands that read it fail with one line.
 */
public final class RunFile implements AutoCloseable {
    private static final String[] NAMES = {"vacancy", "Cl", "Br", "I"};

    private final Path path;
    private final HdfFile file;
    private final Group meta;
    private final Group timeseries;

    private RunFile(Path path, HdfFile file, Group meta, Group timeseries) {
        this.path = path;
        this.file = file;
        this.meta = meta;
        this.timeseries = timeseries;
    }

    /** One /timeseries dataset: name, its units attribute ("1": dimensionless) and its values (double[] or long[]). */
    public record Column(String name, String unit, Object values) {
        public int length() {
            return java.lang.reflect.Array.getLength(values);
        }
    }

    public static RunFile open(Path path) {
        if (!Files.exists(path)) throw new InputException(path + ": no such file");
        if (!Files.isRegularFile(path)) throw new InputException(path + ": not a file");
        HdfFile f;
        try {
            f = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new InputException(path + ": not a readable HDF5 file (" + oneLine(e) + ")");
        }
        try {
            Node meta = f.getChildren().get("meta");
            if (meta instanceof Group m && m.getAttribute("sweep_name") != null) {
                throw new InputException(path + ": a sweep table, not a run file; `sweep --keep-runs` keeps each point's run file");
            }
            if (!(meta instanceof Group m) || m.getAttribute("version") == null || m.getAttribute("scenario_name") == null) {
                throw new InputException(path + ": not a halide-kmc run file (no /meta with its version and scenario_name)");
            }
            if (!(f.getChildren().get("timeseries") instanceof Group ts)) {
                throw new InputException(path + ": not a halide-kmc run file (no /timeseries)");
            }
            return new RunFile(path, f, m, ts);
        } catch (RuntimeException e) {
            f.close();
            if (e instanceof InputException) throw e;
            throw new InputException(path + ": not a readable halide-kmc run file (" + oneLine(e) + ")");
        }
    }

    public Path path() {
        return path;
    }

    /** The file name without ".h5": the stem the run's PNGs were named with. */
    public String stem() {
        String n = path.getFileName().toString();
        return n.endsWith(".h5") ? n.substring(0, n.length() - 3) : n;
    }

    /** A /meta attribute (String, Long, Double), or null where the file has none (written by an older version). */
    public Object meta(String name) {
        Attribute a = meta.getAttribute(name);
        return a == null ? null : a.getData();
    }

    /** The /timeseries columns, time_s first and the rest in name order (jhdf does not keep the order they were written in). */
    public List<Column> timeseries() {
        return read(() -> {
            List<Column> out = new ArrayList<>();
            List<String> names = new ArrayList<>(new java.util.TreeSet<>(timeseries.getChildren().keySet()));
            if (names.remove("time_s")) names.addFirst("time_s");
            for (String name : names) {
                if (!(timeseries.getChild(name) instanceof Dataset d) || d.getDimensions().length != 1) continue;
                Attribute u = d.getAttribute("units");
                out.add(new Column(name, u == null ? "" : String.valueOf(u.getData()), d.getData()));
            }
            return out;
        });
    }

    /** What {@link RunPlots} draws, as the run had it: the file keeps every number bit for bit. */
    public PlotInputs plotInputs() {
        return read(() -> {
            double[] t = doubles("timeseries/time_s"), order = doubles("timeseries/order_parameter");
            double[] wavelengths = new double[0], peaks = new double[0];
            List<double[]> spectra = List.of();
            if (has("pl")) {
                wavelengths = doubles("pl/wavelength_nm");
                spectra = List.of((double[][]) data("pl/spectrum"));
                peaks = doubles("pl/peak_nm");
            }
            List<Profile> profiles = new ArrayList<>();
            if (has("profiles/count_vacancy")) {
                double[] pt = doubles("profiles/time_s");
                long[][][] c = counts("profiles");
                for (int i = 0; i < pt.length; i++) profiles.add(new Profile(pt[i], perSite(c, i)));
            }
            double scale = Double.NaN;
            double[] wt = new double[0], mig = new double[0];
            double[][] pot = new double[0][];
            if (has("wire")) {
                scale = ((Number) file.getByPath("wire").getAttribute("length_scale").getData()).doubleValue();
                wt = doubles("wire/time_s");
                mig = doubles("wire/migration_nm");
                pot = (double[][]) data("wire/potential_V");
            }
            double a = ((Number) meta("lattice_constant_angstrom")).doubleValue();
            // junctions_nm is absent from files written before it was recorded: no marker then
            double[] junctions = meta("junctions_nm") instanceof double[] j ? j : new double[0];
            return new PlotInputs(String.valueOf(meta("scenario_name")), t, order, wavelengths, spectra, peaks, profiles, a, scale,
                    wt, mig, pot, radial(), drives(t), junctions);
        });
    }

    /** The applied drives per output time; a column an older file lacks is NaN (not drawn). */
    private TimePlots.Drives drives(double[] t) {
        return new TimePlots.Drives(t, column("timeseries/temperature_K", t.length), column("timeseries/light_W_per_cm2", t.length),
                column("timeseries/field_V_per_m", t.length));
    }

    private double[] column(String path, int n) {
        if (has(path)) return doubles(path);
        double[] nan = new double[n];
        java.util.Arrays.fill(nan, Double.NaN);
        return nan;
    }

    private List<RadialProfile> radial() {
        List<RadialProfile> out = new ArrayList<>();
        if (!has("profiles/radial")) return out;
        String g = "profiles/radial";
        double[] t = doubles(g + "/time_s"), radius = doubles(g + "/radius_cells"), worst = doubles(g + "/worst_vacancy_fraction");
        long[][][] c = counts(g);
        long[][] reservoir = new long[Species.COUNT][];
        for (int s = Species.CL; s <= Species.I; s++) reservoir[s] = (long[]) data(g + "/reservoir_" + NAMES[s]);
        for (int i = 0; i < t.length; i++) {
            long[] res = new long[Species.COUNT];
            for (int s = Species.CL; s <= Species.I; s++) res[s] = reservoir[s][i];
            out.add(new RadialProfile(t[i], radius, perSite(c, i), res, worst[i]));
        }
        return out;
    }

    /** count_&lt;species&gt; datasets of a group, [species][time][layer or shell]. */
    private long[][][] counts(String group) {
        long[][][] c = new long[Species.COUNT][][];
        for (int s = 0; s < Species.COUNT; s++) c[s] = (long[][]) data(group + "/count_" + NAMES[s]);
        return c;
    }

    /** Time i of [species][time][layer] as [layer][species], the layout of a profile. */
    private static long[][] perSite(long[][][] c, int i) {
        int layers = c[0][i].length;
        long[][] out = new long[layers][Species.COUNT];
        for (int l = 0; l < layers; l++) for (int s = 0; s < Species.COUNT; s++) out[l][s] = c[s][i][l];
        return out;
    }

    private boolean has(String p) {
        try {
            file.getByPath(p);
            return true;
        } catch (io.jhdf.exceptions.HdfInvalidPathException e) {
            return false;
        }
    }

    private Object data(String p) {
        return ((Dataset) file.getByPath(p)).getData();
    }

    private double[] doubles(String p) {
        return (double[]) data(p);
    }

    /** A file that opened but lacks or garbles a dataset its groups promise is damaged: one line, as when it will not open. */
    private <T> T read(java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            throw new InputException(path + ": damaged or incomplete run file (" + oneLine(e) + ")");
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }

    @Override
    public void close() {
        file.close();
    }
}
