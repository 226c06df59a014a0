package io.halidekmc.observe;

import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObserverTest {
    @Test
    void orderParameterIsNearZeroForARandomAlloy() {
        Lattice l = new Lattice(16, 16, 16, true, true, true);
        Occupancy o = InitialState.randomAlloy(l, InitialState.fractions(0, 0.5, 0.5), 0, Rng.stream(3, 0));
        Frame f = Observer.frame(o, 0, 0, 300, 0, 0);
        // 49152 pairs-per-site·sites/2 ≈ 2e5 pairs: the unlike fraction has σ ≈ 0.5/√(2e5) ≈ 1e-3 → 5σ
        assertEquals(0, f.order(), 5e-3);
        assertEquals(0.5, f.fractions()[Species.BR], 1e-12);
    }

    @Test
    void orderParameterIsNearOneForTwoSlabs() {
        Lattice l = new Lattice(8, 8, 16, true, true, true);
        byte[] sp = new byte[l.sites() + 1];
        for (int s = 0; s < l.sites(); s++) sp[s] = (l.zHalf(s) < 16) ? Species.BR : Species.I;
        Frame f = Observer.frame(new Occupancy(l, sp), 0, 0, 300, 0, 0);
        // only the two interfaces carry unlike pairs: 1 − order = (interface pairs / all) / 0.5
        assertTrue(f.order() > 0.8, "order " + f.order());
    }

    @Test
    void profileCountsEveryActiveSiteOnce() {
        Lattice l = new Lattice(3, 3, 5, true, true, false);
        Occupancy o = InitialState.randomAlloy(l, InitialState.fractions(0.2, 0.3, 0.5), 0.05, Rng.stream(1, 0));
        Profile p = Observer.profile(o, 0);
        long total = 0;
        for (long[] layer : p.counts()) for (long c : layer) total += c;
        assertEquals(l.activeSites(), total);
        assertEquals(6, p.counts().length);
    }
}
