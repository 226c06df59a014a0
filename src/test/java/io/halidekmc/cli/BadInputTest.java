package io.halidekmc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input: one line on stderr naming file and key, exit 2, no output file. */
class BadInputTest {
    static final String GOOD = """
            name: t
            seed: 3
            geometry: {type: bulk, cells: [4, 4, 4]}
            composition: {Br: 0.5, I: 0.5}
            vacancy_fraction: 0.01
            drives: {temperature: 300}
            run: {until: 1.0e-9}
            """;

    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {}

    Outcome cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    Path scenario(String text) throws IOException {
        Path p = tmp.resolve("s.yaml");
        Files.writeString(p, text);
        return p;
    }

    void assertOneLineError(Outcome o, String... mustContain) throws IOException {
        assertEquals(2, o.code(), o.err());
        String e = o.err().strip();
        assertFalse(e.contains("\n"), "one line expected: " + e);
        assertFalse(e.contains("Exception"), "no stack trace: " + e);
        for (String m : mustContain) assertTrue(e.contains(m), "'" + m + "' missing from: " + e);
        try (Stream<Path> files = Files.walk(tmp.resolve("out")).filter(Files::isRegularFile)) {
            assertEquals(0, files.count(), "no output file may be written");
        } catch (java.nio.file.NoSuchFileException none) {
            // no output folder at all: fine
        }
    }

    @Test
    void goodScenarioRunsAndWritesBothFiles() throws IOException {
        Outcome o = cli("run", scenario(GOOD).toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.size(tmp.resolve("out/s.h5")) > 0);
        assertTrue(Files.size(tmp.resolve("out/s.csv")) > 0);
    }

    @Test
    void missingScenarioFileIsReported() throws IOException {
        assertOneLineError(cli("run", tmp.resolve("nope.yaml").toString(), "--out", tmp.resolve("out").toString()),
                "nope.yaml", "not found");
    }

    @Test
    void outputFolderThatIsAFileIsReported() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Outcome o = cli("run", scenario(GOOD).toString(), "--out", file.resolve("sub").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("afile"), o.err());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void outputFolderPathNamingAFileIsReported() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Outcome o = cli("run", scenario(GOOD).toString(), "--out", file.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("must be a folder"), o.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zero-size box|geometry: {type: bulk, cells: [4, 4, 4]}|geometry: {type: bulk, cells: [0, 4, 4]}|geometry.cells[0]",
            "fractions not summing to 1|composition: {Br: 0.5, I: 0.5}|composition: {Br: 0.5, I: 0.6}|sum to 1",
            "zero temperature|drives: {temperature: 300}|drives: {temperature: 0}|drives.temperature",
            "quasi-static factor below 1|drives: {temperature: 300}|drives: {temperature: 300, quasi_static: 0.5}|drives.quasi_static",
            "negative temperature in steps|drives: {temperature: 300}|drives: {temperature: {steps: [[0, 300], [1.0e-9, -5]]}}|drives.temperature.steps[1][1]",
            "unknown key|drives: {temperature: 300}|drives: {temprature: 300, temperature: 300}|drives.temprature",
            "wrong type|seed: 3|seed: three|seed",
            "unknown geometry type|geometry: {type: bulk, cells: [4, 4, 4]}|geometry: {type: sphere}|bulk, nanocrystal, nanowire",
            "pulse period shorter than width|drives: {temperature: 300}|drives: {temperature: {pulses: {base: 300, peak: 310, width: 2, period: 1}}}|drives.temperature.pulses.period",
            "vacancy fraction out of range|vacancy_fraction: 0.01|vacancy_fraction: 0.9|vacancy_fraction",
            "missing run section|run: {until: 1.0e-9}||run",
            "nanocrystal edge of zero|geometry: {type: bulk, cells: [4, 4, 4]}|geometry: {type: nanocrystal, edge_cells: 0}|geometry.edge_cells",
    })
    void badScenarioValueIsReportedWithItsKeyPath(String what, String from, String to, String expected) throws IOException {
        String text = GOOD.replace(from, to == null ? "" : to);
        Outcome o = cli("run", scenario(text).toString(), "--out", tmp.resolve("out").toString());
        assertOneLineError(o, "s.yaml", expected);
    }

    @Test
    void uniformizedEngineWithoutAFilmIsReported() throws IOException {
        Outcome o = cli("run", scenario(GOOD + "engine: uniformized\n").toString(), "--out", tmp.resolve("out").toString());
        assertOneLineError(o, "s.yaml", "engine", "film");
    }

    @Test
    void uniformizedFilmOfUnequalCrystalsIsReported() throws IOException {
        String film = GOOD.replace("geometry: {type: bulk, cells: [4, 4, 4]}", "geometry: {type: nanocrystal, edge_nm: 3}")
                + "film: {count: 4, spread_nm: 0.5}\nengine: uniformized\n";
        Outcome o = cli("run", scenario(film).toString(), "--out", tmp.resolve("out").toString());
        assertOneLineError(o, "s.yaml", "film.spread_nm", "equal nanocrystals");
    }

    @Test
    void unknownPlModelIsReportedWithTheAllowedModels() throws IOException {
        Outcome o = cli("run", scenario(GOOD + "output: {pl: {model: regoins}}\n").toString(), "--out", tmp.resolve("out").toString());
        assertOneLineError(o, "s.yaml", "output.pl.model", "'regoins'", "funnel, core, regions");
    }

    @Test
    void unknownConfinementCurveIsReportedWithTheAllowedCurves() throws IOException {
        Outcome o = cli("run", scenario(GOOD + "output: {pl: {model: regions, confinement: cubic}}\n").toString(),
                "--out", tmp.resolve("out").toString());
        assertOneLineError(o, "s.yaml", "output.pl.confinement", "table, bracket");
    }

    @Test
    void confinementCurveWithoutTheRegionsModelIsReported() throws IOException {
        Outcome o = cli("run", scenario(GOOD + "output: {pl: {model: core, confinement: bracket}}\n").toString(),
                "--out", tmp.resolve("out").toString());
        assertOneLineError(o, "s.yaml", "output.pl.confinement", "model: regions");
    }

    @Test
    void invalidYamlIsReported() throws IOException {
        assertOneLineError(cli("run", scenario("name: [unclosed\n").toString(), "--out", tmp.resolve("out").toString()),
                "s.yaml", "not valid YAML");
    }

    @Test
    void badFlagIsReported() throws IOException {
        Outcome o = cli("run", scenario(GOOD).toString(), "--seed", "minus-one");
        assertEquals(2, o.code());
        assertFalse(o.err().strip().contains("\n"), o.err());
    }

    @Test
    void negativeUntilFlagIsReported() throws IOException {
        assertOneLineError(cli("run", scenario(GOOD).toString(), "--until", "-1", "--out", tmp.resolve("out").toString()), "--until");
    }

    @Test
    void unknownBenchProblemIsReported() {
        Outcome o = cli("bench", "--problem", "huge");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("box64, nc23, all"), o.err());
    }

    @Test
    void clusterBenchWithoutTheSparkModuleSaysHowToGetIt() {
        Outcome o = cli("bench", "--cluster", "--problem", "box64");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--cluster: the Spark module is not on the classpath"), o.err());
        assertEquals(2, cli("bench", "--master", "local[2]").code(), "--master needs --cluster");
    }

    @Test
    void badSectorBenchSettingsAreReported() {
        Outcome o = cli("bench", "--engine", "sector-uniformised");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("sector-uniformized"), o.err());
        Outcome c = cli("bench", "--engine", "sector-uniformized", "--cells", "4");
        assertEquals(2, c.code());
        assertTrue(c.err().contains("--cells") && c.err().contains("8..400"), c.err());
        assertFalse(c.err().strip().contains("\n"), c.err());
    }
}
