package io.halidekmc.cli;

import io.halidekmc.drive.HeaterModel;
import io.halidekmc.io.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 22 item 2: a setting with no effect is one warning line; --strict makes it bad input (exit 2, nothing written). */
class WarningsTest {
    @TempDir
    Path tmp;

    private final BadInputTest cli = new BadInputTest();

    private BadInputTest.Outcome run(String text, String... extra) throws IOException {
        Path p = Files.writeString(tmp.resolve("s.yaml"), text);
        List<String> args = new java.util.ArrayList<>(List.of("run", p.toString(), "--out", tmp.resolve("out").toString(), "--quiet"));
        args.addAll(List.of(extra));
        return cli.cli(args.toArray(String[]::new));
    }

    private String file() {
        return tmp.resolve("s.yaml").toString();
    }

    /** The warning lines of a run that must still succeed. */
    private List<String> warnings(BadInputTest.Outcome o) {
        assertEquals(0, o.code(), o.err());
        return o.err().lines().filter(l -> l.startsWith(RunWarnings.PREFIX)).toList();
    }

    private static String withDrives(String drives) {
        return BadInputTest.GOOD.replace("drives: {temperature: 300}", drives);
    }

    static final String LIGHT = "halide-kmc: warning: %s: drives.light: has no effect: no light-driven term is on "
            + "(physics.light_release, carrier_funnel or polaron with from_light: true, phase_conversion)";

    @Test
    void lightOnABoxWithoutLightPhysicsIsOneWarning() throws IOException {
        List<String> w = warnings(run(withDrives("drives: {temperature: 300, light: 50}")));
        assertEquals(List.of(LIGHT.formatted(file())), w);
        assertTrue(Files.exists(tmp.resolve("out/s.h5")));
        assertTrue(Files.readString(tmp.resolve("out/run.log")).contains(LIGHT.formatted(file())), "the log keeps the warning");
    }

    @Test
    void strictMakesTheWarningBadInputAndWritesNothing() throws IOException {
        BadInputTest.Outcome o = run(withDrives("drives: {temperature: 300, light: 50}"), "--strict");
        assertEquals(2, o.code(), o.err());
        assertEquals("halide-kmc: " + LIGHT.formatted(file()).substring(RunWarnings.PREFIX.length()) + " (--strict: warnings are errors)",
                o.err().strip());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void heaterInANanosecondRunIsOneWarning() throws IOException {
        List<String> w = warnings(run(withDrives("drives: {temperature: {heater: {on: 1}}}")));
        // the heater's schedule is steps of ≤ 0.05 K: within a nanosecond it is one step, a change of exactly 0
        assertEquals(List.of("halide-kmc: warning: " + file() + ": drives.temperature.heater: changes by only 0 K before run.until = "
                + "1.000e-09 s (less than 0.01 K): the run is the same as at a constant temperature"), w);
    }

    @Test
    void steppedTemperatureThatBarelyMovesIsOneWarning() throws IOException {
        List<String> w = warnings(run(withDrives("drives: {temperature: {steps: [[0, 300], [5.0e-10, 300.005]]}}")));
        assertEquals(List.of("halide-kmc: warning: " + file() + ": drives.temperature: changes by only 0.00500 K before run.until = "
                + "1.000e-09 s (less than 0.01 K): the run is the same as at a constant temperature"), w);
    }

    @Test
    void aTemperatureStepAfterTheEndIsNoChangeEither() throws IOException {
        List<String> w = warnings(run(withDrives("drives: {temperature: {steps: [[0, 300], [2.0e-9, 350]]}}")));
        assertEquals(List.of("halide-kmc: warning: " + file() + ": drives.temperature: changes by only 0 K before run.until = "
                + "1.000e-09 s (less than 0.01 K): the run is the same as at a constant temperature"), w);
    }

    @Test
    void fieldWithTheFieldTermOffIsOneWarning() throws IOException {
        String text = withDrives("drives: {temperature: 300, bias: 1}").replace("vacancy_fraction: 0.01",
                "vacancy_fraction: 0.01\nphysics: {field: false}");
        assertEquals(List.of("halide-kmc: warning: " + file() + ": drives.bias: has no effect: the field term is off (physics.field: false)"),
                warnings(run(text)));
    }

    @Test
    void threadsOnTheExactEngineIsOneWarning() throws IOException {
        assertEquals(List.of("halide-kmc: warning: " + file() + ": --threads: has no effect: engine exact runs one sample on one thread"),
                warnings(run(BadInputTest.GOOD, "--threads", "2")));
    }

    @Test
    void settingsThatActGiveNoWarning() throws IOException {
        assertEquals(List.of(), warnings(run(BadInputTest.GOOD)));
        assertEquals(List.of(), warnings(run(withDrives("drives: {temperature: {steps: [[0, 300], [5.0e-10, 310]]}, light: 0}"))));
        assertEquals(List.of(), warnings(run(withDrives("drives: {temperature: 300, field: 1}"))));
    }

    @Test
    void heaterAmbientIsAKeyAndDefaultsToTheMeasuredRoom() {
        String off = withDrives("drives: {temperature: {heater: {on: 0, ambient: 290}}}");
        assertEquals(290.0, ScenarioLoader.parse(off, "f.yaml", null).drive().temperature().valueAt(5e-10));
        String dflt = withDrives("drives: {temperature: {heater: {on: 0}}}");
        assertEquals(HeaterModel.AMBIENT, ScenarioLoader.parse(dflt, "f.yaml", null).drive().temperature().valueAt(5e-10));
        // heated: the same rise above either ambient (the fitted response is linear)
        String on290 = withDrives("drives: {temperature: {heater: {on: 1, ambient: 290}}}").replace("until: 1.0e-9", "until: 10");
        String onDefault = withDrives("drives: {temperature: {heater: {on: 1}}}").replace("until: 1.0e-9", "until: 10");
        double rise290 = ScenarioLoader.parse(on290, "f.yaml", null).drive().temperature().valueAt(9.9) - 290;
        double riseDefault = ScenarioLoader.parse(onDefault, "f.yaml", null).drive().temperature().valueAt(9.9) - HeaterModel.AMBIENT;
        assertEquals(riseDefault, rise290, 1e-9);
        assertTrue(rise290 > 5, "001: ≈ 8 K after 10 s; got " + rise290);
    }

    @Test
    void heaterAmbientRangeSaysItsUnit() {
        String bad = withDrives("drives: {temperature: {heater: {on: 0, ambient: -3}}}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.halidekmc.io.yaml.InputException.class,
                () -> ScenarioLoader.parse(bad, "f.yaml", null));
        assertEquals("f.yaml: drives.temperature.heater.ambient: -3.0 is out of range; allowed: (0, 5000] K", e.getMessage());
    }
}
