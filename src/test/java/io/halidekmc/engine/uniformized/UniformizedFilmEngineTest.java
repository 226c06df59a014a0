package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.engine.ensemble.EnsembleEngine;
import io.halidekmc.engine.KmcEngine;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;

import io.halidekmc.drive.TimeScale;
import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.observe.Frame;
import io.halidekmc.observe.Observer;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.halidekmc.engine.uniformized.UniformizedEnsembleTest.assertSameMean;
import static io.halidekmc.engine.uniformized.UniformizedEnsembleTest.mean;
import static io.halidekmc.engine.uniformized.UniformizedEnsembleTest.se;

/** The uniformized film engine as a scenario runs it ({@code engine: uniformized} with {@code film:}). */
class UniformizedFilmEngineTest {
    /** 2.4 nm (4-cell) Br/I crystals, 5 % vacancies, mixing, a temperature step from inside to above the gap. */
    static String film(String engine, int count, int threads, int seed) {
        return """
                name: film
                seed: %d
                geometry: {type: nanocrystal, edge_nm: 2.4}
                film: {count: %d, threads: %d}
                composition: {Br: 0.4, I: 0.6}
                vacancy_fraction: 0.05
                physics: {mixing: true, field: false}
                drives: {temperature: {steps: [[0, 300], [1.0e-7, 360]]}}
                engine: %s
                run: {until: 2.0e-7}
                output: {interval: 5.0e-8, pl: {model: funnel, block_cells: 2}}
                """.formatted(seed, count, threads, engine);
    }

    static Scenario scenario(String engine, int count, int threads, int seed) {
        return ScenarioLoader.parse(film(engine, count, threads, seed), "film.yaml", null);
    }

    @Test
    void scenarioRunIsTheUniformizedEnsembleStoppedAtEveryOutputTime() {
        Scenario s = scenario("uniformized", 6, 2, 5);
        RunResult r = new Simulation(s).run(null);
        assertEquals("uniformized-ensemble", r.engine());
        assertEquals(5, r.frames().size());
        var spec = new Ensemble.Spec(6, 2.4, 0, s.segments().getFirst().fractions(), 0.05, s.material(),
                List.of(new MixingTerm()), TimeScale.toSimulated(s.drive(), s.timeScale()), null);
        try (UniformizedEnsemble u = new UniformizedEnsemble(spec, 5, (lat, n, nv, seed) -> new CpuTrialRunner(lat, n, seed, 1), 1)) {
            for (Frame f : r.frames()) {
                u.advance(f.time());
                assertEquals(u.events(), f.events(), "events at t = " + f.time());
            }
            assertTrue(u.events() > 10_000, "enough hops to compare: " + u.events());
        }
        assertEquals(360, r.frames().getLast().temperature(), 1e-9, "the drive step reached the engine");
    }

    @Test
    void framesFromPackedWordsEqualFramesFromTheMembersLattices() {
        Simulation sim = new Simulation(scenario("uniformized", 5, 1, 8));
        KmcEngine e = sim.engine();
        e.advance(1.5e-7, Long.MAX_VALUE);
        Frame fromWords = Observer.frame(e.frameCounts(), 1, e.events(), 300, 0, 0);
        Frame fromLattices = Observer.frame(e.occupancies(), 1, e.events(), 300, 0, 0);
        assertArrayEquals(fromLattices.fractions(), fromWords.fractions(), 0);
        assertEquals(fromLattices.vacancies(), fromWords.vacancies());
        assertEquals(fromLattices.order(), fromWords.order(), 0);
        assertEquals(fromLattices.surfaceIodide(), fromWords.surfaceIodide(), 0);
        assertTrue(fromWords.order() != Observer.frame(new Simulation(scenario("uniformized", 5, 1, 8)).engine().frameCounts(),
                0, 0, 300, 0, 0).order(), "the state moved, so equal frames are not equal starts");
        e.close();
    }

    @Test
    void threadCountDoesNotChangeTheRun() {
        RunResult one = new Simulation(scenario("uniformized", 7, 1, 3)).run(null);
        RunResult three = new Simulation(scenario("uniformized", 7, 3, 3)).run(null);
        assertEquals(one.frames().size(), three.frames().size());
        for (int i = 0; i < one.frames().size(); i++) {
            assertEquals(one.frames().get(i).events(), three.frames().get(i).events());
            assertEquals(one.frames().get(i).order(), three.frames().get(i).order());
            assertEquals(one.frames().get(i).netHalideDz(), three.frames().get(i).netHalideDz());
        }
        assertArrayEquals(one.plPeaks(), three.plPeaks());
    }

    /**
     * A device that fails mid-run (here a runner that throws at its k-th step, or when the frame
     * sums read its words) leaves the run to the CPU, which replays it: every frame and the PL are
     * those of a run on the CPU from the start, bit for bit, and /meta says what happened.
     */
    @Test
    void aDeviceFailingMidRunIsReplayedOnTheCpuWithTheSameResult() {
        RunResult cpu = new Simulation(scenario("uniformized", 6, 2, 9)).run(null);
        for (String failIn : new String[] {"run", "words"}) {
            Simulation sim = new Simulation(scenario("uniformized", 6, 2, 9));
            ((UniformizedFilmEngine) sim.engine()).start((lat, n, nv, s) -> new FailingRunner(new CpuTrialRunner(lat, n, s, 2), failIn, 3));
            RunResult r = sim.run(null);
            assertEquals(cpu.frames().size(), r.frames().size());
            for (int i = 0; i < cpu.frames().size(); i++) {
                assertEquals(cpu.frames().get(i).events(), r.frames().get(i).events(), failIn + ": frame " + i);
                assertEquals(cpu.frames().get(i).order(), r.frames().get(i).order(), failIn + ": frame " + i);
            }
            assertArrayEquals(cpu.plPeaks(), r.plPeaks());
            assertTrue(r.backendReason().contains("film trials failed mid-run on flaky device (simulated driver error in " + failIn + ")"),
                    r.backendReason());
        }
    }

    /** A stand-in for a device runner: the CPU runner's results, until its k-th call of {@code failIn}. */
    private static final class FailingRunner implements TrialRunner {
        private final TrialRunner cpu;
        private final String failIn;
        private int calls, failAt;

        FailingRunner(TrialRunner cpu, String failIn, int failAt) {
            this.cpu = cpu;
            this.failIn = failIn;
            this.failAt = failAt;
        }

        private void call(String what) {
            if (what.equals(failIn) && ++calls == failAt) throw new IllegalStateException("simulated driver error in " + what);
        }

        @Override public void load(int member, int[] words, int[] vacancySites, int n) { cpu.load(member, words, vacancySites, n); }
        @Override public void run(long[] start, long[] count, UniformizedKernel.Tables t) { call("run"); cpu.run(start, count, t); }
        @Override public long events(int member) { return cpu.events(member); }
        @Override public long netDz(int member) { return cpu.netDz(member); }
        @Override public synchronized int[] words(int member) { call("words"); return cpu.words(member); }
        @Override public int[] vacancies(int member) { return cpu.vacancies(member); }
        @Override public String describe() { return "flaky device"; }
        @Override public void close() { cpu.close(); }
    }

    /**
     * The same scenario on the exact film and the uniformized film (same initial states, member by
     * member; independent random numbers): per member, the hops fired and the Br–I pairs at the end,
     * after the temperature step, must have the same means. Tolerance: 4 standard errors of the
     * difference of the means from the members' own scatter (shared starts correlate the two films
     * positively, which only makes this bound looser; false alarm ≈ 6e-5 each, fixed seeds).
     */
    @Test
    void agreesWithTheExactFilmThroughATemperatureStep() {
        int n = 160;
        double[][] exact = hopsAndPairs(scenario("exact", n, 2, 21), n);
        double[][] unif = hopsAndPairs(scenario("uniformized", n, 2, 21), n);
        assertSameMean(exact[0], unif[0], "hops per crystal");
        assertSameMean(exact[1], unif[1], "Br–I pairs per crystal");
        // the pairs moved from the random-alloy start by more than the tolerance, so a wrong law would show
        double[] start = brIPairsNow(new Simulation(scenario("exact", n, 1, 21)).engine().occupancies());
        assertTrue(Math.abs(mean(start) - mean(exact[1])) > 4 * Math.hypot(se(exact[1]), se(unif[1])),
                "moved: " + mean(start) + " -> " + mean(exact[1]));
    }

    /** Per member: hops fired, and Br–I pairs at the end of the two drive phases. */
    private static double[][] hopsAndPairs(Scenario s, int n) {
        KmcEngine e = new Simulation(s).engine();
        e.advance(1e-7, Long.MAX_VALUE);
        e.advance(2e-7, Long.MAX_VALUE);
        double[] hops = new double[n];
        for (int c = 0; c < n; c++) {
            hops[c] = e instanceof UniformizedFilmEngine u ? u.memberEvents(c)
                    : ((EnsembleEngine) e).ensemble().members().get(c).events();
        }
        double[] pairs = brIPairsNow(e.occupancies());
        assertEquals(n, pairs.length);
        e.close();
        return new double[][] {hops, pairs};
    }

    private static double[] brIPairsNow(List<Occupancy> members) {
        double[] p = new double[members.size()];
        for (int c = 0; c < p.length; c++) {
            Occupancy o = members.get(c);
            for (int s = 0; s < o.lattice.sites(); s++) {
                if (o.species[s] == Species.BR) p[c] += o.neighbourCount(s, Species.I);
            }
        }
        return p;
    }
}
