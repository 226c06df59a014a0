package io.halidekmc.spark;

import io.halidekmc.sweep.SweepLoader;
import io.halidekmc.sweep.SweepSpec;
import io.halidekmc.sweep.Grid;
import io.halidekmc.sweep.LocalThreadRunner;
import io.halidekmc.sweep.PointWork;
import io.halidekmc.sweep.SimulatePoint;
import io.halidekmc.sweep.Sweep;
import io.halidekmc.sweep.SweepPoint;
import io.halidekmc.sweep.SweepRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark runner on local-cluster[2,1,1024]: two executor JVMs besides this one (the driver),
 * so points, work and rows really cross a serialisation boundary. One cluster serves every test.
 */
class SparkSweepTest {
    static final String SCENARIO = """
            name: tiny
            seed: 7
            geometry: {type: bulk, cells: [4, 4, 4]}
            composition: {Br: 0.4, I: 0.6}
            vacancy_fraction: 0.02
            drives: {temperature: 300}
            run: {until: 1.0e-7}
            output: {interval: 2.5e-8, pl: {model: core, block_cells: 2}}
            """;

    /** 2 × 4 = 8 points; list-valued grid values exercise labels with commas. */
    static final String SWEEP = """
            scenario: tiny.yaml
            grid:
              drives.temperature: [300, 350]
              geometry.cells: [[4, 4, 4], [4, 4, 6], [4, 6, 6], [6, 6, 6]]
            seeds: {base: 100}
            outcomes: [order_final, x_I_final, pl_peak_final_nm, events]
            """;

    static SparkSweepRunner runner;

    @TempDir
    Path tmp;

    SweepSpec spec;
    List<SweepPoint> points;

    @BeforeAll
    static void startCluster() throws Exception {
        // surefire points SPARK_HOME at target/local-home; its jars/ may be empty (SparkSetup)
        Path home = Path.of(System.getenv("SPARK_HOME"));
        Files.createDirectories(home.resolve("jars"));
        // each worker "discovers" one GPU, address 0 (a stand-in for spark/bin/getGpusResources.sh),
        // and each executor asks for one: every task is handed GPU 0 through TaskContext
        Path script = home.resolve("one-fake-gpu.sh");
        Files.writeString(script, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [\"0\"]}'\n");
        script.toFile().setExecutable(true);
        Map<String, String> gpuConf = Map.of("spark.worker.resource.gpu.amount", "1",
                "spark.worker.resource.gpu.discoveryScript", script.toString(), "spark.executor.resource.gpu.amount", "1");
        gpuConf.forEach(System::setProperty);
        try {
            runner = new SparkSweepRunner("local-cluster[2,1,1024]");
            runner.context();
        } finally {
            gpuConf.keySet().forEach(System::clearProperty);
        }
        assertEquals("1", runner.context().getConf().get("spark.task.resource.gpu.amount"), "one GPU per task, set by SparkSetup");
    }

    @AfterAll
    static void stopCluster() {
        if (runner != null) runner.close();
    }

    void setUp() throws Exception {
        Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, SWEEP);
        spec = SweepLoader.load(f);
        points = Grid.expand(spec);
    }

    Sweep.Summary onSpark(String out, PointWork work) throws Exception {
        return Sweep.run(spec, points, tmp.resolve(out), runner, work, null, false);
    }

    @Test
    void pointsRunInTheExecutorJvmsNotTheDriver() throws Exception {
        setUp();
        Sweep.Summary s = onSpark("pids", new Pid(null));
        long driver = ProcessHandle.current().pid();
        Set<String> pids = new TreeSet<>();
        for (SweepRow r : s.rows()) {
            pids.add(r.error());
            assertEquals("0", r.device(), "the task was placed on the GPU Spark assigned it");
        }
        assertFalse(pids.contains(Long.toString(driver)), "no point ran in the driver: " + pids);
        assertEquals(2, pids.size(), "both executors took points: " + pids);
    }

    @Test
    void eightPointsGiveTheLocalRunnersResultsPointByPoint() throws Exception {
        setUp();
        assertEquals(8, points.size());
        Sweep.Summary local = Sweep.run(spec, points, tmp.resolve("local"), new LocalThreadRunner(2),
                new SimulatePoint(spec.outcomes(), null), null, false);
        // auto on the task's GPU 0: CUDA where it opens (the refresh is bitwise the CPU's), else the CPU
        Sweep.Summary spark = onSpark("spark", new SimulatePoint(spec.outcomes(), null, "auto", null, false));
        assertEquals(0, spark.failed());
        assertEquals(8, spark.ran());
        for (int i = 0; i < 8; i++) {
            SweepRow a = local.rows().get(i), b = spark.rows().get(i);
            assertEquals(i, b.index());
            assertEquals(a.seed(), b.seed());
            assertEquals(a.values(), b.values());
            assertEquals(a.outcomes(), b.outcomes(), "point " + i);   // every bit: Double.equals
            assertEquals(a.events(), b.events());
            assertEquals(b.backend().equals("cuda") ? "cuda:0" : "cpu", b.device(), "the table says where the rates ran");
            assertFalse(b.host().isEmpty());
        }
        assertEquals(8, spark.rows().stream().map(SweepRow::events).distinct().count(), "the points differ from one another");
        if (spark.rows().stream().allMatch(r -> r.backend().equals("cpu"))) {
            assertEquals(tableWithoutWallTime(tmp.resolve("local/sweep.csv")), tableWithoutWallTime(tmp.resolve("spark/sweep.csv")));
        }
        Path parquet = tmp.resolve("spark/sweep.parquet");
        try (var parts = Files.list(parquet)) {
            assertTrue(parts.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")), "a Parquet part file in " + parquet);
        }
        long back = org.apache.spark.sql.SparkSession.builder().sparkContext(runner.context().sc()).getOrCreate()
                .read().parquet(parquet.toUri().toString()).where("status = 'ok'").count();
        assertEquals(8, back, "the Parquet table reads back with every point");
    }

    @Test
    void aThrowingPointIsRetriedThenReportedAndTheOthersComplete() throws Exception {
        setUp();
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        // point 1 always throws; point 2 throws on its first attempt only, so the retry rescues it
        Sweep.Summary s = onSpark("out", new Flaky(marks.toString(), Map.of(1, 99, 2, 1)));
        assertEquals(8, s.rows().size());
        assertEquals(1, s.failed());
        SweepRow bad = s.rows().get(1);
        assertEquals(SweepRow.FAILED, bad.status());
        assertEquals("IllegalStateException: boom at point 1, attempt 2 (all 2 attempts failed)", bad.error());
        assertEquals(2, attempts(marks, 1), "point 1 was retried once");
        assertEquals(2, attempts(marks, 2), "point 2 failed once, then ran");
        assertEquals(1, attempts(marks, 0));
        for (int i : new int[] {0, 2, 3, 4, 5, 6, 7}) assertTrue(s.rows().get(i).ok(), "point " + i);
        String csv = Files.readString(tmp.resolve("out/sweep.csv"));
        assertTrue(csv.contains(",failed,\"IllegalStateException: boom at point 1, attempt 2 (all 2 attempts failed)\""), csv);
    }

    @Test
    void aResumedSweepRunsOnlyTheMissingPoints() throws Exception {
        setUp();
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        PointWork work = new SimulatePoint(spec.outcomes(), null);
        // a first run (local threads) where points 3 and 6 failed: their files say failed
        Sweep.Summary first = Sweep.run(spec, points, tmp.resolve("out"), new LocalThreadRunner(2),
                new Flaky(marks.toString(), Map.of(3, 99, 6, 99)), null, false);
        assertEquals(2, first.failed());
        Path again = Files.createDirectories(tmp.resolve("marks2"));
        Sweep.Summary second = onSpark("out", new Flaky(again.toString(), Map.of()));
        assertEquals(6, second.reused());
        assertEquals(2, second.ran());
        assertEquals(0, second.failed());
        try (var f = Files.list(again)) {
            assertEquals(List.of("point-3-1", "point-6-1"), f.map(p -> p.getFileName().toString()).sorted().toList(),
                    "Spark ran only the two missing points");
        }
        assertNotEquals(second.rows().get(3).events(), 0L);
    }

    static long attempts(Path marks, int point) throws Exception {
        try (var f = Files.list(marks)) {
            return f.filter(p -> p.getFileName().toString().startsWith("point-" + point + "-")).count();
        }
    }

    /**
     * The real simulation, but each attempt leaves a file point-I-N in {@code marks} (executors
     * share this machine's disk), and point I throws on its first {@code throwsFor[I]} attempts.
     */
    record Flaky(String marks, Map<Integer, Integer> throwsFor) implements PointWork {
        @Override
        public SweepRow run(SweepPoint p) throws Exception {
            int attempt = 1;
            while (true) {
                try {
                    Files.createFile(Path.of(marks, "point-" + p.index() + "-" + attempt));
                    break;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    attempt++;
                }
            }
            if (attempt <= throwsFor.getOrDefault(p.index(), 0)) {
                throw new IllegalStateException("boom at point " + p.index() + ", attempt " + attempt);
            }
            return new SimulatePoint(List.of("order_final", "x_I_final", "pl_peak_final_nm", "events"), null).run(p);
        }
    }

    /** Reports the JVM it ran in (error column of an ok row) and the GPU it was placed on (device column). */
    record Pid(Integer gpu) implements PointWork {
        @Override
        public PointWork placed(Integer gpuOrdinal) {
            return new Pid(gpuOrdinal);
        }

        @Override
        public SweepRow run(SweepPoint p) {
            return new SweepRow(p.index(), p.values(), p.seed(), "none", String.valueOf(gpu), "", Map.of(), 0, 0, SweepRow.OK,
                    Long.toString(ProcessHandle.current().pid()), p.fingerprint());
        }
    }

    static List<List<String>> tableWithoutWallTime(Path csv) throws Exception {
        List<List<String>> out = new java.util.ArrayList<>();
        int wall = -1;
        for (String line : Files.readAllLines(csv)) {
            if (line.startsWith("#")) continue;
            // commas inside quoted fields ("[4, 4, 6]") do not split
            List<String> f = new java.util.ArrayList<>(List.of(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)));
            if (wall < 0) wall = f.indexOf("wall_s");
            f.remove(wall);
            out.add(f);
        }
        return out;
    }
}
