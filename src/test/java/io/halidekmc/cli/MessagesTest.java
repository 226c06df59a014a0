package io.halidekmc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 22 item 2: the exact one-line texts for a misspelt key, a range with its unit, and the wrong subcommand. */
class MessagesTest {
    @TempDir
    Path tmp;

    private String error(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        return err.toString().strip();
    }

    private String run(String text) throws IOException {
        Path p = Files.writeString(tmp.resolve("s.yaml"), text);
        return error("run", p.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
    }

    private String file() {
        return tmp.resolve("s.yaml").toString();
    }

    @Test
    void misspeltRequiredDriveIsNamedWithTheNearestKey() throws IOException {
        String e = run(BadInputTest.GOOD.replace("drives: {temperature: 300}", "drives: {temperture: 300}"));
        assertEquals("halide-kmc: " + file() + ": drives.temperture: unknown key; did you mean `temperature`?", e);
    }

    @Test
    void misspeltTopLevelKeyIsNamedWithTheNearestKey() throws IOException {
        String e = run(BadInputTest.GOOD.replace("vacancy_fraction:", "vacancy_fracton:"));
        assertEquals("halide-kmc: " + file() + ": vacancy_fracton: unknown key; did you mean `vacancy_fraction`?", e);
    }

    @Test
    void misspeltOptionalKeyIsNamedWithTheNearestAllowedKey() throws IOException {
        String e = run(BadInputTest.GOOD.replace("run: {until: 1.0e-9}", "run: {until: 1.0e-9, max_event: 5}"));
        assertEquals("halide-kmc: " + file() + ": run.max_event: unknown key; did you mean `max_events`? allowed here: until, max_events", e);
    }

    @Test
    void keyFarFromAnyAllowedKeyGetsNoGuess() throws IOException {
        String e = run(BadInputTest.GOOD.replace("run: {until: 1.0e-9}", "run: {until: 1.0e-9, zzz: 5}"));
        assertEquals("halide-kmc: " + file() + ": run.zzz: unknown key; allowed here: until, max_events", e);
    }

    @Test
    void rangeSaysItsUnit() throws IOException {
        String e = run(BadInputTest.GOOD.replace("drives: {temperature: 300}", "drives: {temperature: 300, field: 4e6}"));
        assertEquals("halide-kmc: " + file() + ": drives.field: 4000000.0 is out of range; allowed: [-1000, 1000] V/µm", e);
        e = run(BadInputTest.GOOD.replace("run: {until: 1.0e-9}", "run: {until: -1}"));
        assertEquals("halide-kmc: " + file() + ": run.until: -1.0 is out of range; allowed: (0, 1000000000] s", e);
    }

    @Test
    void driveWithTextSaysEveryForm() throws IOException {
        String e = run(BadInputTest.GOOD.replace("drives: {temperature: 300}", "drives: {temperature: 300, light: 5 W/cm2}"));
        assertEquals("halide-kmc: " + file() + ": drives.light: expected a number, or a mapping with one of: steps, pulses, table, csv; "
                + "got '5 W/cm2'", e);
    }

    @Test
    void sweepFileGivenToRunSaysSo() {
        String e = error("run", "sweeps/nc-size-light.yaml", "--out", tmp.resolve("out").toString());
        assertEquals("halide-kmc: sweeps/nc-size-light.yaml: this is a sweep file: use `halide-kmc sweep sweeps/nc-size-light.yaml`", e);
    }

    @Test
    void scenarioGivenToSweepSaysSo() {
        String e = error("sweep", "scenarios/nc23-thermal-vacancies.yaml", "--out", tmp.resolve("out").toString());
        assertEquals("halide-kmc: scenarios/nc23-thermal-vacancies.yaml: this is a scenario file: use "
                + "`halide-kmc run scenarios/nc23-thermal-vacancies.yaml`", e);
    }
}
