package io.halidekmc.engine;

import io.halidekmc.bench.BenchProblem;
import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The CPU twin is HopKernel, bit for bit, and the engine's backend hook changes nothing on the CPU. */
class CpuRateBackendTest {
    @Test
    void cpuTwinEqualsHopKernelOnANanocubeWithFieldBothForms() {
        Lattice lat = new Lattice(9, 9, 9, false, false, false);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.1, 0.4, 0.5), 0.03, Rng.stream(5, 0));
        RateTable t = new RateTable();
        t.build(Material.mixture(0.1, 0.4, 0.5), List.of(new MixingTerm(), new FieldTerm()), new Conditions(290, 2e7));
        HopKernel.Factors f = new HopKernel.Factors();
        f.build(t);
        int n = occ.vacancies;
        double[] r1 = new double[8 * n], s1 = new double[n], r2 = new double[8 * n], s2 = new double[n];
        HopKernel.refreshAll(occ.vacancySite, n, occ.counts, lat.neighbours(), t.base, t.field, t.mix, r1, s1);
        RateBackend.CPU.refreshAll(occ.vacancySite, n, occ.counts, lat.neighbours(), t.base, t.field, t.mix, r2, s2);
        assertArrayEquals(r1, r2);
        assertArrayEquals(s1, s2);
        int[] off = lat.regularOffsets();
        HopKernel.refreshAllFactored(occ.vacancySite, n, occ.counts, lat.neighbours(), off, f.fv, f.gh, t.field, r1, s1);
        RateBackend.CPU.refreshAllFactored(occ.vacancySite, n, occ.counts, lat.neighbours(), off, f.fv, f.gh, t.field, r2, s2);
        assertArrayEquals(r1, r2);
        assertArrayEquals(s1, s2);
        assertEquals("cpu", RateBackend.CPU.name());
    }

    @Test
    void engineWithExplicitCpuBackendKeepsItsRatesAndTrajectory() {
        ExactEngine a = BenchProblem.BOX64.exactEngine(3), b = BenchProblem.BOX64.exactEngine(3);
        b.useRateBackend(RateBackend.CPU);
        a.advance(Double.POSITIVE_INFINITY, 20_000);
        b.advance(Double.POSITIVE_INFINITY, 20_000);
        assertEquals(a.time(), b.time());
        for (int id = 0; id < a.occupancy().vacancies; id++) {
            for (int j = 0; j < 8; j++) assertEquals(a.rate(id, j), b.rate(id, j));
        }
    }

    /**
     * The fixed-order pairwise sum: deterministic, and within the stated bound of the sequential
     * sum: |pairwise − sequential| ≤ (⌈log2 n⌉ + n − 1)·u·Σ|a|, u = 2^−53.
     */
    @Test
    void pairwiseSumIsWithinItsBoundOfTheSequentialSum() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 2, 255, 256, 257, 7864, 70_000}) {
            double[] a = new double[n];
            double seq = 0;
            for (int i = 0; i < n; i++) {
                a[i] = Math.exp(30 * r.nextDouble());
                seq += a[i];
            }
            double p = PairwiseSum.sum(a, n);
            assertEquals(Double.doubleToRawLongBits(p), Double.doubleToRawLongBits(PairwiseSum.sum(a.clone(), n)));
            double bound = (Math.ceil(Math.log(Math.max(n, 1)) / Math.log(2)) + Math.max(n - 1, 0)) * 0x1p-53 * seq;
            assertTrue(Math.abs(p - seq) <= bound, n + ": " + p + " vs " + seq);
            assertEquals(PairwiseSum.sum(a, n), RateBackend.CPU.sum(a, n));
        }
    }
}
