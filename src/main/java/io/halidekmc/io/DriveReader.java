package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.io.yaml.YamlNode;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.HeaterModel;
import io.halidekmc.drive.Schedule;
import io.halidekmc.drive.Table;
import io.halidekmc.lattice.Geometry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code drives:} mapping (temperature, field or bias, light) and the schedule forms each one takes. */
final class DriveReader {
    private DriveReader() {}

    /**
     * @param geo          geometry: (a bias with contacts that leave no gap is reported at its contact width)
     * @param contactCells wire contact width in cells, or −1 without contacts
     * @param latticeConstant Å, turns the gap between the contacts into the length a bias drops over
     */
    static DriveProgram read(YamlNode dr, double until, Geometry geometry, YamlNode geo, int contactCells, double latticeConstant,
                             double lengthScale, Path baseDir) {
        Schedule temperature = dr.raw("temperature") instanceof Map<?, ?> m && m.containsKey("heater")
                ? heater(YamlNode.of(dr.file(), dr.key("temperature"), dr.raw("temperature")), until, baseDir)
                : schedule(dr, "temperature", 0, 5000, ScenarioLoader.TEMPERATURE_RESOLUTION, 1, baseDir, true);
        Schedule fieldSchedule = new Schedule.Constant(0);
        if (dr.has("field") && dr.has("bias")) throw dr.error("bias", "give either field (V/µm) or bias (V), not both");
        if (dr.has("field")) {
            fieldSchedule = schedule(dr, "field", -1000, 1000, ScenarioLoader.FIELD_RESOLUTION, 1e6, baseDir, false);
        } else if (dr.has("bias")) {
            // with contacts the bias drops over the gap between them; lengths are physical (× s)
            int gap = geometry.lengthZ() - 2 * Math.max(0, contactCells);
            if (gap < 2) throw geo.error("contact_width_nm", "the contacts leave a gap of " + gap + " cells; need ≥ 2");
            double lengthM = gap * latticeConstant * 1e-10 * lengthScale;
            fieldSchedule = schedule(dr, "bias", -1e4, 1e4, ScenarioLoader.FIELD_RESOLUTION * 1e6 * lengthM, 1 / lengthM, baseDir, false);
        }
        Schedule lightSchedule = new Schedule.Constant(0);
        if (dr.has("light")) lightSchedule = schedule(dr, "light", 0, 1e6, 0.01, 1, baseDir, false);
        // Q per phase: a light phase needs transport well ahead of conversion, a dark one far less
        Schedule quasiStatic = new Schedule.Constant(1);
        if (dr.has("quasi_static")) quasiStatic = schedule(dr, "quasi_static", 1, 1e6, 1e-3, 1, baseDir, false);
        dr.rejectUnknown("temperature", "field", "bias", "light", "quasi_static");
        return new DriveProgram(temperature, fieldSchedule, lightSchedule, quasiStatic);
    }

    /**
     * drives.temperature: {heater: {on: <schedule of the heater state, 0 off / 1 on>, resolution: K, ambient: K}}:
     * the film temperature of the ITO heater of 001 (two-pole response fitted to TARGETS §A,
     * {@link HeaterModel}), cut into steps finer than the resolution.
     */
    private static Schedule heater(YamlNode t, double until, Path baseDir) {
        YamlNode h = t.child("heater");
        t.rejectUnknown("heater");
        Schedule on = schedule(h, "on", 0, 1, 1, 1, baseDir, false);
        double res = h.number("resolution", ScenarioLoader.TEMPERATURE_RESOLUTION, 0, 10, true);
        // the fit's rises are relative to the ambient of 001's traces, so they carry over to another room temperature
        double ambient = h.number("ambient", HeaterModel.AMBIENT, 0, 5000, true);
        h.rejectUnknown("on", "resolution", "ambient");
        return HeaterModel.fitToTargets().model().withAmbient(ambient).temperature(on, until, res);
    }

    /**
     * A drive: a number (constant), or one of {steps: [[t, v], ...]}, {pulses: {base, peak, width,
     * period, start, count}}, {table: [[t, v], ...], resolution}, {csv: file, resolution}.
     * Values are multiplied by {@code scale} into SI units after range checks in file units.
     */
    private static Schedule schedule(YamlNode parent, String key, double min, double max, double resolution,
                                     double scale, Path baseDir, boolean minExclusive) {
        String path = parent.key(key);
        // the heater is read before this; named here so that a misspelt `heatr` is pointed at it
        String[] forms = key.equals("temperature") ? new String[] {"steps", "pulses", "table", "csv", "heater"}
                : new String[] {"steps", "pulses", "table", "csv"};
        String allowed = "a number, or a mapping with one of: " + String.join(", ", forms);
        if (!parent.has(key)) throw parent.missing(key, "missing (" + allowed + ")");
        Object v = parent.raw(key);
        String file = parent.file();
        if (v instanceof Number) {
            return new Schedule.Constant(scale * parent.asNumber(path, v, min, max, minExclusive));
        }
        // "expected a mapping" alone would hide that a plain number was allowed too
        if (!(v instanceof Map<?, ?>)) throw InputException.at(file, path, "expected " + allowed + "; got " + YamlNode.describe(v));
        YamlNode n = YamlNode.of(file, path, v);
        int given = 0;
        for (String f : forms) given += n.has(f) ? 1 : 0;
        if (given == 0) n.rejectNearMiss(forms);
        if (given != 1) throw InputException.at(file, path, "expected " + allowed);
        Schedule s;
        if (n.has("steps")) {
            double[][] tv = pairs(n, "steps", min, max, minExclusive);
            double[] t = tv[0], val = tv[1];
            for (int i = 0; i < val.length; i++) val[i] *= scale;
            s = new Schedule.Steps(val[0], t, val);
            n.rejectUnknown("steps");
        } else if (n.has("pulses")) {
            YamlNode p = n.child("pulses");
            double base = p.number("base", null, min, max, minExclusive);
            double peak = p.number("peak", null, min, max, minExclusive);
            double width = p.number("width", null, 0, 1e9, true);
            double period = p.number("period", null, 0, 1e9, true);
            if (!(period > width)) throw p.error("period", "must be longer than width (" + width + " s)");
            double start = p.number("start", 0.0, 0, 1e9, false);
            long count = p.integer("count", 0L, 0, Long.MAX_VALUE);
            p.rejectUnknown("base", "peak", "width", "period", "start", "count");
            n.rejectUnknown("pulses");
            s = new Schedule.PulseTrain(base * scale, peak * scale, width, period, start, count);
        } else {
            double[][] tv;
            if (n.has("table")) {
                tv = pairs(n, "table", min, max, minExclusive);
            } else {
                tv = csv(n, baseDir, min, max, minExclusive);
            }
            double res = n.number("resolution", resolution / scale, 0, 1e9, true);
            n.rejectUnknown("table", "csv", "resolution");
            double[] val = tv[1];
            for (int i = 0; i < val.length; i++) val[i] *= scale;
            s = Table.piecewise(tv[0], val, res * scale);
        }
        return s;
    }

    private static double[][] pairs(YamlNode n, String key, double min, double max, boolean minExclusive) {
        List<Object> rows = n.list(key);
        if (rows.isEmpty()) throw n.error(key, "needs at least one [time, value] pair");
        double[] t = new double[rows.size()], v = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String p = n.key(key) + "[" + i + "]";
            if (!(rows.get(i) instanceof List<?> r) || r.size() != 2) {
                throw InputException.at(n.file(), p, "expected a [time, value] pair");
            }
            t[i] = n.asNumber(p + "[0]", r.get(0), 0, 1e12, false);
            v[i] = n.asNumber(p + "[1]", r.get(1), min, max, minExclusive);
            if (i > 0 && !(t[i] > t[i - 1])) throw InputException.at(n.file(), p + "[0]", "times must increase");
        }
        return new double[][] {t, v};
    }

    private static double[][] csv(YamlNode n, Path baseDir, double min, double max, boolean minExclusive) {
        String name = n.string("csv", null);
        Path p = baseDir == null ? Path.of(name) : baseDir.resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            throw n.error("csv", "cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("[,;\\s]+");
            try {
                rows.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
            } catch (RuntimeException e) {
                if (rows.isEmpty()) continue; // a header line
                throw n.error("csv", p + " line " + (i + 1) + ": expected 'time, value'");
            }
        }
        if (rows.isEmpty()) throw n.error("csv", p + " has no 'time, value' rows");
        double[] t = new double[rows.size()], v = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            t[i] = rows.get(i)[0];
            v[i] = n.asNumber(n.key("csv") + " (" + p.getFileName() + " row " + (i + 1) + ")", rows.get(i)[1], min, max, minExclusive);
            if (i > 0 && !(t[i] > t[i - 1])) throw n.error("csv", p + ": times must increase (row " + (i + 1) + ")");
        }
        return new double[][] {t, v};
    }
}
