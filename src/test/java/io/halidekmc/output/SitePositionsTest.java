package io.halidekmc.output;

import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.lattice.Lattice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SitePositions recomputes the lattice's numbering from the geometry: it must agree with Lattice site by site. */
class SitePositionsTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "geometry: {type: bulk, cells: [3, 4, 5]}\ncomposition: {Br: 1}",
            "geometry: {type: nanocrystal, edge_cells: 5}\ncomposition: {Br: 1}",
            "geometry: {type: nanowire, cross_section: [2, 3], segments: [{length_cells: 4, composition: {Br: 1}}]}"})
    void crystalSitesAndPositionsAreTheLatticeOnes(String geometry) {
        Scenario s = ScenarioLoader.parse("name: t\n" + geometry + "\nvacancy_fraction: 0.01\ndrives: {temperature: 300}\nrun: {until: 1.0e-9}\n",
                "t.yaml", null);
        Lattice lat = s.geometry().lattice();
        SitePositions p = SitePositions.of(s, 6.0);
        assertArrayEquals(lat.activeSiteList(), p.sites());
        assertEquals(lat.sites(), p.storedSites());
        int[] h = new int[3];
        for (int i = 0; i < p.count(); i++) {
            lat.position(p.sites()[i], h);
            assertArrayEquals(h, new int[] {p.half()[3 * i], p.half()[3 * i + 1], p.half()[3 * i + 2]}, "site " + p.sites()[i]);
        }
        for (int a = 0; a < 3; a++) assertEquals(lat.periodic(a), p.periodic()[a]);
        assertArrayEquals(new int[] {lat.cellsX(), lat.cellsY(), lat.cellsZ()}, p.cells());
        assertEquals(lat.layersZ(), p.layers()[2]);
        assertEquals(3.0, p.step());
    }
}
