package io.halidekmc.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad snapshot and export settings: one line naming file, key and what is allowed, exit 2, no output. */
class ExportInputTest {
    static final String GOOD = BadInputTest.GOOD;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown format|{snapshots: [0], export: [xyz, vtk]}|output.export[1]: 'vtk' is not allowed; allowed: xyz, xdmf",
            "format not a list|{snapshots: [0], export: {xyz: true}}|output.export: expected a list of formats, got a mapping; allowed: xyz, xdmf",
            "zero interval|{snapshots: {every: 0}}|output.snapshots.every: 0.0 is out of range; allowed: (0, 1.0E-9] s",
            "negative interval|{snapshots: {every: -1.0e-10}}|output.snapshots.every: -1.0E-10 is out of range; allowed: (0, 1.0E-9] s",
            "interval past the end|{snapshots: {every: 2.0e-9}}|output.snapshots.every: 2.0E-9 is out of range; allowed: (0, 1.0E-9] s",
            "interval as text|{snapshots: {every: 10 s}}|output.snapshots.every: expected a number, got '10 s'",
            "too many snapshots|{snapshots: {every: 1.0e-14}}|output.snapshots.every: 1.0E-14 s gives 100001 snapshots",
            "unknown key beside every|{snapshots: {every: 1.0e-10, from: 0}}|output.snapshots.from: unknown key; allowed here: every",
            "snapshots as text|{snapshots: often}|output.snapshots: expected a list of times (s) or {every: S}, got 'often'",
            "export without snapshots|{export: [xyz]}|output.export: writes the snapshots, but there are none",
            "vacancy option without xyz|{snapshots: [0], export: [xdmf], export_vacancies: false}|output.export_vacancies: applies to the xyz export only",
            "vacancy option not boolean|{snapshots: [0], export: [xyz], export_vacancies: no}|output.export_vacancies: expected true or false, got 'no'",
    })
    void badSnapshotOrExportSettingIsOneLineWithKeyAndAllowedValues(String what, String output, String expected) throws IOException {
        Path s = Files.writeString(tmp.resolve("s.yaml"), GOOD + "output: " + output + "\n");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new String[] {"run", s.toString(), "--out", tmp.resolve("out").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String e = err.toString().strip();
        assertEquals(2, code, what + ": " + e);
        assertFalse(e.contains("\n"), "one line expected: " + e);
        String prefix = "halide-kmc: " + s + ": " + expected;
        assertTrue(e.startsWith(prefix), what + ": expected '" + prefix + "…', got: " + e);
        assertFalse(Files.exists(tmp.resolve("out/t.h5")), "no output file may be written");
    }
}
