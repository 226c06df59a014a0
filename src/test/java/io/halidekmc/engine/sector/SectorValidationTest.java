package io.halidekmc.engine.sector;

import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.KmcEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.engine.Tracers;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Constants;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sector engine against the exact engine (fixed seeds). Errors are standard errors over
 * independent seeds (run-to-run spread); tolerances are 4 of them.
 */
public class SectorValidationTest {
    static final double W = 0.025;
    /** 1.1 Tc of the 50:50 Br/I alloy (kTc = 3.075 w): mixed, but with strong short-range order. */
    public static final double KELVIN = 1.1 * 3.075 * W / Constants.K_B;

    public static Material alloy() {
        return Material.mixture(0, 0.5, 0.5).withoutMixing().withPairEnergy(Species.BR, Species.I, W);
    }

    public static Occupancy start(int l, double vac, long seed) {
        return InitialState.randomAlloy(new Lattice(l, l, l, true, true, true), InitialState.fractions(0, 0.5, 0.5), vac,
                Rng.stream(seed, 0));
    }

    /** Fraction of halide–halide neighbour pairs that are Br–I (short-range order; 0.5 for a random alloy). */
    public static double unlikeFraction(Occupancy o) {
        int[] nb = o.lattice.neighbours();
        long unlike = 0, pairs = 0;
        for (int s = 0; s < o.lattice.sites(); s++) {
            int a = o.species[s];
            if (!Species.isHalide(a)) continue;
            for (int j = 0; j < Lattice.Z; j++) {
                int b = o.species[nb[s * Lattice.Z + j]];
                if (!Species.isHalide(b)) continue;
                pairs++;
                if (a != b) unlike++;
            }
        }
        return (double) unlike / pairs;
    }

    /** {events/time, MSD/time (half-constants²/s), unlike-pair fraction at the end}. */
    static double[] observe(KmcEngine e, Tracers tr) {
        return new double[] {e.events() / e.time(), tr.meanSquaredDisplacement(-1) / e.time(), unlikeFraction(e.occupancy())};
    }

    public static double[] meanAndError(double[] x) {
        double s = 0, s2 = 0;
        for (double v : x) { s += v; s2 += v * v; }
        double mean = s / x.length;
        return new double[] {mean, Math.sqrt(Math.max(0, s2 / x.length - mean * mean) / (x.length - 1))};
    }

    /**
     * Mixing alloy at 1.1 Tc, 16³ box, 1 % vacancies, sectors of 8 cells, the default window:
     * hop rate, tracer MSD/t and the unlike-pair fraction after a fixed simulated time agree with
     * the exact engine. Each engine runs 6 seeds from the same initial states; per seed ≈ 2.5·10⁵
     * hops, so the relative standard errors are ≈ 0.1 % (rate), ≈ 1 % (MSD), ≈ 0.1 % (order).
     * Measured bias of the default window on the rate (SectorValidationTest below): ≈ −0.2 %.
     */
    @Test
    void agreesWithExactEngineOnMixingAlloy() {
        int seeds = 6;
        Material m = alloy();
        double tEnd;
        {
            ExactEngine probe = new ExactEngine(start(16, 0.01, 1), m, List.of(new MixingTerm()), DriveProgram.constant(KELVIN, 0),
                    Rng.stream(1, 1));
            tEnd = 250_000 / probe.totalRate();
        }
        double[][] ex = IntStream.range(0, seeds).parallel().mapToObj(i -> {
            ExactEngine e = new ExactEngine(start(16, 0.01, 20 + i), m, List.of(new MixingTerm()), DriveProgram.constant(KELVIN, 0),
                    Rng.stream(20 + i, 1));
            e.trackTracers();
            e.advance(tEnd, Long.MAX_VALUE);
            return observe(e, e.tracers());
        }).toArray(double[][]::new);
        double[][] se = new double[seeds][];
        for (int i = 0; i < seeds; i++) {
            try (SectorEngine e = new SectorEngine(start(16, 0.01, 20 + i), m, List.of(new MixingTerm()),
                    DriveProgram.constant(KELVIN, 0), 20 + i, new SectorConfig(0, new int[] {2, 2, 2}, 2))) {
                e.trackTracers();
                e.advance(tEnd, Long.MAX_VALUE);
                se[i] = observe(e, e.tracers());
            }
        }
        String[] names = {"hop rate", "MSD/t", "unlike-pair fraction"};
        for (int q = 0; q < 3; q++) {
            double[] a = new double[seeds], b = new double[seeds];
            for (int i = 0; i < seeds; i++) { a[i] = ex[i][q]; b[i] = se[i][q]; }
            double[] ma = meanAndError(a), mb = meanAndError(b);
            double err = Math.hypot(ma[1], mb[1]);
            System.out.printf("%s: exact %.6g ± %.2g, sector %.6g ± %.2g (ratio %.5f ± %.5f)%n", names[q], ma[0], ma[1], mb[0], mb[1],
                    mb[0] / ma[0], err / ma[0]);
            assertEquals(ma[0], mb[0], 4 * err, names[q]);
        }
    }

    /**
     * The splitting error shrinks with τ. Pure Br, no mixing (every hop at the same rate Γ, so the
     * exact hop rate is Γ times the free vacancy–halide bonds, stationary from the random start),
     * 12³ box, 3 % vacancies, thin 2-cell sectors so that many hops cross a border. Measured
     * hop rate relative to the exact engine's, for τ = 4, 1 and 1/4 mean hops per vacancy:
     * the discrepancy must fall at each step by more than 4σ, and vanish at the smallest τ
     * within 4σ. σ from the hop counts (Poisson: rate error ≈ rate/√N; ≈ 0.2 % per sector run of
     * 2.5·10⁵ hops, ≈ 0.07 % for the 2·10⁶-hop exact reference).
     */
    @Test
    void discrepancyShrinksWithWindow() {
        Material m = Material.mixture(0, 1, 0).withoutMixing();
        Occupancy init = start(12, 0.03, 3);
        ExactEngine e = new ExactEngine(init.copy(), m, List.of(new MixingTerm()), DriveProgram.constant(300, 0), Rng.stream(3, 1));
        e.advance(Double.POSITIVE_INFINITY, 2_000_000);
        double exact = e.events() / e.time();
        double exactErr = exact / Math.sqrt(e.events());
        double tau1 = 1.0 / (e.totalRate() / init.vacancies);   // one mean hop per vacancy
        double[] hopsPerWindow = {4, 1, 0.25};
        double[] bias = new double[3], sigma = new double[3];
        for (int k = 0; k < 3; k++) {
            try (SectorEngine s = new SectorEngine(init.copy(), m, List.of(new MixingTerm()), DriveProgram.constant(300, 0), 3,
                    new SectorConfig(hopsPerWindow[k] * tau1, new int[] {6, 6, 6}, 2))) {
                double tEnd = 250_000 / exact;
                s.advance(tEnd, Long.MAX_VALUE);
                double rate = s.events() / s.time();
                bias[k] = rate / exact - 1;
                sigma[k] = Math.hypot(1 / Math.sqrt(s.events()), exactErr / exact);
                System.out.printf("τ = %.2f mean hops/vacancy: sector/exact hop rate − 1 = %+.4f ± %.4f%n", hopsPerWindow[k], bias[k], sigma[k]);
            }
        }
        assertTrue(Math.abs(bias[0]) > 20 * sigma[0], "no measurable splitting error at large τ: the test has no power");
        assertTrue(Math.abs(bias[0]) - Math.abs(bias[1]) > 4 * Math.hypot(sigma[0], sigma[1]), "error did not shrink from τ=4 to τ=1");
        assertTrue(Math.abs(bias[1]) - Math.abs(bias[2]) > 4 * Math.hypot(sigma[1], sigma[2]), "error did not shrink from τ=1 to τ=1/4");
        assertEquals(0, bias[2], 4 * sigma[2], "τ = 1/4: sector differs from exact beyond error");
    }
}
