package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 22 item 2, at every nesting level: a misspelt key is named with the nearest allowed key,
 * and a range states its unit. Each row edits one line of a valid nanocrystal scenario.
 */
class InputMessagesTest {
    static final String BASE = """
            name: t
            geometry: {type: nanocrystal, edge_nm: 4}
            composition: {Br: 0.4, I: 0.6}
            vacancy_fraction: 0.01
            physics:
              attempt_frequency: 1.0e12
              surface_exchange: {activation: 0.3, reservoir_energy: 0.25, repulsion: 0.02}
              light_release: {absorption_per_cm: 1.0e5, lifetime_s: 1.0e-8, rate: {I: 1.0e8}}
            drives:
              temperature: {pulses: {base: 297, peak: 310, width: 1.0e-7, period: 2.0e-7}}
              light: 50
            run: {until: 1.0e-6}
            output: {interval: 1.0e-7, pl: {model: core, block_cells: 4}}
            """;

    private static String message(String from, String to) {
        if (!BASE.contains(from)) throw new AssertionError("not in the base scenario: " + from);
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(BASE.replace(from, to), "f.yaml", null));
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            top level          | vacancy_fraction:     | vacancy_fracton:    | f.yaml: vacancy_fracton: unknown key; did you mean `vacancy_fraction`?
            section            | physics:              | physic:             | f.yaml: physic: unknown key; did you mean `physics`? allowed here: name, description, seed, vacancy_fraction, vacancy_fraction_physical, geometry, film, composition, physics, drives, engine, sector, run, output, material, initial
            physics term       | surface_exchange:     | surface_exchang:    | f.yaml: physics.surface_exchang: unknown key; did you mean `surface_exchange`? allowed here: mixing, field, attempt_frequency, electrodes, space_charge, surface_exchange, light_release, carrier_funnel, strain, polaron, phase_conversion
            term parameter     | {activation: 0.3,     | {activaton: 0.3,    | f.yaml: physics.surface_exchange.activaton: unknown key; did you mean `activation`?
            per-halide value   | rate: {I: 1.0e8}      | rate: {II: 1.0e8}   | f.yaml: physics.light_release.rate.II: unknown key; did you mean `I`? allowed here: Cl, Br, I
            schedule form      | {pulses: {base: 297,  | {pulse: {base: 297, | f.yaml: drives.temperature.pulse: unknown key; did you mean `pulses`?
            schedule parameter | peak: 310             | peek: 310           | f.yaml: drives.temperature.pulses.peek: unknown key; did you mean `peak`?
            output subsection  | {model: core,         | {modle: core,       | f.yaml: output.pl.modle: unknown key; did you mean `model`? allowed here: model, block_cells, confinement, exciton_nm
            geometry           | edge_nm: 4}           | edge_mn: 4}         | f.yaml: geometry.edge_mn: unknown key; did you mean `edge_nm`?
            snapshots form     | interval: 1.0e-7,     | snapshots: {evry: 1.0e-7}, interval: 1.0e-7, | f.yaml: output.snapshots.evry: unknown key; did you mean `every`?
            heater             | {pulses: {base: 297,  | {heatr: {on: 1}, x: {base: 297, | f.yaml: drives.temperature.heatr: unknown key; did you mean `heater`?
            heater parameter   | {pulses: {base: 297, peak: 310, width: 1.0e-7, period: 2.0e-7}} | {heater: {on: 1, ambinet: 290}} | f.yaml: drives.temperature.heater.ambinet: unknown key; did you mean `ambient`? allowed here: on, resolution, ambient
            """)
    void misspeltKeyIsNamedWithTheNearestKey(String level, String from, String to, String expected) {
        assertEquals(expected, message(from, to), level);
    }

    @Test
    void misspeltKeyInAListItemIsNamedWithTheNearestKey() {
        String wire = """
                name: w
                geometry: {type: nanowire, cross_section: [2, 2], segments: [{length_nm: 4, composition: {Br: 1}}, {length_mn: 4, composition: {Cl: 1}}]}
                vacancy_fraction: 0.01
                drives: {temperature: 300}
                run: {until: 1.0e-6}
                """;
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(wire, "f.yaml", null));
        assertEquals("f.yaml: geometry.segments[1].length_mn: unknown key; did you mean `length_nm`?", e.getMessage());
    }

    @Test
    void misspeltFilmKeyIsNamedWithTheNearestKey() {
        String film = BASE.replace("vacancy_fraction: 0.01", "film: {count: 2, spred_nm: 1}\nvacancy_fraction: 0.01");
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(film, "f.yaml", null));
        assertEquals("f.yaml: film.spred_nm: unknown key; did you mean `spread_nm`? allowed here: count, spread_nm, threads", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            temperature        | temperature: {pulses: {base: 297, | temperature: {pulses: {base: -1,    | f.yaml: drives.temperature.pulses.base: -1.0 is out of range; allowed: (0, 5000] K
            light              | light: 50                         | light: -5                           | f.yaml: drives.light: -5.0 is out of range; allowed: [0, 1000000] W/cm²
            pulse width        | width: 1.0e-7                     | width: 0                            | f.yaml: drives.temperature.pulses.width: 0.0 is out of range; allowed: (0, 1000000000] s
            energy             | activation: 0.3                   | activation: -1                      | f.yaml: physics.surface_exchange.activation: -1.0 is out of range; allowed: [0, 5] eV
            per-halide rate    | rate: {I: 1.0e8}                  | rate: {I: -1}                       | f.yaml: physics.light_release.rate.I: -1.0 is out of range; allowed: [0, 1.0E15] 1/s
            attempt frequency  | attempt_frequency: 1.0e12         | attempt_frequency: 0                | f.yaml: physics.attempt_frequency: 0.0 is out of range; allowed: (0, 1.0E16] 1/s
            lifetime           | lifetime_s: 1.0e-8                | lifetime_s: 2                       | f.yaml: physics.light_release.lifetime_s: 2.0 is out of range; allowed: (0, 1] s
            length             | edge_nm: 4}                       | edge_nm: -4}                        | f.yaml: geometry.edge_nm: -4.0 is out of range; allowed: (0, 1000] nm
            cells              | {model: core, block_cells: 4}     | {model: core, block_cells: 0}       | f.yaml: output.pl.block_cells: 0 is out of range; allowed: [1, 64] cells
            output interval    | interval: 1.0e-7                  | interval: -1                        | f.yaml: output.interval: -1.0 is out of range; allowed: (0, 1.0E-6] s
            """)
    void rangeStatesItsUnit(String quantity, String from, String to, String expected) {
        assertEquals(expected, message(from, to), quantity);
    }
}
