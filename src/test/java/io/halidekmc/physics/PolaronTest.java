package io.halidekmc.physics;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Polaron term: the engine must sample exp(−(E + F)/kT) with the polaron carrier free energy
 * F = −n_c kT ln Σ_P exp(g·x_I,P/kT) Σ_{b∈P} exp(−E_g,b/kT) (with and without funnelling), on the
 * 12-site nanocrystal and with the χ² bound and power check of {@link DetailedBalanceTest}; and in
 * the dark (no carriers) it must not change the trajectory at all.
 */
class PolaronTest {

    @ParameterizedTest(name = "funnelling {0}")
    @ValueSource(booleans = {true, false})
    void timeWeightedOccupancyMatchesBoltzmannWithPolaronFreeEnergy(boolean withFunnel) {
        Lattice lat = new Lattice(1, 1, 1, false, false, false);
        int[] active = lat.activeSiteList();
        int na = active.length;
        double kelvin = 300, kT = Constants.K_B * kelvin;
        Material m = Material.mixture(0, 0.3, 0.7).withoutMixing().withPairEnergy(Species.BR, Species.I, 0.8 * kT);
        // one-cell blocks and regions (8 of them), Br-rich so that x_I varies between regions;
        // n_c·g = 4 kT without funnelling; with it n_c = 0.25 keeps its gap term (0.6 eV between
        // I- and Br-rich blocks) to ≈ 6 kT so that every state is visited, and g = 16 kT
        double nc = withFunnel ? 0.25 : 1;
        CarrierFunnel f = withFunnel ? new CarrierFunnel(1, nc, false, BandGap.fitToTargets()) : null;
        Polaron p = new Polaron(1, 4 * kT / nc, nc, false);
        GapBlocks blocks = new GapBlocks(lat, 1);
        Conditions c = new Conditions(kelvin, 0);
        byte[] template = new byte[lat.sites() + 1];
        java.util.Arrays.fill(template, Species.WALL);
        Map<Integer, Integer> index = new HashMap<>();
        List<Double> energies = new ArrayList<>(), noPolaron = new ArrayList<>();
        int nVac = 1, nBr = 8;
        DetailedBalanceTest.enumerate(new byte[12], 0, nVac, nBr, 12 - nVac - nBr, arr -> {
            byte[] sp = template.clone();
            for (int i = 0; i < 12; i++) sp[active[i]] = arr[i];
            Occupancy o = new Occupancy(lat, sp);
            double mix = new MixingTerm().total(o, m, c);
            index.put(DetailedBalanceTest.key(arr), energies.size());
            energies.add(mix + p.freeEnergy(o, blocks, blocks, f, nc, kT));
            noPolaron.add(mix + (f == null ? 0 : f.freeEnergy(o, blocks, nc, kT)));
        });
        int n = energies.size();
        byte[] sp = template.clone();
        for (int i = 0; i < 12; i++) sp[active[i]] = i < nVac ? Species.VACANCY : i < nVac + nBr ? Species.BR : Species.I;
        Occupancy occ = new Occupancy(lat, sp);
        ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), DriveProgram.constant(kelvin, 0), Rng.stream(41, 0));
        e.enableLightCarriers(f, p, null);
        e.advance(Double.POSITIVE_INFINITY, 100_000);
        int batches = DetailedBalanceTest.BATCHES;
        // with funnelling the deep low-gap states mix slowly: twice the hops (at 1×, χ²/n = 1.30 is correlation scatter: 0.995 at 4×)
        long perBatch = (long) ((withFunnel ? 8_000_000L : 3_000_000L) * Double.parseDouble(System.getProperty("db.scale", "1"))) / batches;
        double[][] timeIn = new double[batches][n];
        double[] duration = new double[batches];
        byte[] arr = new byte[12];
        for (int b = 0; b < batches; b++) {
            double t0 = e.time();
            for (long k = 0; k < perBatch; k++) {
                for (int i = 0; i < 12; i++) arr[i] = occ.species[active[i]];
                int state = index.get(DetailedBalanceTest.key(arr));
                double before = e.time();
                e.advance(Double.POSITIVE_INFINITY, 1);
                timeIn[b][state] += e.time() - before;
            }
            duration[b] = e.time() - t0;
        }
        double chi2 = DetailedBalanceTest.chiSquare(timeIn, duration, DetailedBalanceTest.boltzmann(energies, kT));
        double chi2No = DetailedBalanceTest.chiSquare(timeIn, duration, DetailedBalanceTest.boltzmann(noPolaron, kT));
        double bound = n * (1 + 5 * Math.sqrt(2.0 / n)) * (batches - 1.0) / (batches - 3.0);
        System.out.printf("polaron detailed balance (funnel %s): %d states, chi2/n = %.3f (bound %.3f); without polaron: %.1f%n",
                withFunnel, n, chi2 / n, bound / n, chi2No / n);
        assertTrue(chi2 < bound, "occupancy departs from exp(-(E+F)/kT): chi2/n = " + chi2 / n);
        assertTrue(chi2No > 3 * bound, "no power: weights without the polaron term not rejected, chi2/n = " + chi2No / n);
    }

    /** Light off ⇒ no carriers ⇒ the polaron term changes no rate: the same trajectory bit for bit. */
    @Test
    void darkPolaronLeavesTheTrajectoryBitIdentical() {
        Lattice lat = new Lattice(6, 6, 6, true, true, true);
        Material m = Material.mixture(0, 0.5, 0.5);
        Occupancy a = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.5, 0.5), 0.01, Rng.stream(8, 0));
        Occupancy b = a.copy();
        var dark = new DriveProgram(new Schedule.Constant(300), new Schedule.Constant(0), new Schedule.Constant(0));
        ExactEngine plain = new ExactEngine(a, m, List.of(new MixingTerm()), dark, Rng.stream(8, 1));
        ExactEngine pol = new ExactEngine(b, m, List.of(new MixingTerm()), dark, Rng.stream(8, 1));
        pol.enableLightCarriers(null, new Polaron(2, 0.1, 0, true), new LightRelease(405, 1e5, 1e-8, new double[4]));
        assertEquals(0, pol.carriers());
        plain.advance(Double.POSITIVE_INFINITY, 100_000);
        pol.advance(Double.POSITIVE_INFINITY, 100_000);
        assertEquals(plain.time(), pol.time());
        assertArrayEquals(a.species, b.species);
    }
}
