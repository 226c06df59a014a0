package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The uniformized ensemble engine (the GPU ensemble's algorithm) against exact results: its
 * Philox blocks are Random123's, its trial bound holds for every reachable configuration, and its
 * trajectories are statistically those of the exact engine started from the same states.
 */
class UniformizedEnsembleTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "00000000 00000000 00000000 00000000|00000000 00000000|6627e8d5 e169c58d bc57ac4c 9b00dbd8",
            "ffffffff ffffffff ffffffff ffffffff|ffffffff ffffffff|408f276d 41c83b0e a20bc7c6 6d5451fd",
            "243f6a88 85a308d3 13198a2e 03707344|a4093822 299f31d0|d16cfe09 94fdcceb 5001e420 24126ea1",
    })
    void philoxMatchesRandom123KnownAnswers(String counter, String key, String output) {
        int[] c = hex(counter), k = hex(key), want = hex(output), got = new int[4];
        UniformizedKernel.philox(k[0], k[1], c[0], c[1], c[2], c[3], got);
        assertArrayEquals(want, got);
    }

    private static int[] hex(String s) {
        return Arrays.stream(s.trim().split(" ")).mapToInt(w -> Integer.parseUnsignedInt(w, 16)).toArray();
    }

    /**
     * Every rate of a configuration the system can reach is ≤ Rmax, and Rmax is reached (so the
     * bound is as tight as a constant bound can be): all count combinations with the hopping
     * halide among the vacancy's neighbours and the vacancy among the halide's, for a ternary
     * and for a Br/I binary (no Cl, so Cl counts stay 0), with and without a field.
     */
    @ParameterizedTest
    @CsvSource({"0.2, 0.3, 0.5, 0", "0, 0.4, 0.6, 0", "0, 0.4, 0.6, 5e7"})
    void boundHoldsForEveryReachableConfigurationAndIsReached(double cl, double br, double in, double field) {
        Material m = Material.mixture(cl, br, in);
        RateTable t = new RateTable();
        List<io.halidekmc.physics.EnergyTerm> terms = field == 0 ? List.of(new MixingTerm())
                : List.of(new MixingTerm(), new io.halidekmc.physics.FieldTerm());
        t.build(m, terms, new Conditions(300, field));
        boolean[] present = {cl > 0, br > 0, in > 0};
        UniformizedKernel.Tables tab = UniformizedKernel.Tables.of(t, present);
        double highest = 0;
        for (int x = 0; x < 3; x++) {
            if (!present[x]) continue;
            for (int[] nv : counts(present)) {
                if (nv[x] < 1) continue;
                for (int[] nh : counts(present)) {
                    if (nh[0] + nh[1] + nh[2] > Lattice.Z - 1) continue;
                    for (double f : t.field) {
                        double r = tab.fv()[idx(x, nv)] * tab.gh()[idx(x, nh)] * f;
                        assertTrue(r <= tab.rmax(), () -> "rate " + r + " above the bound " + tab.rmax());
                        highest = Math.max(highest, r);
                    }
                }
            }
        }
        assertEquals(tab.rmax(), highest, 0, "the bound is attained");
    }

    private static int idx(int x, int[] n) {
        return (x << HopKernel.HALIDE_BITS) | n[0] | n[1] << 4 | n[2] << 8;
    }

    private static List<int[]> counts(boolean[] present) {
        List<int[]> all = new java.util.ArrayList<>();
        for (int a = 0; a <= 8; a++) {
            for (int b = 0; a + b <= 8; b++) {
                for (int c = 0; a + b + c <= 8; c++) {
                    if (a > 0 && !present[0] || b > 0 && !present[1] || c > 0 && !present[2]) continue;
                    all.add(new int[] {a, b, c});
                }
            }
        }
        return all;
    }

    private static Ensemble.Spec smallFilm(int count) {
        // 4-cell (2.4 nm) Br/I crystals with 5 % vacancies and mixing at 300 K: small enough for
        // hundreds of replicas, large enough for surfaces, bulk and vacancy–vacancy contacts
        Material m = Material.mixture(0, 0.4, 0.6);
        return new Ensemble.Spec(count, 4 * m.latticeConstant() / 10, 0, InitialState.fractions(0, 0.4, 0.6), 0.05, m,
                List.of(new MixingTerm()), DriveProgram.constant(300, 0), null);
    }

    /** Σ over vacancies of their I neighbours (an observable that the mixing energy drives). */
    private static long iNeighboursOfVacancies(int[] words, int[] vac) {
        long s = 0;
        for (int v : vac) s += (words[v] >>> (Occupancy.COUNT_SHIFT + 4 * Species.I)) & 0xF;
        return s;
    }

    /**
     * Same initial states (member c of both films), independent random numbers: per member, the
     * hops fired in [0, t] and the I-neighbour count of the vacancies at t must have the same mean
     * under both engines. Tolerance: 4 standard errors of the difference of the two means, the
     * standard errors from the members' own scatter (a false alarm has probability ≈ 6e-5; the
     * seeds are fixed, so the test is deterministic). A kernel whose acceptance were off by 2 %
     * would shift the hop count by ≈ 9 standard errors here.
     */
    @Test
    void matchesTheExactEngineStatistically() {
        int members = 400;
        double t = 2e-7;
        double[] hopsExact = new double[members], hopsUnif = new double[members];
        double[] obsExact = new double[members], obsUnif = new double[members];
        double obs0 = 0;
        try (Ensemble e = new Ensemble(smallFilm(members), 11, 1)) {
            for (int c = 0; c < members; c++) {
                Occupancy o = e.members().get(c).occupancy();
                obs0 += iNeighboursOfVacancies(o.counts, Arrays.copyOf(o.vacancySite, o.vacancies)) / (double) members;
            }
            e.advance(t);
            for (int c = 0; c < members; c++) {
                ExactEngine x = e.members().get(c);
                hopsExact[c] = x.events();
                obsExact[c] = iNeighboursOfVacancies(x.occupancy().counts, Arrays.copyOf(x.occupancy().vacancySite, x.occupancy().vacancies));
            }
        }
        try (UniformizedEnsemble u = new UniformizedEnsemble(smallFilm(members), 11,
                (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 1), 1)) {
            u.advance(t / 2);
            u.advance(t);     // two steps: trial counters and Poisson draws carry over
            for (int c = 0; c < members; c++) {
                hopsUnif[c] = u.runner().events(c);
                obsUnif[c] = iNeighboursOfVacancies(u.runner().words(c), u.runner().vacancies(c));
            }
        }
        double meanHops = mean(hopsExact);
        assertTrue(meanHops > 1000, "enough hops per member to test: " + meanHops);
        assertSameMean(hopsExact, hopsUnif, "hops per member");
        assertSameMean(obsExact, obsUnif, "I neighbours of vacancies");
        // the observable moved away from its random-alloy start by more than the tolerance, so
        // a wrong trajectory law would show
        assertTrue(Math.abs(mean(obsExact) - obs0) > 4 * se(obsExact), "observable moved: " + obs0 + " -> " + mean(obsExact));
    }

    /** Means equal within 4 standard errors of their difference (the members' own scatter). */
    static void assertSameMean(double[] a, double[] b, String what) {
        double d = mean(a) - mean(b);
        double tol = 4 * Math.hypot(se(a), se(b));
        assertTrue(Math.abs(d) < tol, what + ": exact " + mean(a) + " vs uniformized " + mean(b) + " (tolerance " + tol + ")");
    }

    static double mean(double[] a) {
        return Arrays.stream(a).average().orElseThrow();
    }

    /** Standard error of the mean. */
    static double se(double[] a) {
        double m = mean(a), s = 0;
        for (double x : a) s += (x - m) * (x - m);
        return Math.sqrt(s / (a.length - 1) / a.length);
    }

    /** The CPU runner's result does not depend on its thread count (trial streams are per member). */
    @Test
    void threadCountDoesNotChangeTheTrajectory() {
        int[][] w = new int[2][];
        long[] ev = new long[2];
        for (int threads = 1; threads <= 2; threads++) {
            try (UniformizedEnsemble u = new UniformizedEnsemble(smallFilm(16), 5,
                    (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 2), threads)) {
                u.advance(1e-7);
                w[threads - 1] = u.runner().words(7);
                ev[threads - 1] = u.events();
            }
        }
        assertArrayEquals(w[0], w[1]);
        assertEquals(ev[0], ev[1]);
    }

    /**
     * A film large enough to draw its Poisson trial counts on all cores draws each member's count
     * from that member's own stream, as one core would: the step's trial total equals the
     * sequential draws recomputed here.
     */
    @Test
    void largeFilmsDrawEveryMembersCountFromItsOwnStream() {
        int members = 700;
        double t = 2e-9;
        try (UniformizedEnsemble u = new UniformizedEnsemble(smallFilm(members), 13,
                (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 2), 2)) {
            double rmax = u.tables(new Conditions(300, 0)).rmax();
            long want = 0;
            for (int c = 0; c < members; c++) {
                want += UniformizedEnsemble.poisson(Rng.stream(13, 2L * c + 3), 8.0 * u.vacancies(c) * rmax * t);
            }
            u.advance(t);
            assertEquals(want, u.trials());
            assertTrue(want > 10 * members, "counts worth comparing: " + want);
        }
    }

    /** A member replayed alone through the kept steps ends where the runner left it. */
    @Test
    void replayReproducesTheRunner() {
        try (UniformizedEnsemble u = new UniformizedEnsemble(smallFilm(8), 3,
                (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 2), 2)) {
            u.keepHistory(true);
            u.advance(5e-8);
            u.advance(1e-7);
            for (int c : new int[] {0, 7}) {
                UniformizedEnsemble.Replay r = u.replay(c);
                assertArrayEquals(u.runner().words(c), r.words());
                assertArrayEquals(u.runner().vacancies(c), r.vacancies());
                assertEquals(u.runner().events(c), r.events());
                assertTrue(r.events() > 100);
            }
        }
    }

    @Test
    void refusesWhatItDoesNotModel() {
        Ensemble.Spec s = smallFilm(2);
        var spread = new Ensemble.Spec(2, s.meanEdgeNm(), 1.0, s.fractions(), s.vacancyFraction(), s.material(), s.terms(), s.drive(), null);
        assertThrows(IllegalArgumentException.class, () -> new UniformizedEnsemble(spread, 1, (lat, n, nv, x) -> new CpuTrialRunner(lat, n, x, 1), 1));
    }
}
