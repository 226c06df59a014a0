package io.halidekmc.backend.tornado;

import io.halidekmc.backend.Backends;
import io.halidekmc.engine.RateBackend;
import io.halidekmc.engine.HopKernel;
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
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TornadoVM {@link RateBackend} as the engine sees it: chosen by {@link Backends#select}, and
 * bitwise equal to the CPU kernels also where the plan is padded (fewer vacancies than it was
 * built for), rebuilt (more vacancies, another lattice) or given none.
 */
class TornadoRateBackendTest {
    @Test
    void selectTakesTornadoUnderTornadoVm() {
        TornadoSupport.assumeSdk();
        Backends.Choice c = Backends.select("tornado", List.of(0), null);
        try (RateBackend b = c.backend()) {
            assertEquals("tornado", c.name(), c.reason());
            assertTrue(c.reason().startsWith("tornado requested: TornadoVM "), c.reason());
            Backends.Status s = Backends.probe().stream().filter(x -> x.name().equals("tornado")).findFirst().orElseThrow();
            assertTrue(s.available(), s.detail());
            assertTrue(s.detail().contains("0:0 "), "info lists the devices: " + s.detail());
            System.out.println("[tornado] " + c.reason() + "\n[tornado] info: " + s.detail());
        }
        Backends.Choice bad = Backends.select("tornado", List.of(99), null);
        assertEquals("cpu", bad.name());
        assertTrue(bad.reason().contains("no TornadoVM device 99"), bad.reason());
    }

    @Test
    void paddedRebuiltAndEmptyRefreshesMatchCpuBitwise() throws Exception {
        TornadoSupport.assumeSdk();
        Material m = Material.mixture(0.2, 0.3, 0.5);
        RateTable t = new RateTable();
        t.build(m, List.of(new MixingTerm(), new FieldTerm()), new Conditions(310, 1e7));
        HopKernel.Factors f = new HopKernel.Factors();
        f.build(t);
        assertTrue(f.valid);
        try (TornadoRateBackend b = TornadoRateBackend.open(0)) {
            Occupancy a = occupancy(10, 0.04, 1);
            check("10^3, all vacancies (plan built)", b, a, a.vacancies, t, f);
            check("10^3, 17 fewer (padded)", b, a, a.vacancies - 17, t, f);
            Occupancy more = occupancy(10, 0.06, 2);
            assertTrue(more.vacancies > a.vacancies);
            check("10^3, more vacancies (rebuilt)", b, more, more.vacancies, t, f);
            check("10^3, back to fewer (padded, not rebuilt)", b, a, a.vacancies, t, f);
            Occupancy other = occupancy(8, 0.04, 3);
            check("8^3, another lattice (rebuilt)", b, other, other.vacancies, t, f);
            double[] r = {Double.NaN};
            b.refreshAllFactored(other.vacancySite, 0, other.counts, other.lattice.neighbours(),
                    other.lattice.regularOffsets(), f.fv, f.gh, t.field, r, r);
            assertTrue(Double.isNaN(r[0]), "no vacancies: nothing written");
        }
    }

    private static Occupancy occupancy(int cells, double vacancies, long seed) {
        Lattice lat = new Geometry.Bulk(cells, cells, cells).lattice();
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.2, 0.3, 0.5), vacancies, Rng.stream(seed, 0));
        TornadoHopKernelEquivalenceTest.randomHops(occ, Rng.stream(seed, 1), 200);
        return occ;
    }

    /** Both forms for the first n vacancies of occ; entries past n must stay untouched (NaN). */
    private static void check(String what, TornadoRateBackend b, Occupancy occ, int n, RateTable t, HopKernel.Factors f) {
        int[] nb = occ.lattice.neighbours();
        double[] cpuR = new double[n * Lattice.Z + 8], cpuS = new double[n + 1];
        double[] devR = nans(cpuR.length), devS = nans(cpuS.length);
        Arrays.fill(cpuR, Double.NaN);
        Arrays.fill(cpuS, Double.NaN);
        HopKernel.refreshAll(occ.vacancySite, n, occ.counts, nb, t.base, t.field, t.mix, cpuR, cpuS);
        b.refreshAll(occ.vacancySite, n, occ.counts, nb, t.base, t.field, t.mix, devR, devS);
        TornadoHopKernelEquivalenceTest.compare(what + ", difference form", cpuR, cpuS, devR, devS);
        devR = nans(cpuR.length);
        devS = nans(cpuS.length);
        HopKernel.refreshAllFactored(occ.vacancySite, n, occ.counts, nb, occ.lattice.regularOffsets(), f.fv, f.gh, t.field,
                cpuR, cpuS);
        b.refreshAllFactored(occ.vacancySite, n, occ.counts, nb, occ.lattice.regularOffsets(), f.fv, f.gh, t.field, devR, devS);
        TornadoHopKernelEquivalenceTest.compare(what + ", factorised form", cpuR, cpuS, devR, devS);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
