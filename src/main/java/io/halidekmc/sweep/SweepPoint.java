package io.halidekmc.sweep;

import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One parameter point of a sweep: a self-contained unit of work that any runner (local threads
 * now, a Spark task later) can ship and run. It carries the scenario's text and every override,
 * seed included, so {@link #load()} rebuilds the same scenario anywhere; only files the scenario
 * itself names (a drive's csv table) must be readable there, under {@code baseDir}.
 *
 * @param index       the run's number, unique within the sweep: grid point i (first axis slowest),
 *                    replica r of n points → i + r·n, so replica 0 has the grid point's own index
 * @param point       the grid point this run belongs to
 * @param replica     which of the point's replicas this run is (0 when the sweep has none)
 * @param values      the grid values of this point, one label per axis, in axis order
 * @param seed        the point's seed (also in overrides as "seed")
 * @param scenario    the scenario file as named in the sweep (for messages and /meta)
 * @param scenarioText its text as read when the sweep was expanded
 * @param baseDir     folder that relative paths in the scenario are resolved against
 * @param overrides   key path → value: the sweep's common overrides, the grid values, the seed
 * @param fingerprint hash of the scenario text with the overrides: a stored result is reused only
 *                    for the identical point
 */
public record SweepPoint(int index, int point, int replica, List<String> values, long seed, String scenario, String scenarioText, String baseDir,
                         Map<String, Object> overrides, String fingerprint) implements Serializable {

    public SweepPoint {
        values = List.copyOf(values);
        overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
    }

    public Scenario load() {
        return ScenarioLoader.parse(scenarioText, scenario, Path.of(baseDir), overrides);
    }

    /** "edge=8, light=50": the grid values with their key paths, for progress lines and messages. */
    public String describe(List<String> axisPaths) {
        StringBuilder b = new StringBuilder();
        for (int a = 0; a < values.size(); a++) {
            if (a > 0) b.append(", ");
            b.append(axisPaths.get(a)).append('=').append(values.get(a));
        }
        return b.toString();
    }
}
