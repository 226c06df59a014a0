package io.halidekmc.observe;

import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RadialProfileTest {
    private static final long[] NO_RESERVOIR = new long[Species.COUNT];

    private static Lattice cube(int n) {
        return new Lattice(n, n, n, false, false, false);
    }

    /** Species by depth below the surface (0 = surface layer), every other stored site WALL. */
    private static Occupancy layered(Lattice l, int... speciesByDepth) {
        byte[] sp = new byte[l.sites() + 1];
        int[] p = new int[3];
        for (int s = 0; s < l.sites(); s++) {
            if (!l.isActive(s)) {
                sp[s] = Species.WALL;
                continue;
            }
            l.position(s, p);
            int o = RadialProfile.depth(l.cellsX(), p);
            sp[s] = (byte) speciesByDepth[Math.min(o, speciesByDepth.length - 1)];
        }
        return new Occupancy(l, sp);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 6, 9})
    void theOutermostShellIsExactlyTheSurfaceLayer(int n) {
        Lattice l = cube(n);
        int[] p = new int[3];
        for (int s = 0; s < l.sites(); s++) {
            if (!l.isActive(s)) continue;
            l.position(s, p);
            boolean surface = (l.flags()[s] & Lattice.SURFACE) != 0;
            assertEquals(surface, RadialProfile.depth(n, p) == 0, "site " + s + " of a " + n + "-cell crystal");
        }
        RadialProfile r = RadialProfile.of(List.of(layered(l, Species.I, Species.BR)), NO_RESERVOIR, 0);
        long total = 0;
        for (int k = 0; k < r.shells(); k++) total += r.sites(k);
        assertEquals(l.activeSites(), total, "every site in one shell");
        assertEquals(r.surfaceSites(), r.counts()[r.surfaceShell()][Species.I]);
    }

    /** n = 6 (the shipped 23 nm crystal at b = 6): shells d ≤ 1, 2–3, 4–5 and the surface, radii 0.5, 1.5, 2.5, 3 cells. */
    @Test
    void aCoreShellCrystalGivesItsLayersAndFullContrast() {
        Lattice l = cube(6);
        Occupancy o = layered(l, Species.I, Species.I, Species.BR);
        RadialProfile r = RadialProfile.of(List.of(o), new long[] {0, 0, 3, 7}, 12.5);
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3}, r.radius(), 0);
        assertEquals(4, r.shells());
        assertEquals(1.0, r.fraction(0, Species.BR), 0);
        assertEquals(1.0, r.fraction(1, Species.BR), 0);
        assertEquals(1.0, r.fraction(2, Species.I), 0);
        assertEquals(1.0, r.fraction(3, Species.I), 0);
        // core = shells within half the surface radius (1.5 ≤ 3/2): all Br; surface all I
        assertEquals(1.0, r.contrast(), 0);
        assertEquals(12.5, r.time());
        assertArrayEquals(new long[] {0, 0, 3, 7}, r.reservoir());
        assertEquals(0, r.worstVacancyFraction());
    }

    @Test
    void vacanciesDoNotReadAsIodidePoorInTheContrast() {
        Lattice l = cube(6);
        Occupancy o = layered(l, Species.I, Species.BR);
        // a quarter of the surface emptied: its remaining halides are still all I
        int emptied = 0;
        int[] p = new int[3];
        for (int s = 0; s < l.sites() && emptied < 100; s++) {
            if (!l.isActive(s)) continue;
            l.position(s, p);
            if (RadialProfile.depth(6, p) == 0) {
                o.setSpecies(s, Species.VACANCY);
                emptied++;
            }
        }
        RadialProfile r = RadialProfile.of(List.of(o), NO_RESERVOIR, 0);
        assertEquals(1.0, r.contrast(), 0);
        assertEquals(100.0 / r.surfaceSites(), r.fraction(r.surfaceShell(), Species.VACANCY), 1e-15);
        assertEquals(100.0 / l.activeSites(), r.worstVacancyFraction(), 1e-15);
    }

    /**
     * A random alloy has no radial structure. n = 24: 3 × 24 × 25² = 45000 sites, 6912 on the surface
     * and 6084 in the core; x_I = 0.6 gives σ(contrast) = √(0.24 (1/6912 + 1/6084)) = 0.0086, so
     * 4σ = 0.035 bounds it; a shell of N ≥ 1000 sites has σ(x_I) ≤ √(0.24/1000) = 0.0155, 4σ = 0.062
     * (the central shells hold a handful of sites and are left out). Fixed seed: it holds or fails for good.
     */
    @Test
    void aRandomAlloyHasNoContrast() {
        Lattice l = cube(24);
        Occupancy o = InitialState.randomAlloy(l, InitialState.fractions(0, 0.4, 0.6), 0, Rng.stream(5, 0));
        RadialProfile r = RadialProfile.of(List.of(o), NO_RESERVOIR, 0);
        assertEquals(0, r.contrast(), 0.035);
        for (int k = 0; k < r.shells(); k++) {
            if (r.sites(k) >= 1000) assertEquals(0.6, r.fraction(k, Species.I), 0.062, "shell " + k);
        }
    }

    @Test
    void aFilmAlignsItsCrystalsAtTheSurface() {
        Occupancy small = layered(cube(4), Species.I, Species.BR);
        Occupancy large = layered(cube(8), Species.I, Species.BR);
        RadialProfile r = RadialProfile.of(List.of(small, large), new long[] {0, 0, 1, 2}, 0);
        RadialProfile alone = RadialProfile.of(List.of(large), NO_RESERVOIR, 0);
        assertArrayEquals(alone.radius(), r.radius(), 0, "radii of the largest crystal");
        assertEquals(RadialProfile.of(List.of(small), NO_RESERVOIR, 0).surfaceSites() + alone.surfaceSites(), r.surfaceSites());
        assertEquals(1.0, r.fraction(r.surfaceShell(), Species.I), 0);
        assertEquals(1.0, r.contrast(), 0);
    }

    @Test
    void aBulkBoxHasNoRadialProfile() {
        Lattice l = new Lattice(4, 4, 4, true, true, true);
        Occupancy o = InitialState.randomAlloy(l, InitialState.fractions(0, 0.5, 0.5), 0, Rng.stream(1, 0));
        assertThrows(IllegalArgumentException.class, () -> RadialProfile.of(List.of(o), NO_RESERVOIR, 0));
    }

    @Test
    void aCrystalTooSmallForACoreHasNoContrast() {
        RadialProfile r = RadialProfile.of(List.of(layered(cube(1), Species.I)), NO_RESERVOIR, 0);
        assertEquals(1, r.shells());
        assertTrue(Double.isNaN(r.contrast()));
    }
}
