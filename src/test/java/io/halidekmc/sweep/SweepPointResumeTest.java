package io.halidekmc.sweep;

import io.halidekmc.run.KilledRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep re-run after a kill continues a half-finished point from its checkpoint, not from zero, to the same row. */
class SweepPointResumeTest {
    @TempDir
    Path tmp;

    @Test
    void aHalfFinishedPointContinuesFromItsCheckpointAndATornOrForeignOneStartsOver() throws Exception {
        SweepSpec spec = SweepFixtures.spec(tmp, SweepFixtures.SWEEP);
        List<SweepPoint> points = Grid.expand(spec);
        Path freshRuns = Files.createDirectories(tmp.resolve("fresh-runs"));
        Sweep.run(spec, points, tmp.resolve("fresh"), new LocalThreadRunner(1),
                new SimulatePoint(spec.outcomes(), freshRuns.toString(), "cpu", null, false, null, 0), null, false);

        Path dir = tmp.resolve("resumed");
        Path pointsDir = Files.createDirectories(dir.resolve("points"));
        Path runs = Files.createDirectories(tmp.resolve("resumed-runs"));
        // what a killed sweep leaves: point 0 half done with its checkpoint, point 1 with a torn one
        KilledRun.checkpointAt(points.get(0).load(), 3, pointsDir.resolve("point-00000.checkpoint"));
        Files.writeString(pointsDir.resolve("point-00001.checkpoint"), "halide-kmc checkpoint\ntorn");
        // point 2: a header that matches but a state of something else (what other code would leave)
        var h = new io.halidekmc.checkpoint.CheckpointHeader(io.halidekmc.Version.VERSION,
                io.halidekmc.run.RunCheckpoints.scenarioHash(points.get(2).load()), "exact", "cpu", "tiny.yaml", -1, Double.NaN, 0, 0,
                1e-8, 100, "now");
        io.halidekmc.checkpoint.CheckpointFile.write(pointsDir.resolve("point-00002.checkpoint"), h, new int[] {1}, java.util.Set.of());

        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            Sweep.run(spec, points, dir, new LocalThreadRunner(1),
                    new SimulatePoint(spec.outcomes(), runs.toString(), "cpu", null, false, pointsDir.toString(), 600), null, false);
        } finally {
            System.setErr(err);
        }
        String log = said.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("halide-kmc: resuming from " + pointsDir.resolve("point-00000.checkpoint")), log);
        assertTrue(log.contains("point-00001.checkpoint: checkpoint is corrupt or truncated (checksum mismatch); delete it to start over; "
                + "the run starts from zero"), log);
        assertTrue(log.contains("point-00002.checkpoint: checkpoint does not fit this run at Simulation: the checkpoint's root is not a "
                + "Simulation; delete it to start over; the run starts from zero"), log);
        assertEquals(SweepRunTest.tableWithoutWallTime(tmp.resolve("fresh/sweep.csv")), SweepRunTest.tableWithoutWallTime(dir.resolve("sweep.csv")));
        for (int i = 0; i < points.size(); i++) {
            String name = SimulatePoint.runFileName(i, 0);
            var a = io.halidekmc.run.RunFiles.datasets(freshRuns.resolve(name));
            var b = io.halidekmc.run.RunFiles.datasets(runs.resolve(name));
            assertEquals(a.keySet(), b.keySet());
            for (String k : a.keySet()) {
                assertTrue(java.util.Arrays.deepEquals(new Object[] {a.get(k)}, new Object[] {b.get(k)}), "point " + i + " " + k);
            }
        }
        try (var left = Files.list(pointsDir)) {
            assertFalse(left.anyMatch(p -> p.toString().endsWith(".checkpoint")), "finished points remove their checkpoints");
        }
    }
}
