package io.halidekmc.sweep;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.output.Labels;
import io.halidekmc.io.yaml.YamlFiles;
import io.halidekmc.io.yaml.YamlNode;

import io.halidekmc.run.Outcomes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a sweep file (format in README.md, "Sweeps"). Like {@link ScenarioLoader},
 * every problem is an {@link InputException} naming the file and key path. Whether each grid
 * point makes a valid scenario is checked later, by loading every point before any runs.
 */
public final class SweepLoader {
    /** More points than this is a typo in a grid, not a sweep one machine (or the Spark runner) should take on. */
    public static final int MAX_POINTS = 100_000;

    private SweepLoader() {}

    public static SweepSpec load(Path file) {
        String name = file.toString();
        String text = YamlFiles.read(file, "sweep file");
        Object doc = YamlFiles.parse(text, name, "sweep file");
        YamlNode root = YamlNode.of(name, "", doc);
        if (!root.has("scenario") && !root.has("grid") && (root.has("geometry") || root.has("run"))) {
            throw InputException.at(name, "", "this is a scenario file: use `halide-kmc run " + name + "`");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String sweepName = root.string("name", stem);
        root.string("description", "");

        Path scenario = resolve(file, root.string("scenario", null));
        if (!Files.isRegularFile(scenario)) throw root.error("scenario", "file not found: " + scenario);

        List<SweepSpec.Axis> axes = axes(root);
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (root.has("overrides")) {
            for (var e : mapping(root, "overrides").entrySet()) {
                checkPath(root, "overrides", e.getKey());
                for (SweepSpec.Axis a : axes) {
                    if (a.path().equals(e.getKey())) {
                        throw InputException.at(name, "overrides." + e.getKey(), "also a grid key; give it in one place only");
                    }
                }
                overrides.put(e.getKey(), e.getValue());
            }
        }

        Long seedBase = null;
        boolean perPoint = true;
        int replicas = 1;
        if (root.has("seeds")) {
            YamlNode s = root.child("seeds");
            if (s.has("base")) seedBase = s.integer("base", null, 0, Long.MAX_VALUE / 2);
            perPoint = s.bool("per_point", true);
            if (s.has("replicas")) replicas = replicas(s, axes);
            s.rejectUnknown("base", "per_point", "replicas");
        }

        List<String> outcomes = new ArrayList<>();
        if (root.has("outcomes")) {
            List<Object> l = root.list("outcomes");
            if (l.isEmpty()) throw root.error("outcomes", "empty list; allowed: " + SweepOutcomes.allowed());
            for (int i = 0; i < l.size(); i++) {
                String key = "outcomes[" + i + "]";
                if (!(l.get(i) instanceof String o) || SweepOutcomes.byName(o) == null) {
                    throw InputException.at(name, key, YamlNode.describe(l.get(i)) + " is not an outcome; allowed: "
                            + SweepOutcomes.allowed());
                }
                if (outcomes.contains(o)) throw InputException.at(name, key, "'" + o + "' is listed twice");
                outcomes.add(o);
            }
        } else {
            outcomes.addAll(Outcomes.names());
        }

        SweepSpec.Plot plot = plot(root, axes, outcomes);
        root.rejectUnknown("name", "description", "scenario", "grid", "overrides", "seeds", "outcomes", "plot");
        return new SweepSpec(name, text, sweepName, scenario, axes, overrides, seedBase, perPoint, replicas, outcomes, plot);
    }

    /**
     * seeds.replicas: a whole number ≥ 1 such that points × replicas stays within {@link #MAX_POINTS}
     * (2.0 reads as 2, as YAML writers may give it; 2.5, "2" and true do not).
     */
    private static int replicas(YamlNode s, List<SweepSpec.Axis> axes) {
        long points = 1;
        for (SweepSpec.Axis a : axes) points *= a.values().size();
        long max = MAX_POINTS / points;
        Object v = s.raw("replicas");
        long n = v instanceof Integer || v instanceof Long ? ((Number) v).longValue()
                : v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e9 ? d.longValue() : -1;
        if (n < 1 || n > max) {
            String why = n > max ? " (" + points + " points × " + n + " replicas is more than " + MAX_POINTS + " runs)" : "";
            throw s.error("replicas", YamlNode.describe(v) + " is not a replica count" + why + "; allowed: an integer in [1, " + max + "]");
        }
        return (int) n;
    }

    private static Path resolve(Path sweepFile, String scenario) {
        Path p = Path.of(scenario);
        if (p.isAbsolute()) return p;
        Path dir = sweepFile.toAbsolutePath().getParent();
        return dir.resolve(p).normalize();
    }

    private static List<SweepSpec.Axis> axes(YamlNode root) {
        Map<String, Object> grid = mapping(root, "grid");
        if (grid.isEmpty()) throw root.error("grid", "needs at least one key path with a list of values");
        List<SweepSpec.Axis> axes = new ArrayList<>();
        long points = 1;
        for (var e : grid.entrySet()) {
            String path = e.getKey();
            checkPath(root, "grid", path);
            String key = "grid." + path;
            if (!(e.getValue() instanceof List<?> values)) {
                throw InputException.at(root.file(), key, "expected a list of values, got " + YamlNode.describe(e.getValue()));
            }
            if (values.isEmpty()) throw InputException.at(root.file(), key, "empty list; give at least one value");
            Set<String> seen = new HashSet<>();
            for (Object v : values) {
                if (!seen.add(Labels.of(v))) throw InputException.at(root.file(), key, "value " + Labels.of(v) + " is listed twice");
            }
            points *= values.size();
            if (points > MAX_POINTS) throw root.error("grid", "more than " + MAX_POINTS + " points; allowed: up to " + MAX_POINTS);
            axes.add(new SweepSpec.Axis(path, new ArrayList<>(values)));
        }
        return axes;
    }

    private static void checkPath(YamlNode root, String section, String path) {
        String key = section + "." + path;
        for (String part : path.split("\\.", -1)) {
            if (part.isEmpty()) throw InputException.at(root.file(), key, "not a key path; expected keys joined by dots, like geometry.edge_nm");
        }
        if (path.equals("seed") || path.startsWith("seed.")) {
            throw InputException.at(root.file(), key, "seeds are set by the sweep's seeds: {base, per_point, replicas} key, not here");
        }
    }

    private static Map<String, Object> mapping(YamlNode root, String key) {
        if (!root.has(key)) throw root.error(key, "missing");
        Object v = root.raw(key);
        if (!(v instanceof Map<?, ?> m)) throw root.error(key, "expected a mapping of key paths, got " + YamlNode.describe(v));
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : m.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
        return out;
    }

    private static SweepSpec.Plot plot(YamlNode root, List<SweepSpec.Axis> axes, List<String> outcomes) {
        List<String> plotOutcomes = List.of(outcomes.getFirst());
        String x = axes.getFirst().path();
        boolean heatMap = axes.size() == 2;
        if (!root.has("plot")) return new SweepSpec.Plot(plotOutcomes, x, heatMap);
        YamlNode p = root.child("plot");
        if (p.has("outcome")) {
            Object v = p.raw("outcome");
            List<?> names = v instanceof List<?> l ? l : List.of(v == null ? "" : v);
            if (names.isEmpty()) throw p.error("outcome", "empty list; allowed: " + String.join(", ", outcomes));
            List<String> chosen = new ArrayList<>();
            for (Object o : names) {
                if (!(o instanceof String s) || !outcomes.contains(s)) {
                    throw p.error("outcome", YamlNode.describe(o) + " is not one of the sweep's outcomes; allowed: " + String.join(", ", outcomes));
                }
                chosen.add(s);
            }
            plotOutcomes = chosen;
        }
        if (p.has("x")) {
            List<String> paths = axes.stream().map(SweepSpec.Axis::path).toList();
            x = p.choice("x", null, paths.toArray(new String[0]));
        }
        if (p.has("kind")) {
            heatMap = p.choice("kind", null, "heatmap", "lines").equals("heatmap");
            if (heatMap && axes.size() != 2) {
                throw p.error("kind", "a heat map needs exactly 2 grid axes, this grid has " + axes.size() + "; use lines");
            }
        }
        p.rejectUnknown("outcome", "x", "kind");
        return new SweepSpec.Plot(plotOutcomes, x, heatMap);
    }
}
