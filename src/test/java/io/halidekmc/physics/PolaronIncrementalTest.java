package io.halidekmc.physics;

import io.halidekmc.engine.Rng;

import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.CarrierFunnel;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Constants;
import io.halidekmc.physics.Polaron;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kept two-level sum of {@link FunnelState} with the polaron term: after thousands of booked
 * moves, the O(1) rate factor of every candidate hop equals exp(−ΔF/2kT) with F recomputed from
 * scratch ({@link Polaron#freeEnergy}) before and after the move. Blocks of 2 cells inside regions
 * of 4, so hops inside a block, across blocks in one region, and across regions all occur.
 */
class PolaronIncrementalTest {

    @ParameterizedTest(name = "funnelling {0}")
    @ValueSource(booleans = {true, false})
    void incrementalFactorEqualsFullRecomputation(boolean withFunnel) {
        Lattice lat = new Lattice(8, 8, 8, true, true, true);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.5, 0.5), 0.01, Rng.stream(12, 0));
        double kT = Constants.K_B * 300;
        CarrierFunnel f = withFunnel ? new CarrierFunnel(2, 7, false, BandGap.fitToTargets()) : null;
        Polaron p = new Polaron(4, 0.15, 7, false);
        FunnelState fs = new FunnelState(occ, f, p, null, 6.0);
        fs.setConditions(new Conditions(300, 0));
        GapBlocks blocks = new GapBlocks(lat, withFunnel ? 2 : 4), regions = new GapBlocks(lat, 4);
        UniformRandomProvider r = Rng.stream(12, 1);
        int[] nb = lat.neighbours();
        int checked = 0, crossRegion = 0;
        for (int move = 0; move < 6000; move++) {
            int v = occ.vacancySite[r.nextInt(occ.vacancies)];
            int h = nb[v * Lattice.Z + r.nextInt(Lattice.Z)];
            if (!Species.isHalide(occ.species[h])) continue;
            int x = occ.species[h];
            if (move % 20 == 0) {
                double before = p.freeEnergy(occ, blocks, regions, f, 7, kT);
                Occupancy after = occ.copy();
                after.hop(v, h);
                double dF = p.freeEnergy(after, blocks, regions, f, 7, kT) - before;
                double expected = Math.exp(-dF / (2 * kT));
                assertEquals(expected, fs.factor(v, h, x), 1e-9 * expected, "factor vs full ΔF = " + dF);
                checked++;
                if (regions.blockOf(v) != regions.blockOf(h)) crossRegion++;
            }
            fs.moved(v, h, x);
            occ.hop(v, h);
        }
        assertTrue(checked > 200 && crossRegion > 20, "checked " + checked + ", across regions " + crossRegion);
    }
}
