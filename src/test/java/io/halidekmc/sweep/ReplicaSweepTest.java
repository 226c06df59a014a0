package io.halidekmc.sweep;

import io.halidekmc.cli.Main;
import io.halidekmc.io.yaml.InputException;
import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** seeds: {replicas: N}: every point N times with its own seed, tabulated as mean, standard error and n. */
class ReplicaSweepTest {
    @TempDir
    Path tmp;

    /** Two temperatures of the tiny box; seeds 100 + i + 2r. */
    static final String SWEEP = """
            scenario: tiny.yaml
            grid:
              drives.temperature: [300, 350]
            seeds: {base: 100%s}
            outcomes: [order_final, x_I_final, events]
            """;

    static String sweep(String seeds) {
        return SWEEP.formatted(seeds);
    }

    Sweep.Summary run(SweepSpec spec, String out, PointWork work) throws Exception {
        return Sweep.run(spec, Grid.expand(spec), tmp.resolve(out), new LocalThreadRunner(2), work, null, true);
    }

    static PointWork real(SweepSpec spec) {
        return new SimulatePoint(spec.outcomes(), null);
    }

    /** The data rows of a CSV table as column name → field, '#' lines skipped. */
    static List<Map<String, String>> table(Path csv) throws Exception {
        List<String> header = null;
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.startsWith("#")) continue;
            List<String> f = SweepRunTest.fields(line);
            if (header == null) {
                header = f;
                continue;
            }
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < f.size(); i++) row.put(header.get(i), f.get(i));
            rows.add(row);
        }
        return rows;
    }

    @Test
    void meanAndStandardErrorAreThoseOfTheReplicaRows() throws Exception {
        SweepSpec spec = SweepFixtures.spec(tmp, sweep(", replicas: 3"));
        Sweep.Summary s = run(spec, "out", real(spec));
        assertEquals(6, s.rows().size());
        assertEquals(0, s.failed());

        List<Map<String, String>> runs = table(tmp.resolve("out/sweep-replicas.csv"));
        List<Map<String, String>> points = table(tmp.resolve("out/sweep.csv"));
        assertEquals(6, runs.size());
        assertEquals(2, points.size());
        Set<String> seeds = new HashSet<>();
        for (Map<String, String> r : runs) {
            int i = Integer.parseInt(r.get("point")), k = Integer.parseInt(r.get("replica"));
            assertEquals(100 + i + 2 * k, Long.parseLong(r.get("seed")), "seed = base + point + replica × points");
            seeds.add(r.get("seed"));
        }
        assertEquals(6, seeds.size());
        for (String o : List.of("order_final", "events")) {
            for (Map<String, String> p : points) {
                double[] v = runs.stream().filter(r -> r.get("point").equals(p.get("point")))
                        .mapToDouble(r -> Double.parseDouble(r.get(o))).toArray();
                assertEquals(3, v.length);
                double mean = (v[0] + v[1] + v[2]) / 3;
                double var = ((v[0] - mean) * (v[0] - mean) + (v[1] - mean) * (v[1] - mean) + (v[2] - mean) * (v[2] - mean)) / 2;
                double se = Math.sqrt(var / 3);
                assertTrue(se > 0, o + ": the replicas differ (independent streams): " + java.util.Arrays.toString(v));
                // the CSV prints 10 significant digits: the table's statistics agree with its rows to that
                assertEquals(mean, Double.parseDouble(p.get(o)), 1e-9 * Math.abs(mean), o + " mean");
                assertEquals(se, Double.parseDouble(p.get(o + "_se")), 1e-8 * se, o + " standard error");
                assertEquals("3", p.get(o + "_n"));
                assertEquals("3", p.get("replicas"));
            }
        }
        try (HdfFile f = new HdfFile(tmp.resolve("out/sweep.h5"))) {
            double[] se = (double[]) f.getDatasetByPath("/sweep/order_final_se").getData();
            assertEquals(2, se.length);
            assertEquals(Double.parseDouble(points.get(1).get("order_final_se")), se[1], 1e-9 * se[1]);
            assertEquals(6, ((long[]) f.getDatasetByPath("/replicas/replica").getData()).length);
            assertEquals(3L, f.getDatasetByPath("/sweep/order_final_n").getData() instanceof long[] n ? n[0] : -1);
            assertEquals("counts", f.getDatasetByPath("/sweep/order_final_n").getAttribute("units").getData());
        }
        assertTrue(Files.exists(tmp.resolve("out/sweep-order_final.png")), "the plot with error bars is drawn");
    }

    @Test
    void oneReplicaIsTheSweepAsItWasBefore() throws Exception {
        SweepSpec plain = SweepFixtures.spec(tmp, sweep(""));
        Sweep.Summary a = run(plain, "plain", real(plain));
        SweepSpec one = SweepFixtures.spec(tmp, sweep(", replicas: 1"));
        Sweep.Summary b = run(one, "one", real(one));
        SweepSpec two = SweepFixtures.spec(tmp, sweep(", replicas: 2"));
        Sweep.Summary c = run(two, "two", real(two));
        assertEquals(1, plain.replicas());
        assertEquals(List.of("point", "drives.temperature", "seed", "backend", "device", "host", "order_final", "x_I_final",
                "events", "wall_s", "status", "error"), SweepRunTest.fields(Files.readAllLines(tmp.resolve("one/sweep.csv")).stream()
                .filter(l -> !l.startsWith("#")).findFirst().orElseThrow()));
        assertEquals(SweepRunTest.tableWithoutWallTime(tmp.resolve("plain/sweep.csv")), SweepRunTest.tableWithoutWallTime(tmp.resolve("one/sweep.csv")));
        assertEquals(Files.readString(tmp.resolve("plain/sweep.csv")).lines().filter(l -> l.startsWith("#")).toList(),
                Files.readString(tmp.resolve("one/sweep.csv")).lines().filter(l -> l.startsWith("#")).toList());
        assertFalse(Files.exists(tmp.resolve("one/sweep-replicas.csv")));
        assertTrue(Files.exists(tmp.resolve("one/points/point-00001.properties")));
        for (int i = 0; i < 2; i++) {
            SweepRow x = a.rows().get(i), y = b.rows().get(i), z = c.rows().get(i);
            assertEquals(100 + i, x.seed());
            assertEquals(x.withWallSeconds(0), y.withWallSeconds(0), "replicas: 1 is the sweep without replicas, bit for bit");
            assertEquals(x.outcomes(), z.outcomes(), "replica 0 of a replicated sweep is the point as it always ran");
            assertEquals(x.fingerprint(), z.fingerprint());
        }
        assertTrue(Files.exists(tmp.resolve("two/points/point-00001-r1.properties")));
    }

    /** Counts calls, and throws for the listed run indices. */
    record Counting(PointWork inner, AtomicInteger calls, List<Integer> fail) implements PointWork {
        @Override
        public SweepRow run(SweepPoint p) throws Exception {
            calls.incrementAndGet();
            if (fail.contains(p.index())) throw new IllegalStateException("boom at run " + p.index());
            return inner.run(p);
        }
    }

    @Test
    void aRerunRunsOnlyTheReplicasNotFinished() throws Exception {
        SweepSpec spec = SweepFixtures.spec(tmp, sweep(", replicas: 3"));
        AtomicInteger calls = new AtomicInteger();
        // run 3 = point 1, replica 1
        Sweep.Summary first = run(spec, "out", new Counting(real(spec), calls, List.of(3)));
        assertEquals(6, calls.get());
        assertEquals(1, first.failed());
        Map<String, String> p1 = table(tmp.resolve("out/sweep.csv")).get(1);
        assertEquals("failed", p1.get("status"));
        assertEquals("replica 1: IllegalStateException: boom at run 3", p1.get("error"));
        assertEquals("2", p1.get("order_final_n"), "the failed replica is left out of the mean");

        calls.set(0);
        Sweep.Summary second = run(spec, "out", new Counting(real(spec), calls, List.of()));
        assertEquals(1, calls.get(), "only the failed replica runs again");
        assertEquals(5, second.reused());
        assertEquals("3", table(tmp.resolve("out/sweep.csv")).get(1).get("order_final_n"));

        // more replicas: the three already run are reused
        SweepSpec more = SweepFixtures.spec(tmp, sweep(", replicas: 4"));
        calls.set(0);
        run(more, "out", new Counting(real(more), calls, List.of()));
        assertEquals(2, calls.get(), "only replica 3 of each point is new");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0     | 0 is not a replica count; allowed: an integer in [1, 50000]",
            "-2    | -2 is not a replica count; allowed: an integer in [1, 50000]",
            "2.5   | 2.5 is not a replica count; allowed: an integer in [1, 50000]",
            "two   | 'two' is not a replica count; allowed: an integer in [1, 50000]",
            "true  | true is not a replica count; allowed: an integer in [1, 50000]",
            "60000 | 60000 is not a replica count (2 points × 60000 replicas is more than 100000 runs); allowed: an integer in [1, 50000]"})
    void aBadReplicaCountIsOneLineNamingFileKeyAndAllowedValues(String value, String message) throws Exception {
        Path file = SweepFixtures.write(tmp, sweep(", replicas: " + value));
        InputException e = assertThrows(InputException.class, () -> SweepLoader.load(file));
        assertEquals(file + ": seeds.replicas: " + message, e.getMessage());

        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new String[] {"sweep", file.toString(), "--out", tmp.resolve("never").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(Main.EXIT_BAD_INPUT, code);
        assertEquals("halide-kmc: " + file + ": seeds.replicas: " + message, err.toString().strip());
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    @Test
    void standardErrorOfOneValueIsNaNAndNaNValuesAreLeftOut() {
        ReplicaStats.Stat one = ReplicaStats.of(new double[] {2.5});
        assertEquals(2.5, one.mean());
        assertTrue(Double.isNaN(one.se()));
        assertEquals(1, one.n());
        ReplicaStats.Stat s = ReplicaStats.of(new double[] {1, Double.NaN, 3});
        assertEquals(2, s.n());
        assertEquals(2.0, s.mean());
        // sd of {1, 3} with n − 1 = 1 is √2; / √2 = 1
        assertEquals(1.0, s.se(), 1e-15);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, new double[] {ReplicaStats.of(new double[0]).mean(),
                ReplicaStats.of(new double[0]).se()});
    }
}
