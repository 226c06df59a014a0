package io.halidekmc.sweep;

import io.halidekmc.io.yaml.InputException;
import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** timeseries:<column>@end and @<t>: any /timeseries column as a sweep outcome, equal to the run file's value. */
class TimeseriesOutcomeTest {
    @TempDir
    Path tmp;

    /** Frames at 0, 2.5e-8, 5e-8, 7.5e-8, 1e-7 s; the temperature steps from 300 to 350 K at 3e-8 s. */
    static final String SWEEP = """
            scenario: tiny.yaml
            grid:
              vacancy_fraction: [0.02, 0.03]
            overrides: {drives.temperature: {steps: [[0, 300], [3.0e-8, 350]]}}
            seeds: {base: 5}
            outcomes: [order_final, "timeseries:order_parameter@end", "timeseries:energy_eV@end", "timeseries:vacancies@end",
                       "timeseries:temperature_K@4e-8", "timeseries:temperature_K@5.0e-8", "timeseries:x_I@2e-7"]
            plot: {outcome: [order_final, "timeseries:energy_eV@end"]}
            """;

    @Test
    void aColumnAtTheEndOrAtATimeIsTheFilesValue() throws Exception {
        SweepSpec spec = SweepFixtures.spec(tmp, SWEEP);
        Path runs = tmp.resolve("runs");
        Files.createDirectories(runs);
        Sweep.Summary s = Sweep.run(spec, Grid.expand(spec), tmp.resolve("out"), new LocalThreadRunner(2),
                new SimulatePoint(spec.outcomes(), runs.toString()), null, true);
        assertEquals(0, s.failed());
        for (SweepRow r : s.rows()) {
            assertEquals(r.outcome("order_final"), r.outcome("timeseries:order_parameter@end"));
            assertEquals(300.0, r.outcome("timeseries:temperature_K@4e-8"), "the frame at 2.5e-8 s, before the step");
            assertEquals(350.0, r.outcome("timeseries:temperature_K@5.0e-8"), "the frame at 5e-8 s, after the step");
            assertTrue(Double.isNaN(r.outcome("timeseries:x_I@2e-7")), "the run ended at 1e-7 s");
            try (HdfFile f = new HdfFile(runs.resolve(SimulatePoint.runFileName(r.index(), 0)))) {
                double[] e = (double[]) f.getDatasetByPath("timeseries/energy_eV").getData();
                long[] v = (long[]) f.getDatasetByPath("timeseries/vacancies").getData();
                assertEquals(e[e.length - 1], r.outcome("timeseries:energy_eV@end"));
                assertEquals((double) v[v.length - 1], r.outcome("timeseries:vacancies@end"));
            }
        }
        assertTrue(s.rows().get(0).outcome("timeseries:vacancies@end") < s.rows().get(1).outcome("timeseries:vacancies@end"));
        String csv = Files.readString(tmp.resolve("out/sweep.csv"));
        assertTrue(csv.contains("# timeseries:energy_eV@end [eV]: /timeseries/energy_eV at the last output time"), csv);
        try (HdfFile f = new HdfFile(tmp.resolve("out/sweep.h5"))) {
            assertEquals("K", f.getDatasetByPath("sweep/timeseries:temperature_K@4e-8").getAttribute("units").getData());
        }
        assertTrue(Files.exists(tmp.resolve("out/sweep-order_final.png")));
        assertTrue(Files.exists(tmp.resolve("out/sweep-timeseries_energy_eV_end.png")), "a file name without ':' or '@'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeseries:nope@end", "timeseries:x_I@soon", "timeseries:x_I", "timeseries:x_I@-1", "timeseries:x_I@1e-6d",
            "timeseries:x_I@Infinity"})
    void anUnknownColumnOrTimeIsOneLineListingTheForms(String outcome) throws Exception {
        Path file = SweepFixtures.write(tmp, "scenario: tiny.yaml\ngrid: {drives.temperature: [300]}\noutcomes: [\"" + outcome + "\"]\n");
        InputException e = assertThrows(InputException.class, () -> SweepLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": outcomes[0]: '" + outcome + "' is not an outcome; allowed: pl_peak_final_nm, "),
                e.getMessage());
        assertTrue(e.getMessage().contains("events, wire_front_final_nm, wire_migration_final_nm, wire_stored_charge_final_e, or timeseries:<column>@end or @<time in s> with <column> one of time_s, events, "),
                e.getMessage());
    }
}
