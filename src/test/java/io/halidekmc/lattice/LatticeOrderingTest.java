package io.halidekmc.lattice;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The brick site numbering against the geometry it encodes (DESIGN §2). */
class LatticeOrderingTest {

    private static final int[][] SHAPES = {
            {4, 4, 4, 1, 1, 1}, {5, 6, 7, 1, 1, 1}, {5, 6, 7, 0, 0, 0}, {9, 3, 2, 1, 0, 1},
            {2, 2, 11, 0, 0, 0}, {8, 8, 8, 1, 1, 0}, {13, 4, 6, 0, 1, 1}};

    @Test
    void positionsAreDistinctAndNeighboursMatchGeometry() {
        for (int[] sh : SHAPES) {
            Lattice lat = new Lattice(sh[0], sh[1], sh[2], sh[3] == 1, sh[4] == 1, sh[5] == 1);
            int n = lat.sites();
            int[] len = {lat.periodic(0) ? sh[0] : sh[0] + 1, lat.periodic(1) ? sh[1] : sh[1] + 1,
                    lat.periodic(2) ? sh[2] : sh[2] + 1};
            assertEquals(3 * len[0] * len[1] * len[2], n);
            Map<Long, Integer> at = new HashMap<>();
            int[] p = new int[3];
            for (int s = 0; s < n; s++) {
                lat.position(s, p);
                assertEquals(s % 3 == 0 ? 1 : 0, p[0] & 1, "sublattice of " + s);
                assertEquals(s % 3 == 1 ? 1 : 0, p[1] & 1);
                assertEquals(s % 3 == 2 ? 1 : 0, p[2] & 1);
                assertEquals(p[2], lat.zHalf(s));
                assertNull(at.put(key(p), s), "two sites at one position");
            }
            int[] nb = lat.neighbours();
            int[] q = new int[3];
            for (int s = 0; s < n; s++) {
                if (!lat.isActive(s)) continue;
                lat.position(s, p);
                for (int j = 0; j < Lattice.Z; j++) {
                    boolean cut = false;
                    for (int a = 0; a < 3; a++) {
                        int c = p[a] + Lattice.offset(s % 3, j, a);
                        if (lat.periodic(a)) c = Math.floorMod(c, 2 * len[a]);
                        else if (c < 0 || c > 2 * (len[a] - 1)) cut = true;
                        q[a] = c;
                    }
                    int m = nb[s * Lattice.Z + j];
                    if (cut) {
                        assertEquals(lat.sink(), m);
                    } else {
                        assertEquals(at.get(key(q)).intValue(), m, "neighbour " + j + " of " + s);
                        // symmetric
                        boolean back = false;
                        for (int i = 0; i < Lattice.Z; i++) back |= nb[m * Lattice.Z + i] == s;
                        assertTrue(back);
                    }
                }
                if (lat.isRegular(s)) {
                    int[] off = lat.regularOffsets();
                    for (int j = 0; j < Lattice.Z; j++) assertEquals(s + off[(s % 3) * Lattice.Z + j], nb[s * Lattice.Z + j]);
                }
            }
        }
    }

    @Test
    void mostSitesOfALargeBoxAreRegular() {
        Lattice lat = new Lattice(16, 16, 16, true, true, true);
        int regular = 0;
        for (int s = 0; s < lat.sites(); s++) if (lat.isRegular(s)) regular++;
        assertTrue(regular > lat.sites() / 3, "regular sites: " + regular);
    }

    private static long key(int[] p) {
        return ((long) p[0] << 42) | ((long) p[1] << 21) | p[2];
    }
}
