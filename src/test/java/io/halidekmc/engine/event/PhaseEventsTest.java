package io.halidekmc.engine.event;

import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Octahedra;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Constants;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.PhaseConversion;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The octahedra's P ⇄ N conversion: geometry, lattice bookkeeping, detailed balance, the light channel. */
class PhaseEventsTest {
    static final double KELVIN = 300, KT = Constants.K_B * KELVIN;
    /** Mixing 6 meV with an iodide preference for cut bonds of 20 meV per bond (V_II = 2δ, V_BrI = w + δ). */
    static final Material MATERIAL = Material.mixture(0, 0.4, 0.6).withoutMixing()
            .withPairEnergy(Species.BR, Species.I, 0.006 + 0.02).withPairEnergy(Species.I, Species.I, 0.04);
    static final PhaseConversion PARAMS = new PhaseConversion(1e6, 0.5, 5.0 / 6, 1e14, 0.9, 0.03, 0.05, 0.02);

    static Occupancy alloy(int cells, double vacancies, long seed) {
        Lattice l = new Lattice(cells, cells, cells, false, false, false);
        return InitialState.randomAlloy(l, InitialState.fractions(0, 0.4, 0.6), vacancies, Rng.stream(seed, 0));
    }

    @Test
    void everyXSiteBelongsToTwoOctahedraAndTheOuterLayerIsSurface() {
        int n = 4;
        Lattice l = new Lattice(n, n, n, false, false, false);
        Octahedra o = new Octahedra(l);
        assertEquals((n + 1) * (n + 1) * (n + 1), o.count());
        int surface = 0;
        for (int b = 0; b < o.count(); b++) if (o.isSurface(b)) surface++;
        assertEquals((n + 1) * (n + 1) * (n + 1) - (n - 1) * (n - 1) * (n - 1), surface);
        int[] slotsSeen = new int[l.sites()];
        for (int b = 0; b < o.count(); b++) {
            for (int i = 0; i < Octahedra.SLOTS; i++) {
                int s = o.xSite(b, i);
                if (s < 0) continue;
                slotsSeen[s]++;
                assertTrue(o.ofSite(s, 0) == b || o.ofSite(s, 1) == b, "slot and owner disagree at site " + s);
                int across = o.neighbour(b, i);
                assertTrue(across >= 0 && across != b && (o.ofSite(s, 0) == across || o.ofSite(s, 1) == across));
            }
        }
        for (int s = 0; s < l.sites(); s++) assertEquals(l.isActive(s) ? 2 : 0, slotsSeen[s], "site " + s);
    }

    @Test
    void freezingAndThawingKeepThePackedWordsEqualToARecount() {
        Occupancy occ = alloy(3, 0.05, 1);
        UniformRandomProvider rng = Rng.stream(2, 0);
        List<Integer> frozen = new ArrayList<>();
        for (int k = 0; k < 400; k++) {
            int s = rng.nextInt(occ.lattice.sites());
            if (Species.isHalide(occ.species[s]) && rng.nextBoolean()) {
                occ.freeze(s);
                frozen.add(s);
            } else if (!frozen.isEmpty()) {
                occ.thaw(frozen.remove(frozen.size() - 1));
            }
            int[] fresh = occ.copy().counts;
            for (int t = 0; t < occ.lattice.sites(); t++) assertEquals(fresh[t], occ.counts[t], "word of site " + t + " after step " + k);
        }
    }

    /** Σ_N (g_N + g_Br n_Br) + γ·(P–N contacts) + the pair energy of the mobile halides (frozen ones are cut bonds). */
    static double freeEnergy(PhaseEvents ev, Occupancy occ, Material m, PhaseConversion p) {
        Octahedra o = ev.octahedra();
        double g = new MixingTerm().total(occ, m, new Conditions(KELVIN, 0));
        for (int b = 0; b < o.count(); b++) {
            if (!ev.isN(b)) {
                for (int i = 0; i < Octahedra.SLOTS; i++) if (o.neighbour(b, i) < 0) g += p.interfaceEnergy();
                continue;
            }
            int nBr = 0;
            for (int i = 0; i < Octahedra.SLOTS; i++) {
                int s = o.xSite(b, i);
                if (s >= 0 && Species.halideOf(occ.species[s]) == Species.BR) nBr++;
            }
            g += p.formationEnergy() + p.bromideCost() * nBr;
            for (int i = 0; i < Octahedra.SLOTS; i++) {
                int n = o.neighbour(b, i);
                if (n >= 0 && !ev.isN(n)) g += p.interfaceEnergy();
            }
        }
        return g;
    }

    /**
     * A random walk over phase states of a 2-cell crystal in the dark: for every flip taken, the
     * reverse flip exists and k(A→B)/k(B→A) = exp(−(G_B − G_A)/kT) to rounding, G recomputed in full
     * (MixingTerm.total over mobile halides plus the N terms). Power: the walk must reach states
     * with many N octahedra, and the pair-energy part of ΔG must be non-zero in some flips (without
     * it in the rates the ratio would be off there).
     */
    @Test
    void thermalFlipsObeyDetailedBalanceWithTheFullFreeEnergy() {
        Occupancy occ = alloy(2, 0, 3);
        PhaseEvents ev = new PhaseEvents(occ, MATERIAL, PARAMS);
        ev.setConditions(new Conditions(KELVIN, 0, 0));
        UniformRandomProvider rng = Rng.stream(4, 0);
        int flips = 0, pairExercised = 0;
        long maxN = 0;
        for (int step = 0; step < 20000 && flips < 3000; step++) {
            int b = rng.nextInt(ev.octahedra().count());
            double forward = ev.flipRate(b);
            if (forward <= 0) continue;
            double g0 = freeEnergy(ev, occ, MATERIAL, PARAMS);
            boolean wasN = ev.isN(b);
            double pairPart = ev.pairChange(b);
            ev.flip(b);
            double g1 = freeEnergy(ev, occ, MATERIAL, PARAMS);
            double reverse = ev.flipRate(b);
            assertTrue(reverse > 0, "no reverse flip at step " + step);
            assertEquals(-(g1 - g0) / KT, Math.log(forward / reverse), 1e-9, "rate ratio at step " + step);
            if (Math.abs(pairPart) > 1e-6) pairExercised++;
            flips++;
            maxN = Math.max(maxN, ev.convertedCount());
            assertEquals(!wasN, ev.isN(b));
            int[] fresh = occ.copy().counts;
            for (int t = 0; t < occ.lattice.sites(); t++) assertEquals(fresh[t], occ.counts[t]);
        }
        assertTrue(flips >= 3000, "walk too short: " + flips);
        assertTrue(maxN >= 8, "walk never left the surface layer: at most " + maxN + " N octahedra");
        assertTrue(pairExercised > 100, "pair energy never entered a flip: " + pairExercised);
    }

    /**
     * The light channel: off in the dark, linear in intensity, and exactly ν_L·I·e^(−E_L/kT) per
     * eligible octahedron, counted here independently (a surface octahedron of the all-P crystal
     * with ≥ 5 of its X sites... holding iodide and no vacancy).
     */
    @Test
    void lightChannelCountsIodideRichBoundaryOctahedraAndScalesWithIntensity() {
        Occupancy occ = alloy(4, 0.01, 5);
        PhaseEvents ev = new PhaseEvents(occ, MATERIAL, PARAMS);
        ev.setConditions(new Conditions(KELVIN, 0, 0));
        double dark = ev.exactTotal();
        Octahedra o = ev.octahedra();
        double eligible = 0;
        for (int b = 0; b < o.count(); b++) {
            if (!o.isSurface(b)) continue;
            int nx = 0, nI = 0;
            boolean vacancy = false;
            for (int i = 0; i < Octahedra.SLOTS; i++) {
                int s = o.xSite(b, i);
                if (s < 0) continue;
                nx++;
                if (occ.species[s] == Species.I) nI++;
                if (occ.species[s] == Species.VACANCY) vacancy = true;
            }
            int neighbours = 0;
            for (int i = 0; i < Octahedra.SLOTS; i++) if (o.neighbour(b, i) >= 0) neighbours++;
            // all P: each neighbour becomes a P–N contact and each outside face stops costing γ, so
            // the PC rate carries exp(−γ·(n_P − n_outside)/2kT)
            double dInterface = PARAMS.interfaceEnergy() * (neighbours - (Octahedra.SLOTS - neighbours));
            if (!vacancy && nI >= Math.ceil(5.0 / 6 * nx - 1e-9)) eligible += Math.exp(-dInterface / (2 * KT));
        }
        assertTrue(eligible > 1, "too few eligible octahedra for a test: " + eligible);
        for (double intensity : new double[] {5, 50}) {
            ev.setConditions(new Conditions(KELVIN, 0, intensity));
            double light = ev.exactTotal() - dark;
            double expected = eligible * PARAMS.lightPrefactor() * intensity * Math.exp(-PARAMS.lightBarrier() / KT);
            assertEquals(expected, light, 1e-9 * expected, "light part at " + intensity + " W/cm²");
        }
    }

    /**
     * The sum-tree leaves (thinning bounds), kept by local updates after every flip, equal the
     * bounds computed afresh for every octahedron, and no exact rate ever exceeds its bound: a
     * 6-cell crystal with 2 % vacancies under strong light, then dark, long enough for hundreds of
     * flips and 10⁵ hops around the growing P/N interface. Power: the staleness check fails if a
     * flip skips its neighbours' leaves, the bound check if the bound leaves out the pair bonds the
     * freezing sites cut (both seen failing while writing it).
     */
    @Test
    void incrementalLeavesEqualFreshRatesAfterHopsAndFlips() {
        Occupancy occ = alloy(6, 0.02, 7);
        var drive = new io.halidekmc.drive.DriveProgram(new io.halidekmc.drive.Schedule.Constant(KELVIN),
                new io.halidekmc.drive.Schedule.Constant(0),
                new io.halidekmc.drive.Schedule.Steps(5e4, new double[] {2e-5}, new double[] {0}));
        var engine = new io.halidekmc.engine.exact.ExactEngine(occ, MATERIAL, List.of(new MixingTerm()), drive, Rng.stream(8, 0));
        PhaseConversion fast = new PhaseConversion(2e6, 0.3, 5.0 / 6, 1e15, 0.6, 0.03, 0.05, 0.02);
        engine.enablePhaseConversion(fast);
        PhaseEvents ev = engine.phase();
        long flips = 0;
        double worst = 0;
        for (int k = 1; k <= 40; k++) {
            engine.advance(k * 1e-6, Long.MAX_VALUE);
            assertEquals(0, ev.staleness(), 1e-12, "leaves stale after chunk " + k);
            double ratio = ev.worstBoundRatio();
            assertTrue(ratio <= 1 + 1e-12, "a leaf below its exact rate after chunk " + k + ": exact/bound " + ratio);
            worst = Math.max(worst, ratio);
            flips = Math.max(flips, ev.convertedCount());
        }
        assertTrue(flips > 50, "too few flips to test anything: " + flips);
        // the bound is reached (PC: exact = bound for an eligible octahedron), so it is not vacuous
        assertTrue(worst > 0.99, "no rate ever near its bound: " + worst);
        assertTrue(engine.events() > 100_000, "too few events: " + engine.events());
    }

    /**
     * The engine samples the thermal pair's equilibrium: a 1-cell crystal (8 octahedra, 12 X sites,
     * no vacancy, so no hop) in the dark, run event by event; the time spent with k octahedra in N
     * must match the exact weights Σ exp(−G/kT) over the phase states with at least one P
     * octahedron (the others are unreachable: the last P one has no template to convert from),
     * G = freeEnergy (pair, interface and N terms), within 4.5 σ from 20 batch means. Power: the
     * same data against weights without the interface term must fail somewhere.
     */
    @Test
    void timeInEachPhaseMacrostateMatchesTheExactEquilibrium() {
        Occupancy occ = alloy(1, 0, 11);
        PhaseConversion p = new PhaseConversion(0, 0.5, 5.0 / 6, 1e13, 0.5, 0.01, 0.01, 0.01);
        double[][] exact = new double[2][9];
        PhaseEvents probe = new PhaseEvents(occ.copy(), MATERIAL, p);
        int nb = probe.octahedra().count();
        for (int mask = 0; mask < (1 << nb) - 1; mask++) {
            PhaseEvents e = new PhaseEvents(occ.copy(), MATERIAL, p);
            Occupancy o = e.occupancyForTests();
            for (int b = 0; b < nb; b++) if ((mask >> b & 1) != 0) e.flip(b);
            double g = freeEnergy(e, o, MATERIAL, p);
            double gNoInterface = g - p.interfaceEnergy() * interfaceContacts(e);
            int k = Integer.bitCount(mask);
            exact[0][k] += Math.exp(-g / KT);
            exact[1][k] += Math.exp(-gNoInterface / KT);
        }
        for (double[] w : exact) {
            double z = 0;
            for (double v : w) z += v;
            for (int k = 0; k < w.length; k++) w[k] /= z;
        }
        var engine = new io.halidekmc.engine.exact.ExactEngine(occ, MATERIAL, List.of(new MixingTerm()),
                io.halidekmc.drive.DriveProgram.constant(KELVIN, 0), Rng.stream(12, 0));
        engine.enablePhaseConversion(p);
        PhaseEvents ev = engine.phase();
        int batches = 20, perBatch = 20000;
        double[][] batch = new double[batches][9];
        for (int bt = 0; bt < batches; bt++) {
            double t0 = engine.time();
            for (int n = 0; n < perBatch; n++) {
                int k = (int) ev.convertedCount();
                double before = engine.time();
                engine.advance(Double.POSITIVE_INFINITY, 1);
                batch[bt][k] += engine.time() - before;
            }
            double span = engine.time() - t0;
            for (int k = 0; k < 9; k++) batch[bt][k] /= span;
        }
        boolean powerFails = false;
        for (int k = 0; k < 9; k++) {
            double mean = 0, var = 0;
            for (double[] b : batch) mean += b[k] / batches;
            for (double[] b : batch) var += (b[k] - mean) * (b[k] - mean) / (batches - 1);
            double sigma = Math.sqrt(var / batches) + 1e-12;
            assertEquals(exact[0][k], mean, 4.5 * sigma + 1e-4, "macrostate " + k + " N octahedra");
            if (Math.abs(exact[1][k] - mean) > 4.5 * sigma + 1e-4) powerFails = true;
        }
        assertTrue(powerFails, "the weights without the interface term should be told apart");
    }

    private static int interfaceContacts(PhaseEvents e) {
        Octahedra o = e.octahedra();
        int c = 0;
        for (int b = 0; b < o.count(); b++) {
            if (e.isN(b)) {
                for (int i = 0; i < Octahedra.SLOTS; i++) if (o.neighbour(b, i) >= 0 && !e.isN(o.neighbour(b, i))) c++;
            } else {
                for (int i = 0; i < Octahedra.SLOTS; i++) if (o.neighbour(b, i) < 0) c++;
            }
        }
        return c;
    }

    @Test
    void prefactorsAboveTheEntropyBoundAreRefused() {
        assertThrowsIae(() -> new PhaseConversion(1e6, 0.5, 5.0 / 6, 2e15, 1.0, 0.1, 0.05, 0).requirePhysicalPrefactors());
        new PhaseConversion(1e6, 0.5, 5.0 / 6, 1.4e15, 1.0, 0.1, 0.05, 0).requirePhysicalPrefactors();
        assertThrowsIae(() -> new PhaseConversion(1e6, 0.5, 1.5, 1e14, 1.0, 0.1, 0.05, 0));
        assertArrayEquals(new int[] {5, 5, 3}, new int[] {PARAMS.iodideThreshold(6), PARAMS.iodideThreshold(5), PARAMS.iodideThreshold(3)});
    }

    private static void assertThrowsIae(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return;
        }
        throw new AssertionError("expected an IllegalArgumentException");
    }
}
