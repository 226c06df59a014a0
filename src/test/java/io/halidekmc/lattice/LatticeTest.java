package io.halidekmc.lattice;

import io.halidekmc.engine.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatticeTest {

    @Test
    void everyBulkSiteHasEightDistinctNeighboursAtHalfDiagonalDistance() {
        Lattice l = new Lattice(3, 4, 5, true, true, true);
        assertEquals(3 * 3 * 4 * 5, l.sites());
        int[] nb = l.neighbours();
        int[] p = new int[3], q = new int[3];
        int[] span = {6, 8, 10};
        for (int s = 0; s < l.sites(); s++) {
            l.position(s, p);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int j = 0; j < Lattice.Z; j++) {
                int n = nb[s * Lattice.Z + j];
                assertTrue(n < l.sites(), "no cut bond in a periodic box");
                assertTrue(seen.add(n), "neighbours distinct");
                l.position(n, q);
                int d2 = 0;
                for (int a = 0; a < 3; a++) {
                    int d = Math.floorMod(q[a] - p[a] + span[a] / 2, span[a]) - span[a] / 2;
                    d2 += d * d;
                }
                assertEquals(2, d2, "a/√2 = √2 half-constants");
                assertTrue(contains(nb, n, s), "neighbour relation is symmetric");
            }
        }
    }

    private static boolean contains(int[] nb, int s, int target) {
        for (int j = 0; j < Lattice.Z; j++) if (nb[s * Lattice.Z + j] == target) return true;
        return false;
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "5"})
    void cubeNanocrystalHoldsCompleteOctahedra(int n) {
        // n cells per edge: (n+1)^3 B sites each with 6 X; X count 3 n (n+1)^2
        Lattice l = new Lattice(n, n, n, false, false, false);
        assertEquals(3 * n * (n + 1) * (n + 1), l.activeSites());
        int surface = 0;
        for (int s = 0; s < l.sites(); s++) {
            if (!l.isActive(s)) continue;
            if ((l.flags()[s] & Lattice.SURFACE) != 0) surface++;
            for (int j = 0; j < Lattice.Z; j++) {
                int nbr = l.neighbours()[s * Lattice.Z + j];
                assertTrue(nbr == l.sink() || l.isActive(nbr), "bonds lead to active sites or the sink");
            }
        }
        assertTrue(surface > 0 && surface <= l.activeSites());
    }

    @Test
    void randomAlloyHasExactCompositionAndVacancyCount() {
        Lattice l = new Lattice(8, 8, 8, true, true, true);
        Occupancy o = InitialState.randomAlloy(l, InitialState.fractions(0, 0.4, 0.6), 0.01, Rng.stream(5, 0));
        long[] c = o.census();
        int nv = (int) Math.round(0.01 * l.sites());
        assertEquals(nv, c[Species.VACANCY]);
        assertEquals(nv, o.vacancies);
        // the halide split is exact before vacancies replace random sites: Br within ±nv of 40 %
        assertTrue(Math.abs(c[Species.BR] - 0.4 * l.sites()) <= nv);
        assertEquals(l.sites(), c[Species.BR] + c[Species.I] + c[Species.VACANCY]);
        for (int s = 0; s < l.sites(); s++) {
            for (int sp = 0; sp < Species.COUNT; sp++) {
                int n = 0;
                for (int j = 0; j < Lattice.Z; j++) if (o.species[l.neighbours()[s * Lattice.Z + j]] == sp) n++;
                assertEquals(n, o.neighbourCount(s, sp));
            }
        }
    }

    @Test
    void wireSegmentsFillTheirLayersAndTheClosingFace() {
        Lattice l = new Geometry.Nanowire(2, 2, java.util.List.of(
                new Segment(0, 3, InitialState.fractions(0, 1, 0)),
                new Segment(3, 6, InitialState.fractions(1, 0, 0)))).lattice();
        Occupancy o = InitialState.randomAlloy(l, java.util.List.of(
                new Segment(0, 3, InitialState.fractions(0, 1, 0)),
                new Segment(3, 6, InitialState.fractions(1, 0, 0))), 0, Rng.stream(1, 0));
        for (int s = 0; s < l.sites(); s++) {
            if (!l.isActive(s)) {
                assertEquals(Species.WALL, o.species[s]);
                continue;
            }
            int layer = l.zHalf(s) >> 1;
            assertEquals(layer < 3 ? Species.BR : Species.CL, o.species[s], "site " + s + " layer " + layer);
        }
        assertNotEquals(0, l.flags()[0] & Lattice.CONTACT_LOW);
    }

    @Test
    void impossibleLatticeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Lattice(0, 4, 4, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> new Lattice(1, 4, 4, true, true, true));
    }
}
