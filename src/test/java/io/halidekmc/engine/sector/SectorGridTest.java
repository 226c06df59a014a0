package io.halidekmc.engine.sector;

import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.Lattice;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The touching sectors found around each sector are those the pairwise definition gives. */
class SectorGridTest {

    @Test
    void touchingSectorsAreThoseOfThePairwiseTest() {
        Object[][] cases = {
                {new Lattice(12, 12, 12, true, true, true), new int[] {2, 2, 2}},
                {new Lattice(16, 12, 8, true, true, true), new int[] {4, 6, 1}},
                {new Lattice(24, 24, 24, true, true, true), null},
                {new Geometry.Nanocrystal(11).lattice(), new int[] {3, 2, 5}},
                {new Lattice(12, 12, 20, true, true, false), new int[] {2, 4, 3}},
        };
        int checked = 0;
        for (Object[] c : cases) {
            SectorGrid g = new SectorGrid((Lattice) c[0], (int[]) c[1]);
            int n = g.count();
            for (int a = 0; a < n; a++) {
                int aa = a;
                int[] want = IntStream.range(0, n).filter(b -> b != aa && g.touch(aa, b)).toArray();
                assertArrayEquals(want, g.touching[a], "sector " + a + " of blocks " + java.util.Arrays.toString(g.blocks));
                checked += want.length;
            }
        }
        assertTrue(checked > 500, "pairs checked: " + checked);
    }
}
