package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Materials;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** physics.phase_conversion: values, the time scale, the pair energies δ enters, and one-line errors. */
class PhaseConversionScenarioTest {
    static final String KEYS = "light_prefactor: 9.0e6, light_barrier: 0.6, reconversion_prefactor: 9.2e13, "
            + "reconversion_barrier: 1.061, formation_energy: 0.3";

    private static String nc(String geometryExtra, String physics, String vacancyPhysical) {
        return ScenarioLoaderTest.base("geometry: {type: nanocrystal, edge_nm: 6" + geometryExtra + "}\ncomposition: {Br: 0.4, I: 0.6}\n"
                + vacancyPhysical + "physics: " + physics, "{temperature: 300}");
    }

    @Test
    void valuesAreReadAndScaledToSimulatedTime() {
        Scenario plain = ScenarioLoader.parse(nc("", "{mixing: true}", ""), "f.yaml", null);
        assertNull(plain.phaseConversion());
        Scenario s = ScenarioLoader.parse(nc("", "{phase_conversion: {" + KEYS + ", iodide_boundary_preference: 0.01}}",
                "vacancy_fraction_physical: 1.0e-5\n"), "f.yaml", null);
        double f = 0.01 / 1e-5;
        assertEquals(f, s.timeScale(), 1e-9 * f);
        // a simulated second stands for F physical ones: the events fire F times as often per simulated second
        assertEquals(9.0e6 * f, s.phaseConversion().lightPrefactor(), 1e-6 * 9e6 * f);
        assertEquals(9.2e13 * f, s.phaseConversion().reconversionPrefactor(), 1e-6 * 9.2e13 * f);
        assertEquals(5.0 / 6, s.phaseConversion().minIodideFraction(), 1e-15);
        assertEquals(0.0, s.phaseConversion().bromideCost());
        double[][] v = s.material().pairEnergies();
        assertEquals(0.01, v[Species.I][Species.I], 1e-15);
        assertEquals(-0.01, v[Species.BR][Species.BR], 1e-15);
        assertEquals(Materials.W_BR_I, v[Species.BR][Species.I] - (v[Species.I][Species.I] + v[Species.BR][Species.BR]) / 2, 1e-15);
    }

    @Test
    void misplacedOrUnphysicalValuesAreRefusedWithTheirKey() {
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(
                nc("", "{phase_conversion: {" + KEYS.replace("9.2e13", "5e15") + "}}", ""), "f.yaml", null));
        assertTrue(e.getMessage().contains("physics.phase_conversion.reconversion_prefactor"), e.getMessage());
        e = assertThrows(InputException.class, () -> ScenarioLoader.parse(
                nc(", coarse_grain: 2", "{phase_conversion: {" + KEYS + "}}", ""), "f.yaml", null));
        assertTrue(e.getMessage().contains("coarse_grain must be 1"), e.getMessage());
        e = assertThrows(InputException.class, () -> ScenarioLoader.parse(
                nc("", "{mixing: false, phase_conversion: {" + KEYS + ", iodide_boundary_preference: 0.01}}", ""), "f.yaml", null));
        assertTrue(e.getMessage().contains("needs physics.mixing: true"), e.getMessage());
        e = assertThrows(InputException.class, () -> ScenarioLoader.parse(
                nc("", "{phase_conversion: {" + KEYS + ", light_barier: 0.5}}", ""), "f.yaml", null));
        assertTrue(e.getMessage().contains("light_barier"), e.getMessage());
        e = assertThrows(InputException.class, () -> ScenarioLoader.parse(ScenarioLoaderTest.base(
                "geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 0.4, I: 0.6}\nphysics: {phase_conversion: {" + KEYS + "}}",
                "{temperature: 300}"), "f.yaml", null));
        assertTrue(e.getMessage().contains("belongs to a nanocrystal"), e.getMessage());
    }

    @Test
    void excitonAveragingIsARegionsModelKey() {
        String regions = nc("", "{mixing: true}", "") + "output: {interval: 1, pl: {model: regions, exciton_nm: 7}}\n";
        assertEquals(7.0, ScenarioLoader.parse(regions, "f.yaml", null).pl().excitonNm());
        String plain = nc("", "{mixing: true}", "") + "output: {interval: 1, pl: {model: regions}}\n";
        assertEquals(0.0, ScenarioLoader.parse(plain, "f.yaml", null).pl().excitonNm());
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(
                nc("", "{mixing: true}", "") + "output: {interval: 1, pl: {model: core, exciton_nm: 7}}\n", "f.yaml", null));
        assertTrue(e.getMessage().contains("output.pl.exciton_nm: applies to model: regions only"), e.getMessage());
    }
}
