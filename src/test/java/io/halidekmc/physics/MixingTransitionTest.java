package io.halidekmc.physics;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The miscibility gap of a 50:50 Br/I alloy: w per unlike pair (other pair energies 0), 1 %
 * vacancies, periodic box; kTc = 3.075·w (REFERENCE.md, = 6.150·J with J = w/2).
 *
 * <p>Criterion: s = S(k_min)/N, the halide structure factor (σ = ±1 for Br/I) at the smallest
 * wave vector 2π/L, largest of the three axes; 1/N for an ideal random alloy, 4/π² ≈ 0.405
 * for a perfect slab, m²·0.405 for an equilibrium slab of coexisting compositions ±m. Each
 * temperature is run from a random and from a fully segregated (slab) start, so hysteresis
 * cannot pass for a phase: below Tc both must end segregated, above Tc both mixed. s is averaged
 * over the last 60 % of the run, sampled at equal simulated-time intervals (a time average, not
 * an event average); its standard error comes from 6 block averages.
 *
 * <p>Why 0.9/1.1 Tc in the default run: on 2 cores, ≈ 20 s allows 2·10⁷ hops per run, enough for
 * an L = 8 box (1536 sites) to coarsen at 0.9 Tc. There finite-size rounding is strong (the
 * measured s at 0.9 Tc is ≈ 0.05, not the bulk 0.22: broad, wandering interfaces in a box a few
 * correlation lengths wide), but s at 1.1 Tc (≈ 0.012, critical fluctuations) is 4× lower; at
 * 0.95/1.05 the two overlap at L = 8. The @Tag("long") variant (L = 12, 0.95/1.05, excluded from
 * the default run by surefire's excludedGroups) is for a workstation: run with
 * {@code mvn test -Dtest=MixingTransitionTest -Dsurefire.excludedGroups=none}.
 *
 * <p>Measured (seeded, with the composition–rejection engine). Default, L = 8, 2·10⁷ hops: 0.9 Tc
 * s = 0.071 ± 0.008 (random start), 0.044 ± 0.005 (slab start); 1.1 Tc 0.0120 ± 0.0008,
 * 0.0092 ± 0.0011 (the random-alloy value is 0.00066). Long, L = 12, 2·10⁸ hops, 112 s on 2 cores:
 * 0.95 Tc 0.0248 ± 0.0034 (random start), 0.0311 ± 0.0042 (slab); 1.05 Tc 0.0067 ± 0.0009 and
 * 0.0056 ± 0.0006: separated by ≥ 5σ. With 8·10⁷ hops the random-start gap was only 3.8σ (the
 * test failed), so the long variant runs 2·10⁸; the random start at 0.95 Tc is still coarsening.
 */
class MixingTransitionTest {
    static final double W = 0.025;

    /** {mean s, standard error} over the last 60 % of a run of the given hops. */
    static double[] run(int l, double tRel, boolean slab, long hops, long seed) {
        double kelvin = tRel * 3.075 * W / Constants.K_B;
        Lattice lat = new Lattice(l, l, l, true, true, true);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.5, 0.5), 0.01, Rng.stream(seed, 0));
        if (slab) {
            for (int s = 0; s < lat.sites(); s++) {
                if (Species.isHalide(occ.species[s])) occ.species[s] = lat.zHalf(s) < l ? Species.BR : Species.I;
            }
            occ.recount();
        }
        Material m = Material.mixture(0, 0.5, 0.5).withoutMixing().withPairEnergy(Species.BR, Species.I, W);
        ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), DriveProgram.constant(kelvin, 0),
                Rng.stream(seed, 1));
        long burn = (long) (0.4 * hops);
        e.advance(Double.POSITIVE_INFINITY, burn);
        int samples = 60;
        double dt = e.time() / burn * (hops - burn) / samples;   // equal time steps, ≈ equal hop counts
        double[] s = new double[samples];
        for (int i = 0; i < samples; i++) {
            e.advance(e.time() + dt, Long.MAX_VALUE);
            s[i] = structureFactor(occ)[0];
        }
        int blocks = 6, per = samples / blocks;
        double sum = 0, sum2 = 0;
        for (int b = 0; b < blocks; b++) {
            double mb = 0;
            for (int i = 0; i < per; i++) mb += s[b * per + i];
            mb /= per;
            sum += mb;
            sum2 += mb * mb;
        }
        double mean = sum / blocks;
        return new double[] {mean, Math.sqrt(Math.max(0, sum2 / blocks - mean * mean) / (blocks - 1))};
    }

    static void assertGap(int l, double below, double above, long hops, double orderedMin, double mixedMax) {
        double[] tRel = {below, below, above, above};
        boolean[] slab = {false, true, false, true};
        double[][] r = IntStream.range(0, 4).parallel()
                .mapToObj(i -> run(l, tRel[i], slab[i], hops, 40 + i)).toArray(double[][]::new);
        for (int i = 0; i < 4; i++) {
            System.out.printf("mixing L=%d T=%.2f Tc %s start: S(kmin)/N = %.4f ± %.4f (random alloy %.5f)%n",
                    l, tRel[i], slab[i] ? "slab" : "random", r[i][0], r[i][1], 1.0 / (3.0 * l * l * l * 0.99));
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(r[i][0] > orderedMin, "not segregated below Tc from " + (slab[i] ? "slab" : "random") + ": " + r[i][0]);
            assertTrue(r[i + 2][0] < mixedMax, "not mixed above Tc from " + (slab[i] ? "slab" : "random") + ": " + r[i + 2][0]);
            for (int k = 2; k < 4; k++) {
                double gap = r[i][0] - r[k][0];
                double err = Math.hypot(r[i][1], r[k][1]);
                assertTrue(gap > 4 * err, "below/above Tc not separated by 4 σ: " + gap + " ± " + err);
            }
        }
    }

    @Test
    void alloyCoarsensBelowAndStaysMixedAboveCriticalTemperature() {
        assertGap(8, 0.9, 1.1, 20_000_000, 0.025, 0.02);
    }

    @Tag("long")
    @Test
    void alloyCoarsensFivePercentBelowAndStaysMixedFivePercentAboveTc() {
        assertGap(12, 0.95, 1.05, 200_000_000, 0.02, 0.012);
    }

    /**
     * S(k_min)/N_halide for σ = +1 (Br), −1 (I), at the three smallest wave vectors 2π/L along
     * x, y, z; returns {max over axes, mean over axes}. 0.405 (= 4/π²) for a perfect slab.
     */
    static double[] structureFactor(Occupancy o) {
        Lattice lat = o.lattice;
        int[] p = new int[3];
        double[] re = new double[3], im = new double[3];
        long n = 0;
        for (int s = 0; s < lat.sites(); s++) {
            int sp = o.species[s];
            if (!Species.isHalide(sp)) continue;
            int sigma = sp == Species.BR ? 1 : sp == Species.I ? -1 : 0;
            n++;
            lat.position(s, p);
            for (int a = 0; a < 3; a++) {
                int l = a == 0 ? lat.cellsX() : a == 1 ? lat.cellsY() : lat.cellsZ();
                double phase = Math.PI * p[a] / l;
                re[a] += sigma * Math.cos(phase);
                im[a] += sigma * Math.sin(phase);
            }
        }
        double max = 0, mean = 0;
        for (int a = 0; a < 3; a++) {
            double sk = (re[a] * re[a] + im[a] * im[a]) / ((double) n * n);
            max = Math.max(max, sk);
            mean += sk / 3;
        }
        return new double[] {max, mean};
    }
}
