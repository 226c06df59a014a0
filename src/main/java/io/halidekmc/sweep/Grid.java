package io.halidekmc.sweep;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.output.Labels;
import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Expands a sweep's grid into points, loading every point's scenario so that a bad one stops the sweep before anything runs. */
public final class Grid {
    private Grid() {}

    public static List<SweepPoint> expand(SweepSpec spec) {
        List<String> paths = axisPaths(spec);
        String file = spec.scenario().toString();
        String text = readScenario(spec);
        String baseDir = spec.scenario().toAbsolutePath().getParent().toString();
        // without seeds.base the scenario's own seed (as point 0 sees it) starts the count
        long base = spec.seedBase() != null ? spec.seedBase() : load(spec, text, 0, gridOverrides(spec, 0), paths).seed();
        int n = spec.points();
        List<SweepPoint> points = new ArrayList<>(spec.runs());
        // replica-major: runs 0 … n−1 are replica 0, the grid points as they were before replicas existed
        for (int r = 0; r < spec.replicas(); r++) {
            for (int i = 0; i < n; i++) {
                Map<String, Object> overrides = gridOverrides(spec, i);
                long seed = seed(base, spec.seedPerPoint(), n, i, r);
                overrides.put("seed", seed);
                Scenario s = load(spec, text, i, overrides, paths);
                points.add(new SweepPoint(i + r * n, i, r, labels(spec, i), seed, file, text, baseDir, overrides, fingerprint(s.text())));
            }
        }
        return points;
    }

    /**
     * Seed of replica r of grid point i among n points: base + i + r·n with per_point (every run
     * its own seed, replica 0 the seed the point had before replicas existed), base + r without
     * (each replica shares its seed across the grid: common random numbers, so differences
     * between points are not seed noise). The seed is the Philox key of every stream of the run
     * (engine.Rng), and distinct keys give independent streams (Salmon et al., SC'11).
     */
    public static long seed(long base, boolean perPoint, int n, int i, int r) {
        return perPoint ? base + i + (long) r * n : base + r;
    }

    public static List<String> axisPaths(SweepSpec spec) {
        return spec.axes().stream().map(SweepSpec.Axis::path).toList();
    }

    /** Index along each axis of point i: mixed radix, the last axis fastest. */
    static int[] position(SweepSpec spec, int i) {
        int[] at = new int[spec.axes().size()];
        for (int a = at.length - 1; a >= 0; a--) {
            int len = spec.axes().get(a).values().size();
            at[a] = i % len;
            i /= len;
        }
        return at;
    }

    private static Map<String, Object> gridOverrides(SweepSpec spec, int i) {
        Map<String, Object> overrides = new LinkedHashMap<>(spec.overrides());
        int[] at = position(spec, i);
        for (int a = 0; a < at.length; a++) overrides.put(spec.axes().get(a).path(), spec.axes().get(a).values().get(at[a]));
        return overrides;
    }

    private static List<String> labels(SweepSpec spec, int i) {
        int[] at = position(spec, i);
        List<String> labels = new ArrayList<>();
        for (int a = 0; a < at.length; a++) labels.add(Labels.of(spec.axes().get(a).values().get(at[a])));
        return labels;
    }

    /** Read once, so every point (and a re-run's fingerprint check) sees the same text. */
    private static String readScenario(SweepSpec spec) {
        try {
            return java.nio.file.Files.readString(spec.scenario());
        } catch (java.io.IOException e) {
            throw new InputException(spec.file() + ": scenario: cannot read " + spec.scenario() + " (" + e.getMessage() + ")");
        }
    }

    private static Scenario load(SweepSpec spec, String text, int i, Map<String, Object> overrides, List<String> paths) {
        try {
            return ScenarioLoader.parse(text, spec.scenario().toString(), spec.scenario().toAbsolutePath().getParent(), overrides);
        } catch (InputException e) {
            String where = new SweepPoint(i, i, 0, labels(spec, i), 0, "", "", "", Map.of(), "").describe(paths);
            throw new InputException(spec.file() + ": grid point " + i + " (" + where + "): " + e.getMessage());
        }
    }

    /** The scenario text already carries the overrides (ScenarioLoader records them), seed included. */
    static String fingerprint(String scenarioText) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(scenarioText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
