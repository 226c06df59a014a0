package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.io.yaml.YamlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code output.snapshots} (a list of times, or {@code {every: S}}) and the viewer files made from
 * them: {@code export: [xyz, xdmf]}, {@code export_vacancies: true|false}.
 */
final class SnapshotReader {
    static final List<String> FORMATS = List.of("xyz", "xdmf");
    /**
     * A snapshot copies every site (0.8 MB for a 64³ box) and all are held until the run ends, so an
     * interval that would take more than this many is refused rather than running out of memory late.
     */
    static final int MAX_SNAPSHOTS = 10_000;

    record Snapshots(List<Double> times, Scenario.Export export) {}

    private SnapshotReader() {}

    /** The problem with an interval that takes more than {@link #MAX_SNAPSHOTS} snapshots. */
    static String tooMany(double every, long n, double until) {
        return every + " s gives " + n + " snapshots up to until = " + until + " s; allowed: at most " + MAX_SNAPSHOTS
                + " (every ≥ until/" + (MAX_SNAPSHOTS - 1) + " = " + String.format(java.util.Locale.ROOT, "%.5g", until / (MAX_SNAPSHOTS - 1))
                + " s), since each holds every site";
    }

    static Snapshots read(YamlNode out, double until) {
        List<Double> times = new ArrayList<>();
        double every = 0;
        if (out.has("snapshots")) {
            Object v = out.raw("snapshots");
            if (v instanceof Map<?, ?>) {
                YamlNode sn = out.child("snapshots");
                every = sn.number("every", null, 0, until, true);
                sn.rejectUnknown("every");
                Scenario.Export interval = new Scenario.Export(every, false, false, true);
                long n = interval.count(until);
                if (n > MAX_SNAPSHOTS) {
                    throw sn.error("every", tooMany(every, n, until));
                }
                times = interval.times(until);
            } else if (v instanceof List<?>) {
                List<Object> l = out.list("snapshots");
                for (int i = 0; i < l.size(); i++) {
                    times.add(out.asNumber(out.key("snapshots") + "[" + i + "]", l.get(i), 0, until, false));
                }
            } else {
                throw out.error("snapshots", "expected a list of times (s) or {every: S}, got " + YamlNode.describe(v));
            }
        }
        boolean xyz = false, xdmf = false;
        if (out.has("export")) {
            Object v = out.raw("export");
            List<?> l = v instanceof String s ? List.of(s) : v instanceof List<?> list ? list : null;
            if (l == null) throw out.error("export", "expected a list of formats, got " + YamlNode.describe(v) + "; allowed: " + String.join(", ", FORMATS));
            for (int i = 0; i < l.size(); i++) {
                Object f = l.get(i);
                if (!(f instanceof String s) || !FORMATS.contains(s)) {
                    throw InputException.at(out.file(), out.key("export") + "[" + i + "]", YamlNode.describe(f) + " is not allowed; allowed: "
                            + String.join(", ", FORMATS));
                }
                xyz |= s.equals("xyz");
                xdmf |= s.equals("xdmf");
            }
            if ((xyz || xdmf) && times.isEmpty()) {
                throw out.error("export", "writes the snapshots, but there are none: add output.snapshots (a list of times, s, or {every: S})");
            }
        }
        boolean vacancies = out.bool("export_vacancies", true);
        if (out.has("export_vacancies") && !xyz) {
            // the XDMF's point set is fixed over its frames (one mesh per series in meshio and ParaView)
            throw out.error("export_vacancies", "applies to the xyz export only (the XDMF keeps every site, a vacancy as species 0); "
                    + "allowed with output.export: [xyz]");
        }
        return new Snapshots(times, new Scenario.Export(every, xyz, xdmf, vacancies));
    }
}
