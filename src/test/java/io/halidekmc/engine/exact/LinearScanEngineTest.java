package io.halidekmc.engine.exact;

import io.halidekmc.engine.Rng;

import io.halidekmc.bench.BenchProblem;
import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark baseline must simulate the same process, or the speed ratio means nothing. */
class LinearScanEngineTest {
    @Test
    void baselineKeepsTheOccupancyConsistentAndItsTotalRateMatchesTheExactEngine() {
        Material m = Material.mixture(0, 0.4, 0.6);
        Occupancy occ = InitialState.randomAlloy(new Geometry.Nanocrystal(6).lattice(), InitialState.fractions(0, 0.4, 0.6),
                0.03, Rng.stream(2, 0));
        LinearScanEngine b = new LinearScanEngine(occ, m, List.of(new MixingTerm()), new Conditions(300, 0), Rng.stream(2, 1));
        assertEquals(20_000, b.advance(20_000));
        Occupancy fresh = occ.copy();
        int n = occ.lattice.sites(); // the sink's word is scratch
        assertArrayEquals(java.util.Arrays.copyOf(fresh.counts, n), java.util.Arrays.copyOf(occ.counts, n),
                "packed words after 2e4 baseline hops equal a recount");
        // the baseline's total rate (re-summed every event) equals the exact engine's on the same state
        ExactEngine e = new ExactEngine(fresh, m, List.of(new MixingTerm()), DriveProgram.constant(300, 0), Rng.stream(2, 3));
        assertEquals(e.totalRate(), b.totalRate(), 1e-9 * e.totalRate());
    }

    @Test
    void benchProblemsHaveTheSpecifiedSizes() {
        assertEquals(3 * 64 * 64 * 64, BenchProblem.BOX64.geometry().lattice().activeSites());
        // 23 nm / 5.966 Å = 38.6 → 39 cells
        assertEquals(39, ((Geometry.Nanocrystal) BenchProblem.NC23.geometry()).edge());
    }
}
