package io.halidekmc.validate;

import io.halidekmc.io.Scenario;
import io.halidekmc.run.RunCheckpoints;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where a long job (validate, calibrate) keeps one checkpoint per run, named by the run's
 * scenario hash: while a run goes, its latest checkpoint; once it has finished, its final state,
 * from which a re-run rebuilds the same {@link RunResult} without simulating. So a job killed in
 * its second case and run again with the same arguments reuses the first case and continues the
 * second. {@link #clear} removes them when the job completes, so a later job computes afresh.
 */
public final class RestartFolder {
    private final Path dir;
    private final double every;
    /** Tests: called after each safe point's checkpoint decision (where a test kills the job). */
    private final Simulation.SafePoint after;

    /** @param every wall seconds between checkpoints of a running run */
    public RestartFolder(Path dir, double every) {
        this(dir, every, null);
    }

    RestartFolder(Path dir, double every, Simulation.SafePoint after) {
        this.dir = dir;
        this.every = every;
        this.after = after;
    }

    public Path dir() {
        return dir;
    }

    /** Runs s, continuing or reusing what an earlier, killed job left for the same scenario. */
    RunResult run(Scenario s, Consumer<String> log) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(s.name() + "-" + RunCheckpoints.scenarioHash(s).substring(0, 16) + ".checkpoint");
        boolean had = Files.exists(file);
        Simulation sim = RunCheckpoints.resumeIfValid(new Simulation(s), () -> new Simulation(s), file, line -> log.accept("  " + line));
        if (had && Files.exists(file)) {
            boolean finished = sim.engine().time() * s.timeScale() >= s.until() || sim.engine().events() >= s.maxEvents();
            log.accept("  " + (finished ? "reusing the finished run " : "continuing the run ") + s.name() + " from " + file);
        }
        Consumer<String> errors = line -> {
            if (line.startsWith("halide-kmc:")) log.accept("  " + line);
        };
        RunCheckpoints checkpoints = new RunCheckpoints(file, every, RunCheckpoints.Given.NONE, errors);
        sim.onSafePoint(after == null ? checkpoints : (x, stopping) -> {
            checkpoints.reached(x, stopping);
            after.reached(x, stopping);
        });
        RunResult r = sim.run(null);
        // the finished state: a re-run of the job rebuilds this result from it without simulating
        new RunCheckpoints(file, 0, RunCheckpoints.Given.NONE, errors).write(sim);
        return r;
    }

    /** Removes the checkpoints: the job completed. */
    public void clear() throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.checkpoint")) {
            for (Path p : ds) Files.deleteIfExists(p);
        }
        try {
            Files.deleteIfExists(dir);
        } catch (java.nio.file.DirectoryNotEmptyException keep) {
            // something else lives there; the checkpoints are gone
        }
    }
}
