package io.halidekmc.engine.exact;

import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The optimised engine (packed words, computed neighbours, factorised tables, composition–
 * rejection) against from-scratch references, for both selectors. Fixed seeds: every check is
 * deterministic; tolerances are stated where they are statistical.
 */
class ExactEngineConsistencyTest {

    /** A periodic box (mixing only: FieldTerm.hopDelta uses z differences, wrong across a periodic z seam). */
    private static ExactEngine periodic(ExactEngine.Selection sel, long seed) {
        Lattice lat = new Lattice(12, 10, 9, true, true, true);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.1, 0.4, 0.5), 0.03, Rng.stream(seed, 0));
        return new ExactEngine(occ, Material.mixture(0.1, 0.4, 0.5), List.of(new MixingTerm()),
                DriveProgram.constant(300, 0), Rng.stream(seed, 1), sel);
    }

    /** A nanocube with free surfaces (cut bonds, WALL padding, irregular sites) under a field along z. */
    private static ExactEngine cube(ExactEngine.Selection sel, long seed) {
        Lattice lat = new Lattice(9, 9, 9, false, false, false);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.4, 0.6), 0.03, Rng.stream(seed, 0));
        return new ExactEngine(occ, Material.mixture(0, 0.4, 0.6), List.of(new MixingTerm(), new FieldTerm()),
                DriveProgram.constant(280, 3e7), Rng.stream(seed, 1), sel);
    }

    /**
     * Every cached rate equals ν0·exp(−[E_m(X) + ΔE/2]/kT) with ΔE summed from the energy terms'
     * own hopDelta, after 1e5 events. Relative tolerance 1e-10: the cached rate is a product of
     * ≤ 5 tabulated exponentials against one exp of the summed exponent, so they differ by a few
     * ulp times the exponent's magnitude (|exponent| < 40 here), ≈ 1e-14; anything from a stale
     * or wrong count is ≥ exp(V/2kT) − 1 ≈ 0.2 off.
     */
    @ParameterizedTest
    @EnumSource(ExactEngine.Selection.class)
    void cachedRatesEqualFreshRecompute(ExactEngine.Selection sel) {
        for (ExactEngine e : List.of(periodic(sel, 11), cube(sel, 12))) {
            e.advance(Double.POSITIVE_INFINITY, 100_000);
            assertEquals(100_000, e.events());
            checkRates(e, List.of(new MixingTerm(), new FieldTerm()));
            checkCounts(e.occupancy());
        }
    }

    private static void checkRates(ExactEngine e, List<EnergyTerm> allTerms) {
        Occupancy o = e.occupancy();
        Material m = e.material();
        Conditions c = e.conditions();
        boolean field = c.field() != 0;
        int[] nb = o.lattice.neighbours();
        double kT = c.kT();
        double total = 0;
        for (int id = 0; id < o.vacancies; id++) {
            int v = o.vacancySite[id];
            assertEquals(Species.VACANCY, o.species[v]);
            assertEquals(id, o.vacancyAt[v]);
            for (int j = 0; j < Lattice.Z; j++) {
                int h = nb[v * Lattice.Z + j];
                int x = o.species[h];
                double expect = 0;
                if (Species.isHalide(x)) {
                    double dE = 0;
                    for (EnergyTerm t : allTerms) {
                        if (t instanceof FieldTerm && !field) continue;
                        dE += t.hopDelta(o, v, j, m, c);
                    }
                    expect = m.attemptFrequency() * Math.exp(-(m.barriers()[x] + dE / 2) / kT);
                }
                double got = e.rate(id, j);
                assertEquals(expect, got, 1e-10 * expect, "vacancy " + id + " slot " + j);
                total += expect;
            }
        }
        assertEquals(total, e.totalRate(), 1e-10 * total);
    }

    /** The difference-form kernel (used when a term's tables do not factorise) passes the same check. */
    @ParameterizedTest
    @EnumSource(ExactEngine.Selection.class)
    void differenceFormKernelMatchesReference(ExactEngine.Selection sel) {
        for (ExactEngine e : List.of(periodic(sel, 13), cube(sel, 14))) {
            e.useDifferenceForm();
            e.advance(Double.POSITIVE_INFINITY, 50_000);
            checkRates(e, List.of(new MixingTerm(), new FieldTerm()));
            checkCounts(e.occupancy());
        }
    }

    /** The incrementally kept packed words equal a recount from the species array. */
    private static void checkCounts(Occupancy o) {
        Occupancy fresh = new Occupancy(o.lattice, o.species.clone());
        for (int s = 0; s < o.lattice.sites(); s++) {
            assertEquals(fresh.counts[s], o.counts[s], "packed word of site " + s);
            for (int sp = 0; sp < Species.COUNT; sp++) assertEquals(fresh.neighbourCount(s, sp), o.neighbourCount(s, sp));
            assertEquals(o.species[s], (byte) (o.counts[s] & Occupancy.SPECIES_MASK));
        }
        assertEquals(Species.WALL, o.counts[o.lattice.sink()] & Occupancy.SPECIES_MASK, "sink stays WALL");
    }

    /**
     * Event count against the integrated total rate: N(t) − ∫₀ᵗ R ds is a martingale with
     * variance E[N], so after N = 1e5 events (stopped at the N-th) |N − ∫R ds| < 5·√N — a 5σ
     * band; a wrong time step (e.g. Exp(B) per accepted event instead of per trial under
     * composition–rejection, off by the mean acceptance ≈ 0.7) would miss by ≈ 0.4·N ≫ 5√N.
     */
    @ParameterizedTest
    @EnumSource(ExactEngine.Selection.class)
    void eventCountMatchesIntegratedTotalRate(ExactEngine.Selection sel) {
        ExactEngine e = periodic(sel, 21);
        int n = 100_000;
        double integral = 0;
        double t = e.time();
        for (int i = 0; i < n; i++) {
            double r = e.totalRate();
            assertEquals(1, e.advance(Double.POSITIVE_INFINITY, 1));
            integral += r * (e.time() - t);
            t = e.time();
        }
        assertEquals(n, integral, 5 * Math.sqrt(n), "events vs ∫R dt");
    }

    /** A stop time is honoured exactly and a run is fixed by its seed. */
    @ParameterizedTest
    @EnumSource(ExactEngine.Selection.class)
    void deterministicForASeed(ExactEngine.Selection sel) {
        ExactEngine a = cube(sel, 31);
        ExactEngine b = cube(sel, 31);
        a.trackTracers();
        a.advance(Double.POSITIVE_INFINITY, 20_000);
        double tStop = a.time() * 1.5;
        a.advance(tStop, Long.MAX_VALUE);
        b.advance(Double.POSITIVE_INFINITY, 20_000);
        b.advance(tStop, Long.MAX_VALUE);
        assertEquals(tStop, a.time());
        assertEquals(a.events(), b.events());
        assertArrayEquals(a.occupancy().species, b.occupancy().species);
        assertEquals(a.netHalideDz(), b.netHalideDz());
        // tracers follow the same hops: their summed z displacement is the engine's net count
        assertEquals(a.netHalideDz(), a.tracers().meanDisplacement(2) * a.tracers().atoms(), 1e-6);
        assertNotEquals(0, a.netHalideDz(), "the field drives a net halide drift");
    }

    /**
     * Tree and composition–rejection sample the same process: the mean hop rate per unit time
     * (events / simulated time) over 2e5 events from the same start agrees within 5 %. Both
     * estimates have relative statistical error ≈ 1/√N plus the slow drift of the configuration,
     * far below 5 %; a selection bias toward fast or slow hops shows up here at tens of percent.
     */
    @org.junit.jupiter.api.Test
    void selectorsAgreeOnEventRate() {
        ExactEngine a = periodic(ExactEngine.Selection.SUM_TREE, 41);
        ExactEngine b = periodic(ExactEngine.Selection.COMPOSITION_REJECTION, 41);
        a.advance(Double.POSITIVE_INFINITY, 200_000);
        b.advance(Double.POSITIVE_INFINITY, 200_000);
        double ra = a.events() / a.time();
        double rb = b.events() / b.time();
        assertEquals(1, rb / ra, 0.05, "tree " + ra + " vs composition–rejection " + rb);
        // same drive, same material, same composition: the halide census is untouched by hops
        assertArrayEquals(Arrays.copyOf(a.occupancy().census(), 4), Arrays.copyOf(b.occupancy().census(), 4));
    }
}
