package io.halidekmc.io;

import io.halidekmc.observe.Snapshot;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** output.snapshots as {every: S}: the times it stands for, through --until and a run; the list form as before. */
class SnapshotIntervalTest {
    static Scenario scenario(String output) {
        return ScenarioLoader.parse("""
                name: t
                seed: 3
                geometry: {type: bulk, cells: [4, 4, 4]}
                composition: {Br: 0.5, I: 0.5}
                vacancy_fraction: 0.02
                drives: {temperature: 350}
                run: {until: 1.0e-8}
                output: %s
                """.formatted(output), "t.yaml", null);
    }

    @Test
    void intervalStandsForEveryMultipleFromZeroToUntil() {
        Scenario s = scenario("{interval: 5.0e-9, snapshots: {every: 2.5e-9}}");
        assertEquals(List.of(0.0, 2.5e-9, 5.0e-9, 7.5e-9, 1.0e-8), s.snapshots());
        assertEquals(2.5e-9, s.export().every());
        assertFalse(s.export().xyz() || s.export().xdmf());
        // decimal, not binary, multiples: 3 × 1e-9 is 3.0e-9 (3 * 1e-9 in doubles is 3.0000000000000004e-9)
        List<Double> tenths = scenario("{snapshots: {every: 1.0e-9}}").snapshots();
        assertEquals(11, tenths.size());
        for (int i = 0; i < tenths.size(); i++) assertEquals(Double.parseDouble(i + ".0e-9"), tenths.get(i));
        assertEquals(List.of(0.0, 3.0e-9, 6.0e-9, 9.0e-9), scenario("{snapshots: {every: 3.0e-9}}").snapshots(), "until is not a multiple");
    }

    @Test
    void listFormIsKeptAsWritten() {
        Scenario s = scenario("{snapshots: [0, 3.0e-9, 1.0e-8]}");
        assertEquals(List.of(0.0, 3.0e-9, 1.0e-8), s.snapshots());
        assertEquals(Scenario.Export.NONE, s.export());
        assertEquals(List.of(0.0, 3.0e-9, 1.0e-8), s.withLimits(2.0e-8, 100).snapshots(), "a list is not extended by --until");
    }

    @Test
    void untilOverrideCarriesTheIntervalToTheNewEnd() {
        Scenario s = scenario("{snapshots: {every: 4.0e-9}}").withLimits(2.0e-8, Long.MAX_VALUE);
        assertEquals(List.of(0.0, 4.0e-9, 8.0e-9, 1.2e-8, 1.6e-8, 2.0e-8), s.snapshots());
        assertEquals(List.of(0.0, 4.0e-9), scenario("{snapshots: {every: 4.0e-9}}").withLimits(5.0e-9, 10).snapshots());
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.halidekmc.io.yaml.InputException.class,
                () -> scenario("{snapshots: {every: 4.0e-9}}").withLimits(1.0e-4, 10));
        assertEquals("t.yaml: --until 1.0E-4: output.snapshots.every = 4.0E-9 s gives 25001 snapshots up to until = 1.0E-4 s; "
                + "allowed: at most 10000 (every ≥ until/9999 = 1.0001e-08 s), since each holds every site", e.getMessage());
    }

    @Test
    void aRunTakesItsSnapshotsAtTheIntervalTimes() {
        Scenario s = scenario("{interval: 5.0e-9, snapshots: {every: 2.5e-9}, export: [xyz]}");
        RunResult r = new Simulation(s).run(null);
        assertTrue(r.events() > 0);
        List<Double> taken = r.snapshots().stream().map(Snapshot::time).toList();
        assertEquals(s.snapshots(), taken);
        assertTrue(s.export().xyz() && !s.export().xdmf() && s.export().vacancies());
    }
}
