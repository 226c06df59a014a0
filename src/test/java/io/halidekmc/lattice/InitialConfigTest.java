package io.halidekmc.lattice;

import io.halidekmc.engine.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in starting configurations put each composition where they say, with exact counts. */
class InitialConfigTest {
    static final double[] BR = InitialState.fractions(0, 1, 0), I = InitialState.fractions(0, 0, 1);

    static int[] pos(Lattice l, int s) {
        int[] p = new int[3];
        l.position(s, p);
        return p;
    }

    @Test
    void randomAlloyIsTodaysGeneratorBitForBit() {
        Lattice l = new Geometry.Nanocrystal(6).lattice();
        List<Segment> seg = List.of(new Segment(0, 6, InitialState.fractions(0.1, 0.4, 0.5)));
        Occupancy a = new InitialConfig.RandomAlloy().build(l, seg, 0.02, Rng.stream(5, 0));
        Occupancy b = InitialState.randomAlloy(l, seg, 0.02, Rng.stream(5, 0));
        assertArrayEquals(b.species, a.species);
    }

    @Test
    void coreShellPutsTheShellCompositionWithinShellCellsOfEveryFace() {
        Lattice l = new Geometry.Nanocrystal(8).lattice();
        Occupancy o = new InitialConfig.CoreShell(2, BR, I).build(l, List.of(), 0, Rng.stream(1, 0));
        int shell = 0, core = 0;
        for (int s = 0; s < l.sites(); s++) {
            if (!l.isActive(s)) {
                assertEquals(Species.WALL, o.species[s]);
                continue;
            }
            int[] p = pos(l, s);
            int depth = Integer.MAX_VALUE;
            for (int a = 0; a < 3; a++) depth = Math.min(depth, Math.min(p[a], 16 - p[a]));
            boolean inShell = depth < 4;
            assertEquals(inShell ? Species.I : Species.BR, o.species[s], "site at " + p[0] + " " + p[1] + " " + p[2]);
            if (inShell) shell++;
            else core++;
        }
        // the core: sites strictly inside half coordinates 4..12 on every axis, 3·4³ + faces between
        assertTrue(core > 0 && shell > core, core + " core, " + shell + " shell");
    }

    @Test
    void gradientChangesTheCompositionLayerByLayerWithExactCounts() {
        Lattice l = new Geometry.Bulk(10, 4, 4).lattice();
        Occupancy o = new InitialConfig.Gradient(0, BR, I).build(l, List.of(), 0, Rng.stream(2, 0));
        int[] iodide = new int[10], sites = new int[10];
        for (int s = 0; s < l.sites(); s++) {
            int layer = pos(l, s)[0] >> 1;
            sites[layer]++;
            if (o.species[s] == Species.I) iodide[layer]++;
        }
        for (int layer = 0; layer < 10; layer++) {
            assertEquals(Math.round((layer + 0.5) / 10 * sites[layer]), iodide[layer], "layer " + layer);
        }
    }

    @Test
    void domainsAlternateLikeACheckerboardOfTheGivenSize() {
        Lattice l = new Geometry.Bulk(8, 8, 8).lattice();
        Occupancy o = new InitialConfig.Domains(2, I, BR).build(l, List.of(), 0, Rng.stream(3, 0));
        int nI = 0;
        for (int s = 0; s < l.sites(); s++) {
            int[] p = pos(l, s);
            int parity = ((p[0] >> 1) / 2 + (p[1] >> 1) / 2 + (p[2] >> 1) / 2) & 1;
            assertEquals(parity == 0 ? Species.I : Species.BR, o.species[s]);
            if (o.species[s] == Species.I) nI++;
        }
        assertEquals(l.sites() / 2, nI, "4 domains per axis: half the crystal each");
    }

    @Test
    void generatorsPlaceTheScenariosVacancyCountUniformly() {
        Lattice l = new Geometry.Nanocrystal(8).lattice();
        Occupancy o = new InitialConfig.CoreShell(1, BR, I).build(l, List.of(), 0.03, Rng.stream(4, 0));
        assertEquals(Math.round(0.03 * l.activeSites()), o.vacancies);
        Occupancy again = new InitialConfig.CoreShell(1, BR, I).build(l, List.of(), 0.03, Rng.stream(4, 0));
        assertArrayEquals(o.species, again.species, "the seed's stream 0 fixes the start");
    }

    @Test
    void siteAtHalfInvertsPosition() {
        Lattice l = new Geometry.Nanowire(3, 3, List.of(new Segment(0, 4, BR))).lattice();
        int found = 0;
        for (int s = 0; s < l.sites(); s++) {
            int[] p = pos(l, s);
            assertEquals(l.isActive(s) ? s : -1, l.siteAtHalf(p[0], p[1], p[2]));
            if (l.isActive(s)) found++;
        }
        assertEquals(l.activeSites(), found);
        assertEquals(-1, l.siteAtHalf(1, 1, 0), "two odd coordinates: a cell edge centre, no X site");
        assertEquals(-1, l.siteAtHalf(0, 0, 0), "a cell corner (B site)");
    }
}
