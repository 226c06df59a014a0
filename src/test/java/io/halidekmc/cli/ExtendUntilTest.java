package io.halidekmc.cli;

import static io.halidekmc.cli.CliOutcome.cli;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.run.KilledRun;
import io.halidekmc.run.RunFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --extend-until S}: a finished run continued from the state it kept at its end
 * writes, bit for bit, the files of one run to S (every HDF5 dataset, the CSV, the XYZ export);
 * bad input is one line, exit 2, the previous outputs untouched.
 */
class ExtendUntilTest {
    @TempDir
    Path tmp;
    Path scenario;
    Path out;


    /** An 8³ box, 8 s with a 296 → 180 K step at 4 s, a snapshot every 2 s exported as XYZ: ≈ 1 s of work. */
    @BeforeEach
    void scenario() throws IOException {
        String text = Files.readString(Path.of("scenarios/bulk-anneal-CsPbBr1.2I1.8.yaml"))
                .replace("cells: [24, 24, 24]", "cells: [8, 8, 8]").replace("until: 1208", "until: 8")
                .replace("interval: 4", "interval: 1\n  export: [xyz]").replace("snapshots: [0, 4, 1204, 1208]", "snapshots: {every: 2}");
        scenario = Files.writeString(tmp.resolve("box.yaml"), text);
        out = tmp.resolve("out");
    }


    private Path finalState() {
        return out.resolve("box.final-checkpoint");
    }

    private Path whole(String until) {
        Path w = tmp.resolve("whole-" + until);
        CliOutcome o = cli("run", scenario.toString(), "--out", w.toString(), "--until", until, "--quiet", "--checkpoint-every", "0");
        assertEquals(0, o.code(), o.err());
        return w;
    }

    private void finished(String... extra) {
        String[] args = {"run", scenario.toString(), "--out", out.toString(), "--quiet"};
        CliOutcome o = cli(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra)).toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
    }

    private static void assertSameRun(Path expected, Path actual) throws IOException {
        RunFiles.assertSameFiles(expected.resolve("box.h5"), actual.resolve("box.h5"), expected.resolve("box.csv"), actual.resolve("box.csv"));
        assertArrayEquals(Files.readAllBytes(expected.resolve("box.xyz")), Files.readAllBytes(actual.resolve("box.xyz")), "XYZ export");
    }

    @Test
    void anExtendedRunIsBitForBitOneRunToTheLaterEnd() throws IOException {
        finished();
        assertTrue(Files.exists(finalState()), "a run that reached its end keeps its final state");
        assertFalse(Files.exists(out.resolve("box.checkpoint")), "and no restart file");

        CliOutcome ext = cli("run", scenario.toString(), "--extend-until", "16", "--out", out.toString(), "--quiet");
        assertEquals(0, ext.code(), ext.err());
        assertTrue(ext.err().startsWith("halide-kmc: extending from " + finalState() + ": t = 8.00000 s, "), ext.err());
        assertTrue(ext.err().contains(" hops, to 16.0 s\n"), ext.err());
        assertFalse(ext.err().contains("warning"), ext.err());
        assertSameRun(whole("16"), out);

        // again, from the folder alone: the final state names its scenario file and options
        CliOutcome again = cli("run", "--resume", out.toString(), "--extend-until", "24", "--quiet");
        assertEquals(0, again.code(), again.err());
        assertSameRun(whole("24"), out);
    }

    /** The comparison above can fail: extended from another seed's end, the files differ. */
    @Test
    void anExtensionOfAnotherTrajectoryIsToldApart() throws IOException {
        finished("--seed", "7");
        assertEquals(0, cli("run", scenario.toString(), "--seed", "7", "--extend-until", "16", "--out", out.toString(), "--quiet").code());
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class, () -> assertSameRun(whole("16"), out));
    }

    @Test
    void anExtensionKilledMidWayContinuesWithTheSameCommand() throws IOException {
        finished();
        // what a kill -9 during the extension to 16 s leaves: its own checkpoint beside the final state at 8 s
        KilledRun.checkpointAt(ScenarioLoader.load(scenario).withLimits(16, ScenarioLoader.load(scenario).maxEvents()), 12, out.resolve("box.checkpoint"));
        CliOutcome other = cli("run", scenario.toString(), "--extend-until", "24", "--out", out.toString());
        assertEquals(2, other.code(), other.err());
        assertEquals("halide-kmc: " + out.resolve("box.checkpoint") + ": the run here did not finish; continue it first (run --resume "
                + out + "), then extend it", other.err().strip());

        CliOutcome same = cli("run", scenario.toString(), "--extend-until", "16", "--out", out.toString(), "--quiet");
        assertEquals(0, same.code(), same.err());
        assertTrue(same.err().startsWith("halide-kmc: resuming from " + out.resolve("box.checkpoint")), same.err());
        assertSameRun(whole("16"), out);
    }

    @Test
    void anEndOffTheOutputGridIsExtendedWithOneWarningOrRefusedUnderStrict() throws IOException {
        finished("--until", "7.5");
        String warning = finalState() + ": the finished run ended at 7.5 s, off its output grid (interval 1.0 s): "
                + "the extension continues it exactly but is not bit for bit one run to the new end";
        byte[] h5 = Files.readAllBytes(out.resolve("box.h5"));
        CliOutcome strict = cli("run", scenario.toString(), "--extend-until", "16", "--out", out.toString(), "--quiet", "--strict");
        assertEquals(2, strict.code(), strict.err());
        assertEquals("halide-kmc: " + warning + " (--strict: warnings are errors)", strict.err().strip());
        assertArrayEquals(h5, Files.readAllBytes(out.resolve("box.h5")), "--strict refused it before anything was written");

        CliOutcome ext = cli("run", scenario.toString(), "--extend-until", "16", "--out", out.toString(), "--quiet");
        assertEquals(0, ext.code(), ext.err());
        assertEquals("halide-kmc: warning: " + warning, ext.err().lines().toList().get(1));
    }

    @Test
    void badExtensionsAreOneLineExit2AndLeaveTheOutputs() throws IOException {
        finished();
        byte[] h5 = Files.readAllBytes(out.resolve("box.h5"));
        byte[] csv = Files.readAllBytes(out.resolve("box.csv"));
        byte[] fin = Files.readAllBytes(finalState());

        assertRefused("--extend-until: 8.0 is not beyond the end of the finished run in " + out + ", 8.0 s",
                "run", scenario.toString(), "--extend-until", "8", "--out", out.toString());
        assertRefused("--extend-until: -3.0 is out of range; allowed: > 0 s",
                "run", scenario.toString(), "--extend-until", "-3", "--out", out.toString());
        assertRefused("--until and --extend-until: give one (--extend-until is the new end)",
                "run", scenario.toString(), "--until", "12", "--extend-until", "16", "--out", out.toString());
        assertRefused("--extend-until: name the finished run's folder with --out DIR or --resume DIR",
                "run", scenario.toString(), "--extend-until", "16");
        String other = finalState() + ": the finished run is of another scenario (its text or --seed/--max-events/--threads differ); "
                + "extend it with the scenario file and options it ran with";
        assertRefused(other, "run", scenario.toString(), "--seed", "99", "--extend-until", "16", "--out", out.toString());
        Path edited = Files.writeString(tmp.resolve("box2.yaml"), Files.readString(scenario).replace("until: 8", "until: 8   # edited"));
        Files.copy(finalState(), out.resolve("box2.final-checkpoint"));
        assertRefused(other.replace("box.final", "box2.final"), "run", edited.toString(), "--extend-until", "16", "--out", out.toString());
        Files.delete(out.resolve("box2.final-checkpoint"));

        Path missing = tmp.resolve("nothing");
        assertRefused("--extend-until: no finished run to extend in " + missing + " (no such folder)",
                "run", scenario.toString(), "--extend-until", "16", "--out", missing.toString());
        assertFalse(Files.exists(missing), "a refused extension creates no folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertRefused("--extend-until: no finished run of box to extend in " + empty + " (no box.final-checkpoint: a run keeps one when it "
                + "reaches its end with --checkpoint-every above 0)", "run", scenario.toString(), "--extend-until", "16", "--out", empty.toString());
        assertRefused("--extend-until: no finished run to extend in " + empty + " (no *.final-checkpoint: a run keeps one when it "
                + "reaches its end with --checkpoint-every above 0)", "run", "--resume", empty.toString(), "--extend-until", "16");

        assertArrayEquals(h5, Files.readAllBytes(out.resolve("box.h5")), "a refused extension leaves the HDF5 file");
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("box.csv")), "and the CSV");
        assertArrayEquals(fin, Files.readAllBytes(finalState()), "and the final state");
    }

    @Test
    void aRunThatDoesNotReachItsEndRemovesAnOlderFinalState() {
        finished();
        assertTrue(Files.exists(finalState()));
        finished("--max-events", "100");
        assertFalse(Files.exists(finalState()), "the files beside it are no longer the run it ended");
        finished();
        finished("--checkpoint-every", "0");
        assertFalse(Files.exists(finalState()), "--checkpoint-every 0 keeps none");
        CliOutcome o = cli("run", scenario.toString(), "--extend-until", "16", "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("halide-kmc: --extend-until: no finished run of box to extend in "), o.err());
    }

    private void assertRefused(String message, String... args) {
        CliOutcome o = cli(args);
        assertEquals(2, o.code(), o.err());
        assertEquals("halide-kmc: " + message, o.err().strip());
    }
}
