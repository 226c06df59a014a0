package io.halidekmc.lattice;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The X-sublattice geometry every physics reference value assumes (REFERENCE.md): 3 sites per
 * cell, each with exactly the sites at distance a/√2 (2 in half-constant² units, minimum image
 * on periodic axes) as its 8 neighbours, symmetric, and cut bonds only at open faces.
 */
class LatticeGeometryTest {

    @ParameterizedTest(name = "{0}x{1}x{2} periodic {3},{4},{5}")
    @CsvSource({"4, 3, 5, true, true, true", "3, 3, 3, false, false, false", "4, 2, 3, true, false, true", "2, 2, 2, true, true, false"})
    void neighboursAreExactlyTheSitesAtHalfFaceDiagonal(int nx, int ny, int nz, boolean px, boolean py, boolean pz) {
        Lattice lat = new Lattice(nx, ny, nz, px, py, pz);
        int[] nb = lat.neighbours();
        int[] len = {2 * nx, 2 * ny, 2 * nz};
        boolean[] per = {px, py, pz};
        int[] p = new int[3], q = new int[3];
        int active = 0;
        for (int s = 0; s < lat.sites(); s++) {
            if (!lat.isActive(s)) continue;
            active++;
            lat.position(s, p);
            int found = 0;
            for (int t = 0; t < lat.sites(); t++) {
                if (t == s || !lat.isActive(t)) continue;
                lat.position(t, q);
                int d2 = 0;
                for (int a = 0; a < 3; a++) {
                    int d = Math.abs(p[a] - q[a]);
                    if (per[a]) d = Math.min(d, len[a] - d);
                    d2 += d * d;
                }
                if (d2 == 2) {
                    found++;
                    boolean listed = false;
                    for (int j = 0; j < Lattice.Z; j++) listed |= nb[s * Lattice.Z + j] == t;
                    assertTrue(listed, "site " + t + " at a/√2 from " + s + " not a neighbour");
                }
            }
            int real = 0;
            for (int j = 0; j < Lattice.Z; j++) {
                int t = nb[s * Lattice.Z + j];
                if (t == lat.sink()) continue;
                real++;
                boolean back = false;
                for (int i = 0; i < Lattice.Z; i++) back |= nb[t * Lattice.Z + i] == s;
                assertTrue(back, "neighbour relation not symmetric: " + s + " -> " + t);
            }
            assertEquals(found, real, "neighbours of " + s);
            boolean allPeriodic = px && py && pz;
            if (allPeriodic) assertEquals(Lattice.Z, real);
            assertEquals(real < Lattice.Z, (lat.flags()[s] & Lattice.SURFACE) != 0, "surface flag of " + s);
        }
        // 3 sites per cell of the periodic part; open axes add the closing face
        assertEquals(lat.activeSites(), active);
        if (px && py && pz) assertEquals(3 * nx * ny * nz, active);
        if (!px && !py && !pz) assertEquals(3 * nx * (nx + 1) * (nx + 1), active);   // cube: 3n(n+1)² edges
    }
}
