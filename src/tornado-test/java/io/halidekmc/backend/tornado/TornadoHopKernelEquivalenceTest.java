package io.halidekmc.backend.tornado;

import io.halidekmc.bench.BenchProblem;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The TornadoVM bulk refreshes against their CPU twins in {@link HopKernel} (difference form
 * {@code refreshAll}, factorised form {@code refreshAllFactored}): bitwise equal rates and leaf
 * sums. The kernels perform the same IEEE double operations in the same order (see
 * {@link TornadoHopKernel}; TornadoVM emits one OpenCL statement per operation, and
 * {@link TornadoRefresh} builds the plan without TornadoVM's default fast-math flags, so the
 * device compiler may neither fuse nor reassociate), so no ulp allowance is made: any difference
 * fails, and the message gives the number of differing values and the largest difference in ulps.
 * (Checked the other way round: reassociating the factorised product to fv·(gh·field) in the
 * TornadoVM kernel makes the 16³ case fail with ~1100 values 1–2 ulp off.)
 */
class TornadoHopKernelEquivalenceTest {
    private static final List<EnergyTerm> MIX_FIELD = List.of(new MixingTerm(), new FieldTerm());

    /** 16³ periodic box, 5 % vacancies (so vacancy–vacancy neighbours occur), mixing + a strong field; again after hops and new drive points. */
    @Test
    void box16MatchesCpuBitwiseAcrossHops() {
        TornadoSupport.assumeSdk();
        Lattice lat = new Geometry.Bulk(16, 16, 16).lattice();
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.2, 0.3, 0.5), 0.05, Rng.stream(7, 0));
        Material m = Material.mixture(0.2, 0.3, 0.5);
        roundsBothForms("16^3", occ, m, Rng.stream(7, 1), 500);
    }

    /** A small nanocrystal: free surfaces, so cut bonds to the sink (WALL) and irregular sites. */
    @Test
    void nanocrystalMatchesCpuBitwise() {
        TornadoSupport.assumeSdk();
        Lattice lat = new Geometry.Nanocrystal(10).lattice();
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.4, 0.6), 0.05, Rng.stream(11, 0));
        Material m = Material.mixture(0, 0.4, 0.6);
        roundsBothForms("nanocrystal 10", occ, m, Rng.stream(11, 1), 300);
    }

    /** The 64³ bench box (BenchProblem.BOX64), as the engines see it, before and after hops. */
    @Test
    void box64BenchMatchesCpuBitwise() {
        TornadoSupport.assumeSdk();
        BenchProblem p = BenchProblem.BOX64;
        Occupancy occ = p.occupancy(42);
        RateTable t = new RateTable();
        t.build(p.material(), List.of(new MixingTerm()), new Conditions(BenchProblem.TEMPERATURE, 0));
        HopKernel.Factors f = factors(t);
        try (TornadoRefresh diff = new TornadoRefresh(occ, TornadoRefresh.Form.DIFFERENCE);
             TornadoRefresh fact = new TornadoRefresh(occ, TornadoRefresh.Form.FACTORED)) {
            for (int round = 0; round < 2; round++) {
                compareDifference("64^3 bench box, round " + round, occ, t, diff);
                compareFactored("64^3 bench box, round " + round, occ, f, t.field, fact);
                randomHops(occ, Rng.stream(42, 9 + round), 5000);
            }
        }
    }

    private static void roundsBothForms(String what, Occupancy occ, Material m, UniformRandomProvider rng, int hops) {
        RateTable t = new RateTable();
        t.build(m, MIX_FIELD, new Conditions(300, 2e7));
        try (TornadoRefresh diff = new TornadoRefresh(occ, TornadoRefresh.Form.DIFFERENCE);
             TornadoRefresh fact = new TornadoRefresh(occ, TornadoRefresh.Form.FACTORED)) {
            for (int round = 0; round < 4; round++) {
                compareDifference(what + " round " + round, occ, t, diff);
                compareFactored(what + " round " + round, occ, factors(t), t.field, fact);
                randomHops(occ, rng, hops);
                // a new drive point: the rate tables change between refreshes too
                t.build(m, MIX_FIELD, new Conditions(300 + 20 * (round + 1), -1e7 * round));
            }
        }
    }

    private static HopKernel.Factors factors(RateTable t) {
        HopKernel.Factors f = new HopKernel.Factors();
        f.build(t);
        assertTrue(f.valid, "the mixing table should factorise");
        return f;
    }

    static void compareDifference(String what, Occupancy occ, RateTable t, TornadoRefresh tr) {
        double[] cpuRates = TornadoSupport.newRates(occ);
        double[] cpuSums = new double[occ.vacancies];
        TornadoSupport.cpuRefresh(occ, t, cpuRates, cpuSums);
        double[] devRates = nans(cpuRates.length);
        double[] devSums = nans(cpuSums.length);
        tr.refresh(occ.vacancySite, occ.vacancies, occ.counts, t, devRates, devSums);
        compare(what + ", difference form", cpuRates, cpuSums, devRates, devSums);
    }

    static void compareFactored(String what, Occupancy occ, HopKernel.Factors f, double[] field, TornadoRefresh tr) {
        double[] cpuRates = TornadoSupport.newRates(occ);
        double[] cpuSums = new double[occ.vacancies];
        TornadoSupport.cpuRefreshFactored(occ, f, field, cpuRates, cpuSums);
        double[] devRates = nans(cpuRates.length);
        double[] devSums = nans(cpuSums.length);
        tr.refreshFactored(occ.vacancySite, occ.vacancies, occ.counts, f, field, devRates, devSums);
        compare(what + ", factorised form", cpuRates, cpuSums, devRates, devSums);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    static void compare(String what, double[] cpuRates, double[] cpuSums, double[] devRates, double[] devSums) {
        int bad = 0;
        long maxUlp = 0;
        String first = null;
        int nonZero = 0;
        for (int i = 0; i < cpuRates.length; i++) {
            if (cpuRates[i] != 0) nonZero++;
            if (Double.doubleToRawLongBits(cpuRates[i]) != Double.doubleToRawLongBits(devRates[i])) {
                bad++;
                maxUlp = Math.max(maxUlp, ulps(cpuRates[i], devRates[i]));
                if (first == null) first = "rates[" + i + "] cpu " + cpuRates[i] + " tornado " + devRates[i];
            }
        }
        for (int i = 0; i < cpuSums.length; i++) {
            if (Double.doubleToRawLongBits(cpuSums[i]) != Double.doubleToRawLongBits(devSums[i])) {
                bad++;
                maxUlp = Math.max(maxUlp, ulps(cpuSums[i], devSums[i]));
                if (first == null) first = "leafSums[" + i + "] cpu " + cpuSums[i] + " tornado " + devSums[i];
            }
        }
        if (nonZero == 0) fail(what + ": no non-zero rate, the comparison would be vacuous");
        if (bad > 0) {
            fail(what + ": " + bad + " of " + (cpuRates.length + cpuSums.length) + " values differ (max "
                    + maxUlp + " ulp); first: " + first);
        }
        System.out.printf("[tornado] %s: %d rates + %d leaf sums bitwise equal (%d non-zero)%n",
                what, cpuRates.length, cpuSums.length, nonZero);
    }

    static long ulps(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Long.MAX_VALUE;
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }

    /** Hops to random halide neighbours of random vacancies (any allowed hop, rates ignored). */
    static void randomHops(Occupancy occ, UniformRandomProvider rng, int n) {
        int[] nb = occ.lattice.neighbours();
        for (int k = 0; k < n; k++) {
            int v = occ.vacancySite[rng.nextInt(occ.vacancies)];
            int h = nb[v * Lattice.Z + rng.nextInt(Lattice.Z)];
            int x = occ.species[h];
            if (x >= Species.CL && x <= Species.I) occ.hop(v, h);
        }
    }
}
