package io.halidekmc.run;

import io.halidekmc.checkpoint.CheckpointFile;
import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --extend-until}, engine by engine (the scenarios of {@link CheckpointResumeTest}):
 * a run that reached its end, continued in a fresh simulation from the final state it kept to
 * three output intervals later, writes the files of one run to the later end, bit for bit.
 */
class ExtendedRunTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.halidekmc.run.CheckpointResumeTest#engines")
    void aFinishedRunExtendedFromItsFinalStateIsOneRunToTheLaterEnd(String label, String file, Map<String, Object> overrides, long chunk)
            throws IOException {
        Scenario given = ScenarioLoader.load(Path.of(file), overrides);
        Scenario first = given.withLimits(onGrid(given), given.maxEvents());
        // three frames more: the run to the later end, the costly part, stays near the first run's length
        Scenario longer = first.withLimits(first.until() + 3 * first.interval(), first.maxEvents());

        Path fin = dir.resolve("run.final-checkpoint");
        Simulation a = new Simulation(first);
        a.chunkHops(chunk);
        a.onSafePoint(new RunCheckpoints(dir.resolve("run.checkpoint"), 1e9, RunCheckpoints.Given.NONE, CheckpointResumeTest::failOnError)
                .keepingFinalIn(fin));
        RunResult ended = a.run(null);
        assertEquals(first.until(), ended.endTime(), 1e-12 * first.until(), label + ": the first run reached its end");

        var loaded = CheckpointFile.read(fin);
        RunCheckpoints.checkExtension(loaded, longer, "cpu");
        Simulation b = new Simulation(longer);
        b.chunkHops(chunk);
        b.restore(loaded);
        b.extendSnapshots();
        assertTrue(b.endsOnOutputGrid(), label + ": the first run ended on the output grid");
        RunResult extended = b.run(null);

        Simulation w = new Simulation(longer);
        w.chunkHops(chunk);
        RunResult whole = w.run(null);
        assertTrue(whole.events() > ended.events(), label + ": the extension has hops of its own");
        RunFiles.assertSameOutputs(whole, extended, dir.resolve("compared"));
    }

    /**
     * An end time near the scenario's on its output grid in the last bit (K × interval in the
     * engine's time), as an extension needs to be one run to the later end.
     */
    private static double onGrid(Scenario s) {
        double f = s.timeScale();
        double step = s.interval() / f;
        double x = Math.rint(s.until() / s.interval()) * step;
        double t = x * f;
        for (int i = 0; i < 8 && t / f != x; i++) t = t / f < x ? Math.nextUp(t) : Math.nextDown(t);
        assertEquals(x, t / f, "an end time on the grid");
        return t;
    }
}
