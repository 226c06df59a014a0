package io.halidekmc.observe;

import io.halidekmc.physics.BandGap;
import io.halidekmc.physics.GapBlocks;

import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlSpectrumTest {
    final BandGap gap = BandGap.fitToTargets();
    final double[] grid = PlSpectrum.grid(400, 750, 1401);

    @Test
    void mixedCrystalEmitsAtItsCompositionPeak() {
        Lattice l = new Lattice(16, 16, 16, true, true, true);
        Occupancy o = InitialState.randomAlloy(l, InitialState.fractions(0, 0.4, 0.6), 0, Rng.stream(1, 0));
        long[][] c = new GapBlocks(l, 8).counts(o);
        double[] s = new double[grid.length];
        PlSpectrum.accumulate(c, gap, PlSpectrum.Model.CORE, 300, 1, grid, s);
        // 8-cell blocks of a random alloy hold x_I within ±0.01 of 0.6, i.e. ±1 nm around 626 nm
        assertEquals(626, PlSpectrum.peak(grid, s), 2);
    }

    @Test
    void funnellingPicksTheLowGapRegionWhileCoreEmissionFollowsVolume() {
        // 7/8 of the sample pure Br, one block of 1/8 pure I: core emission sits at the Br peak,
        // funnelled emission at the I peak
        Lattice l = new Lattice(16, 16, 16, true, true, true);
        byte[] sp = new byte[l.sites() + 1];
        int[] p = new int[3];
        for (int s = 0; s < l.sites(); s++) {
            l.position(s, p);
            sp[s] = (p[0] < 16 && p[1] < 16 && p[2] < 16) ? Species.I : Species.BR;
        }
        Occupancy o = new Occupancy(l, sp);
        long[][] c = new GapBlocks(l, 8).counts(o);
        double[] core = new double[grid.length], funnel = new double[grid.length];
        PlSpectrum.accumulate(c, gap, PlSpectrum.Model.CORE, 300, 1, grid, core);
        PlSpectrum.accumulate(c, gap, PlSpectrum.Model.FUNNEL, 300, 1, grid, funnel);
        assertEquals(520, PlSpectrum.peak(grid, core), 1);
        assertEquals(690, PlSpectrum.peak(grid, funnel), 1);
        double fwhmNm = 0;
        for (double v : core) if (v >= 0.5 * 7 / 8.0) fwhmNm += grid[1] - grid[0];
        assertTrue(Math.abs(fwhmNm - 20) < 3, "homogeneous width at 520 nm ≈ 0.0895 eV ≈ 19.4 nm, got " + fwhmNm);
    }
}
