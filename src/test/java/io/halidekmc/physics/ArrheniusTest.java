package io.halidekmc.physics;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hop rate per vacancy against temperature in a pure single-halide box (no mixing, no field):
 * ln(rate) vs 1/kT must have slope −E_m. With 1 % vacancies some hops are blocked by a
 * neighbouring vacancy, but without interactions the vacancy arrangement is uniform at every T,
 * so the blocked fraction is temperature independent and only shifts the intercept. The
 * intercept is checked too: ln(z·ν0·(1 − (n_v − 1)/(N − 1))) on average, z = 8.
 *
 * <p>Errors: the events in a run of N hops and elapsed time t are a renewal count; the rate
 * estimate N/t has relative error ≈ 1/√N (a little more from the slow fluctuation of the
 * blocked fraction, covered by the 4 σ). Weighted least squares gives the slope error; asserted
 * within 4 σ and within 2 % of E_m.
 */
class ArrheniusTest {

    @ParameterizedTest(name = "{0} with E_m = {1} eV")
    @CsvSource({"BR, 0.25", "I, 0.29", "BR, 0.45"})
    void hopRateFollowsArrheniusWithMigrationBarrier(String halideName, double barrier) {
        int x = Species.halideCode(halideName.equals("BR") ? "Br" : halideName);
        double[] fr = InitialState.fractions(0, x == Species.BR ? 1 : 0, x == Species.I ? 1 : 0);
        Material m = Material.mixture(fr[1], fr[2], fr[3]).withoutMixing().withBarrier(x, barrier);
        double[] kelvins = {250, 300, 350, 400, 450};
        long hops = 200_000;
        double[] invKT = new double[kelvins.length];
        double[] lnRate = new double[kelvins.length];
        double[] sigma = new double[kelvins.length];
        Lattice lat = new Lattice(8, 8, 8, true, true, true);
        int nv = 0, sites = lat.sites();
        for (int i = 0; i < kelvins.length; i++) {
            Occupancy occ = InitialState.randomAlloy(lat, fr, 0.01, Rng.stream(5 + Math.round(barrier * 1000), i));
            nv = occ.vacancies;
            ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), DriveProgram.constant(kelvins[i], 0),
                    Rng.stream(6 + Math.round(barrier * 1000), i));
            e.advance(Double.POSITIVE_INFINITY, hops);
            invKT[i] = 1 / (Constants.K_B * kelvins[i]);
            lnRate[i] = Math.log(e.events() / e.time() / nv);
            sigma[i] = 1 / Math.sqrt(e.events());
        }
        // weighted least squares y = c + s·x
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < kelvins.length; i++) {
            double w = 1 / (sigma[i] * sigma[i]);
            sw += w; sx += w * invKT[i]; sy += w * lnRate[i]; sxx += w * invKT[i] * invKT[i]; sxy += w * invKT[i] * lnRate[i];
        }
        double det = sw * sxx - sx * sx;
        double slope = (sw * sxy - sx * sy) / det;
        double intercept = (sxx * sy - sx * sxy) / det;
        double slopeErr = Math.sqrt(sw / det);
        double interceptErr = Math.sqrt(sxx / det);
        double expectedIntercept = Math.log(Lattice.Z * m.attemptFrequency() * (1 - (nv - 1.0) / (sites - 1.0)));
        System.out.printf("Arrhenius %s: slope %.5f ± %.5f eV (E_m %.3f), intercept %.4f ± %.4f (expected %.4f)%n",
                halideName, -slope, slopeErr, barrier, intercept, interceptErr, expectedIntercept);
        assertTrue(slopeErr < 0.005 * barrier, "slope not resolved");
        assertEquals(-barrier, slope, Math.min(4 * slopeErr, 0.02 * barrier), "activation energy");
        assertEquals(expectedIntercept, intercept, 4 * interceptErr, "prefactor ln(z·ν0·unblocked fraction)");
    }
}
