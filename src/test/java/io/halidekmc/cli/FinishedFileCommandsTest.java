package io.halidekmc.cli;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code summary} and {@code plot} read a finished run file alone; anything else is one line and exit 2. */
class FinishedFileCommandsTest {
    /** A 4 nm crystal with PL: the order, PL image, PL peak and radial plots. */
    static final String NC = """
            name: nc
            seed: 3
            geometry: {type: nanocrystal, edge_nm: 4}
            composition: {Br: 0.4, I: 0.6}
            vacancy_fraction: 0.01
            physics: {mixing: true}
            drives: {temperature: 300}
            run: {until: 1.0e-7}
            output: {interval: 2.5e-8, pl: {model: core, block_cells: 2}}
            """;

    /** A Br|Cl wire device with contacts: the profiles, vacancy-profile, migration and potential plots. */
    static final String WIRE = """
            name: wire
            seed: 5
            geometry:
              type: nanowire
              cross_section: [2, 2]
              length_scale: 10
              contact_width_nm: 30
              segments:
                - {length_nm: 120, composition: {Br: 1.0}}
                - {length_nm: 120, composition: {Cl: 1.0}}
            vacancy_fraction: 0.01
            physics: {mixing: true}
            drives: {temperature: 300, field: 4.0}
            run: {until: 4.0e-6, max_events: 20000}
            output: {interval: 1.0e-6, profiles: true}
            """;

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs the scenario text into tmp/run and returns its HDF5 file. */
    Path run(String name, String text, String... extra) throws Exception {
        Path s = tmp.resolve(name + ".yaml");
        Files.writeString(s, text);
        List<String> args = new java.util.ArrayList<>(List.of("run", s.toString(), "--out", tmp.resolve("run").toString(), "--quiet"));
        args.addAll(List.of(extra));
        Result r = cli(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return tmp.resolve("run").resolve(name + ".h5");
    }

    static TreeSet<String> pngs(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nc", "wire"})
    void plotRedrawsTheRunsPngsByteForByte(String which) throws Exception {
        Path h5 = which.equals("nc") ? run("nc", NC) : run("wire", WIRE);
        TreeSet<String> drawn = pngs(tmp.resolve("run"));
        // the wire: migration, order, potential, profiles, vacancy profiles and the junction zoom
        assertTrue(drawn.size() == (which.equals("nc") ? 4 : 6), "the run drew its plots: " + drawn);

        Result r = cli("plot", h5.toString(), "--out", tmp.resolve("again").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(drawn, pngs(tmp.resolve("again")));
        for (String png : drawn) {
            assertEquals(-1, Files.mismatch(tmp.resolve("run").resolve(png), tmp.resolve("again").resolve(png)), png + " differs");
        }
        assertEquals(drawn.size(), r.out().lines().filter(l -> l.startsWith("wrote ")).count());
    }

    @Test
    void summaryTellsWhatRanHowItStoppedAndWhereTheColumnsEnded() throws Exception {
        Path h5 = run("nc", NC, "--seed", "9", "--max-events", "400");
        Result r = cli("summary", h5.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("\n  seed         9\n"), out);
        assertTrue(out.contains("\n  stop reason  max-events\n"), out);
        assertTrue(out.contains("\n  events       400 (max-events 400)\n"), out);
        assertTrue(out.contains("\n  scenario     nc ("), out);
        assertTrue(out.contains("--seed 9 --max-events 400"), "the command line: " + out);
        double xI, temp;
        try (HdfFile f = new HdfFile(h5)) {
            double[] x = (double[]) f.getDatasetByPath("timeseries/x_I").getData();
            double[] t = (double[]) f.getDatasetByPath("timeseries/temperature_K").getData();
            xI = x[x.length - 1];
            temp = t[t.length - 1];
        }
        // printed to 6 significant digits
        assertEquals(xI, Double.parseDouble(finalValue(out, "x_I")), 1e-6 * xI);
        assertEquals(temp + " K", Double.parseDouble(finalValue(out, "temperature_K").replace(" K", "")) + " K");
        assertEquals("400 counts", finalValue(out, "events"));
    }

    /** The value (with its unit) printed after a /timeseries column's name in the final-values block. */
    static String finalValue(String out, String column) {
        String block = out.substring(out.indexOf("final values"));
        return block.lines().filter(l -> l.startsWith("  " + column + " ")).findFirst().orElseThrow(() -> new AssertionError(column + ": " + out))
                .substring(column.length() + 2).strip();
    }

    @Test
    void aFileThatIsNotARunFileIsOneLineAndExit2() throws Exception {
        Path text = tmp.resolve("notes.h5");
        Files.writeString(text, "not HDF5\n");
        Path foreign = tmp.resolve("foreign.h5");
        try (WritableHdfFile f = HdfFile.write(foreign)) {
            f.putGroup("data").putDataset("x", new double[] {1, 2});
        }
        Path sweep = tmp.resolve("sweep.h5");
        try (WritableHdfFile f = HdfFile.write(sweep)) {
            var meta = f.putGroup("meta");
            meta.putAttribute("version", "0.1.0");
            meta.putAttribute("sweep_name", "s");
            meta.putDataset("columns", new String[] {"point"});
        }
        Path missing = tmp.resolve("missing.h5");
        for (String command : new String[] {"summary", "plot"}) {
            check(cli(command, missing.toString()), "halide-kmc: " + missing + ": no such file");
            check(cli(command, tmp.toString()), "halide-kmc: " + tmp + ": not a file");
            check(cli(command, foreign.toString()), "halide-kmc: " + foreign + ": not a halide-kmc run file (no /meta with its version and scenario_name)");
            check(cli(command, sweep.toString()), "halide-kmc: " + sweep + ": a sweep table, not a run file; `sweep --keep-runs` keeps each point's run file");
            Result r = cli(command, text.toString());
            check(r, null);
            assertTrue(r.err().startsWith("halide-kmc: " + text + ": not a readable HDF5 file ("), r.err());
        }
    }

    private static void check(Result r, String message) {
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        if (message != null) assertEquals(message, r.err().strip());
        assertEquals("", r.out());
    }
}
