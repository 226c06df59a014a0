package io.halidekmc.cli;

import static io.halidekmc.cli.CliOutcome.cli;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.BandGap;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MaterialParameters;
import io.halidekmc.physics.MaterialTable;
import io.halidekmc.physics.Materials;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * material: in the scenario (issue 21 item 1): the library values are the defaults, bit for bit;
 * a value set there changes the run; /meta holds the resolved set; bad values are one line, exit 2.
 */
class MaterialParametersTest {
    /** Mixing, carrier funnel (band gap in the kinetics), PL (band gap in the output) and snapshots. */
    static final String RUN = """
            name: m
            seed: 4
            geometry: {type: bulk, cells: [8, 8, 8]}
            composition: {Br: 0.5, I: 0.5}
            vacancy_fraction: 0.01
            physics: {field: false, carrier_funnel: {block_cells: 4, carriers: 50}}
            drives: {temperature: 250}
            run: {until: 4.0e-8}
            output: {interval: 1.0e-8, snapshots: [0, 4.0e-8], pl: {model: funnel, block_cells: 4}}
            """;

    /** Surface exchange and both strain terms: the end-member expansion and radii in the kinetics. */
    static final String STRAIN = """
            name: m
            seed: 12
            geometry: {type: nanocrystal, edge_cells: 6}
            composition: {Br: 0.4, I: 0.6}
            vacancy_fraction: 0.01
            physics:
              field: false
              surface_exchange: {activation: 0.3, reservoir_energy: 0.25, repulsion: 0.05}
              strain: {bulk_modulus_GPa: 15, surface_strain: 0.01}
            drives: {temperature: {steps: [[0, 308.15], [2.0e-8, 297.15]]}}
            run: {until: 4.0e-8}
            output: {interval: 1.0e-8, snapshots: [4.0e-8]}
            """;

    @TempDir
    Path tmp;



    Path run(String dir, String text) throws IOException {
        Files.createDirectories(tmp.resolve(dir));
        Path s = Files.writeString(tmp.resolve(dir).resolve("m.yaml"), text);
        CliOutcome o = cli("run", s.toString(), "--out", tmp.resolve(dir).resolve("out").toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        return tmp.resolve(dir).resolve("out/m.h5");
    }

    /** Every dataset under the groups that hold results, by path (the /meta group differs by wall clock). */
    static Map<String, Object> results(Path h5) {
        Map<String, Object> out = new TreeMap<>();
        try (HdfFile f = new HdfFile(h5)) {
            for (String g : new String[] {"timeseries", "pl", "snapshots", "strain"}) {
                if (f.getChildren().containsKey(g)) collect((Group) f.getChild(g), out);
            }
        }
        return out;
    }

    private static void collect(Group g, Map<String, Object> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset d) out.put(d.getPath(), d.getData());
            else if (n instanceof Group sub) collect(sub, out);
        }
    }

    static boolean sameData(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        for (String k : a.keySet()) if (!Objects.deepEquals(a.get(k), b.get(k))) return false;
        return true;
    }

    @Test
    void libraryValuesAreTheHardCodedOnesTheModelUsedBefore() {
        double[] f = {0, 0.1, 0.4, 0.5};
        MaterialParameters p = MaterialParameters.defaults();
        assertEquals(0.0060, p.wBrI(), 0.0, "the Cs compound's w (Materials.W_BR_I), not the MA value");
        assertEquals(Materials.W_BR_I_MA * (15.0 / 24) * (15.0 / 24), p.wClBr(), 0.0);
        assertEquals(Materials.W_BR_I_MA * (39.0 / 24) * (39.0 / 24), p.wClI(), 0.0);
        double[] barriers = new double[Species.COUNT];
        for (int x = Species.CL; x <= Species.I; x++) barriers[x] = Materials.endMember(x).migrationBarrier();
        double a = 0.1 * 5.605 + 0.4 * 5.802 + 0.5 * 6.075;
        assertEquals(new Material("CsPbCl0.3Br1.2I1.5", f, a, barriers, Materials.defaultPairEnergies(), 1.0e13), p.mixture(f));
        BandGap fit = BandGap.fitToTargets(), g = p.bandGap();
        assertArrayEquals(fit.endMember(), g.endMember(), 0.0);
        assertArrayEquals(new double[] {fit.bClBr(), fit.bClI(), fit.bBrI()}, new double[] {g.bClBr(), g.bClI(), g.bBrI()}, 0.0);
    }

    @Test
    void theDefaultsWrittenOutReproduceTheRunBitForBitAndASetValueChangesIt() throws IOException {
        Path plain = run("plain", RUN);
        String explicit = RUN + MaterialTable.yaml(MaterialParameters.defaults());
        Path spelled = run("explicit", explicit);
        Map<String, Object> a = results(plain), b = results(spelled);
        assertTrue(a.containsKey("/timeseries/energy_eV") && a.containsKey("/pl/spectrum") && a.containsKey("/snapshots/occupancy"), a.keySet().toString());
        assertTrue(sameData(a, b), "explicit library values must give the same datasets, bit for bit");

        Path stronger = run("w", RUN + "material: {mixing: {w_BrI: 0.012}}\n");
        assertFalse(sameData(a, results(stronger)), "w_BrI = 12 meV must change the trajectory");
        Path gap = run("gap", RUN + "material: {band_gap: {bowing: {BrI: 0.1}}}\n");
        Map<String, Object> c = results(gap);
        assertFalse(Arrays.equals((double[]) a.get("/pl/peak_nm"), (double[]) c.get("/pl/peak_nm")), "the bowing moves the PL");
    }

    @Test
    void theStrainTermsTakeTheEndMemberDataFromTheMaterial() throws IOException {
        Map<String, Object> a = results(run("plain", STRAIN));
        Map<String, Object> b = results(run("explicit", STRAIN + MaterialTable.yaml(MaterialParameters.defaults())));
        assertTrue(a.containsKey("/snapshots/occupancy"), a.keySet().toString());
        assertTrue(sameData(a, b), "explicit library values must give the same datasets, bit for bit");
        Map<String, Object> c = results(run("radius", STRAIN + "material: {ionic_radius_pm: {I: 206}}\n"));
        assertFalse(sameData(a, c), "a smaller iodide changes the surface strain energies and so the trajectory");
        var strain = ScenarioLoader.parse(STRAIN + "material: {expansion_per_K: {Br: 1.0e-4}, ionic_radius_pm: {I: 206}}\n", "x.yaml", tmp).strain();
        assertEquals(206.0, strain.ionicRadiusPm()[Species.I]);
        assertEquals(1.0e-4, strain.expansionPerK()[Species.BR]);
        assertEquals(io.halidekmc.physics.Strain.expansion(Species.I), strain.expansionPerK()[Species.I], "the others keep the library's");
    }

    @Test
    void metaHoldsTheResolvedSetWhichReadsBackToTheSameParameters() throws IOException {
        Path h5 = run("meta", RUN + "material: {mixing: {w_BrI: 0.012}, migration_barrier: {I: 0.31}}\n");
        String text;
        try (HdfFile f = new HdfFile(h5)) {
            text = ((String[]) f.getDatasetByPath("meta/material_parameters").getData())[0];
            assertEquals("1", f.getDatasetByPath("meta/material_parameters").getAttribute("units").getData());
        }
        MaterialParameters expected = MaterialParameters.defaults().withMixing(0.012, Materials.W_CL_BR, Materials.W_CL_I)
                .withBarriers(new double[] {0, 0.29, 0.25, 0.31});
        assertEquals(MaterialTable.yaml(expected), text);
        assertTrue(text.contains("  mixing: {w_BrI: 0.012, w_ClBr: "), text);
        // the recorded text, pasted into the scenario without its own material: section, resolves to the same set
        assertEquals(expected, ScenarioLoader.parse(RUN + text, "x.yaml", tmp).parameters());
    }

    @Test
    void metaAddsTheResolvedPhaseConversionRates() throws IOException {
        String pc = """
                name: m
                geometry: {type: nanocrystal, edge_cells: 4}
                composition: {Br: 0.4, I: 0.6}
                vacancy_fraction: 0.01
                vacancy_fraction_physical: 0.001
                physics:
                  phase_conversion: {light_prefactor: 9.0e6, light_barrier: 0.55, reconversion_prefactor: 9.2e14,
                                     reconversion_barrier: 1.061, formation_energy: 0.3}
                drives: {temperature: 296.65, light: 50}
                run: {until: 1.0e-6}
                """;
        Path h5 = run("pc", pc);
        try (HdfFile f = new HdfFile(h5)) {
            String text = ((String[]) f.getDatasetByPath("meta/material_parameters").getData())[0];
            String[] lines = text.split("\n");
            String last = lines[lines.length - 1];
            assertTrue(last.startsWith("# physics.phase_conversion (rates per simulated second): PhaseConversion[lightPrefactor="), last);
            assertTrue(last.contains("lightBarrier=0.55"), last);
            assertEquals(MaterialTable.yaml(MaterialParameters.defaults()), text.substring(0, text.length() - last.length() - 1));
        }
    }

    @Test
    void physicsAttemptFrequencyIsTheResolvedOne() {
        String s = RUN.replace("physics: {field: false,", "physics: {attempt_frequency: 3.0e5, field: false,");
        assertEquals(3.0e5, ScenarioLoader.parse(s, "x.yaml", tmp).parameters().attemptFrequency());
        assertEquals(2.0e12, ScenarioLoader.parse(RUN + "material: {attempt_frequency: 2.0e12}\n", "x.yaml", tmp)
                .material().attemptFrequency());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown key|{mixing: {w_ClBR: 0.01}}|material.mixing.w_ClBR: unknown key; did you mean `w_ClBr`? allowed here: w_BrI, w_ClBr, w_ClI",
            "meV for eV|{mixing: {w_BrI: 6}}|material.mixing.w_BrI: 6.0 is out of range; allowed: [-0.2, 0.2] eV",
            "w as text|{mixing: {w_BrI: 6 meV}}|material.mixing.w_BrI: expected a number, got '6 meV'",
            "zero barrier|{migration_barrier: {Br: 0}}|material.migration_barrier.Br: 0.0 is out of range; allowed: (0, 3] eV",
            "barrier for all|{migration_barrier: 4}|material.migration_barrier: 4.0 is out of range; allowed: (0, 3] eV",
            "barrier of a vacancy|{migration_barrier: {vacancy: 0.3}}|material.migration_barrier.vacancy: unknown key; allowed here: Cl, Br, I",
            "attempt frequency|{attempt_frequency: 0}|material.attempt_frequency: 0.0 is out of range; allowed: (0, 1.0E16] 1/s",
            "peak in eV|{band_gap: {peak_nm: {I: 1.8}}}|material.band_gap.peak_nm.I: 1.8 is out of range; allowed: (300, 1000] nm",
            "bowing|{band_gap: {bowing: {BrI: 3}}}|material.band_gap.bowing.BrI: 3.0 is out of range; allowed: [-2, 2] eV",
            "unknown material|{name: MAPbX3}|material.name: 'MAPbX3' is not allowed; allowed: CsPbX3",
            "unknown section key|{lattice_constant: 6}|material.lattice_constant: unknown key; did you mean `lattice_constant_angstrom`? allowed here: name, mixing, migration_barrier, attempt_frequency, band_gap, lattice_constant_angstrom, expansion_per_K, ionic_radius_pm",
            "lattice constant in nm|{lattice_constant_angstrom: {Br: 0.58}}|material.lattice_constant_angstrom.Br: 0.58 is out of range; allowed: (3, 10] Å",
            "radius|{ionic_radius_pm: {I: 0}}|material.ionic_radius_pm.I: 0.0 is out of range; allowed: (0, 500] pm",
            "expansion|{expansion_per_K: 0.01}|material.expansion_per_K: 0.01 is out of range; allowed: (-0.001, 0.001] 1/K",
            "not a mapping|CsPbX3|material: expected a mapping (key: value lines), got 'CsPbX3'",
    })
    void badMaterialValueIsOneLineWithKeyPathRangeAndUnit(String what, String section, String expected) throws IOException {
        Path s = Files.writeString(tmp.resolve("s.yaml"), RUN + "material: " + section + "\n");
        CliOutcome o = cli("run", s.toString(), "--out", tmp.resolve("out").toString());
        String e = o.err().strip();
        assertEquals(2, o.code(), what + ": " + e);
        assertEquals("halide-kmc: " + s + ": " + expected, e, what);
        assertFalse(Files.exists(tmp.resolve("out/m.h5")), "no output file may be written");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "w under physics|{mixing: {w_BrI: 0.012}}|physics.mixing: expected true or false (the term on or off); the pair energies are material.mixing: {w_BrI, w_ClBr, w_ClI} (eV)",
            "barrier under physics|{migration_barrier: {Br: 0.3}}|physics.migration_barrier: a material parameter: set it as material.migration_barrier (halide-kmc materials lists them)",
    })
    void aMaterialParameterUnderPhysicsSaysWhereItBelongs(String what, String physics, String expected) throws IOException {
        Path s = Files.writeString(tmp.resolve("s.yaml"), RUN.replace("physics: {field: false, carrier_funnel: {block_cells: 4, carriers: 50}}",
                "physics: " + physics));
        CliOutcome o = cli("run", s.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, o.code(), what);
        assertEquals("halide-kmc: " + s + ": " + expected, o.err().strip(), what);
    }

    @Test
    void theLatticeConstantsSetTheMixtureAndTheCellsOfAnEdgeInNm() {
        String nc = RUN.replace("geometry: {type: bulk, cells: [8, 8, 8]}", "geometry: {type: nanocrystal, edge_nm: 6}")
                .replace("carrier_funnel: {block_cells: 4, carriers: 50}", "mixing: true");
        var library = ScenarioLoader.parse(nc, "x.yaml", tmp);
        assertEquals(0.5 * 5.802 + 0.5 * 6.075, library.material().latticeConstant(), 1e-12);
        assertEquals(new io.halidekmc.lattice.Geometry.Nanocrystal(10), library.geometry(), "60 Å / 5.94 Å = 10.1 cells");
        var wide = ScenarioLoader.parse(nc + "material: {lattice_constant_angstrom: {Br: 6.5, I: 6.5}}\n", "x.yaml", tmp);
        assertEquals(6.5, wide.material().latticeConstant(), 1e-12);
        assertEquals(new io.halidekmc.lattice.Geometry.Nanocrystal(9), wide.geometry(), "60 Å / 6.5 Å = 9.2 cells");
    }

    @Test
    void aSweepVariesAMaterialParameterByItsKeyPath() {
        var s = ScenarioLoader.parse(RUN, "x.yaml", tmp, Map.of("material.mixing.w_BrI", 0.012));
        assertEquals(0.012, s.parameters().wBrI());
        assertEquals(0.012, s.material().pairEnergies()[Species.BR][Species.I], "the mixture the engine runs has it");
        assertTrue(s.text().contains("0.012"), "the override is recorded in the scenario text");
    }

    @Test
    void materialsCommandPrintsEveryParameterWithUnitAndSource() {
        CliOutcome o = cli("materials", "CsPbX3");
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().split("\n");
        assertTrue(lines[0].startsWith("CsPbX3: "), lines[0]);
        assertTrue(o.out().matches("(?s).*\n  material\\.mixing\\.w_BrI +0\\.006 +eV +estimate for CsPb\\(Br,I\\)3.*"), o.out());
        assertTrue(o.out().matches("(?s).*\n  material\\.migration_barrier\\.Br +0\\.25 +eV +TARGETS C4.*"), o.out());
        assertTrue(o.out().matches("(?s).*\n  material\\.band_gap\\.peak_nm\\.I +690\\.0 +nm +.*"), o.out());
        assertTrue(o.out().matches("(?s).*\n  physics\\.strain\\.bulk_modulus_GPa +15\\.0 +GPa .*"), o.out());
        assertEquals(MaterialTable.rows(MaterialParameters.defaults()).size() + 2, lines.length);
        assertEquals(o.out(), cli("materials").out(), "without a name: every library material, here the one");
    }

    @Test
    void materialsCommandRefusesAnUnknownName() {
        CliOutcome o = cli("materials", "CsPbBr3");
        assertEquals(2, o.code());
        assertEquals("halide-kmc: materials: no material 'CsPbBr3'; known: CsPbX3", o.err().strip());
        assertNotEquals("", o.err());
    }
}
