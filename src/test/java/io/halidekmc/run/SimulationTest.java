package io.halidekmc.run;

import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.observe.Frame;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationTest {
    static String scenario(String vacancies) {
        return """
                name: t
                seed: 4
                geometry: {type: bulk, cells: [6, 6, 6]}
                composition: {Br: 1}
                %s
                physics: {mixing: false, field: false}
                drives: {temperature: {steps: [[0, 300], [5.0e-4, 400]]}}
                run: {until: 1.0e-3}
                output: {interval: 1.0e-4}
                """.formatted(vacancies);
    }

    @Test
    void physicalVacancyFractionRescalesOutputTimesAndDriveBreakpoints() {
        Scenario s = ScenarioLoader.parse(scenario("vacancy_fraction: 0.01\nvacancy_fraction_physical: 1.0e-5"), "t.yaml", null);
        assertEquals(1000, s.timeScale(), 1e-9);
        RunResult r = new Simulation(s).run(null);
        assertEquals(11, r.frames().size());
        for (int i = 0; i < r.frames().size(); i++) {
            Frame f = r.frames().get(i);
            assertEquals(i * 1e-4, f.time(), 1e-12, "frame times are physical");
            // the step at physical 5e-4 s is applied at simulated 5e-7 s
            if (i > 5) assertEquals(400, f.temperature(), 1e-9);
            if (i > 0 && i < 5) assertEquals(300, f.temperature(), 1e-9);
        }
        assertEquals(1e-3, r.endTime(), 1e-15);
    }

    @Test
    void rescaledRunFiresTheSameHopsAsTheUnscaledRunOfTheSameSimulatedTime() {
        // same seed, same simulated span: rescaling only relabels time, it must not change the trajectory
        Scenario scaled = ScenarioLoader.parse(scenario("vacancy_fraction: 0.01\nvacancy_fraction_physical: 1.0e-5"), "t.yaml", null);
        Scenario plain = ScenarioLoader.parse(scenario("vacancy_fraction: 0.01").replace("5.0e-4, 400", "5.0e-7, 400")
                .replace("until: 1.0e-3", "until: 1.0e-6").replace("interval: 1.0e-4", "interval: 1.0e-7"), "t.yaml", null);
        RunResult a = new Simulation(scaled).run(null), b = new Simulation(plain).run(null);
        assertEquals(b.events(), a.events());
        assertTrue(a.events() > 1000);
    }

    @Test
    void nanocrystalRunRecordsSyntheticPlAtTheAlloyPeak() {
        Scenario s = ScenarioLoader.parse("""
                name: pl
                seed: 3
                geometry: {type: nanocrystal, edge_cells: 12}
                composition: {Br: 0.4, I: 0.6}
                vacancy_fraction: 0.01
                physics: {field: false}
                drives: {temperature: 300}
                run: {until: 1.0e-9}
                output: {interval: 5.0e-10, pl: {model: core, block_cells: 4}}
                """, "pl.yaml", null);
        RunResult r = new Simulation(s).run(null);
        assertEquals(r.frames().size(), r.plSpectra().size());
        // a random CsPbBr1.2I1.8 alloy in 4-cell blocks: core emission at the fitted 626 nm (±3 nm
        // for block-composition scatter of ±0.03 in x_I at 192 sites per block)
        assertEquals(626, r.plPeaks()[0], 3);
    }

    static String film(int threads) {
        return """
                name: film
                seed: 5
                geometry: {type: nanocrystal, edge_nm: 4}
                film: {count: 4, spread_nm: 1.0, threads: %d}
                composition: {Br: 0.4, I: 0.6}
                vacancy_fraction: 0.01
                physics:
                  field: false
                  surface_exchange: {activation: 0.3, reservoir_energy: 0.25}
                drives: {temperature: 300}
                run: {until: 2.0e-8}
                output: {interval: 1.0e-8, pl: {model: core, block_cells: 2}}
                """.formatted(threads);
    }

    @Test
    void filmOfNanocrystalsGivesTheSameFilmAveragesOnOneOrTwoThreads() {
        RunResult one = new Simulation(ScenarioLoader.parse(film(1), "film.yaml", null)).run(null);
        RunResult two = new Simulation(ScenarioLoader.parse(film(2), "film.yaml", null)).run(null);
        assertEquals(3, one.frames().size());
        assertEquals("exact-ensemble", one.engine());
        assertEquals(one.events(), two.events());
        assertTrue(one.events() > 1000);
        for (int i = 0; i < one.frames().size(); i++) {
            assertEquals(one.frames().get(i).vacancies(), two.frames().get(i).vacancies());
            assertEquals(one.frames().get(i).order(), two.frames().get(i).order());
            assertEquals(one.plPeaks()[i], two.plPeaks()[i]);
        }
        // the film's composition is the sum over its nanocrystals: I fraction of all halides ≈ 0.6
        double[] x = one.frames().getFirst().fractions();
        assertEquals(0.6, x[3] / (x[1] + x[2] + x[3]), 0.01);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "coarse grain {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void regionsModelConfinesAPureBromideCrystalByItsPhysicalEdge(int coarse) {
        Scenario s = ScenarioLoader.parse("""
                name: regions
                seed: 3
                geometry: {type: nanocrystal, edge_nm: 6, coarse_grain: %d}
                composition: {Br: 1}
                vacancy_fraction: 0.01
                physics: {field: false}
                drives: {temperature: 300}
                run: {until: 1.0e-9}
                output: {interval: 1.0e-9, pl: {model: regions, block_cells: 2}}
                """.formatted(coarse), "regions.yaml", null);
        RunResult r = new Simulation(s).run(null);
        int n = ((io.halidekmc.lattice.Geometry.Nanocrystal) s.geometry()).edge();
        // every X site of the crystal (3·n·(n+1)²) is one region; each coarse site stands for coarse³ cells
        double edgeNm = Math.cbrt((double) n * (n + 1) * (n + 1)) * 0.5802 * coarse;
        double expected = io.halidekmc.physics.BandGap.HC / (io.halidekmc.physics.BandGap.HC / 520
                + io.halidekmc.physics.ConfinementCurve.Table.commPhys2023().shiftBromide(edgeNm));
        // one emission level: the peak search's 1 nm grid with parabolic refinement, ≤ 0.05 nm
        assertEquals(expected, r.plPeaks()[0], 0.05);
        assertTrue(r.plPeaks()[0] < 519, "a ≈ 6 nm CsPbBr3 crystal is confined: " + r.plPeaks()[0]);
    }
}
