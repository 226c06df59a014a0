package io.halidekmc.output;

import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.observe.Frame;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 22 item 3: the per-frame energy, drives and PL peak in /timeseries and the CSV. */
class DiagnosticsTest {
    @TempDir
    Path tmp;

    private static Scenario bulk(int cells, double until, double interval, String extra) {
        return ScenarioLoader.parse("""
                name: demix
                seed: 11
                geometry: {type: bulk, cells: [%d, %d, %d]}
                composition: {Br: 0.4, I: 0.6}
                vacancy_fraction: 0.01
                physics: {mixing: true, field: false}
                drives: {temperature: 300}
                run: {until: %s}
                output: {interval: %s}
                %s
                """.formatted(cells, cells, cells, until, interval, extra), "demix.yaml", null);
    }

    @Test
    void energyIsTheFullMixingTotalOfTheFinalLattice() {
        Simulation sim = new Simulation(bulk(6, 2.0e-7, 1.0e-7, ""));
        RunResult r = sim.run(null);
        assertTrue(r.events() > 1000, "the run must move the lattice: " + r.events());
        var engine = sim.engine();
        double expected = new MixingTerm().total(engine.occupancy(), r.scenario().material(), engine.conditions());
        assertEquals(expected, r.frames().getLast().energy(), 1e-9 * Math.abs(expected));
        assertTrue(r.frames().getFirst().energy() != r.frames().getLast().energy(), "hops change the energy");
    }

    @Test
    void sectorUniformizedEngineReportsTheEnergyOfItsLattice() {
        Simulation sim = new Simulation(bulk(16, 2.0e-8, 1.0e-8, "engine: sector-uniformized\nsector: {threads: 1}"));
        RunResult r = sim.run(null);
        assertTrue(r.events() > 1000, "the run must move the lattice: " + r.events());
        double expected = new MixingTerm().total(sim.engine().occupancy(), r.scenario().material(), sim.engine().conditions());
        assertEquals(expected, r.frames().getLast().energy(), 1e-9 * Math.abs(expected));
    }

    @Test
    void uniformizedFilmOnTheCpuSumsTheEnergyOverItsCrystals() {
        Simulation sim = new Simulation(ScenarioLoader.parse("""
                name: film
                seed: 7
                geometry: {type: nanocrystal, edge_nm: 2.4}
                film: {count: 3, threads: 1}
                composition: {Br: 0.4, I: 0.6}
                vacancy_fraction: 0.05
                physics: {mixing: true, field: false}
                drives: {temperature: 300}
                engine: uniformized
                run: {until: 2.0e-8}
                output: {interval: 1.0e-8}
                """, "film.yaml", null));
        RunResult r = sim.run(null);
        double expected = 0;
        for (var o : sim.engine().occupancies()) expected += new MixingTerm().total(o, r.scenario().material(), sim.engine().conditions());
        assertTrue(r.events() > 100, "the film must move: " + r.events());
        assertTrue(Double.isFinite(r.frames().getLast().energy()));
        assertEquals(expected, r.frames().getLast().energy(), 1e-9 * Math.abs(expected));
    }

    @Test
    void energyFallsAsA300KBoxDemixes() {
        RunResult r = new Simulation(bulk(12, 4.0e-7, 1.0e-7, "")).run(null);
        List<Frame> f = r.frames();
        double first = f.getFirst().energy(), last = f.getLast().energy();
        // a random alloy inside the miscibility gap coarsens: order rises and the mixing energy falls
        assertTrue(f.getLast().order() > f.getFirst().order() + 0.02, "order " + f.getFirst().order() + " → " + f.getLast().order());
        assertTrue(last < first - 0.05 * Math.abs(first), "energy " + first + " → " + last);
    }

    @Test
    void csvCarriesEnergyDrivesAndPlPeakAtTheEndOfEachRow() throws IOException {
        Scenario s = ScenarioLoader.parse("""
                name: pl
                seed: 3
                geometry: {type: nanocrystal, edge_cells: 12}
                composition: {Br: 0.4, I: 0.6}
                vacancy_fraction: 0.01
                physics: {field: false}
                drives: {temperature: 300, light: 50}
                run: {until: 1.0e-9}
                output: {interval: 5.0e-10, pl: {model: core, block_cells: 4}}
                """, "pl.yaml", null);
        RunResult r = new Simulation(s).run(null);
        Path csv = tmp.resolve("pl.csv");
        CsvWriter.write(r, csv);
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
        List<String> header = Arrays.asList(lines.getFirst().split(","));
        assertEquals(List.of("energy_eV", "light_W_per_cm2", "bias_V", "pl_peak_nm", "x_N"), header.subList(header.size() - 5, header.size()));
        assertEquals("radial_contrast_I", header.get(15), "existing columns keep their positions");
        assertEquals(r.frames().size(), lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String[] row = lines.get(i).split(",");
            assertEquals(header.size(), row.length, lines.get(i));
            Frame f = r.frames().get(i - 1);
            double energy = Double.parseDouble(row[header.indexOf("energy_eV")]);
            assertEquals(f.energy(), energy, 1e-8 * Math.abs(f.energy()));
            assertTrue(Double.isFinite(energy));
            assertEquals(50, Double.parseDouble(row[header.indexOf("light_W_per_cm2")]), 1e-9);
            assertEquals(0, Double.parseDouble(row[header.indexOf("bias_V")]), 0);
            double peak = Double.parseDouble(row[header.indexOf("pl_peak_nm")]);
            assertEquals(r.plPeaks()[i - 1], peak, 1e-3);
            assertEquals(626, peak, 5);
        }
    }

    @Test
    void withoutPlThePeakIsNanInTheCsv() throws IOException {
        RunResult r = new Simulation(bulk(6, 1.0e-8, 1.0e-8, "")).run(null);
        Path csv = tmp.resolve("bulk.csv");
        CsvWriter.write(r, csv);
        List<String> rows = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).skip(1).toList();
        for (String row : rows) {
            String[] c = row.split(",");
            assertTrue(Double.isNaN(Double.parseDouble(c[c.length - 2])), row);
            assertEquals(0, Double.parseDouble(c[c.length - 1]), 0, "no phase conversion: x_N is 0");
            assertEquals(300, Double.parseDouble(c[2]), 1e-9);
        }
    }
}
