package io.halidekmc.spark;

import io.halidekmc.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The core CLI finds the Spark module on its classpath: sweep --runner spark and bench --cluster, in-process (local[2]). */
class SparkCliTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void sweepRunnerSparkFromTheCommandLine() throws Exception {
        Files.writeString(tmp.resolve("tiny.yaml"), SparkSweepTest.SCENARIO);
        Files.writeString(tmp.resolve("sweep.yaml"), """
                scenario: tiny.yaml
                grid: {drives.temperature: [300, 350]}
                seeds: {base: 5}
                outcomes: [order_final, events]
                """);
        Path out = tmp.resolve("out");
        // auto asked for, but local mode hands tasks no GPU: the CPU, and the device column says so
        Result r = cli("sweep", tmp.resolve("sweep.yaml").toString(), "--runner", "spark", "--master", "local[2]", "--backend", "auto",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("runner spark (local[2,2], 2 attempts per point, started in "), r.out());
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv")).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals("point,drives.temperature,seed,backend,device,host,order_final,events,wall_s,status,error", rows.get(0));
        assertEquals(3, rows.size());
        assertTrue(rows.get(1).startsWith("0,300,5,cpu,cpu,"), rows.get(1));
        assertTrue(Files.isDirectory(out.resolve("sweep.parquet")));
        assertTrue(Files.size(out.resolve("sweep-order_final.png")) > 1000, "the same plots as the local runner");
        // a bad master is the user's error, not a stack trace
        Result bad = cli("sweep", tmp.resolve("sweep.yaml").toString(), "--runner", "spark", "--master", "nowhere://x",
                "--out", tmp.resolve("bad").toString());
        assertEquals(2, bad.code(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    @Test
    void clusterBenchGivesOneRowPerSlotAndProblem() {
        Result r = cli("bench", "--cluster", "--master", "local[2]", "--problem", "nc23", "--events", "2000", "--repeats", "1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals("host,executor,device,backend,problem,sites,events_per_s,events_per_s_min,events_per_s_max", lines.get(0));
        assertEquals(2, lines.size(), "local mode: one slot, the driver: " + r.out());
        String[] f = lines.get(1).split(",");
        assertEquals("driver", f[1]);
        assertEquals("cpu", f[2], "no GPU: the CPU, and the table says so");
        assertEquals("nc23", f[4]);
        assertTrue(Double.parseDouble(f[6]) > 0);
    }
}
