package io.halidekmc.cli;

import io.halidekmc.checkpoint.CheckpointException;
import io.halidekmc.checkpoint.CheckpointFile;
import io.halidekmc.io.Scenario;
import io.halidekmc.io.yaml.InputException;
import io.halidekmc.run.RunCheckpoints;
import io.halidekmc.run.Simulation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code run --extend-until S}: a finished run continued to a later end from the state it kept
 * at its end ({@link RunCheckpoints#finalFileFor}). Where that state is missing (a run from before
 * it was kept, {@code --checkpoint-every 0}, a GPU-resident lattice, a run stopped by
 * {@code --max-events}) the extension is refused rather than restarted from the last snapshot:
 * a snapshot holds the lattice only, so the vacancy rates, RNG stream, reservoirs and observers
 * would start afresh and the files would splice two runs under one name. Every refusal is one
 * line and exit 2 before anything is written.
 */
final class Extension {
    private Extension() {}

    /** The one finished run in dir ({@code run --resume DIR --extend-until S} without a scenario file). */
    static CheckpointFile.Loaded onlyFinalIn(Path dir) {
        if (!Files.isDirectory(dir)) throw new InputException("--resume " + dir + ": no such folder");
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.final-checkpoint")) {
            for (Path p : ds) found.add(p);
        } catch (IOException e) {
            throw new InputException("--resume " + dir + ": cannot list the folder (" + e.getMessage() + ")");
        }
        if (found.isEmpty()) throw new InputException(noFinishedRun("", dir, "*"));
        if (found.size() > 1) {
            throw new InputException("--resume " + dir + ": " + found.size() + " finished runs here; name the scenario: run SCENARIO --resume "
                    + dir + " --extend-until S");
        }
        return Resume.read(found.getFirst());
    }

    /** The final state of the run writing {@code stem} into dir. */
    static CheckpointFile.Loaded finalOf(Path dir, String stem) {
        Path f = RunCheckpoints.finalFileFor(dir, stem);
        if (!Files.exists(f)) throw new InputException(noFinishedRun(" of " + stem, dir, stem));
        return Resume.read(f);
    }

    private static String noFinishedRun(String of, Path dir, String stem) {
        return "--extend-until: no finished run" + of + " to extend in " + dir + " (no " + stem + ".final-checkpoint: a run keeps one "
                + "when it reaches its end with --checkpoint-every above 0)";
    }

    /** An unfinished run's checkpoint found where an extension was asked: continued only when it is this extension's own. */
    static void unfinishedIsThisExtension(CheckpointFile.Loaded c, Scenario s) {
        if (!c.header().scenarioHash().equals(RunCheckpoints.scenarioHash(s))) {
            throw new InputException(c.file() + ": the run here did not finish; continue it first (run --resume "
                    + c.file().getParent() + "), then extend it");
        }
    }

    static void check(CheckpointFile.Loaded c, Scenario s, String backend) {
        try {
            RunCheckpoints.checkExtension(c, s, backend);
        } catch (CheckpointException e) {
            throw new InputException(e.getMessage());
        }
    }

    /**
     * The one case an extension is not one run to the new end bit for bit: the finished run ended
     * off the output grid (an --until between frames, or k × interval rounding away from the end
     * time); null when it ended on it. A warning (an error under --strict), not a refusal: the
     * continuation is still the exact state carried on.
     */
    static String offGrid(Simulation sim, CheckpointFile.Loaded c) {
        if (sim.endsOnOutputGrid()) return null;
        return c.file() + ": the finished run ended at " + Double.toString(c.header().until()) + " s, off its output grid (interval "
                + Double.toString(sim.scenario().interval()) + " s): the extension continues it exactly but is not bit for bit one run "
                + "to the new end";
    }

    /** After the restore: the new end's snapshot times join the state, and the line that says so. */
    static String continued(Simulation sim, CheckpointFile.Loaded c) {
        sim.extendSnapshots();
        var h = c.header();
        return String.format(Locale.ROOT, "halide-kmc: extending from %s: t = %.6g s, %d hops, to %s s", c.file(), h.simTime(),
                h.events(), Double.toString(sim.scenario().until()));
    }
}
