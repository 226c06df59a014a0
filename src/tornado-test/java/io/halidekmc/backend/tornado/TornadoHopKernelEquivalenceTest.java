package io.halidekmc.backend.tornado;

import io.halidekmc.bench.BenchProblem;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The TornadoVM bulk refresh against its CPU twin {@link io.halidekmc.engine.HopKernel#refreshAll}:
 * bitwise equal rates and leaf sums. The kernel performs the same IEEE double operations in the
 * same order (see {@link TornadoHopKernel}), so no ulp allowance is made: any difference is a bug
 * (or a device compiler contracting a multiply-add, which the message would show as 1 ulp).
 */
class TornadoHopKernelEquivalenceTest {

    /** 16³ box, 5 % vacancies (so vacancy–vacancy neighbours occur), mixing + a strong field, then again after hops. */
    @Test
    void box16MatchesCpuBitwiseAcrossHops() {
        TornadoSupport.assumeSdk();
        Lattice lat = new Geometry.Bulk(16, 16, 16).lattice();
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.2, 0.3, 0.5), 0.05, Rng.stream(7, 0));
        Material m = Material.mixture(0.2, 0.3, 0.5);
        RateTable t = new RateTable();
        t.build(m, List.of(new MixingTerm(), new FieldTerm()), new Conditions(300, 2e7));
        UniformRandomProvider rng = Rng.stream(7, 1);
        try (TornadoRefresh tr = new TornadoRefresh(occ)) {
            for (int round = 0; round < 4; round++) {
                compare("16^3 round " + round, occ, t, tr);
                randomHops(occ, rng, 500);
                // a new drive point: the rate table changes between refreshes too
                t.build(m, List.of(new MixingTerm(), new FieldTerm()), new Conditions(300 + 20 * (round + 1), -1e7 * round));
            }
        }
    }

    /** The 64³ bench box (BenchProblem.BOX64), as the engines see it. */
    @Test
    void box64BenchMatchesCpuBitwise() {
        TornadoSupport.assumeSdk();
        BenchProblem p = BenchProblem.BOX64;
        Occupancy occ = p.occupancy(42);
        RateTable t = new RateTable();
        t.build(p.material(), List.of(new MixingTerm()), new Conditions(BenchProblem.TEMPERATURE, 0));
        try (TornadoRefresh tr = new TornadoRefresh(occ)) {
            compare("64^3 bench box", occ, t, tr);
            randomHops(occ, Rng.stream(42, 9), 5000);
            compare("64^3 bench box after 5000 hops", occ, t, tr);
        }
    }

    static void compare(String what, Occupancy occ, RateTable t, TornadoRefresh tr) {
        double[] cpuRates = TornadoSupport.newRates(occ);
        double[] cpuSums = new double[occ.vacancies];
        TornadoSupport.cpuRefresh(occ, t, cpuRates, cpuSums);
        double[] gpuRates = TornadoSupport.newRates(occ);
        double[] gpuSums = new double[occ.vacancies];
        java.util.Arrays.fill(gpuRates, Double.NaN);
        java.util.Arrays.fill(gpuSums, Double.NaN);
        tr.refresh(occ.vacancySite, occ.vacancies, occ.counts, t, gpuRates, gpuSums);
        int bad = 0;
        long maxUlp = 0;
        String first = null;
        int nonZero = 0;
        for (int i = 0; i < cpuRates.length; i++) {
            if (cpuRates[i] != 0) nonZero++;
            if (Double.doubleToRawLongBits(cpuRates[i]) != Double.doubleToRawLongBits(gpuRates[i])) {
                bad++;
                maxUlp = Math.max(maxUlp, ulps(cpuRates[i], gpuRates[i]));
                if (first == null) first = "rates[" + i + "] cpu " + cpuRates[i] + " tornado " + gpuRates[i];
            }
        }
        for (int i = 0; i < cpuSums.length; i++) {
            if (Double.doubleToRawLongBits(cpuSums[i]) != Double.doubleToRawLongBits(gpuSums[i])) {
                bad++;
                maxUlp = Math.max(maxUlp, ulps(cpuSums[i], gpuSums[i]));
                if (first == null) first = "leafSums[" + i + "] cpu " + cpuSums[i] + " tornado " + gpuSums[i];
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
            if (x >= io.halidekmc.lattice.Species.CL && x <= io.halidekmc.lattice.Species.I) occ.hop(v, h);
        }
    }
}
