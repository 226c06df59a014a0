package io.halidekmc.run;

import io.halidekmc.checkpoint.CheckpointFile;
import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpoint requirement, engine by engine: a run killed right after a checkpoint and
 * continued from it in a fresh simulation finishes with the same files, bit for bit, as the run
 * never stopped; and writing checkpoints does not change a run. Shipped scenarios, shortened.
 */
class CheckpointResumeTest {
    @TempDir
    Path dir;

    /** Thrown from a safe point right after the checkpoint: the test's kill -9. */
    private static final class Killed extends RuntimeException {
        Killed() {
            super("killed after the checkpoint", null, false, false);
        }
    }

    static Stream<Arguments> engines() {
        return Stream.of(
                // a drive step at 4 s inside the run, snapshots before and after it
                Arguments.of("exact bulk", "scenarios/bulk-anneal-CsPbBr1.2I1.8.yaml",
                        Map.of("geometry.cells", List.of(8, 8, 8), "run.until", 8.0, "output.interval", 1.0,
                                "output.snapshots", List.of(0, 4, 8)), 1000L),
                // light on, then off: N octahedra grow and reconvert (barriers lowered so both happen in 0.6 ms)
                Arguments.of("exact nanocrystal, phase conversion", "scenarios/nc12-phase-conversion.yaml",
                        overrides("geometry.edge_nm", 6, "vacancy_fraction", 0.002, "vacancy_fraction_physical", null,
                                "drives.light", Map.of("steps", List.of(List.of(0, 50), List.of(3.0e-4, 0))),
                                "physics.phase_conversion.light_barrier", 0.28, "physics.phase_conversion.reconversion_barrier", 0.75,
                                "run.until", 6.0e-4, "output.interval", 5.0e-5), 2000L),
                Arguments.of("exact nanocrystal, surface exchange and light release", "scenarios/nc-light-release-demo.yaml",
                        Map.of("geometry.edge_nm", 5, "run.until", 2.0e-7, "output.interval", 2.0e-8), 2000L),
                // electrodes, space charge refreshed by Poisson solves inside the run
                Arguments.of("exact nanowire device", "scenarios/wire-003-forward.yaml",
                        Map.of("geometry.segments", List.of(Map.of("length_nm", 400, "composition", Map.of("Br", 1.0)),
                                        Map.of("length_nm", 400, "composition", Map.of("Cl", 1.0))),
                                "geometry.contact_width_nm", 100, "run.until", 60.0, "output.interval", 6.0,
                                "physics.space_charge.refresh_interval", 5.0), 2000L),
                Arguments.of("sector", "scenarios/bulk-demix-sector-uniformized.yaml",
                        Map.of("engine", "sector", "geometry.cells", List.of(12, 12, 16), "drives.temperature", 296,
                                "run.until", 0.6, "output.interval", 0.1), 5000L),
                Arguments.of("sector-uniformized", "scenarios/bulk-demix-sector-uniformized.yaml",
                        Map.of("geometry.cells", List.of(12, 12, 16), "drives.temperature", 296,
                                "run.until", 0.6, "output.interval", 0.1), 5000L),
                Arguments.of("film of exact nanocrystals", "validation/scenarios/nc23-light-dark-296K.yaml",
                        Map.of("film.count", 3, "geometry.edge_nm", 23, "vacancy_fraction", 0.05,
                                "drives.light", Map.of("steps", List.of(List.of(0, 50), List.of(60, 0))),
                                "run.until", 120.0, "output.interval", 12.0), 2000L),
                Arguments.of("uniformized film", "scenarios/nc-film-anneal-uniformized.yaml",
                        Map.of("film.count", 3, "geometry.edge_nm", 6, "run.until", 300.01, "output.interval", 30.0), 5000L));
    }

    /** Overrides with null values (a key removed), which Map.of refuses. */
    private static Map<String, Object> overrides(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aRunContinuedFromItsCheckpointEndsAsTheUninterruptedRun(String label, String file, Map<String, Object> overrides, long chunk)
            throws IOException {
        Scenario s = ScenarioLoader.load(Path.of(file), overrides);
        RunResult whole = run(s, chunk, null);
        assertTrue(whole.events() > 5 * chunk, label + ": the run must span several safe points, had " + whole.events() + " hops");
        System.out.printf("%s: %d hops%n", label, whole.events());

        Path ckpt = dir.resolve("run.checkpoint");
        RunResult resumed = killedAndResumed(s, chunk, whole.events() / 2, ckpt, label);
        assertEquals(whole.events(), resumed.events(), label + ": events");
        RunFiles.assertSameOutputs(whole, resumed, dir.resolve("resumed"));

        // a run that writes a checkpoint at every safe point is the same run
        RunResult watched = run(s, chunk, ckpt);
        RunFiles.assertSameOutputs(whole, watched, dir.resolve("watched"));
    }

    /**
     * Runs s until the first safe point past {@code killAfter} hops, writes a checkpoint there and
     * drops the simulation (the kill); then a fresh one restored from the file runs to the end.
     */
    private static RunResult killedAndResumed(Scenario s, long chunk, long killAfter, Path ckpt, String label) throws IOException {
        Simulation first = new Simulation(s);
        first.chunkHops(chunk);
        first.onSafePoint((sim, stopping) -> {
            if (sim.engine().events() >= killAfter) {
                new RunCheckpoints(ckpt, 0, RunCheckpoints.Given.NONE, CheckpointResumeTest::failOnError).write(sim);
                throw new Killed();
            }
        });
        try {
            first.run(null);
            throw new AssertionError(label + ": the run ended without a safe point past " + killAfter + " hops");
        } catch (Killed expected) {
            // the process is gone; only the checkpoint is left
        }
        var loaded = CheckpointFile.read(ckpt);
        RunCheckpoints.check(loaded, s, "cpu");
        assertTrue(loaded.header().events() >= killAfter, label + ": killed mid-run");
        Simulation second = new Simulation(s);
        second.chunkHops(chunk);
        second.restore(loaded);
        return second.run(null);
    }

    static Stream<Arguments> threaded() {
        return engines().filter(a -> List.of("sector", "sector-uniformized", "film of exact nanocrystals", "uniformized film")
                .contains((String) a.get()[0]));
    }

    /** Same seed, same result at 1, 2 and 3 threads, each run killed (at different moments) and resumed from its checkpoint. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("threaded")
    void oneTwoAndThreeThreadsGiveTheSameResumedRun(String label, String file, Map<String, Object> overrides, long chunk) throws IOException {
        Scenario s = ScenarioLoader.load(Path.of(file), overrides);
        RunResult one = killedAndResumed(s.withThreads(1), chunk, 3 * chunk, dir.resolve("one.checkpoint"), label);
        RunResult two = killedAndResumed(s.withThreads(2), chunk, 5 * chunk, dir.resolve("two.checkpoint"), label);
        RunResult three = killedAndResumed(s.withThreads(3), chunk, 4 * chunk, dir.resolve("three.checkpoint"), label);
        assertTrue(one.events() > 6 * chunk, label + ": killed mid-run, had " + one.events() + " hops");
        // the files name their thread count (resolved scenario text): compared less that line
        RunFiles.assertSameOutputs(one, two, dir.resolve("threads-2"), "/meta/scenario");
        RunFiles.assertSameOutputs(one, three, dir.resolve("threads-3"), "/meta/scenario");
    }

    /** The comparison can fail: another seed is another trajectory, and it is told apart. */
    @org.junit.jupiter.api.Test
    void theComparisonTellsAnotherTrajectoryApart() {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/nc-light-release-demo.yaml"),
                Map.of("geometry.edge_nm", 5, "run.until", 5.0e-8, "output.interval", 1.0e-8));
        RunResult a = run(s, 2000, null);
        RunResult b = run(s.withSeed(s.seed() + 1), 2000, null);
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> RunFiles.assertSameOutputs(a, b, dir.resolve("other"), "/meta/scenario"));
    }

    /** A checkpoint that cannot be written ends the test, not only the checkpoints. */
    static void failOnError(String logLine) {
        if (logLine.startsWith("halide-kmc:")) throw new AssertionError(logLine);
    }

    /** Runs s to the end; with {@code ckpt}, writing a checkpoint at every safe point. */
    private static RunResult run(Scenario s, long chunk, Path ckpt) {
        Simulation sim = new Simulation(s);
        sim.chunkHops(chunk);
        if (ckpt != null) {
            RunCheckpoints every = new RunCheckpoints(ckpt, 0, RunCheckpoints.Given.NONE, CheckpointResumeTest::failOnError);
            sim.onSafePoint(every);
        }
        return sim.run(null);
    }
}
