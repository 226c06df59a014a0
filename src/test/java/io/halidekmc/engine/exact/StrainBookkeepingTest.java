package io.halidekmc.engine.exact;

import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.LightRelease;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.Strain;
import io.halidekmc.physics.SurfaceExchange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strain terms: incremental rates equal full recomputation; off ⇒ the same trajectory bit for bit. */
class StrainBookkeepingTest {
    private static final double[] REF = {0, 0, 0.5, 0.5};

    /**
     * A 6³ NC with surface exchange, light release and both strain terms, through a 300 → 320 K
     * step: after every round each hop rate equals ν·exp(−(E_m + ΔE/2)/kT) with ΔE from two full
     * energy computations (mixing + surface site energies), the kept lattice counts equal a census
     * and the surface event total equals a freshly built engine's.
     */
    @Test
    void ratesAfterManyEventsEqualFullRecomputation() {
        Lattice lat = new Lattice(6, 6, 6, false, false, false);
        Occupancy o = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.4, 0.6), 0.02, Rng.stream(4, 0));
        Material m = Material.mixture(0, 0.4, 0.6);
        SurfaceExchange sx = SurfaceExchange.uniform(1e13, 0.25, 0.0, 0.02, 1.0);
        Strain strain = new Strain(15, 9e-6, REF, 300.0, 2e-3, true);
        var drive = new DriveProgram(new Schedule.Steps(300, new double[] {0, 4e-8}, new double[] {300, 320}), new Schedule.Constant(0),
                new Schedule.Steps(20, new double[] {0, 2e-8}, new double[] {20, 0}));
        ExactEngine e = new ExactEngine(o, m, List.of(new MixingTerm()), drive, Rng.stream(4, 1));
        e.enableSurfaceExchange(sx, new long[] {0, 0, 20, 20});
        e.enableLightRelease(new LightRelease(405, 1e5, 1e-8, new double[] {0, 0, 1e7, 5e7}));
        e.enableStrain(strain);
        Strain.Nc nc = strain.resolve(new long[] {0, 0, 1, 1}, 300, 216);
        int checked = 0;
        for (int round = 0; round < 6; round++) {
            e.advance(Double.POSITIVE_INFINITY, 30_000);
            long[] census = o.census();
            for (int x = Species.CL; x <= Species.I; x++) assertEquals(census[x], e.keptLatticeHalides(x), "kept lattice count");
            Conditions c = e.conditions();
            double kT = c.kT();
            double e0 = new MixingTerm().total(o, m, c) + nc.surfaceEnergy(o);
            int[] nb = lat.neighbours();
            for (int id = 0; id < o.vacancies; id++) {
                int v = o.vacancySite[id];
                for (int j = 0; j < Lattice.Z; j++) {
                    int h = nb[v * Lattice.Z + j];
                    if (h == lat.sink() || !Species.isHalide(o.species[h])) {
                        assertEquals(0, e.rate(id, j));
                        continue;
                    }
                    int x = o.species[h];
                    Occupancy after = o.copy();
                    after.hop(v, h);
                    double dE = new MixingTerm().total(after, m, c) + nc.surfaceEnergy(after) - e0;
                    double expected = m.attemptFrequency() * Math.exp(-(m.barriers()[x] + dE / 2) / kT);
                    assertEquals(expected, e.rate(id, j), 1e-9 * expected, "rate of a hop with ΔE = " + dE);
                    checked++;
                }
            }
            // the surface events' globals against an engine built from scratch in this state
            Occupancy fresh = o.copy();
            ExactEngine ref = new ExactEngine(fresh, m, List.of(new MixingTerm()),
                    new DriveProgram(new Schedule.Constant(c.temperature()), new Schedule.Constant(0), new Schedule.Constant(c.light())),
                    Rng.stream(9, 9));
            long[] res = {0, 0, e.reservoir(Species.BR), e.reservoir(Species.I)};
            ref.enableSurfaceExchange(sx, res);
            ref.enableLightRelease(new LightRelease(405, 1e5, 1e-8, new double[] {0, 0, 1e7, 5e7}));
            ref.enableStrain(strain);
            assertEquals(ref.surfaceRate(), e.surfaceRate(), 1e-9 * ref.surfaceRate(), "surface total rate");
            assertEquals(ref.strain(), e.strain(), 1e-15);
        }
        assertTrue(checked > 500, "hops checked: " + checked);
        assertTrue(e.surfaceEvents() > 100, "surface events: " + e.surfaceEvents());
    }

    @Test
    void aTemperatureStepChangesTheStrainState() {
        Lattice lat = new Lattice(8, 8, 8, false, false, false);
        Occupancy o = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.4, 0.6), 0.0, Rng.stream(5, 0));
        Material m = Material.mixture(0, 0.4, 0.6);
        var drive = new DriveProgram(new Schedule.Steps(310, new double[] {0, 1e-9}, new double[] {310, 300}), new Schedule.Constant(0));
        ExactEngine e = new ExactEngine(o, m, List.of(new MixingTerm()), drive, Rng.stream(5, 1));
        // exchange too slow to fire here (1.5 eV): the composition stays, only T moves ε
        e.enableSurfaceExchange(SurfaceExchange.uniform(1e13, 1.5, 0.2, 0.0, 1.0), new long[4]);
        e.enableStrain(new Strain(15, 9e-6, null, Double.NaN, 1e-3, true));
        assertEquals(0, e.strain(), 1e-15, "made at the initial composition and temperature");
        e.advance(2e-9, Long.MAX_VALUE);
        assertEquals(0, e.surfaceEvents());
        long[] n = o.census();
        double alphaNc = (n[Species.BR] * Strain.expansion(Species.BR) * 5.802 + n[Species.I] * Strain.expansion(Species.I) * 6.075)
                / (n[Species.BR] * 5.802 + n[Species.I] * 6.075);
        // cooling by 10 K: the NC contracts ≈ 0.084 %, the matrix 0.009 %: compressive misfit
        // first order in α·ΔT: the neglected second-order terms are ≈ 10⁻⁶ absolute
        assertEquals(-10 * (alphaNc - 9e-6), e.strain(), 2e-6);
        double aRef = Strain.vegard(new double[] {0, 0, n[Species.BR], n[Species.I]}, 310);
        double expected = 4.5 * 15e9 * 512 * Math.pow(aRef * 1e-10, 3) * e.strain() * e.strain() / io.halidekmc.physics.Constants.E_CHARGE;
        assertEquals(expected, e.elasticEnergy(), 1e-9 * expected, "(9/2)·K·V·ε² of a 512-cell NC");
    }

    /** Strain parameters that switch both terms off must not change a single event. */
    @Test
    void strainOffLeavesTheTrajectoryBitIdentical() {
        Lattice lat = new Lattice(5, 5, 5, false, false, false);
        Material m = Material.mixture(0, 0.4, 0.6);
        SurfaceExchange sx = SurfaceExchange.uniform(1e13, 0.25, 0.05, 0.02, 1.0);
        Occupancy a = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.4, 0.6), 0.02, Rng.stream(6, 0));
        Occupancy b = a.copy();
        var drive = new DriveProgram(new Schedule.Steps(300, new double[] {0, 5e-9}, new double[] {300, 330}), new Schedule.Constant(0));
        ExactEngine plain = new ExactEngine(a, m, List.of(new MixingTerm()), drive, Rng.stream(6, 1));
        plain.enableSurfaceExchange(sx, new long[] {0, 0, 5, 5});
        ExactEngine off = new ExactEngine(b, m, List.of(new MixingTerm()), drive, Rng.stream(6, 1));
        off.enableSurfaceExchange(sx, new long[] {0, 0, 5, 5});
        off.enableStrain(new Strain(0, 9e-6, null, Double.NaN, 0, true));
        plain.advance(1e-8, 200_000);
        off.advance(1e-8, 200_000);
        assertEquals(plain.events(), off.events());
        assertEquals(plain.time(), off.time());
        assertEquals(plain.surfaceEvents(), off.surfaceEvents());
        assertArrayEquals(a.species, b.species);
        assertTrue(plain.surfaceEvents() > 100);
    }
}
