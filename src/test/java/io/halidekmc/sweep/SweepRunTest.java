package io.halidekmc.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Running a sweep: thread count does not matter, a failing point is reported, a re-run runs only what is missing. */
class SweepRunTest {
    @TempDir
    Path tmp;

    SweepSpec spec;
    List<SweepPoint> points;

    void setUp(String sweepText) throws Exception {
        spec = SweepFixtures.spec(tmp, sweepText);
        points = Grid.expand(spec);
    }

    Sweep.Summary run(String out, int threads, PointWork work) throws Exception {
        return Sweep.run(spec, points, tmp.resolve(out), new LocalThreadRunner(threads), work, null, false);
    }

    PointWork real() {
        return new SimulatePoint(spec.outcomes(), null);
    }

    /** Counts calls, and throws for the listed point indices. */
    record Counting(PointWork inner, AtomicInteger calls, List<Integer> fail) implements PointWork {
        @Override
        public SweepRow run(SweepPoint p) throws Exception {
            calls.incrementAndGet();
            if (fail.contains(p.index())) throw new IllegalStateException("boom at point " + p.index());
            return inner.run(p);
        }
    }

    /** The CSV rows without the wall_s column, the one column that may differ between runs. */
    static List<List<String>> tableWithoutWallTime(Path csv) throws Exception {
        List<List<String>> out = new ArrayList<>();
        int wall = -1;
        for (String line : Files.readAllLines(csv)) {
            if (line.startsWith("#")) continue;
            List<String> f = fields(line);
            if (wall < 0) wall = f.indexOf("wall_s");
            f.remove(wall);
            out.add(f);
        }
        return out;
    }

    /** RFC 4180 fields of one line (no line breaks inside fields in these tables). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                f.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    @Test
    void sameTableOnOneAndTwoThreads() throws Exception {
        setUp(SweepFixtures.SWEEP);
        Sweep.Summary one = run("one", 1, real()), two = run("two", 2, real());
        assertEquals(0, one.failed());
        for (int i = 0; i < points.size(); i++) {
            SweepRow a = one.rows().get(i), b = two.rows().get(i);
            assertEquals(a.outcomes(), b.outcomes());
            assertEquals(a.events(), b.events());
            assertEquals(a.seed(), b.seed());
            assertTrue(a.events() > 100, "each point really ran: " + a.events() + " events");
        }
        List<List<String>> t1 = tableWithoutWallTime(tmp.resolve("one/sweep.csv"));
        assertEquals(t1, tableWithoutWallTime(tmp.resolve("two/sweep.csv")));
        assertEquals(List.of("point", "drives.temperature", "geometry.cells", "seed", "backend", "device", "host", "order_final", "x_I_final",
                "pl_peak_final_nm", "events", "status", "error"), t1.get(0));
        assertEquals(List.of("3", "350", "[4, 4, 6]", "103", "cpu", "cpu", Hosts.name()), t1.get(4).subList(0, 7), "a quoted label reads back whole");
        // the points differ from one another (seeds and parameters are really applied)
        assertEquals(4, one.rows().stream().map(SweepRow::events).distinct().count());
    }

    @Test
    void aFailingPointIsReportedWithItsErrorAndTheOthersAreWritten() throws Exception {
        setUp(SweepFixtures.SWEEP);
        Sweep.Summary s = run("out", 2, new Counting(real(), new AtomicInteger(), List.of(1)));
        assertEquals(1, s.failed());
        assertEquals(4, s.rows().size());
        SweepRow bad = s.rows().get(1);
        assertEquals(SweepRow.FAILED, bad.status());
        assertEquals("IllegalStateException: boom at point 1", bad.error());
        assertTrue(Double.isNaN(bad.outcome("order_final")));
        for (int i : new int[] {0, 2, 3}) {
            assertTrue(s.rows().get(i).ok());
            assertTrue(Double.isFinite(s.rows().get(i).outcome("order_final")));
        }
        String csv = Files.readString(tmp.resolve("out/sweep.csv"));
        assertTrue(csv.contains(",failed,IllegalStateException: boom at point 1"), csv);
        assertEquals(4, csv.lines().filter(l -> !l.startsWith("#") && !l.startsWith("point")).count());
        assertTrue(Files.exists(tmp.resolve("out/sweep.h5")));
    }

    @Test
    void aRerunRunsOnlyThePointsNotFinished() throws Exception {
        setUp(SweepFixtures.SWEEP);
        AtomicInteger calls = new AtomicInteger();
        Sweep.Summary first = run("out", 2, new Counting(real(), calls, List.of(2)));
        assertEquals(4, calls.get());

        calls.set(0);
        Sweep.Summary second = run("out", 2, new Counting(real(), calls, List.of()));
        assertEquals(1, calls.get(), "only the failed point runs again");
        assertEquals(3, second.reused());
        assertEquals(0, second.failed());
        for (int i : new int[] {0, 1, 3}) assertEquals(first.rows().get(i), second.rows().get(i), "reused rows read back bit for bit");

        calls.set(0);
        assertEquals(4, run("out", 2, new Counting(real(), calls, List.of())).reused());
        assertEquals(0, calls.get(), "nothing left to run");

        Files.delete(tmp.resolve("out/points/point-00003.properties"));
        calls.set(0);
        run("out", 2, new Counting(real(), calls, List.of()));
        assertEquals(1, calls.get(), "a lost point file means that point runs again");

        // an edited sweep (another end time) changes every point's fingerprint: nothing is reused
        setUp(SweepFixtures.SWEEP.replace("overrides: {run.until: 1.0e-7}", "overrides: {run.until: 5.0e-8}"));
        calls.set(0);
        run("out", 2, new Counting(real(), calls, List.of()));
        assertEquals(4, calls.get());
    }

    @Test
    void aPointAndItsWorkSurviveSerialisationAndGiveTheSameRow() throws Exception {
        setUp(SweepFixtures.SWEEP);
        SweepPoint p = points.get(2);
        PointWork w = real();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(p);
            o.writeObject(w);
        }
        SweepPoint p2;
        PointWork w2;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            p2 = (SweepPoint) in.readObject();
            w2 = (PointWork) in.readObject();
        }
        assertEquals(p, p2);
        SweepRow a = PointWork.attempt(w, p), b = PointWork.attempt(w2, p2);
        assertTrue(a.ok());
        assertEquals(a.outcomes(), b.outcomes());
        assertEquals(a.events(), b.events());
        assertFalse(a.backend().isEmpty());
    }
}
