package io.halidekmc.engine.sector;

import io.halidekmc.engine.Rng;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Sector engine bookkeeping and reproducibility (deterministic checks, fixed seeds). */
class SectorEngineTest {

    static SectorEngine periodic(long seed, int threads, int[] blocks, double window) {
        Lattice lat = new Lattice(16, 16, 12, true, true, true);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.1, 0.4, 0.5), 0.03, Rng.stream(seed, 0));
        return new SectorEngine(occ, Material.mixture(0.1, 0.4, 0.5), List.of(new MixingTerm()),
                DriveProgram.constant(300, 0), seed, new SectorConfig(window, blocks, threads));
    }

    /** A nanocube: open axes (odd slab counts allowed), cut bonds to the shared sink, WALL padding, a field. */
    static SectorEngine cube(long seed, int threads) {
        Lattice lat = new Lattice(14, 14, 14, false, false, false);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.4, 0.6), 0.03, Rng.stream(seed, 0));
        return new SectorEngine(occ, Material.mixture(0, 0.4, 0.6), List.of(new MixingTerm(), new FieldTerm()),
                DriveProgram.constant(280, 3e7), seed, new SectorConfig(0, new int[] {3, 3, 5}, threads));
    }

    @Test
    void sameResultForOneTwoAndFourThreads() {
        byte[] ref = null;
        long refEvents = 0;
        for (int threads : new int[] {1, 2, 4}) {
            for (boolean nc : new boolean[] {false, true}) {
                try (SectorEngine e = nc ? cube(5, threads) : periodic(5, threads, new int[] {4, 4, 2}, 0)) {
                    e.advance(Double.POSITIVE_INFINITY, 200_000);
                    if (nc) continue;
                    if (ref == null) {
                        ref = e.occupancy().species.clone();
                        refEvents = e.events();
                    } else {
                        assertArrayEquals(ref, e.occupancy().species, threads + " threads");
                        assertEquals(refEvents, e.events());
                    }
                }
            }
        }
        byte[][] cubes = new byte[3][];
        int i = 0;
        for (int threads : new int[] {1, 2, 4}) {
            try (SectorEngine e = cube(6, threads)) {
                e.advance(Double.POSITIVE_INFINITY, 100_000);
                cubes[i++] = e.occupancy().species.clone();
            }
        }
        assertArrayEquals(cubes[0], cubes[1]);
        assertArrayEquals(cubes[0], cubes[2]);
        // more threads than slabs along every axis: sectors are dealt to threads round robin
        byte[][] small = new byte[2][];
        i = 0;
        for (int threads : new int[] {1, 3}) {
            try (SectorEngine e = periodic(9, threads, new int[] {2, 2, 2}, 0)) {
                e.advance(Double.POSITIVE_INFINITY, 100_000);
                small[i++] = e.occupancy().species.clone();
            }
        }
        assertArrayEquals(small[0], small[1]);
    }

    @Test
    void countsAndListsStayConsistentOverManyWindows() {
        for (SectorEngine e : List.of(periodic(7, 2, null, 0), cube(8, 2))) {
            try (e) {
                long before = e.sweeps();
                e.advance(Double.POSITIVE_INFINITY, 300_000);
                assertTrue(e.sweeps() - before > 100, "few windows: " + e.sweeps());
                Occupancy o = e.occupancy();
                Occupancy fresh = o.copy();
                int sink = o.lattice.sink();
                int[] a = Arrays.copyOf(o.counts, sink), b = Arrays.copyOf(fresh.counts, sink);
                assertArrayEquals(b, a, "packed words differ from a recount");
                assertEquals(fresh.vacancies, o.vacancies);
                for (int id = 0; id < o.vacancies; id++) {
                    assertEquals(id, o.vacancyAt[o.vacancySite[id]]);
                }
                assertEquals(Arrays.stream(fresh.census()).sum(), Arrays.stream(o.census()).sum());
                assertArrayEquals(fresh.census(), o.census());
                assertTrue(e.listsConsistent(), "a vacancy is not in its owner sector's list");
            }
        }
    }

    /**
     * The lazy refresh (only handed-over vacancies and those next to words a near sector changed)
     * and the single-slot updates after a hop: at the start and end of every phase each cached rate
     * and tree leaf equals a fresh recompute, bit for bit. Periodic boxes (also one slab along an
     * axis, the sector touching itself across the seam), a nanocube with a field, and a temperature
     * step (a full refresh) on two threads.
     */
    @Test
    void cachedRatesEqualAFreshRecomputeAfterEveryPhase() {
        Lattice lat = new Lattice(16, 12, 12, true, true, true);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.2, 0.3, 0.5), 0.04, Rng.stream(3, 0));
        var steps = new io.halidekmc.drive.Schedule.Steps(300, new double[] {2e-8, 4e-8}, new double[] {360, 320});
        var field = new io.halidekmc.drive.Schedule.Steps(0, new double[] {3e-8}, new double[] {5e7});
        SectorEngine stepped = new SectorEngine(occ, Material.mixture(0.2, 0.3, 0.5),
                List.of(new MixingTerm(), new FieldTerm()), new DriveProgram(steps, field), 3,
                new SectorConfig(0, new int[] {4, 1, 2}, 2));
        for (SectorEngine e : List.of(periodic(11, 1, new int[] {4, 4, 2}, 0), periodic(12, 2, new int[] {2, 2, 2}, 0),
                cube(13, 1), cube(14, 2), stepped)) {
            try (e) {
                e.verifyRates = true;
                long refreshes = e.driveRefreshes();
                e.advance(e == stepped ? 6e-8 : Double.POSITIVE_INFINITY, 150_000);
                assertTrue(e.sweeps() > 50, "few windows: " + e.sweeps());
                if (e == stepped) assertTrue(e.driveRefreshes() - refreshes >= 3, "drive refreshes: " + e.driveRefreshes());
                assertTrue(e.listsConsistent());
            }
        }
    }

    @Test
    void scenarioWithSectorEngineRunsThroughSimulationAndThreadsDoNotMatter() {
        String text = """
                name: s
                seed: 9
                geometry: {type: bulk, cells: [12, 12, 12]}
                composition: {Br: 0.5, I: 0.5}
                vacancy_fraction: 0.02
                physics: {mixing: true, field: false}
                drives: {temperature: {steps: [[0, 300], [2.0e-9, 350]]}}
                engine: sector
                sector: {blocks: [2, 2, 4], threads: 1}
                run: {until: 4.0e-9}
                output: {interval: 1.0e-9}
                """;
        var s = io.halidekmc.io.ScenarioLoader.parse(text, "s.yaml", null);
        assertEquals("sector", s.engine());
        assertArrayEquals(new int[] {2, 2, 4}, s.sector().blocks());
        RunResult a = new Simulation(s).run(null);
        RunResult b = new Simulation(s.withThreads(2)).run(null);
        assertEquals("sector", a.engine());
        assertEquals(5, a.frames().size());
        assertEquals(4.0e-9, a.endTime(), 1e-20);
        assertTrue(a.events() > 1000, "events: " + a.events());
        assertEquals(a.events(), b.events());
        for (int i = 0; i < a.frames().size(); i++) {
            var fa = a.frames().get(i);
            var fb = b.frames().get(i);
            assertEquals(fa.events(), fb.events());
            assertEquals(fa.order(), fb.order());
            assertEquals(fa.netHalideDz(), fb.netHalideDz());
            assertArrayEquals(fa.fractions(), fb.fractions());
        }
        assertEquals(350, a.frames().getLast().temperature(), 1e-9);
    }

    @Test
    void badSectorSettingsAreInputErrors() {
        String base = """
                name: s
                geometry: {type: bulk, cells: [12, 12, 12]}
                composition: {Br: 1}
                vacancy_fraction: 0.02
                drives: {temperature: 300}
                run: {until: 1.0e-9}
                """;
        for (String bad : List.of("engine: sector\nsector: {blocks: [3, 2, 2]}", "engine: sector\nsector: {blocks: [12, 2, 2]}",
                "engine: sector\nsector: {window: -1}", "engine: sector\nsector: {thread: 2}", "sector: {threads: 2}",
                "engine: sectors")) {
            var ex = assertThrows(io.halidekmc.io.yaml.InputException.class,
                    () -> io.halidekmc.io.ScenarioLoader.parse(base + bad, "s.yaml", null), bad);
            System.out.println(ex.getMessage());
        }
    }
}
