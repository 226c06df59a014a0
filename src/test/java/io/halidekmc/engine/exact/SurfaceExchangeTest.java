package io.halidekmc.engine.exact;

import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Constants;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.SurfaceExchange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vacancy creation and filling at nanocrystal surfaces: detailed balance and bookkeeping. */
class SurfaceExchangeTest {

    /**
     * A 12-site nanocrystal exchanging Br and I with a reservoir of M = 3 places; 10 Br and 1 I in
     * all. The time spent in each macrostate (Br, I on the lattice) must match the exact
     * equilibrium: Σ over arrangements of exp(−E/kT) times the reservoir's lattice-gas degeneracy
     * M!/(N_Br! N_I! (M−N)!), E = mixing + Σ ε_X N_X + U N²/(2M). Batch means give each
     * macrostate's σ; every one within 4.5σ. Power: the same data against weights without the
     * reservoir degeneracy (what rates lacking the (M−N)/M, N_X/M factors would give) must fail.
     */
    @Test
    void macrostateOccupancyMatchesExactEquilibriumWithReservoir() {
        Lattice lat = new Lattice(1, 1, 1, false, false, false);
        int[] active = lat.activeSiteList();
        int na = active.length;
        double kelvin = 300, kT = Constants.K_B * kelvin;
        Material m = Material.mixture(0, 0.9, 0.1).withoutMixing().withPairEnergy(Species.BR, Species.I, 1.2 * kT);
        double[] act = new double[Species.COUNT], eps = new double[Species.COUNT];
        act[Species.BR] = 0.25;
        act[Species.I] = 0.22;
        eps[Species.BR] = 0.02;
        eps[Species.I] = -0.03;
        double u = 0.03;
        SurfaceExchange sx = new SurfaceExchange(1e13, act, eps, u, 0.25);
        int totalBr = 10, totalI = 1;
        double mRes = 3;
        List<EnergyTerm> terms = List.of(new MixingTerm());
        Conditions c = new Conditions(kelvin, 0);

        // exact macrostate weights by enumeration of lattice arrangements
        double[][] weight = new double[13][2];
        byte[] template = new byte[lat.sites() + 1];
        Arrays.fill(template, Species.WALL);
        for (int code = 0; code < 531441; code++) {
            byte[] sp = template.clone();
            int b = 0, i = 0, x = code;
            for (int k = 0; k < 12; k++) {
                int d = x % 3;
                x /= 3;
                sp[active[k]] = (byte) (d == 0 ? Species.VACANCY : d == 1 ? Species.BR : Species.I);
                if (d == 1) b++;
                if (d == 2) i++;
            }
            int nBr = totalBr - b, nI = totalI - i;
            if (nBr < 0 || nI < 0 || nBr + nI > mRes) continue;
            Occupancy o = new Occupancy(lat, sp);
            double e = new MixingTerm().total(o, m, c);
            int n = nBr + nI;
            e += eps[Species.BR] * nBr + eps[Species.I] * nI + u * n * n / (2 * mRes);
            weight[b][i] += Math.exp(-e / kT) * degeneracy(3, nBr, nI);
        }
        double z = 0;
        for (double[] row : weight) for (double w : row) z += w;

        byte[] sp = template.clone();
        for (int k = 0; k < 12; k++) sp[active[k]] = k < 10 ? Species.BR : k == 10 ? Species.I : Species.VACANCY;
        Occupancy occ = new Occupancy(lat, sp);
        // 10 Br, 1 I and one vacancy on the lattice, the reservoir empty: the totals of the enumeration
        ExactEngine e = new ExactEngine(occ, m, terms, DriveProgram.constant(kelvin, 0), Rng.stream(77, 0));
        e.enableSurfaceExchange(sx, new long[] {0, 0, 0, 0});
        e.advance(Double.POSITIVE_INFINITY, 200_000);
        int batches = 40;
        long perBatch = 60_000;
        double[][][] frac = new double[batches][13][2];
        for (int bt = 0; bt < batches; bt++) {
            double t0 = e.time();
            for (long k = 0; k < perBatch; k++) {
                long[] cen = occ.census();
                double before = e.time();
                e.advance(Double.POSITIVE_INFINITY, 1);
                frac[bt][(int) cen[Species.BR]][(int) cen[Species.I]] += e.time() - before;
            }
            double d = e.time() - t0;
            for (double[] row : frac[bt]) for (int i = 0; i < 2; i++) row[i] /= d;
        }
        assertTrue(e.surfaceEvents() > 10_000, "surface events must be frequent here: " + e.surfaceEvents());
        double maxZ = 0, maxZNoDegeneracy = 0;
        double[][] wrong = new double[13][2];
        double zw = 0;
        for (int b = 0; b < 13; b++) for (int i = 0; i < 2; i++) {
            int nBr = totalBr - b, nI = totalI - i;
            if (nBr < 0 || nI < 0 || nBr + nI > mRes || weight[b][i] == 0) continue;
            wrong[b][i] = weight[b][i] / degeneracy(3, nBr, nI);
            zw += wrong[b][i];
        }
        for (int b = 0; b < 13; b++) for (int i = 0; i < 2; i++) {
            if (weight[b][i] == 0) continue;
            double sum = 0, sum2 = 0;
            for (int bt = 0; bt < batches; bt++) {
                sum += frac[bt][b][i];
                sum2 += frac[bt][b][i] * frac[bt][b][i];
            }
            double mean = sum / batches;
            double se = Math.sqrt(Math.max((sum2 / batches - mean * mean) / (batches - 1.0), 1e-12));
            maxZ = Math.max(maxZ, Math.abs(mean - weight[b][i] / z) / se);
            if (Boolean.getBoolean("sx.verbose")) System.out.printf("b=%d i=%d exact=%.5f meas=%.5f se=%.5f%n", b, i, weight[b][i] / z, mean, se);
            maxZNoDegeneracy = Math.max(maxZNoDegeneracy, Math.abs(mean - wrong[b][i] / zw) / se);
        }
        System.out.printf("surface detailed balance: max |z| = %.2f; without reservoir degeneracy %.1f%n", maxZ, maxZNoDegeneracy);
        assertTrue(maxZ < 4.5, "macrostate occupancy departs from equilibrium: max |z| = " + maxZ);
        assertTrue(maxZNoDegeneracy > 10, "no power against missing lattice-gas factors: " + maxZNoDegeneracy);
    }

    static double degeneracy(int m, int nBr, int nI) {
        return fact(m) / (fact(nBr) * fact(nI) * fact(m - nBr - nI));
    }

    static double fact(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }

    @Test
    void bookkeepingStaysExactThroughManyCreationsAndFillings() {
        Lattice lat = new Lattice(6, 6, 6, false, false, false);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.4, 0.6), 0.02, Rng.stream(3, 0));
        Material m = Material.mixture(0, 0.4, 0.6);
        SurfaceExchange sx = SurfaceExchange.uniform(1e13, 0.25, 0.0, 0.02, 1.0);
        for (ExactEngine.Selection sel : ExactEngine.Selection.values()) {
            Occupancy o = occ.copy();
            // light on (a light-driven release channel too) for the first half, dark after
            var drive = new DriveProgram(new Schedule.Constant(300), new Schedule.Constant(0),
                    new Schedule.Steps(20, new double[] {0, 2e-8}, new double[] {20, 0}));
            ExactEngine e = new ExactEngine(o, m, List.of(new MixingTerm()), drive, Rng.stream(3, 1), sel);
            e.enableSurfaceExchange(sx, new long[] {0, 0, 20, 20});
            e.enableLightRelease(new io.halidekmc.physics.LightRelease(405, 1e5, 1e-8, new double[] {0, 0, 1e7, 5e7}));
            long halides0 = o.census()[Species.BR] + o.census()[Species.I] + e.reservoir(Species.BR) + e.reservoir(Species.I);
            for (int round = 0; round < 5; round++) {
                e.advance(Double.POSITIVE_INFINITY, 40_000);
                Occupancy fresh = o.copy();
                int n = lat.sites();
                assertArrayEquals(Arrays.copyOf(fresh.counts, n), Arrays.copyOf(o.counts, n), "words equal a recount");
                assertEquals(fresh.vacancies, o.vacancies, "vacancy list size");
                for (int id = 0; id < o.vacancies; id++) assertEquals(id, o.vacancyAt[o.vacancySite[id]], "vacancy maps");
                long halides = o.census()[Species.BR] + o.census()[Species.I] + e.reservoir(Species.BR) + e.reservoir(Species.I);
                assertEquals(halides0, halides, "halides conserved between lattice and reservoir");
                ExactEngine ref = new ExactEngine(fresh, m, List.of(new MixingTerm()), DriveProgram.constant(300, 0), Rng.stream(9, 9), sel);
                for (int id = 0; id < o.vacancies; id++) {
                    int rid = fresh.vacancyAt[o.vacancySite[id]];
                    for (int j = 0; j < 8; j++) assertEquals(ref.rate(rid, j), e.rate(id, j), 1e-12 * (1 + ref.rate(rid, j)), "cached rate");
                }
                assertEquals(ref.totalRate(), e.totalRate(), 1e-9 * ref.totalRate());
            }
            assertTrue(e.surfaceEvents() > 100, sel + ": surface events " + e.surfaceEvents());
        }
    }

    @Test
    void vacancyPopulationFollowsTemperature() {
        // surface formation costs ≈ ε = 0.2 eV against an initially empty reservoir: the equilibrium
        // count ∝ √(M·S·exp(−ε/kT)) rises ≈ 2.6× from 300 to 400 K. Time averages over 200 samples
        // per temperature (each ≫ the ns exchange time) make the Poisson-scale noise ≈ 2 %.
        Lattice lat = new Lattice(5, 5, 5, false, false, false);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 1, 0), 0.0, Rng.stream(5, 0));
        Material m = Material.mixture(0, 1, 0);
        SurfaceExchange sx = SurfaceExchange.uniform(1e13, 0.3, 0.2, 0.0, 1.0);
        double tStep = 4e-7;
        var drive = new DriveProgram(new Schedule.Steps(300, new double[] {0, tStep}, new double[] {300, 400}), new Schedule.Constant(0));
        ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), drive, Rng.stream(5, 1));
        e.enableSurfaceExchange(sx, new long[4]);
        double cold = 0, hot = 0;
        e.advance(1e-7, Long.MAX_VALUE);
        for (int k = 1; k <= 200; k++) {
            e.advance(1e-7 + k * 1.5e-9, Long.MAX_VALUE);
            cold += occ.vacancies / 200.0;
        }
        e.advance(tStep + 1e-7, Long.MAX_VALUE);
        for (int k = 1; k <= 200; k++) {
            e.advance(tStep + 1e-7 + k * 1.5e-9, Long.MAX_VALUE);
            hot += occ.vacancies / 200.0;
        }
        System.out.printf("mean vacancies 300 K %.2f, 400 K %.2f%n", cold, hot);
        assertTrue(cold > 3, "some vacancies at 300 K: " + cold);
        assertTrue(hot > 1.8 * cold, "vacancies must follow temperature: " + cold + " → " + hot);
        assertEquals(occ.census()[Species.VACANCY], occ.vacancies);
    }
}
