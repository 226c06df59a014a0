package io.halidekmc.cli;

import io.halidekmc.run.Outcomes;
import io.halidekmc.sweep.SweepFixtures;
import io.jhdf.HdfFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sweep} from the command line: files written, plots by grid shape, bad sweep files rejected before anything runs. */
class SweepCommandTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void writesTableHdf5AndHeatMapForTwoAxes() throws Exception {
        Path f = SweepFixtures.write(tmp, SweepFixtures.SWEEP);
        Path out = tmp.resolve("out");
        Result r = cli("sweep", f.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.out().lines().filter(l -> l.matches("\\[\\d/4] point \\d .*: ok, .*")).count(), r.out());
        assertTrue(Files.size(out.resolve("sweep-order_final.png")) > 1000);
        assertTrue(Files.readString(out.resolve("sweep.csv")).contains("\"[4, 4, 6]\""));
        try (HdfFile h = new HdfFile(out.resolve("sweep.h5"))) {
            assertArrayEquals(new long[] {0, 1, 2, 3}, (long[]) h.getDatasetByPath("sweep/point").getData());
            assertArrayEquals(new double[] {300, 300, 350, 350}, (double[]) h.getDatasetByPath("sweep/drives.temperature").getData());
            assertArrayEquals(new String[] {"[4, 4, 4]", "[4, 4, 6]", "[4, 4, 4]", "[4, 4, 6]"},
                    (String[]) h.getDatasetByPath("sweep/geometry.cells").getData());
            assertArrayEquals(new long[] {100, 101, 102, 103}, (long[]) h.getDatasetByPath("sweep/seed").getData());
            double[] order = (double[]) h.getDatasetByPath("sweep/order_final").getData();
            for (double v : order) assertTrue(Double.isFinite(v));
            assertEquals("ok", ((String[]) h.getDatasetByPath("sweep/status").getData())[3]);
            assertTrue(((String[]) h.getDatasetByPath("meta/sweep").getData())[0].contains("grid:"));
            for (String group : new String[] {"meta", "sweep"}) {
                for (var node : h.getByPath(group) instanceof io.jhdf.api.Group g ? g.getChildren().values() : java.util.List.<io.jhdf.api.Node>of()) {
                    assertTrue(node.getAttribute("units") != null, node.getPath() + " has no units attribute");
                }
            }
            assertEquals("s", h.getDatasetByPath("sweep/wall_s").getAttribute("units").getData());
            assertEquals("1", h.getDatasetByPath("sweep/order_final").getAttribute("units").getData());
        }
        try (var s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void oneAxisGivesALinePlotAndKeepRunsKeepsEachPointsFile() throws Exception {
        Path f = SweepFixtures.write(tmp, """
                scenario: tiny.yaml
                grid: {drives.temperature: [300, 320, 340]}
                outcomes: [order_final, x_I_final]
                plot: {outcome: [order_final, x_I_final]}
                """);
        Path out = tmp.resolve("out");
        Result r = cli("sweep", f.toString(), "--out", out.toString(), "--threads", "1", "--keep-runs", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.exists(out.resolve("sweep-order_final.png")));
        assertTrue(Files.exists(out.resolve("sweep-x_I_final.png")));
        for (int i = 0; i < 3; i++) assertTrue(Files.exists(out.resolve(String.format("runs/point-%05d.h5", i))));
        try (HdfFile h = new HdfFile(out.resolve("runs/point-00002.h5"))) {
            assertEquals(9L, ((Number) h.getByPath("meta").getAttribute("seed").getData()).longValue(), "scenario seed 7 + point 2");
        }
    }

    @Test
    void listOutcomesNamesEveryOutcome() {
        Result r = cli("sweep", "--list-outcomes");
        assertEquals(0, r.code());
        for (String n : Outcomes.names()) assertTrue(r.out().contains(n), n);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key   | scenario: tiny.yaml\\ngrid: {drives.temperature: [300]}\\ngird: 1        | gird: unknown key; did you mean `grid`? allowed here
            empty value list        | scenario: tiny.yaml\\ngrid: {drives.temperature: []}                    | grid.drives.temperature: empty list
            value listed twice      | scenario: tiny.yaml\\ngrid: {drives.temperature: [300, 300]}            | value 300 is listed twice
            grid value not a list   | scenario: tiny.yaml\\ngrid: {drives.temperature: 300}                   | grid.drives.temperature: expected a list
            misspelt key path       | scenario: tiny.yaml\\ngrid: {drives.temprature: [300]}                  | drives.temprature: unknown key; did you mean `temperature`? allowed here: temperature
            path below a number     | scenario: tiny.yaml\\ngrid: {drives.temperature.steps: [1]}             | cannot override below 'drives.temperature'
            empty key in path       | scenario: tiny.yaml\\ngrid: {drives..temperature: [300]}                | not a key path
            seed in the grid        | scenario: tiny.yaml\\ngrid: {seed: [1, 2]}                              | seeds are set by the sweep's seeds
            value out of range      | scenario: tiny.yaml\\ngrid: {vacancy_fraction: [0.01, 0.9]}             | grid point 1 (vacancy_fraction=0.9)
            unknown outcome         | scenario: tiny.yaml\\ngrid: {drives.temperature: [300]}\\noutcomes: [pl] | outcomes[0]: 'pl' is not an outcome; allowed: pl_peak_final_nm
            plot of unlisted outcome| scenario: tiny.yaml\\ngrid: {drives.temperature: [300]}\\noutcomes: [events]\\nplot: {outcome: order_final} | plot.outcome: 'order_final' is not one of the sweep's outcomes
            heat map on one axis    | scenario: tiny.yaml\\ngrid: {drives.temperature: [300]}\\nplot: {kind: heatmap} | plot.kind: a heat map needs exactly 2 grid axes
            missing scenario file   | scenario: nope.yaml\\ngrid: {drives.temperature: [300]}                 | scenario: file not found
            grid and override clash | scenario: tiny.yaml\\ngrid: {run.until: [1.0e-9]}\\noverrides: {run.until: 1.0e-9} | overrides.run.until: also a grid key
            no grid                 | scenario: tiny.yaml                                                      | grid: missing
            """)
    void badSweepFileIsOneLineExitTwoAndWritesNothing(String what, String text, String expected) throws Exception {
        Path f = SweepFixtures.write(tmp, text.replace("\\n", "\n"));
        Path out = tmp.resolve("out");
        Result r = cli("sweep", f.toString(), "--out", out.toString());
        assertEquals(2, r.code(), what + ": " + r.err() + r.out());
        String e = r.err().strip();
        assertFalse(e.contains("\n"), "one line: " + e);
        assertFalse(e.contains("Exception"), "no stack trace: " + e);
        assertTrue(e.contains(f.toString()), "names the sweep file: " + e);
        assertTrue(e.contains(expected), "'" + expected + "' missing from: " + e);
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void badFlagsAreExitTwo() throws Exception {
        Path f = SweepFixtures.write(tmp, SweepFixtures.SWEEP);
        assertEquals(2, cli("sweep", f.toString(), "--threads", "0").code());
        Result r = cli("sweep", f.toString(), "--runner", "mpi");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("allowed: local, spark"), r.err());
        // the core build has no Spark module on its classpath: one line saying how to get it
        r = cli("sweep", f.toString(), "--runner", "spark", "--out", tmp.resolve("s").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--runner: the Spark module is not on the classpath; run through bin/halide-kmc-spark"), r.err());
        assertFalse(Files.exists(tmp.resolve("s")), "nothing is written");
        assertEquals(2, cli("sweep", f.toString(), "--master", "local[2]").code(), "--master needs --runner spark");
        assertEquals(2, cli("sweep", f.toString(), "--backend", "opencl").code());
        assertEquals(2, cli("sweep").code(), "no sweep file");
        assertEquals(2, cli("sweep", tmp.resolve("missing.yaml").toString()).code());
    }

    static final String LIGHT_SWEEP = """
            scenario: tiny.yaml
            grid: {drives.light: [0, 5]}
            outcomes: [order_final]
            """;

    @Test
    void aGridPointWithASettingOfNoEffectIsOneWarning() throws Exception {
        Path f = SweepFixtures.write(tmp, LIGHT_SWEEP);
        Result r = cli("sweep", f.toString(), "--out", tmp.resolve("out").toString(), "--threads", "2", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(java.util.List.of("halide-kmc: warning: " + f + ": grid point 1 (drives.light=5): " + tmp.resolve("tiny.yaml")
                        + ": drives.light: has no effect: no light-driven term is on (physics.light_release, carrier_funnel or polaron "
                        + "with from_light: true, phase_conversion)"),
                r.err().lines().filter(l -> l.startsWith(RunWarnings.PREFIX)).toList());
    }

    @Test
    void strictSweepStopsAtTheWarningBeforeAnythingRuns() throws Exception {
        Path f = SweepFixtures.write(tmp, LIGHT_SWEEP);
        Result r = cli("sweep", f.toString(), "--out", tmp.resolve("out").toString(), "--strict");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().startsWith("halide-kmc: " + f + ": grid point 1 (drives.light=5): "), r.err());
        assertTrue(r.err().strip().endsWith("(--strict: warnings are errors)"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }
}
