package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** physics.strain and physics.polaron keys: defaults, values and one-line errors. */
class StrainScenarioTest {
    private static String nc(String physics) {
        return ScenarioLoaderTest.base("geometry: {type: nanocrystal, edge_nm: 23}\ncomposition: {Br: 0.4, I: 0.6}\nphysics: " + physics,
                "{temperature: 300}");
    }

    @Test
    void strainKeysTakeDefaultsAndValues() {
        Scenario s = ScenarioLoader.parse(nc("{strain: {}}"), "f.yaml", null);
        assertEquals(15.0, s.strain().bulkModulusGPa());
        assertEquals(1e-3, s.strain().surfaceStrain());
        assertNull(s.strain().referenceFractions());
        assertTrue(Double.isNaN(s.strain().referenceTemperature()));
        s = ScenarioLoader.parse(nc("{strain: {bulk_modulus_GPa: 18, matrix_expansion_per_K: 0, surface_strain: 0.0017, collective: false, "
                + "reference: {composition: {Br: 0.4, I: 0.6}, temperature: 310}}}"), "f.yaml", null);
        assertEquals(18, s.strain().bulkModulusGPa());
        assertEquals(310, s.strain().referenceTemperature());
        assertEquals(0.6, s.strain().referenceFractions()[3]);
        assertEquals(false, s.strain().collective());
        assertNull(s.polaron());
    }

    @Test
    void polaronRegionIsTheRangeInBlocksOfTheFunnel() {
        Scenario s = ScenarioLoader.parse(nc("{carrier_funnel: {block_cells: 4, carriers: 200}, polaron: {range_nm: 8, binding: 0.05}}"), "f.yaml", null);
        assertEquals(12, s.polaron().regionCells());          // 8 nm / 5.96 Å = 13.4 cells → 3 blocks of 4
        assertEquals(0.05, s.polaron().binding());
        s = ScenarioLoader.parse(nc("{polaron: {carriers: 10}}"), "f.yaml", null);
        assertEquals(13, s.polaron().regionCells());
        assertEquals(10, s.polaron().carriers());
    }

    @Test
    void badValuesGiveOneLineErrorsWithTheKeyPath() {
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(nc("{strain: {surface_strain: 0.5}}"), "f.yaml", null));
        assertTrue(e.getMessage().startsWith("f.yaml: physics.strain.surface_strain"), e.getMessage());
        e = assertThrows(InputException.class, () -> ScenarioLoader.parse(nc("{strain: {bulk_modulus: 15}}"), "f.yaml", null));
        assertTrue(e.getMessage().contains("physics.strain") && e.getMessage().contains("bulk_modulus"), e.getMessage());
        e = assertThrows(InputException.class, () -> ScenarioLoader.parse(ScenarioLoaderTest.base(
                "geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 0.4, I: 0.6}\nphysics: {strain: {}}", "{temperature: 300}"), "f.yaml", null));
        assertTrue(e.getMessage().startsWith("f.yaml: physics.strain"), e.getMessage());
        e = assertThrows(InputException.class, () -> ScenarioLoader.parse(nc("{carrier_funnel: {carriers: 2}, polaron: {carriers: 3}}"), "f.yaml", null));
        assertTrue(e.getMessage().startsWith("f.yaml: physics.polaron.carriers"), e.getMessage());
        e = assertThrows(InputException.class, () -> ScenarioLoader.parse(nc("{polaron: {binding: 0.1}}"), "f.yaml", null));
        assertTrue(e.getMessage().startsWith("f.yaml: physics.polaron.carriers"), e.getMessage());
    }
}
