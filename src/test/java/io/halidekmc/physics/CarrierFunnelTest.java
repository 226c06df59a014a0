package io.halidekmc.physics;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Carrier funnelling: the engine's incremental ΔF must sample exp(−(E + F)/kT) with
 * F = −n_c·kT·ln Σ_i exp(−E_g,i/kT), on the same 12-site nanocrystal and with the same
 * batch-means χ² and power check as {@link DetailedBalanceTest}.
 */
class CarrierFunnelTest {

    @Test
    void timeWeightedOccupancyMatchesBoltzmannWithCarrierFreeEnergy() {
        Lattice lat = new Lattice(1, 1, 1, false, false, false);
        int[] active = lat.activeSiteList();
        int na = active.length;
        double kelvin = 300, kT = Constants.K_B * kelvin;
        Material m = Material.mixture(0, 0.3, 0.7).withoutMixing().withPairEnergy(Species.BR, Species.I, 0.8 * kT);
        // blocks of one cell: the 2×2×2 cell layers of the open cube, each holding a few sites;
        // 0.5 carriers keeps F of order kT so every state is visited
        CarrierFunnel f = new CarrierFunnel(1, 0.5, false, BandGap.fitToTargets());
        GapBlocks blocks = new GapBlocks(lat, 1);
        Conditions c = new Conditions(kelvin, 0);
        byte[] template = new byte[lat.sites() + 1];
        java.util.Arrays.fill(template, Species.WALL);
        Map<Integer, Integer> index = new HashMap<>();
        List<Double> energies = new ArrayList<>();
        int nVac = 1, nBr = 3;
        DetailedBalanceTest.enumerate(new byte[12], 0, nVac, nBr, 12 - nVac - nBr, arr -> {
            byte[] sp = template.clone();
            for (int i = 0; i < 12; i++) sp[active[i]] = arr[i];
            Occupancy o = new Occupancy(lat, sp);
            double e = new MixingTerm().total(o, m, c) + f.freeEnergy(o, blocks, 0.5, kT);
            index.put(DetailedBalanceTest.key(arr), energies.size());
            energies.add(e);
        });
        int n = energies.size();
        byte[] sp = template.clone();
        for (int i = 0; i < 12; i++) sp[active[i]] = i < nVac ? Species.VACANCY : i < nVac + nBr ? Species.BR : Species.I;
        Occupancy occ = new Occupancy(lat, sp);
        ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), DriveProgram.constant(kelvin, 0), Rng.stream(31, 0));
        e.enableCarrierFunnel(f, null);
        e.advance(Double.POSITIVE_INFINITY, 100_000);
        int batches = DetailedBalanceTest.BATCHES;
        long perBatch = 8_000_000L / batches;
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
        double[] exact = DetailedBalanceTest.boltzmann(energies, kT);
        double chi2 = DetailedBalanceTest.chiSquare(timeIn, duration, exact);
        // power: the same data against weights without F (funnelling ignored) must fail by far
        List<Double> noF = new ArrayList<>();
        DetailedBalanceTest.enumerate(new byte[12], 0, nVac, nBr, 12 - nVac - nBr, a -> {
            byte[] s2 = template.clone();
            for (int i = 0; i < 12; i++) s2[active[i]] = a[i];
            noF.add(new MixingTerm().total(new Occupancy(lat, s2), m, c));
        });
        double chi2NoF = DetailedBalanceTest.chiSquare(timeIn, duration, DetailedBalanceTest.boltzmann(noF, kT));
        double bound = n * (1 + 5 * Math.sqrt(2.0 / n)) * (batches - 1.0) / (batches - 3.0);
        System.out.printf("funnel detailed balance: %d states, chi2/n = %.3f (bound %.3f); without F: %.1f%n",
                n, chi2 / n, bound / n, chi2NoF / n);
        assertTrue(chi2 < bound, "occupancy departs from exp(-(E+F)/kT): chi2/n = " + chi2 / n);
        assertTrue(chi2NoF > 3 * bound, "no power: weights without F not rejected, chi2/n = " + chi2NoF / n);
    }

    @Test
    void carrierNumberFollowsTheLightDrive() {
        Lattice lat = new Lattice(4, 4, 4, false, false, false);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.5, 0.5), 0.02, Rng.stream(1, 0));
        Material m = Material.mixture(0, 0.5, 0.5);
        LightRelease light = new LightRelease(405, 1e5, 1e-8, new double[4]);
        var drive = new DriveProgram(new io.halidekmc.drive.Schedule.Constant(300), new io.halidekmc.drive.Schedule.Constant(0),
                new io.halidekmc.drive.Schedule.Steps(50, new double[] {0, 1e-9}, new double[] {50, 0}));
        ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), drive, Rng.stream(1, 1));
        e.enableCarrierFunnel(new CarrierFunnel(2, 0, true, BandGap.fitToTargets()), light);
        double volume = lat.activeSites() / 3.0 * Math.pow(m.latticeConstant() * 1e-8, 3);
        assertEquals(light.carrierDensity(50) * volume, e.carriers(), 1e-9 * e.carriers());
        e.advance(2e-9, Long.MAX_VALUE);
        assertEquals(0, e.carriers(), "dark: no carriers");
    }
}
