package io.halidekmc.physics;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Detailed balance of every equilibrium event type with the strain terms on: the engine's
 * time-weighted occupancy of macrostates must equal the exact Boltzmann weights of
 * E = mixing + reservoir + E_el(collective) + Σ_surface E_X, Z by enumeration.
 *
 * <p>Statistics as in {@link DetailedBalanceTest}: B = 50 equal-event batches, batch-means σ per
 * macrostate, χ² over the n macrostates accepted below n·(1 + 5√(2/n))·(B−1)/(B−3) (5σ of the
 * χ²_n spread, inflated for estimated variances). Power: the same data against the weights
 * without one strain term at a time must exceed 3× that bound. The terms are scaled up (K, ε_s)
 * so that each is worth ≈ kT on these tiny crystals: the test checks the rate construction, whose
 * form does not depend on the magnitudes.
 */
class StrainDetailedBalanceTest {

    /**
     * Release/refill with a reservoir and hops on the 12-site NC of {@link DetailedBalanceTest}
     * (every site a surface site): both strain terms depend on the lattice counts (b Br, i I), so
     * the macrostates are (b, i).
     */
    @Test
    void surfaceExchangeAndHopsSampleTheStrainedEquilibrium() {
        Lattice lat = new Lattice(1, 1, 1, false, false, false);
        int[] active = lat.activeSiteList();
        int na = active.length;
        double kelvin = 300, kT = Constants.K_B * kelvin;
        Material m = Material.mixture(0, 0.9, 0.1).withoutMixing().withPairEnergy(Species.BR, Species.I, 1.0 * kT);
        double[] act = new double[Species.COUNT], eps = new double[Species.COUNT];
        act[Species.BR] = 0.25;
        act[Species.I] = 0.22;
        eps[Species.BR] = 0.0;
        eps[Species.I] = -0.06;
        double u = 0.03;
        SurfaceExchange sx = new SurfaceExchange(1e13, act, eps, u, 0.25);
        int totalBr = 10, totalI = 1, mRes = 3;
        // K 20× the real one: E_el over the macrostates spans ≈ 3 kT on a 1-cell crystal (stiffness
        // (9/2)·K·a³ ≈ 1700 eV, ε from −0.7 % to −0.2 %); ε_s = 2.5·10⁻⁴ then gives E_I ≈ −1 kT
        Strain strain = new Strain(300, 0, new double[] {0, 0, 0.85, 0.15}, 300.0, 2.5e-4, true);
        Strain.Nc nc = strain.resolve(new long[] {0, 0, 10, 1}, kelvin, 1);
        Conditions c = new Conditions(kelvin, 0);

        double[][] w = new double[13][2], wNoEl = new double[13][2], wNoSurf = new double[13][2];
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
            if (nBr < 0 || nI < 0 || nBr + nI > mRes || b + i == 0) continue;
            Occupancy o = new Occupancy(lat, sp);
            int n = nBr + nI;
            double e = new MixingTerm().total(o, m, c) + eps[Species.I] * nI + u * n * n / (2.0 * mRes);
            double el = nc.energy(new long[] {0, 0, b, i}, kelvin);
            double surf = nc.surfaceEnergy(o);
            double g = SurfaceExchangeTest().degeneracy(mRes, nBr, nI);
            w[b][i] += Math.exp(-(e + el + surf) / kT) * g;
            wNoEl[b][i] += Math.exp(-(e + surf) / kT) * g;
            wNoSurf[b][i] += Math.exp(-(e + el) / kT) * g;
        }
        List<int[]> macro = new ArrayList<>();
        for (int b = 0; b < 13; b++) for (int i = 0; i < 2; i++) if (w[b][i] > 0) macro.add(new int[] {b, i});
        int n = macro.size();

        byte[] sp = template.clone();
        for (int k = 0; k < 12; k++) sp[active[k]] = k < 10 ? Species.BR : k == 10 ? Species.I : Species.VACANCY;
        Occupancy occ = new Occupancy(lat, sp);
        ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), DriveProgram.constant(kelvin, 0), Rng.stream(78, 0));
        e.enableSurfaceExchange(sx, new long[4]);
        e.enableStrain(strain);
        e.advance(Double.POSITIVE_INFINITY, 100_000);
        int batches = DetailedBalanceTest.BATCHES;
        long perBatch = 2_500_000L / batches;
        double[][] timeIn = new double[batches][n];
        double[] duration = new double[batches];
        int[][] index = new int[13][2];
        for (int k = 0; k < n; k++) index[macro.get(k)[0]][macro.get(k)[1]] = k;
        for (int bt = 0; bt < batches; bt++) {
            double t0 = e.time();
            for (long k = 0; k < perBatch; k++) {
                long[] cen = occ.census();
                double before = e.time();
                e.advance(Double.POSITIVE_INFINITY, 1);
                timeIn[bt][index[(int) cen[Species.BR]][(int) cen[Species.I]]] += e.time() - before;
            }
            duration[bt] = e.time() - t0;
        }
        assertTrue(e.surfaceEvents() > 50_000, "surface events must be frequent here: " + e.surfaceEvents());
        double chi2 = DetailedBalanceTest.chiSquare(timeIn, duration, normalise(w, macro));
        double chi2NoEl = DetailedBalanceTest.chiSquare(timeIn, duration, normalise(wNoEl, macro));
        double chi2NoSurf = DetailedBalanceTest.chiSquare(timeIn, duration, normalise(wNoSurf, macro));
        double bound = bound(n, batches);
        System.out.printf("strain + surface exchange detailed balance: %d macrostates, chi2/n = %.3f (bound %.3f); "
                + "without E_el %.1f, without surface strain %.1f%n", n, chi2 / n, bound / n, chi2NoEl / n, chi2NoSurf / n);
        assertTrue(chi2 < bound, "macrostate occupancy departs from the strained equilibrium: chi2/n = " + chi2 / n);
        assertTrue(chi2NoEl > 3 * bound, "no power against a missing collective term: chi2/n = " + chi2NoEl / n);
        assertTrue(chi2NoSurf > 3 * bound, "no power against a missing surface term: chi2/n = " + chi2NoSurf / n);
    }

    /**
     * Hops only, in a closed 2×2×2-cell NC (surface and interior sites): one vacancy, 2 I, the
     * rest Br, with mixing. Macrostates: (I on surface sites 0..2, vacancy on a surface site), their
     * exact weights summed over all 74 412 arrangements.
     */
    @Test
    void hopsBetweenSurfaceAndInteriorSampleTheSurfaceSiteEnergies() {
        Lattice lat = new Lattice(2, 2, 2, false, false, false);
        List<Integer> act = new ArrayList<>();
        for (int s = 0; s < lat.sites(); s++) if (lat.isActive(s)) act.add(s);
        int na = act.size();
        boolean[] surf = new boolean[lat.sites() + 1];
        int nSurf = 0;
        for (int s : act) if ((lat.flags()[s] & Lattice.SURFACE) != 0) { surf[s] = true; nSurf++; }
        assertTrue(nSurf < na && nSurf > 0, "needs both kinds of site: " + nSurf + " of " + na);
        double kelvin = 300, kT = Constants.K_B * kelvin;
        Material m = Material.mixture(0, 0.9, 0.1).withoutMixing().withPairEnergy(Species.BR, Species.I, 0.5 * kT);
        // ε_s scaled up (0.5 % instead of 0.1 %) so that E_I − E_Br ≈ −1.3 kT
        Strain strain = new Strain(15, 0, new double[] {0, 0, 0.5, 0.5}, 300.0, 0.005, false);
        byte[] template = new byte[lat.sites() + 1];
        Arrays.fill(template, Species.WALL);
        for (int s : act) template[s] = Species.BR;
        Strain.Nc nc = strain.resolve(new long[] {0, 0, na - 3, 2}, kelvin, 8);
        Conditions c = new Conditions(kelvin, 0);
        double[] w = new double[6], wNo = new double[6];
        for (int v = 0; v < na; v++) {
            for (int i1 = 0; i1 < na; i1++) {
                if (i1 == v) continue;
                for (int i2 = i1 + 1; i2 < na; i2++) {
                    if (i2 == v) continue;
                    byte[] sp = template.clone();
                    sp[act.get(v)] = Species.VACANCY;
                    sp[act.get(i1)] = Species.I;
                    sp[act.get(i2)] = Species.I;
                    Occupancy o = new Occupancy(lat, sp);
                    double e = new MixingTerm().total(o, m, c);
                    int k = macro(surf, act.get(v), act.get(i1), act.get(i2));
                    w[k] += Math.exp(-(e + nc.surfaceEnergy(o)) / kT);
                    wNo[k] += Math.exp(-e / kT);
                }
            }
        }
        byte[] sp = template.clone();
        sp[act.get(0)] = Species.VACANCY;
        sp[act.get(1)] = Species.I;
        sp[act.get(2)] = Species.I;
        Occupancy occ = new Occupancy(lat, sp);
        ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), DriveProgram.constant(kelvin, 0), Rng.stream(79, 0));
        e.enableStrain(strain);
        e.advance(Double.POSITIVE_INFINITY, 200_000);
        int batches = DetailedBalanceTest.BATCHES;
        long perBatch = 4_000_000L / batches;
        double[][] timeIn = new double[batches][6];
        double[] duration = new double[batches];
        for (int bt = 0; bt < batches; bt++) {
            double t0 = e.time();
            for (long k = 0; k < perBatch; k++) {
                int vs = occ.vacancySite[0], a = -1, b = -1;
                for (int s : act) if (occ.species[s] == Species.I) { if (a < 0) a = s; else b = s; }
                double before = e.time();
                e.advance(Double.POSITIVE_INFINITY, 1);
                timeIn[bt][macro(surf, vs, a, b)] += e.time() - before;
            }
            duration[bt] = e.time() - t0;
        }
        double chi2 = DetailedBalanceTest.chiSquare(timeIn, duration, norm(w));
        double chi2No = DetailedBalanceTest.chiSquare(timeIn, duration, norm(wNo));
        double bound = bound(6, batches);
        System.out.printf("surface strain hop detailed balance: chi2/n = %.3f (bound %.3f); without surface energies %.1f%n",
                chi2 / 6, bound / 6, chi2No / 6);
        assertEquals(1, occ.vacancies);
        assertTrue(chi2 < bound, "hop occupancy departs from the surface-strained equilibrium: chi2/n = " + chi2 / 6);
        assertTrue(chi2No > 3 * bound, "no power against missing surface energies: chi2/n = " + chi2No / 6);
    }

    private static int macro(boolean[] surf, int v, int i1, int i2) {
        int ni = (surf[i1] ? 1 : 0) + (surf[i2] ? 1 : 0);
        return ni * 2 + (surf[v] ? 1 : 0);
    }

    private static double bound(int n, int batches) {
        return n * (1 + 5 * Math.sqrt(2.0 / n)) * (batches - 1.0) / (batches - 3.0);
    }

    private static double[] normalise(double[][] w, List<int[]> macro) {
        double[] p = new double[macro.size()];
        for (int k = 0; k < p.length; k++) p[k] = w[macro.get(k)[0]][macro.get(k)[1]];
        return norm(p);
    }

    private static double[] norm(double[] p) {
        double z = 0;
        for (double x : p) z += x;
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) out[i] = p[i] / z;
        return out;
    }

    private static Degeneracy SurfaceExchangeTest() {
        return new Degeneracy();
    }

    /** M!/(N_Br! N_I! (M−N)!): the reservoir's lattice-gas degeneracy. */
    private static final class Degeneracy {
        double degeneracy(int m, int nBr, int nI) {
            return fact(m) / (fact(nBr) * fact(nI) * fact(m - nBr - nI));
        }

        private static double fact(int n) {
            double f = 1;
            for (int i = 2; i <= n; i++) f *= i;
            return f;
        }
    }
}
