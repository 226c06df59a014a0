package io.halidekmc.validate;

import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every YAML we ship loads: a scenario file as it is, a validation case through each of its runs
 * with the overrides CaseRunner applies (full and reduced), so a loader change that breaks a
 * shipped file, or only its reduced CI form, fails here rather than in a run.
 */
class ShippedScenariosTest {
    static Stream<Path> shippedYaml() throws IOException {
        Stream.Builder<Path> all = Stream.builder();
        for (String dir : new String[] {"scenarios", "validation"}) {
            try (var files = Files.walk(Path.of(dir))) {
                files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(all::add);
            }
        }
        return all.build();
    }

    @ParameterizedTest
    @MethodSource("shippedYaml")
    void everyShippedScenarioAndCaseRunLoads(Path file) {
        if (!file.getParent().equals(Path.of("validation"))) {
            Scenario s = ScenarioLoader.load(file);
            assertTrue(s.until() > 0, file.toString());
            // a shipped scenario shows what it sets: no setting of it may be one without effect
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), io.halidekmc.io.ScenarioWarnings.of(s));
            return;
        }
        ValidationCase c = ValidationCaseLoader.load(file, Evaluators::known, Evaluators.names());
        for (boolean reduced : new boolean[] {false, true}) {
            for (var run : c.runs().entrySet()) {
                Map<String, Object> o = new TreeMap<>(c.overrides());
                o.putAll(c.runOverrides().getOrDefault(run.getKey(), Map.of()));
                if (reduced) o.putAll(c.reduced());
                Scenario s = ScenarioLoader.load(run.getValue(), o);
                assertTrue(s.until() > 0, file + " run " + run.getKey() + (reduced ? " (reduced)" : ""));
                if (!reduced) {
                    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), io.halidekmc.io.ScenarioWarnings.of(s),
                            file + " run " + run.getKey());
                }
            }
        }
    }
}
