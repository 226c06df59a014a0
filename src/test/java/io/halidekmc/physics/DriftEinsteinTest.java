package io.halidekmc.physics;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drift in a field and the Einstein relation, for the quantity where it holds exactly.
 *
 * <p>What is measured and why: the halide tracer D* carries the correlation factor f (a tagged
 * halide tends to jump back into the vacancy it just left), while the charge current under a
 * field does not carry f in the same way (for one vacancy the Haven ratio D* / D_σ is f), so
 * "μ_halide = e·D* / kT" is not a valid check. The vacancy itself, among identical halides, is an
 * uncorrelated (Markov) random walker: its hop rates depend only on its site and the field,
 * never on its history. The net halide displacement the engine reports is exactly minus the
 * vacancy displacement (every hop moves one halide by −Δr_vacancy). So:
 *
 * <p>Zero field: the vacancy's z increments over fixed time windows form a martingale (each
 * hop's conditional mean dz is 0), hence ⟨Δz²⟩ = 2·D_v·τ exactly from a stationary start, with
 * D_v = z·Γ·d²/6 = (2/3)·Γ·a² (all 8 slots, d² = a²/2; per axis: z-edge sites move ±a/2 in z on
 * all 8 slots, the other two sublattices on 4; the uniform occupation of the three sublattices is
 * stationary, with or without field).
 *
 * <p>Field E along +z, vacancy charge +1: Γ± = Γ·exp(±x), x = e·E·(a/2)/(2kT), for slots that
 * move the vacancy by ±a/2. Mean velocity = (1/3)[4 + 2 + 2](Γ+ − Γ−)·a/2 = (8/3)·2Γ·sinh x·a/2,
 * i.e. μ_v = v/E = (e·D_v/kT)·sinh(x)/x — the Einstein relation with an O(x²) correction
 * (2·10⁻⁴ here, included). The test measures D_v (zero field) and μ_v (field) independently and
 * checks μ_v·kT/(e·D_v) = sinh(x)/x, and each against the closed forms.
 *
 * <p>Errors: batch means over groups of windows (each window ≈ 100 hops, groups of 20 windows);
 * tolerance 4 σ.
 */
class DriftEinsteinTest {
    static final double KELVIN = 300;
    static final int WINDOWS = 80_000;
    static final int GROUP = 20;

    /** Vacancy z displacements (half lattice constants) over WINDOWS consecutive windows of length tau. */
    static long[] vacancyWindows(double field, long seed, double tau) {
        Lattice lat = new Lattice(6, 6, 6, true, true, true);
        byte[] sp = new byte[lat.sites() + 1];
        java.util.Arrays.fill(sp, Species.BR);
        sp[lat.sites() / 2] = Species.VACANCY;
        Occupancy occ = new Occupancy(lat, sp);
        ExactEngine e = new ExactEngine(occ, material(), List.of(new MixingTerm(), new FieldTerm()),
                DriveProgram.constant(KELVIN, field), Rng.stream(seed, 0));
        e.advance(1000 * tau, Long.MAX_VALUE);   // start sublattice randomised
        long[] dz = new long[WINDOWS];
        double t = e.time();
        for (int w = 0; w < WINDOWS; w++) {
            long z0 = e.netHalideDz();
            t += tau;
            e.advance(t, Long.MAX_VALUE);
            dz[w] = -(e.netHalideDz() - z0);
        }
        return dz;
    }

    static Material material() {
        return Material.mixture(0, 1, 0).withoutMixing();
    }

    /** Mean and standard error of f(window) by batch means over groups of GROUP windows. */
    static double[] batchMean(long[] dz, java.util.function.LongToDoubleFunction f) {
        int groups = dz.length / GROUP;
        double s = 0, s2 = 0;
        for (int g = 0; g < groups; g++) {
            double m = 0;
            for (int i = 0; i < GROUP; i++) m += f.applyAsDouble(dz[g * GROUP + i]);
            m /= GROUP;
            s += m;
            s2 += m * m;
        }
        double mean = s / groups;
        return new double[] {mean, Math.sqrt((s2 / groups - mean * mean) / (groups - 1))};
    }

    @Test
    void vacancyMobilityAndDiffusionSatisfyEinsteinRelationAtSmallField() {
        Material m = material();
        double kT = Constants.K_B * KELVIN;
        double a = m.latticeConstant() * 1e-10;
        double gamma = m.attemptFrequency() * Math.exp(-m.barriers()[Species.BR] / kT);
        double tau = 100 / (Lattice.Z * gamma);
        double field = 0.1 * kT / m.hopLength();          // e·E·d = 0.1 kT
        double x = field * (a / 2) / (2 * kT);

        var zeroRun = CompletableFuture.supplyAsync(() -> vacancyWindows(0, 41, tau));
        long[] driven = vacancyWindows(field, 42, tau);
        long[] zero = zeroRun.join();

        double halfA = a / 2;
        double[] msd = batchMean(zero, d -> (double) d * d);
        double dV = msd[0] * halfA * halfA / (2 * tau);
        double dVErr = msd[1] * halfA * halfA / (2 * tau);
        double dVTheory = 2.0 / 3.0 * gamma * a * a;

        double[] drift = batchMean(driven, d -> d);
        double mu = drift[0] * halfA / tau / field;
        double muErr = drift[1] * halfA / tau / field;
        double muTheory = dVTheory / kT * Math.sinh(x) / x;   // m²/(V s): e·D/kT with kT in eV

        double einstein = mu * kT / dV;
        double einsteinErr = einstein * Math.hypot(muErr / mu, dVErr / dV);
        System.out.printf("vacancy D_v = %.4e ± %.1e (theory %.4e); mu_v = %.4e ± %.1e (theory %.4e); "
                + "mu kT/(e D) = %.4f ± %.4f (expected sinh(x)/x = %.6f)%n",
                dV, dVErr, dVTheory, mu, muErr, muTheory, einstein, einsteinErr, Math.sinh(x) / x);

        // the zero-field drift must vanish (control), the field drift must be resolved (power)
        double[] zeroDrift = batchMean(zero, d -> d);
        assertEquals(0, zeroDrift[0], 4 * zeroDrift[1], "drift without field");
        assertTrue(muErr / mu < 0.03, "drift not resolved: relative error " + muErr / mu);
        assertEquals(dVTheory, dV, 4 * dVErr, "vacancy diffusion coefficient");
        assertEquals(muTheory, mu, 4 * muErr, "vacancy mobility");
        assertEquals(Math.sinh(x) / x, einstein, 4 * einsteinErr, "Einstein relation mu = e D / kT");
        assertTrue(mu > 0, "a +1 vacancy must drift along +E");
    }
}
