package io.halidekmc.cli;

import static io.halidekmc.cli.CliOutcome.cli;
import io.halidekmc.checkpoint.CheckpointFile;
import io.halidekmc.checkpoint.CheckpointHeader;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.run.KilledRun;
import io.halidekmc.run.RunFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} with checkpoints from the command line: a found checkpoint continues the run to
 * the files an uninterrupted run writes; a torn, foreign or outdated one is refused with one line
 * and exit 2, the previous outputs untouched; and a real {@code kill -9} of the JVM mid-run is
 * survived by running the same command again.
 */
class CheckpointCliTest {
    @TempDir
    Path tmp;
    Path scenario;
    Path out;


    /** The README's first scenario on an 8³ box, 8 s with its 296 → 180 K step at 4 s: ≈ 1 s of work. */
    @BeforeEach
    void scenario() throws IOException {
        String text = Files.readString(Path.of("scenarios/bulk-anneal-CsPbBr1.2I1.8.yaml"))
                .replace("cells: [24, 24, 24]", "cells: [8, 8, 8]").replace("until: 1208", "until: 8")
                .replace("interval: 4", "interval: 1").replace("snapshots: [0, 4, 1204, 1208]", "snapshots: [0, 4, 8]");
        scenario = Files.writeString(tmp.resolve("box.yaml"), text);
        out = tmp.resolve("out");
    }


    private Path checkpoint() {
        return out.resolve("box.checkpoint");
    }

    /** A finished run in out, then a checkpoint beside it as a run killed mid-way would leave. */
    private void finishedRunAndCheckpoint() throws IOException {
        CliOutcome first = cli("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, first.code(), first.err());
        assertFalse(Files.exists(checkpoint()), "a finished run removes its checkpoint");
        KilledRun.checkpointAt(ScenarioLoader.load(scenario), 4, checkpoint());
    }

    @Test
    void aFoundCheckpointIsSaidAndContinuedToTheUninterruptedFiles() throws IOException {
        Path whole = tmp.resolve("whole");
        assertEquals(0, cli("run", scenario.toString(), "--out", whole.toString(), "--quiet", "--checkpoint-every", "0").code());
        finishedRunAndCheckpoint();
        CliOutcome resumed = cli("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().startsWith("halide-kmc: resuming from " + checkpoint() + ": t = "), resumed.err());
        RunFiles.assertSameFiles(whole.resolve("box.h5"), out.resolve("box.h5"), whole.resolve("box.csv"), out.resolve("box.csv"));
        assertFalse(Files.exists(checkpoint()), "the continued run finished and removed the checkpoint");

        // run --resume DIR alone: the checkpoint names its scenario file
        KilledRun.checkpointAt(ScenarioLoader.load(scenario), 6, checkpoint());
        CliOutcome again = cli("run", "--resume", out.toString(), "--quiet");
        assertEquals(0, again.code(), again.err());
        RunFiles.assertSameFiles(whole.resolve("box.h5"), out.resolve("box.h5"), whole.resolve("box.csv"), out.resolve("box.csv"));
    }

    @Test
    void aTruncatedOrCorruptCheckpointIsRefusedAndThePreviousOutputsStay() throws IOException {
        finishedRunAndCheckpoint();
        byte[] h5 = Files.readAllBytes(out.resolve("box.h5"));
        byte[] csv = Files.readAllBytes(out.resolve("box.csv"));
        byte[] good = Files.readAllBytes(checkpoint());
        String torn = checkpoint() + ": checkpoint is corrupt or truncated (checksum mismatch); delete it to start over";

        Files.write(checkpoint(), java.util.Arrays.copyOf(good, good.length - 100));
        assertRefused(torn, h5, csv);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(checkpoint(), flipped);
        assertRefused(torn, h5, csv);
        Files.writeString(checkpoint(), "name: not a checkpoint\n");
        assertRefused(checkpoint() + ": not a halide-kmc checkpoint", h5, csv);
        Files.write(checkpoint(), good);
        CliOutcome otherSeed = cli("run", scenario.toString(), "--out", out.toString(), "--seed", "99");
        assertEquals(2, otherSeed.code(), otherSeed.err());
        assertEquals("halide-kmc: " + checkpoint() + ": checkpoint is of another scenario (its text or --seed/--until/--max-events/--threads differ); "
                + "rerun the command that wrote it, or delete the checkpoint to start over", otherSeed.err().strip());
        assertArrayEquals(h5, Files.readAllBytes(out.resolve("box.h5")));
    }

    @Test
    void aCheckpointOfAnotherVersionIsRefused() throws IOException {
        finishedRunAndCheckpoint();
        var c = CheckpointFile.read(checkpoint());
        var h = c.header();
        var old = new CheckpointHeader("0.0.1-old", h.scenarioHash(), h.engine(), h.backend(), h.scenarioFile(), h.seed(), h.until(),
                h.maxEvents(), h.threads(), h.simTime(), h.events(), h.written());
        // the state itself is irrelevant to the refusal: any root will do
        CheckpointFile.write(checkpoint(), old, new int[] {1}, java.util.Set.of());
        CliOutcome o = cli("run", scenario.toString(), "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertEquals("halide-kmc: " + checkpoint() + ": checkpoint written by halide-kmc 0.0.1-old, this is " + io.halidekmc.Version.VERSION
                + "; resume with that version, or delete the checkpoint to start over", o.err().strip());
    }

    @Test
    void badCheckpointOptionsAreOneLineAndExit2() {
        CliOutcome neg = cli("run", scenario.toString(), "--out", out.toString(), "--checkpoint-every", "-5");
        assertEquals(2, neg.code());
        assertEquals("halide-kmc: --checkpoint-every: -5.0 is out of range; allowed: 0 (off) or > 0 s", neg.err().strip());
        CliOutcome none = cli("run", "--resume", tmp.toString());
        assertEquals(2, none.code());
        assertEquals("halide-kmc: --resume " + tmp + ": no checkpoint here (a run that finished removed its own)", none.err().strip());
        CliOutcome missing = cli("run");
        assertEquals(2, missing.code());
        assertEquals("halide-kmc: run: missing SCENARIO (a scenario YAML file), or --resume DIR", missing.err().strip());
    }

    private void assertRefused(String message, byte[] h5, byte[] csv) throws IOException {
        CliOutcome o = cli("run", scenario.toString(), "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertEquals("halide-kmc: " + message, o.err().strip());
        assertArrayEquals(h5, Files.readAllBytes(out.resolve("box.h5")), "a refused resume leaves the previous HDF5 file");
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("box.csv")), "a refused resume leaves the previous CSV");
        assertTrue(Files.exists(checkpoint()), "a refused checkpoint is left for the user to look at");
    }

    /**
     * kill -9 of a real JVM at a random moment after its first checkpoint; the same command run
     * again continues and ends with the files of an uninterrupted run.
     */
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theSameCommandAfterKill9EndsWithTheUninterruptedFiles() throws Exception {
        Path big = Files.writeString(tmp.resolve("big.yaml"), Files.readString(Path.of("scenarios/bulk-anneal-CsPbBr1.2I1.8.yaml"))
                .replace("until: 1208", "until: 120").replace("snapshots: [0, 4, 1204, 1208]", "snapshots: [0, 4, 120]"));
        Path whole = tmp.resolve("whole");
        CliOutcome w = cli("run", big.toString(), "--out", whole.toString(), "--quiet", "--checkpoint-every", "0");
        assertEquals(0, w.code(), w.err());

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = {"run", big.toString(), "--out", out.toString(), "--quiet", "--checkpoint-every", "0.2"};
        Process p = new ProcessBuilder(concat(new String[] {javaBin, "-cp", System.getProperty("java.class.path"), "io.halidekmc.cli.Main"}, cmd))
                .redirectError(tmp.resolve("err.txt").toFile()).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        Path ckpt = out.resolve("big.checkpoint");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(ckpt)) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "no checkpoint before the run ended: " + Files.readString(tmp.resolve("err.txt")));
            Thread.sleep(20);
        }
        Thread.sleep(new Random().nextInt(600));
        assertTrue(p.isAlive(), "the run must still be going when it is killed; make the scenario longer");
        p.destroyForcibly();   // SIGKILL on Unix: no hook, no file closed
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue());
        assertFalse(Files.exists(out.resolve("big.h5")), "a killed run leaves no HDF5 file at the final path");

        CliOutcome again = cli(cmd);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("halide-kmc: resuming from " + ckpt), again.err());
        String log = Files.readString(out.resolve("run.log"));
        assertTrue(log.contains("# checkpoint big.checkpoint") && log.indexOf("# checkpoint big.checkpoint") < log.indexOf("halide-kmc: resuming from"), "run.log keeps the killed run's lines first:\n" + log);
        RunFiles.assertSameFiles(whole.resolve("big.h5"), out.resolve("big.h5"), whole.resolve("big.csv"), out.resolve("big.csv"));
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp") || f.getFileName().toString().endsWith(".checkpoint")));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
