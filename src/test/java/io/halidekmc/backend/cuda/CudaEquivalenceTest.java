package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.backend.Backends;
import io.halidekmc.engine.PairwiseSum;
import io.halidekmc.bench.BenchProblem;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CUDA against the CPU kernels, bit for bit, on the 64³ box of the benchmark (box64): rates and
 * per-vacancy sums of all three refresh kernels, the device reduction, and an engine whose bulk
 * refresh runs on the GPU. Bitwise because the kernels use only round-to-nearest multiplies and
 * adds in Java's order (no FMA contraction), see kernels/hop_rates.cu. Skips, saying why, where
 * no device is present.
 */
class CudaEquivalenceTest {
    private static CudaRateBackend cu;
    private static String why;

    @BeforeAll
    static void open() {
        try {
            cu = CudaRateBackend.open(0);
            System.out.println("[CudaEquivalenceTest] " + cu.detail());
        } catch (BackendUnavailable e) {
            why = "no CUDA device here, CUDA equivalence not checked: " + e.getMessage();
            System.out.println("[CudaEquivalenceTest] SKIPPED: " + why);
        }
    }

    @AfterAll
    static void close() {
        if (cu != null) cu.close();
    }

    private static void bitwise(double[] want, double[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
                fail(what + "[" + i + "]: cpu " + want[i] + " vs cuda " + got[i]);
            }
        }
    }

    @Test
    void bulkRefreshEqualsCpuKernelBitwiseOnBox64() {
        assumeTrue(cu != null, () -> why);
        Occupancy occ = BenchProblem.BOX64.occupancy(1);
        Lattice lat = occ.lattice;
        RateTable t = new RateTable();
        t.build(BenchProblem.BOX64.material(), List.of(new MixingTerm()), new Conditions(300, 0));
        HopKernel.Factors f = new HopKernel.Factors();
        f.build(t);
        assertTrue(f.valid);
        int n = occ.vacancies;
        int[] nb = lat.neighbours(), off = lat.regularOffsets();
        double[] rc = new double[8 * n], sc = new double[n], rg = new double[8 * n], sg = new double[n];

        HopKernel.refreshAll(occ.vacancySite, n, occ.counts, nb, t.base, t.field, t.mix, rc, sc);
        cu.refreshAll(occ.vacancySite, n, occ.counts, nb, t.base, t.field, t.mix, rg, sg);
        bitwise(rc, rg, "diff rates");
        bitwise(sc, sg, "diff sums");

        HopKernel.refreshAllFactored(occ.vacancySite, n, occ.counts, nb, off, f.fv, f.gh, t.field, rc, sc);
        cu.refreshAllFactored(occ.vacancySite, n, occ.counts, nb, off, f.fv, f.gh, t.field, rg, sg);
        bitwise(rc, rg, "factored rates");
        bitwise(sc, sg, "factored sums");
        assertEquals(PairwiseSum.sum(sc, n), cu.deviceTotal(), 0.0, "device reduction of the sums");
        assertEquals(PairwiseSum.sum(sc, n), cu.sum(sc, n), 0.0, "sum()");

        java.util.Arrays.fill(rg, -1);
        java.util.Arrays.fill(sg, -1);
        cu.uploadVacancyAt(occ.vacancyAt);
        cu.launchFactored(true);
        cu.download(rg, sg);
        bitwise(rc, rg, "sweep rates");
        bitwise(sc, sg, "sweep sums");

        java.util.Arrays.fill(rg, -1);
        java.util.Arrays.fill(sg, -1);
        cu.launchStream();
        cu.download(rg, sg);
        bitwise(rc, rg, "stream rates");
        bitwise(sc, sg, "stream sums");
    }

    @Test
    void engineOnCudaKeepsTheCpuTrajectory() {
        assumeTrue(cu != null, () -> why);
        Backends.Choice c = Backends.select("cuda", List.of(0), null);
        assertEquals("cuda", c.name(), c.reason());
        try (var b = c.backend()) {
            ExactEngine a = BenchProblem.BOX64.exactEngine(2), g = BenchProblem.BOX64.exactEngine(2);
            g.useRateBackend(b);
            a.advance(Double.POSITIVE_INFINITY, 20_000);
            g.advance(Double.POSITIVE_INFINITY, 20_000);
            g.refreshAllRates();
            a.refreshAllRates();
            assertEquals(a.time(), g.time(), 0.0);
            for (int id = 0; id < a.occupancy().vacancies; id++) {
                for (int j = 0; j < 8; j++) assertEquals(a.rate(id, j), g.rate(id, j), 0.0);
            }
            assertEquals("cuda", b.name());
        }
    }
}
