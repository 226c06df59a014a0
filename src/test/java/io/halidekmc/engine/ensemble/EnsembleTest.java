package io.halidekmc.engine.ensemble;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.SurfaceExchange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsembleTest {
    static Ensemble.Spec spec() {
        Material m = Material.mixture(0, 0.4, 0.6);
        return new Ensemble.Spec(6, 5, 1.5, InitialState.fractions(0, 0.4, 0.6), 0.01, m, List.of(new MixingTerm()),
                DriveProgram.constant(300, 0), SurfaceExchange.uniform(1e13, 0.3, 0.25, 0.02, 1.0));
    }

    @Test
    void membersAreIdenticalWhateverTheThreadCount() {
        try (Ensemble one = new Ensemble(spec(), 42, 1); Ensemble two = new Ensemble(spec(), 42, 2)) {
            long a = one.advance(5e-8), b = two.advance(5e-8);
            assertEquals(a, b);
            assertTrue(a > 10_000);
            for (int i = 0; i < 6; i++) {
                assertEquals(one.edgeCells(i), two.edgeCells(i));
                assertArrayEquals(one.members().get(i).occupancy().species, two.members().get(i).occupancy().species);
                assertEquals(one.members().get(i).time(), two.members().get(i).time());
            }
        }
    }

    @Test
    void sizesFollowTheRequestedDistribution() {
        // 6 members, mean 5 nm, spread 1.5 nm, a = 0.5966 nm: edges of 8.4 ± 2.5 cells at the normal
        // quantiles (i + ½)/6 (z = ±0.21, ±0.67, ±1.38): 5, 7, 8, 9, 10, 12 cells after rounding
        try (Ensemble e = new Ensemble(spec(), 7, 1)) {
            double sum = 0;
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (int i = 0; i < 6; i++) {
                sum += e.edgeCells(i);
                distinct.add(e.edgeCells(i));
            }
            int[] expected = {5, 7, 8, 9, 10, 12};
            for (int i = 0; i < 6; i++) assertEquals(expected[i], e.edgeCells(i));
            assertEquals(8.4, sum / 6, 0.5);   // symmetric quantiles: the mean up to rounding
            assertTrue(distinct.size() > 1);
        }
    }
}
