package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;

import io.halidekmc.drive.Schedule;
import io.halidekmc.lattice.Geometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioLoaderTest {
    @TempDir
    Path tmp;

    static String base(String geometry, String drives) {
        return """
                name: t
                %s
                vacancy_fraction: 0.01
                drives: %s
                run: {until: 10}
                """.formatted(geometry, drives);
    }

    @Test
    void shippedScenariosLoad() throws Exception {
        try (var files = Files.list(Path.of("scenarios"))) {
            var list = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(list.size() >= 2);
            for (Path p : list) {
                Scenario s = ScenarioLoader.load(p);
                assertTrue(s.until() > 0, p.toString());
            }
        }
    }

    @Test
    void overridesReplaceValuesByKeyPathAndAreRecorded() {
        String text = base("geometry: {type: nanocrystal, edge_nm: 23}\ncomposition: {Br: 0.4, I: 0.6}", "{temperature: 300}");
        var o = new java.util.LinkedHashMap<String, Object>();
        o.put("geometry.edge_cells", 10);
        o.put("geometry.edge_nm", null);
        o.put("run.until", 5);
        Scenario s = ScenarioLoader.parse(text, "f.yaml", null, o);
        assertEquals(10, ((Geometry.Nanocrystal) s.geometry()).edge());
        assertEquals(5, s.until(), 0);
        assertTrue(s.text().contains("run.until: 5"), s.text());
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(text, "f.yaml", null,
                java.util.Map.of("name.x", 1)));
        assertEquals("f.yaml: cannot override below 'name': it is a value, not a mapping", e.getMessage());
    }

    @Test
    void coarseGrainingDividesTheEdgeAndRescalesTheRates() {
        String physics = """
                physics:
                  mixing: false
                  attempt_frequency: 1.0e6
                  surface_exchange: {attempt_frequency: 1.0e12, activation: 1.0, reservoir_energy: 0.3, reservoir_sites_per_surface_site: 6}
                  light_release: {absorption_per_cm: 1.0e5, lifetime_s: 1.0e-8, rate: {I: 0.3}, activation: {I: 1.2}, reference_temperature: 296.65}
                """;
        Scenario fine = ScenarioLoader.parse(base("geometry: {type: nanocrystal, edge_nm: 23}\ncomposition: {Br: 0.4, I: 0.6}\n" + physics,
                "{temperature: 300}"), "f.yaml", null);
        Scenario coarse = ScenarioLoader.parse(base("geometry: {type: nanocrystal, edge_nm: 23, coarse_grain: 3}\ncomposition: {Br: 0.4, I: 0.6}\n"
                + physics, "{temperature: 300}"), "f.yaml", null);
        assertEquals(39, ((Geometry.Nanocrystal) fine.geometry()).edge());
        assertEquals(13, ((Geometry.Nanocrystal) coarse.geometry()).edge());      // 230 Å / (5.966 Å · 3) = 12.9
        assertEquals(1.0e6, fine.material().attemptFrequency(), 0);
        assertEquals(1.0e6 / 9, coarse.material().attemptFrequency(), 1e-6);       // same D on a 3× coarser lattice
        assertEquals(1.0e12 / 3, coarse.surfaceExchange().attemptFrequency(), 1);  // b² surface sites per b³ cells
        assertEquals(2.0, coarse.surfaceExchange().sitesPerSurfaceSite(), 1e-12);
        assertEquals(0.1, coarse.lightRelease().rateAtReference()[io.halidekmc.lattice.Species.I], 1e-12);
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(base(
                "geometry: {type: nanocrystal, edge_cells: 10, coarse_grain: 3}\ncomposition: {Br: 0.4, I: 0.6}", "{temperature: 300}"), "f.yaml", null));
        assertEquals("f.yaml: geometry.coarse_grain: a coarse-grained nanocrystal needs its size as edge_nm (the physical edge)", e.getMessage());
    }

    @Test
    void nanocrystalEdgeInNanometresUsesTheVegardLatticeConstant() {
        Scenario s = ScenarioLoader.parse(base("geometry: {type: nanocrystal, edge_nm: 23}\ncomposition: {Br: 0.4, I: 0.6}",
                "{temperature: 300}"), "f.yaml", null);
        // a = 0.4·5.802 + 0.6·6.075 = 5.966 Å → 230 / 5.966 = 38.6 → 39 cells
        assertEquals(39, ((Geometry.Nanocrystal) s.geometry()).edge());
        assertEquals(5.9658, s.material().latticeConstant(), 1e-4);
    }

    @Test
    void biasIsConvertedToFieldOverTheWireLength() {
        Scenario s = ScenarioLoader.parse(base("""
                geometry:
                  type: nanowire
                  cross_section: [2, 2]
                  segments: [{length_cells: 50, composition: {Br: 1}}, {length_cells: 50, composition: {Cl: 1}}]""",
                "{temperature: 300, bias: 2}"), "f.yaml", null);
        double length = 100 * s.material().latticeConstant() * 1e-10;
        assertEquals(2 / length, s.drive().field().valueAt(0), 1e-6 * 2 / length);
        assertTrue(s.profiles(), "wires record profiles by default");
    }

    @Test
    void fieldInVoltsPerMicronIsStoredInVoltsPerMetre() {
        Scenario s = ScenarioLoader.parse(base("geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 1}",
                "{temperature: 300, field: {steps: [[0, 0], [1, 4]]}}"), "f.yaml", null);
        assertEquals(4e6, s.drive().field().valueAt(2), 1e-6);
        assertEquals(0, s.drive().field().valueAt(0.5));
    }

    @Test
    void pulsesAndCsvTablesAreRead() throws Exception {
        Scenario p = ScenarioLoader.parse(base("geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 1}",
                "{temperature: {pulses: {base: 297, peak: 310, width: 0.5, period: 5}}}"), "f.yaml", null);
        assertInstanceOf(Schedule.PulseTrain.class, p.drive().temperature());
        assertEquals(310, p.drive().temperature().valueAt(5.2));
        Files.writeString(tmp.resolve("heater.csv"), "time_s,T_K\n0,297\n4,304\n10,305\n");
        Scenario c = ScenarioLoader.parse(base("geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 1}",
                "{temperature: {csv: heater.csv}}"), "f.yaml", tmp);
        assertEquals(305, c.drive().temperature().valueAt(20));
        assertEquals(300.5, c.drive().temperature().valueAt(2), 0.05);
    }

    @Test
    void csvWithANonPositiveTemperatureIsRejectedWithTheRow() throws Exception {
        Files.writeString(tmp.resolve("bad.csv"), "0,297\n4,0\n");
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.parse(
                base("geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 1}", "{temperature: {csv: bad.csv}}"),
                "f.yaml", tmp));
        assertTrue(e.getMessage().contains("drives.temperature.csv") && e.getMessage().contains("row 2"), e.getMessage());
    }

    @Test
    void fieldAndBiasTogetherAreRejected() {
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.parse(
                base("geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 1}", "{temperature: 300, field: 1, bias: 1}"),
                "f.yaml", null));
        assertTrue(e.getMessage().contains("drives.bias"), e.getMessage());
    }

    @Test
    void surfaceExchangeIsReadForNanocrystalsAndRejectedElsewhere() {
        String nc = base("geometry: {type: nanocrystal, edge_cells: 6}\ncomposition: {Br: 1}\nphysics:\n  surface_exchange:\n"
                + "    activation: {Cl: 0.3, Br: 0.25, I: 0.2}\n    reservoir_energy: 0.1\n    initial_reservoir: {Br: 5}",
                "{temperature: 300}");
        Scenario s = ScenarioLoader.parse(nc, "f.yaml", null);
        assertEquals(0.2, s.surfaceExchange().activation()[io.halidekmc.lattice.Species.I], 1e-12);
        assertEquals(0.1, s.surfaceExchange().reservoirEnergy()[io.halidekmc.lattice.Species.BR], 1e-12);
        assertEquals(5, s.initialReservoir()[io.halidekmc.lattice.Species.BR]);
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.parse(
                nc.replace("type: nanocrystal, edge_cells: 6", "type: bulk, cells: [4, 4, 4]"), "f.yaml", null));
        assertTrue(e.getMessage().contains("physics.surface_exchange") && e.getMessage().contains("nanocrystal"), e.getMessage());
        InputException missing = assertThrows(InputException.class, () -> ScenarioLoader.parse(
                nc.replace("    reservoir_energy: 0.1\n", ""), "f.yaml", null));
        assertTrue(missing.getMessage().contains("physics.surface_exchange.reservoir_energy"), missing.getMessage());
    }

    @Test
    void heaterDriveGivesTheFittedFilmTemperature() {
        Scenario s = ScenarioLoader.parse(base("geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 1}",
                "{temperature: {heater: {on: {steps: [[0, 0], [1, 1]]}}}}"), "f.yaml", null);
        var t = s.drive().temperature();
        assertEquals(io.halidekmc.drive.HeaterModel.AMBIENT, t.valueAt(0.5), 0.05);
        // 4 s after switching on: ≈ 31 °C (TARGETS §A), within the ±1 K the fit reproduces
        assertEquals(273.15 + 31, t.valueAt(5), 1.0);
        assertTrue(t.valueAt(9.99) > t.valueAt(5));
    }

    @Test
    void carrierFunnelIsReadAndRefusedWithSurfaceExchange() {
        Scenario s = ScenarioLoader.parse(base("geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 0.5, I: 0.5}\n"
                + "physics: {carrier_funnel: {block_cells: 2, carriers: 50}}", "{temperature: 300}"), "f.yaml", null);
        assertEquals(50, s.carrierFunnel().carriers(), 0);
        assertEquals(2, s.carrierFunnel().blockCells());
        InputException both = assertThrows(InputException.class, () -> ScenarioLoader.parse(base(
                "geometry: {type: nanocrystal, edge_cells: 4}\ncomposition: {Br: 0.5, I: 0.5}\nphysics:\n"
                        + "  surface_exchange: {activation: 0.3, reservoir_energy: 0.2}\n  carrier_funnel: {carriers: 5}",
                "{temperature: 300}"), "f.yaml", null));
        assertTrue(both.getMessage().contains("physics.carrier_funnel"), both.getMessage());
        InputException neither = assertThrows(InputException.class, () -> ScenarioLoader.parse(base(
                "geometry: {type: bulk, cells: [4, 4, 4]}\ncomposition: {Br: 1}\nphysics: {carrier_funnel: {block_cells: 2}}",
                "{temperature: 300}"), "f.yaml", null));
        assertTrue(neither.getMessage().contains("physics.carrier_funnel.carriers"), neither.getMessage());
    }

    @Test
    void regionsPlModelIsReadWithItsConfinementCurve() {
        String nc = "geometry: {type: nanocrystal, edge_cells: 6}\ncomposition: {Br: 1}\n";
        Scenario table = ScenarioLoader.parse(base(nc + "output: {pl: {model: regions, block_cells: 2}}", "{temperature: 300}"),
                "f.yaml", null);
        assertEquals(io.halidekmc.observe.PlSpectrum.Model.REGIONS, table.pl().model());
        assertEquals("table", table.pl().confinement());
        Scenario bracket = ScenarioLoader.parse(base(nc + "output: {pl: {model: regions, confinement: bracket}}", "{temperature: 300}"),
                "f.yaml", null);
        assertEquals("bracket", bracket.pl().confinement());
        assertEquals(4, bracket.pl().blockCells());
        Scenario core = ScenarioLoader.parse(base(nc + "output: {pl: {model: core}}", "{temperature: 300}"), "f.yaml", null);
        assertEquals(io.halidekmc.observe.PlSpectrum.Model.CORE, core.pl().model());
    }
}
