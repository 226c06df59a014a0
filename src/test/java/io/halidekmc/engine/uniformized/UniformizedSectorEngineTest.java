package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.run.RunResult;
import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.engine.sector.SectorValidationTest;
import io.halidekmc.run.Simulation;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The uniformized sector engine (the GPU's sector steps, run by their Java twin): the thread count
 * does not change the trajectory, the state stays consistent, and its observables agree with the
 * exact engine's within statistical error.
 */
class UniformizedSectorEngineTest {

    private static UniformizedSectorEngine film(Lattice lat, int threads, int[] blocks, long seed) {
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.1, 0.35, 0.55), 0.03, Rng.stream(seed, 0));
        var temperature = new Schedule.Steps(300, new double[] {2e-8}, new double[] {340});
        var field = new Schedule.Steps(0, new double[] {4e-8}, new double[] {4e7});
        return UniformizedSectorEngine.onCpu(occ, Material.mixture(0.1, 0.35, 0.55), List.of(new MixingTerm(), new FieldTerm()),
                new DriveProgram(temperature, field), seed, new SectorConfig(0, blocks, threads));
    }

    @Test
    void sameTrajectoryForOneAndThreeThreadsOnABoxAndANanocrystal() {
        for (boolean nc : new boolean[] {false, true}) {
            Occupancy[] end = new Occupancy[2];
            long[] events = new long[2], dz = new long[2];
            int i = 0;
            for (int threads : new int[] {1, 3}) {
                Lattice lat = nc ? new Geometry.Nanocrystal(9).lattice() : new Lattice(12, 12, 8, true, true, true);
                try (UniformizedSectorEngine e = film(lat, threads, nc ? new int[] {2, 2, 2} : new int[] {4, 2, 2}, 5)) {
                    e.advance(8e-8, Long.MAX_VALUE);
                    end[i] = e.occupancy();
                    events[i] = e.events();
                    dz[i++] = e.netHalideDz();
                }
            }
            assertTrue(events[0] > 20_000, "enough hops: " + events[0]);
            assertArrayEquals(end[0].species, end[1].species, nc ? "nanocrystal" : "box");
            assertArrayEquals(Arrays.copyOf(end[0].vacancySite, end[0].vacancies), Arrays.copyOf(end[1].vacancySite, end[1].vacancies));
            assertEquals(events[0], events[1]);
            assertEquals(dz[0], dz[1]);
        }
    }

    /**
     * A device that fails mid-run (here a runner that throws at its k-th step launch, when the
     * frame sums are read, or when the lattice is read at a drive step) leaves the steps to the CPU, which replays the run so far: the end state,
     * hops, displacement and frame sums are those of a run on the CPU from the start, bit for bit.
     */
    @Test
    void aDeviceFailingMidRunIsReplayedOnTheCpuWithTheSameResult() {
        Lattice lat = new Lattice(12, 12, 8, true, true, true);
        int[] blocks = {4, 2, 2};
        double[] stops = {1.3e-8, 4.7e-8, 8e-8};   // not on drive changes: a replay must cut the same windows
        try (UniformizedSectorEngine cpu = film(lat, 1, blocks, 6)) {
            long[][] counts = new long[stops.length][];
            for (int i = 0; i < stops.length; i++) {
                cpu.advance(stops[i], Long.MAX_VALUE);
                counts[i] = cpu.frameCounts();
            }
            // "download": the lattice read at a drive step inside a sweep loop (the automatic window)
            for (String failIn : new String[] {"run", "frameCounts", "download"}) {
                try (UniformizedSectorEngine e = film(lat, 1, blocks, 6)) {
                    FailingRunner[] device = new FailingRunner[1];
                    e.moveTo(st -> device[0] = new FailingRunner(new CpuSectorRunner(st, 2), failIn));
                    for (int i = 0; i < stops.length; i++) {
                        if (i == 1) device[0].failAfter(failIn.equals("run") ? 7 : 1);   // inside the second advance, or its frame sums
                        e.advance(stops[i], Long.MAX_VALUE);
                        assertArrayEquals(counts[i], e.frameCounts(), failIn + ": frame sums at " + stops[i]);
                    }
                    assertArrayEquals(cpu.occupancy().species, e.occupancy().species, failIn);
                    assertEquals(cpu.events(), e.events(), failIn);
                    assertEquals(cpu.netHalideDz(), e.netHalideDz(), failIn);
                    assertTrue(e.fallbackReason() != null && e.fallbackReason().contains("simulated driver error in " + failIn), e.fallbackReason());
                    assertEquals("cpu (1 thread)", e.runnerDescription(), "the scenario's CPU threads took over");
                }
            }
            assertTrue(cpu.events() > 20_000, "enough hops: " + cpu.events());
        }
    }

    /** A stand-in for a device runner: the CPU runner's results, until its k-th call of {@code failIn}. */
    private static final class FailingRunner implements SectorRunner {
        private final SectorRunner cpu;
        private final String failIn;
        private int calls, failAt = -1;

        FailingRunner(SectorRunner cpu, String failIn) {
            this.cpu = cpu;
            this.failIn = failIn;
        }

        /** Throw at the k-th call of failIn from now. */
        void failAfter(int k) {
            failAt = calls + k;
        }

        private void call(String what) {
            if (what.equals(failIn) && ++calls == failAt) throw new IllegalStateException("simulated driver error in " + what);
        }

        @Override public int[] begin(int[] sectors) { return cpu.begin(sectors); }
        @Override public void run(int[] sectors, long[] start, long[] count, UniformizedKernel.Tables t) { call("run"); cpu.run(sectors, start, count, t); }
        @Override public long events() { return cpu.events(); }
        @Override public long netDz() { return cpu.netDz(); }
        @Override public long[] frameCounts() { call("frameCounts"); return cpu.frameCounts(); }
        @Override public void download(int[] words, int[] vacancySite) { call("download"); cpu.download(words, vacancySite); }
        @Override public String describe() { return "flaky device"; }
        @Override public void close() { cpu.close(); }
    }

    /** 512 sectors per colour: the Poisson draws are shared among cores, and the trajectory still does not depend on threads. */
    @Test
    void manySectorsPerColourGiveTheSameTrajectoryForAnyThreadCount() {
        byte[][] end = new byte[2][];
        long[] events = new long[2];
        int i = 0;
        for (int threads : new int[] {1, 3}) {
            try (UniformizedSectorEngine e = film(new Lattice(32, 32, 32, true, true, true), threads, new int[] {16, 16, 16}, 7)) {
                e.advance(1.5e-8, Long.MAX_VALUE);
                end[i] = e.occupancy().species.clone();
                events[i++] = e.events();
            }
        }
        assertTrue(events[0] > 50_000, "enough hops: " + events[0]);
        assertArrayEquals(end[0], end[1]);
        assertEquals(events[0], events[1]);
    }

    /** Packed words equal a fresh count of the species, and vacancy sites and species agree, after many windows. */
    @Test
    void stateStaysConsistentAcrossWindowsAndDriveSteps() {
        Lattice lat = new Geometry.Nanocrystal(8).lattice();
        try (UniformizedSectorEngine e = film(lat, 2, new int[] {2, 2, 2}, 9)) {
            for (double t : new double[] {1e-8, 3e-8, 6e-8}) {
                e.advance(t, Long.MAX_VALUE);
                Occupancy o = e.occupancy();
                Occupancy fresh = new Occupancy(lat, o.species.clone());
                assertArrayEquals(Arrays.copyOf(fresh.counts, lat.sites()), Arrays.copyOf(o.counts, lat.sites()), "words at t = " + t);
                assertEquals(fresh.vacancies, o.vacancies);
                for (int id = 0; id < o.vacancies; id++) {
                    assertEquals(0, o.species[o.vacancySite[id]], "vacancy " + id + " sits on a vacancy");
                    assertEquals(id, o.vacancyAt[o.vacancySite[id]]);
                }
            }
            assertTrue(e.sweeps() > 10, "many windows: " + e.sweeps());
            assertTrue(e.netHalideDz() != 0, "the field moved halides");
        }
    }

    /**
     * The mixing alloy of {@link SectorValidationTest} at 1.1 Tc, 16³ box, 1 % vacancies, 2×2×2
     * sectors, the default window: hop rate and unlike-pair fraction after a fixed simulated time
     * agree with the exact engine within 4 standard errors of the difference (errors from the
     * spread over 6 seeds per engine; ≈ 2.5·10⁵ hops per run, relative errors ≈ 0.1 %).
     */
    @Test
    void agreesWithExactEngineOnMixingAlloy() {
        int seeds = 6;
        Material m = SectorValidationTest.alloy();
        double kelvin = SectorValidationTest.KELVIN;
        double tEnd;
        {
            ExactEngine probe = new ExactEngine(SectorValidationTest.start(16, 0.01, 1), m, List.of(new MixingTerm()),
                    DriveProgram.constant(kelvin, 0), Rng.stream(1, 1));
            tEnd = 250_000 / probe.totalRate();
        }
        double[][] ex = IntStream.range(0, seeds).parallel().mapToObj(i -> {
            ExactEngine e = new ExactEngine(SectorValidationTest.start(16, 0.01, 20 + i), m, List.of(new MixingTerm()),
                    DriveProgram.constant(kelvin, 0), Rng.stream(20 + i, 1));
            e.advance(tEnd, Long.MAX_VALUE);
            return new double[] {e.events() / e.time(), SectorValidationTest.unlikeFraction(e.occupancy())};
        }).toArray(double[][]::new);
        double[][] un = new double[seeds][];
        for (int i = 0; i < seeds; i++) {
            try (UniformizedSectorEngine e = UniformizedSectorEngine.onCpu(SectorValidationTest.start(16, 0.01, 20 + i), m,
                    List.of(new MixingTerm()), DriveProgram.constant(kelvin, 0), 20 + i, new SectorConfig(0, new int[] {2, 2, 2}, 2))) {
                e.advance(tEnd, Long.MAX_VALUE);
                un[i] = new double[] {e.events() / e.time(), SectorValidationTest.unlikeFraction(e.occupancy())};
            }
        }
        String[] names = {"hop rate", "unlike-pair fraction"};
        for (int q = 0; q < 2; q++) {
            double[] a = new double[seeds], b = new double[seeds];
            for (int i = 0; i < seeds; i++) {
                a[i] = ex[i][q];
                b[i] = un[i][q];
            }
            double[] ma = SectorValidationTest.meanAndError(a), mb = SectorValidationTest.meanAndError(b);
            double err = Math.hypot(ma[1], mb[1]);
            System.out.printf("%s: exact %.6g ± %.2g, uniformized sectors %.6g ± %.2g (ratio %.5f ± %.5f)%n", names[q], ma[0], ma[1],
                    mb[0], mb[1], mb[0] / ma[0], err / ma[0]);
            assertEquals(ma[0], mb[0], 4 * err, names[q]);
        }
    }

    @Test
    void scenarioRunsThroughSimulationWithTheEngineRecordedAndThreadsDoNotMatter() {
        String text = """
                name: s
                seed: 9
                geometry: {type: bulk, cells: [12, 12, 12]}
                composition: {Br: 0.5, I: 0.5}
                vacancy_fraction: 0.02
                physics: {mixing: true, field: true}
                drives: {temperature: {steps: [[0, 300], [2.0e-9, 350]]}, field: 30}
                engine: sector-uniformized
                sector: {blocks: [2, 2, 4], threads: 1}
                run: {until: 4.0e-9}
                output: {interval: 1.0e-9}
                """;
        var s = io.halidekmc.io.ScenarioLoader.parse(text, "s.yaml", null);
        assertEquals("sector-uniformized", s.engine());
        RunResult a = new Simulation(s).run(null);
        RunResult b = new Simulation(s.withThreads(2)).run(null);
        assertEquals("sector-uniformized", a.engine());
        assertEquals(5, a.frames().size());
        assertTrue(a.events() > 1000, "events: " + a.events());
        assertEquals(a.events(), b.events());
        for (int i = 0; i < a.frames().size(); i++) {
            assertEquals(a.frames().get(i).order(), b.frames().get(i).order());
            assertEquals(a.frames().get(i).netHalideDz(), b.frames().get(i).netHalideDz());
        }
        assertTrue(a.frames().getLast().netHalideDz() != 0, "the field moved halides");
        assertEquals(350, a.frames().getLast().temperature(), 1e-9);
    }

    @Test
    void sectorSettingsBelongToTheSectorEnginesOnly() {
        String base = """
                name: s
                geometry: {type: bulk, cells: [12, 12, 12]}
                composition: {Br: 1}
                vacancy_fraction: 0.02
                drives: {temperature: 300}
                run: {until: 1.0e-9}
                """;
        var ok = io.halidekmc.io.ScenarioLoader.parse(base + "engine: sector-uniformized\nsector: {blocks: [2, 2, 2]}", "s.yaml", null);
        assertArrayEquals(new int[] {2, 2, 2}, ok.sector().blocks());
        var ex = assertThrows(io.halidekmc.io.yaml.InputException.class,
                () -> io.halidekmc.io.ScenarioLoader.parse(base + "engine: exact\nsector: {blocks: [2, 2, 2]}", "s.yaml", null));
        assertTrue(ex.getMessage().contains("sector-uniformized"), ex.getMessage());
        var bad = assertThrows(io.halidekmc.io.yaml.InputException.class,
                () -> io.halidekmc.io.ScenarioLoader.parse(base + "engine: sector-uniform", "s.yaml", null));
        assertTrue(bad.getMessage().contains("sector-uniformized"), bad.getMessage());
    }

    /**
     * The splitting error shrinks with τ, as for {@link SectorEngine} (the same setting as
     * SectorValidationTest.discrepancyShrinksWithWindow: pure Br, every hop at one rate, 12³ box, 3 %
     * vacancies, 2-cell sectors so that many hops cross a border): hop rate relative to the exact
     * engine's at τ = 4, 1 and 1/4 mean hops per vacancy must fall by more than 4σ at each step and
     * vanish within 4σ at the smallest. σ from the hop counts (Poisson, rate/√N).
     */
    @Test
    void splittingErrorShrinksWithWindow() {
        Material m = Material.mixture(0, 1, 0).withoutMixing();
        Occupancy init = SectorValidationTest.start(12, 0.03, 3);
        ExactEngine e = new ExactEngine(init.copy(), m, List.of(new MixingTerm()), DriveProgram.constant(300, 0), Rng.stream(3, 1));
        e.advance(Double.POSITIVE_INFINITY, 2_000_000);
        double exact = e.events() / e.time();
        double exactErr = exact / Math.sqrt(e.events());
        double tau1 = 1.0 / (e.totalRate() / init.vacancies);
        double[] hopsPerWindow = {4, 1, 0.25};
        double[] bias = new double[3], sigma = new double[3];
        for (int k = 0; k < 3; k++) {
            try (UniformizedSectorEngine s = UniformizedSectorEngine.onCpu(init.copy(), m, List.of(new MixingTerm()),
                    DriveProgram.constant(300, 0), 3, new SectorConfig(hopsPerWindow[k] * tau1, new int[] {6, 6, 6}, 2))) {
                s.advance(250_000 / exact, Long.MAX_VALUE);
                double rate = s.events() / s.time();
                bias[k] = rate / exact - 1;
                sigma[k] = Math.hypot(1 / Math.sqrt(s.events()), exactErr / exact);
                System.out.printf("uniformized sectors, τ = %.2f mean hops/vacancy: hop rate / exact − 1 = %+.4f ± %.4f%n",
                        hopsPerWindow[k], bias[k], sigma[k]);
            }
        }
        assertTrue(Math.abs(bias[0]) > 20 * sigma[0], "no measurable splitting error at large τ: the test has no power");
        assertTrue(Math.abs(bias[0]) - Math.abs(bias[1]) > 4 * Math.hypot(sigma[0], sigma[1]), "error did not shrink from τ=4 to τ=1");
        assertTrue(Math.abs(bias[1]) - Math.abs(bias[2]) > 4 * Math.hypot(sigma[1], sigma[2]), "error did not shrink from τ=1 to τ=1/4");
        assertEquals(0, bias[2], 4 * sigma[2], "τ = 1/4: uniformized sectors differ from exact beyond error");
    }
}
