package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wire-device scenario keys: length scale, contacts, sources, space charge, bias over the gap. */
class WireScenarioTest {
    private static final String BASE = """
            name: w
            geometry:
              type: nanowire
              cross_section: [2, 2]
              length_scale: 10
              contact_width_nm: 1500
              segments:
                - {length_nm: 6000, composition: {Br: 1.0}}
                - {length_nm: 6000, composition: {Cl: 1.0}}
            vacancy_fraction: 0.003
            vacancy_fraction_physical: 3.0e-8
            physics: {electrodes: true, space_charge: {refresh_interval: 10}}
            drives: {temperature: 300, bias: 9.0}
            run: {until: 100}
            """;

    @Test
    void lengthScaleShrinksTheWireAndMultipliesTheTimeScaleBySSquared() {
        Scenario s = ScenarioLoader.parse(BASE, "w.yaml", Path.of("."));
        assertNotNull(s.wire());
        double aNm = 0.5802;
        assertEquals(Math.round(1500 / 10 / aNm), s.wire().contactCells());
        assertEquals(2 * Math.round(6000 / 10 / aNm), s.geometry().lengthZ());
        assertEquals(1e5 * 100, s.timeScale(), 1e-3);
        assertEquals(1e5, s.vacancyScale(), 1e-6);
        // 9 V over the physical gap: (L − 2w)·a·s ≈ 9 µm → 1 V/µm
        double gapM = (s.geometry().lengthZ() - 2 * s.wire().contactCells()) * s.material().latticeConstant() * 1e-10 * 10;
        assertEquals(9.0 / gapM, s.drive().field().valueAt(0), 1e-6);
        assertEquals(10, s.wire().spaceCharge().refreshInterval());
        assertEquals(1.3e-5, s.wire().sources().alpha()[2]);
    }

    @Test
    void contactsLeavingNoGapAreRejectedWithTheKeyPath() {
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(BASE, "w.yaml", Path.of("."),
                Map.of("geometry.contact_width_nm", 7000)));
        assertTrue(e.getMessage().contains("geometry.contact_width_nm"), e.getMessage());
    }

    @Test
    void unknownElectrodeKeyIsRejectedWithTheKeyPath() {
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(BASE, "w.yaml", Path.of("."),
                Map.of("physics.electrodes", Map.of("alfa", 1))));
        assertTrue(e.getMessage().contains("physics.electrodes.alfa"), e.getMessage());
    }

    @Test
    void shippedWireScenariosLoad() {
        for (String f : new String[] {"wire-003-forward.yaml", "wire-003-reverse.yaml", "wire-000-staircase.yaml",
                "wire-003/forward-1.5.yaml", "bulk-CsPbBr3-mobility.yaml"}) {
            Path p = Path.of("scenarios").resolve(f);
            Scenario s = ScenarioLoader.load(p);
            assertTrue(s.timeScale() >= 1, f);
        }
    }
}
