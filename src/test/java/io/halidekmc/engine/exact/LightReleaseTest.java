package io.halidekmc.engine.exact;

import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.LightRelease;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.SurfaceExchange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The light-driven release channel: off in the dark, and a one-way drive of iodide to the surface under light. */
class LightReleaseTest {
    static final double[] RATES = {0, 0, 0, 1e8};   // I only: the weaker Pb–I bond (001)
    static final LightRelease LIGHT = new LightRelease(405, 1e5, 1e-8, RATES);

    @Test
    void carrierDensityFollowsGenerationTimesLifetime() {
        // 50 W/cm² of 405 nm photons (3.0613 eV = 4.9048e-19 J): 1.01941e20 cm⁻² s⁻¹ × α 1e5 cm⁻¹ × τ 10 ns
        assertEquals(1.01941e17, LIGHT.carrierDensity(50), 0.00002e17);
        assertEquals(1e8 * 1.01941, LIGHT.rate(Species.I, 50), 1e-4 * 1e8);
        assertEquals(0, LIGHT.rate(Species.BR, 50));
    }

    ExactEngine engine(DriveProgram drive, boolean withLight, long seed) {
        Lattice lat = new Lattice(6, 6, 6, false, false, false);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.4, 0.6), 0.01, Rng.stream(seed, 0));
        ExactEngine e = new ExactEngine(occ, Material.mixture(0, 0.4, 0.6), List.of(new MixingTerm()), drive, Rng.stream(seed, 1));
        e.enableSurfaceExchange(SurfaceExchange.uniform(1e13, 0.3, 0.25, 0.02, 1.0), new long[4]);
        if (withLight) e.enableLightRelease(LIGHT);
        return e;
    }

    @Test
    void lightOffLeavesTheEquilibriumTrajectoryUnchanged() {
        DriveProgram dark = DriveProgram.constant(300, 0);
        ExactEngine a = engine(dark, false, 4), b = engine(dark, true, 4);
        a.advance(2e-7, Long.MAX_VALUE);
        b.advance(2e-7, Long.MAX_VALUE);
        assertEquals(a.events(), b.events());
        assertArrayEquals(a.occupancy().species, b.occupancy().species);
        assertTrue(a.surfaceEvents() > 0);
    }

    @Test
    void lightMovesIodideIntoTheReservoirAndDarkLetsItBack() {
        // light on for 2e-7 s, then dark: the reservoir's I count rises far above the dark
        // equilibrium (a few) while lit, then falls back after. Counts of tens vs a few: far apart.
        var light = new Schedule.Steps(50, new double[] {0, 2e-7}, new double[] {50, 0});
        DriveProgram drive = new DriveProgram(new Schedule.Constant(300), new Schedule.Constant(0), light);
        ExactEngine lit = engine(drive, true, 8), dark = engine(DriveProgram.constant(300, 0), true, 8);
        lit.advance(2e-7, Long.MAX_VALUE);
        dark.advance(2e-7, Long.MAX_VALUE);
        long litI = lit.reservoir(Species.I), darkI = dark.reservoir(Species.I);
        System.out.printf("reservoir I after 2e-7 s: lit %d, dark %d; Br lit %d%n", litI, darkI, lit.reservoir(Species.BR));
        assertTrue(litI > 3 * Math.max(darkI, 3), "light must drive iodide out: lit " + litI + " dark " + darkI);
        lit.advance(2e-6, Long.MAX_VALUE);
        assertTrue(lit.reservoir(Species.I) < litI / 2, "in the dark the reservoir refills the lattice: " + lit.reservoir(Species.I));
        assertEquals(0, lit.conditions().light());
    }
}
