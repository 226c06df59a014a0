package io.halidekmc.cli;

import static io.halidekmc.cli.CliOutcome.cli;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.lattice.InitialConfig;
import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * initial: (issue 21 item 2): a run starts from another run's snapshot or extended-XYZ frame with
 * the same occupancy, site for site; a file of another geometry is one line and exit 2.
 */
class InitialConfigurationTest {
    /** A nanocrystal: open axes, so the files' n + 1 layers and WALL padding are part of the round trip. */
    static final String NC = """
            name: NAME
            seed: 7
            geometry: {type: nanocrystal, edge_cells: 5}
            composition: {Cl: 0.1, Br: 0.4, I: 0.5}
            vacancy_fraction: 0.04
            drives: {temperature: 300}
            run: {until: 2.0e-9}
            """;

    @TempDir
    Path tmp;



    Path run(String name, String text) throws IOException {
        Path s = Files.writeString(tmp.resolve(name + ".yaml"), text.replace("NAME", name));
        CliOutcome o = cli("run", s.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        return tmp.resolve("out").resolve(name + ".h5");
    }

    static byte[][] occupancy(Path h5) {
        try (HdfFile f = new HdfFile(h5)) {
            return (byte[][]) f.getDatasetByPath("snapshots/occupancy").getData();
        }
    }

    static String meta(Path h5, String attribute) {
        try (HdfFile f = new HdfFile(h5)) {
            return (String) f.getChild("meta").getAttribute(attribute).getData();
        }
    }

    @Test
    void aSnapshotReadBackAsInitialGivesTheSameOccupancy() throws IOException {
        Path first = run("first", NC + "output: {snapshots: [0, 2.0e-9], export: [xyz]}\n");
        Path noVac = run("novac", NC + "output: {snapshots: [0, 2.0e-9], export: [xyz], export_vacancies: false}\n");
        byte[][] a = occupancy(first);
        assertArrayEquals(a[1], occupancy(noVac)[1], "same scenario and seed: the same run");
        assertFalse(java.util.Arrays.equals(a[0], a[1]), "the run must move something, or the test proves nothing");
        String start = "output: {snapshots: [0]}\n";
        Path fromH5 = run("fromh5", NC + start + "initial: {from: out/first.h5, snapshot: last}\n");
        Path fromTime = run("fromtime", NC + start + "initial: {from: out/first.h5, snapshot: 0}\n");
        Path fromXyz = run("fromxyz", NC + start + "initial: {from: out/first.xyz}\n");
        Path fromXyzNoVac = run("fromxyznovac", NC + start + "initial: {from: out/novac.xyz, snapshot: 2.0e-9}\n");
        assertArrayEquals(a[1], occupancy(fromH5)[0], "HDF5 snapshot, last");
        assertArrayEquals(a[0], occupancy(fromTime)[0], "HDF5 snapshot at t = 0");
        assertArrayEquals(a[1], occupancy(fromXyz)[0], "extended XYZ, vacancies listed as X");
        assertArrayEquals(a[1], occupancy(fromXyzNoVac)[0], "extended XYZ without vacancies: unlisted sites are vacant");
        assertEquals("snapshot t = 2.0E-9 s of out/first.h5", meta(fromH5, "initial"));
        assertEquals("frame t = 2.0E-9 s of out/first.xyz", meta(fromXyz, "initial"));
        assertEquals("random alloy", meta(first, "initial"));
    }

    @Test
    void generatorsAreReadWithTheirSizesInCellsOrNm() {
        String nc = NC.replace("NAME", "g");
        var cs = ScenarioLoader.parse(nc + "initial: {type: core_shell, shell_cells: 1, core: {Br: 1}, shell: {I: 1}}\n", "x.yaml", tmp).initial();
        assertEquals(1, assertInstanceOf(InitialConfig.CoreShell.class, cs).shellCells());
        // a = 0.1·5.605 + 0.4·5.802 + 0.5·6.075 Å = 5.919 Å: 1.2 nm is 2.03 cells
        var d = ScenarioLoader.parse(nc + "initial: {type: domains, size_nm: 1.2, a: {I: 0.9, Br: 0.1}, b: {Br: 0.9, I: 0.1}}\n", "x.yaml", tmp).initial();
        assertEquals(2, assertInstanceOf(InitialConfig.Domains.class, d).sizeCells());
        var g = ScenarioLoader.parse(nc + "initial: {type: gradient, axis: x, start: {Br: 1}, end: {I: 1}}\n", "x.yaml", tmp).initial();
        assertEquals(0, assertInstanceOf(InitialConfig.Gradient.class, g).axis());
        assertInstanceOf(InitialConfig.RandomAlloy.class, ScenarioLoader.parse(nc + "initial: {type: random}\n", "x.yaml", tmp).initial());
        assertInstanceOf(InitialConfig.RandomAlloy.class, ScenarioLoader.parse(nc, "x.yaml", tmp).initial());
    }

    @Test
    void aCoreShellStartShowsInTheFirstFrame() throws IOException {
        Path h5 = run("cs", NC + "initial: {type: core_shell, shell_cells: 1, core: {Br: 1}, shell: {I: 1}}\n");
        try (HdfFile f = new HdfFile(h5)) {
            double[] surface = (double[]) f.getDatasetByPath("timeseries/surface_I_fraction").getData();
            double[] xI = (double[]) f.getDatasetByPath("timeseries/x_I").getData();
            assertEquals(1.0, surface[0], 1e-12, "every surface site starts in the iodide shell");
            assertTrue(xI[0] > 0.5 && xI[0] < 0.9, "shell of 1 cell on a 5-cell crystal: most but not all sites, got " + xI[0]);
        }
        assertEquals("core-shell: shell 1 cells I1.00, core Br1.00", meta(h5, "initial"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "h5 of another size|{from: out/first.h5}|edge_cells: 5|edge_cells: 4|initial.from: out/first.h5 holds 5×5×5 cells, pbc F F F, but the scenario's geometry is 4×4×4 cells, pbc F F F",
            "xyz of another size|{from: out/first.xyz}|edge_cells: 5|edge_cells: 4|initial.from: out/first.xyz line 544: a frame of 5×5×5 cells, pbc F F F, but the scenario's geometry is 4×4×4 cells, pbc F F F",
            "no such time|{from: out/first.h5, snapshot: 1.0e-9}|x|x|initial.snapshot: no snapshot at 1.0E-9 s in out/first.h5; it has 0.0, 2.0E-9 s",
            "snapshot as text|{from: out/first.h5, snapshot: first}|x|x|initial.snapshot: expected last or a time in s, got 'first'",
            "missing file|{from: out/none.h5}|x|x|initial.from: out/none.h5 not found",
            "run without snapshots|{from: out/plain.h5}|x|x|initial.from: out/plain.h5 has no /snapshots (its run took none: output.snapshots)",
            "not a run file|{from: first.yaml}|x|x|initial.from: first.yaml is not a run file with snapshots (",
            "both|{from: out/first.h5, type: random}|x|x|initial.type: give either from: FILE (.h5 or .xyz) or type: random | core_shell | gradient | domains",
            "unknown type|{type: janus}|x|x|initial.type: 'janus' is not allowed; allowed: random, core_shell, gradient, domains",
            "core-shell of a box|{type: core_shell, shell_cells: 1, core: {Br: 1}, shell: {I: 1}}|type: nanocrystal, edge_cells: 5|type: bulk, cells: [5, 5, 5]|initial.type: core_shell needs a nanocrystal (its shell lies under the six faces)",
            "shell too thick|{type: core_shell, shell_cells: 4, core: {Br: 1}, shell: {I: 1}}|x|x|initial.shell_cells: 4 is out of range; allowed: [1, 3]",
            "shell twice|{type: core_shell, shell_cells: 1, shell_nm: 1, core: {Br: 1}, shell: {I: 1}}|x|x|initial.shell_cells: give exactly one of shell_cells or shell_nm",
            "missing composition|{type: domains, size_cells: 2, a: {I: 1}}|x|x|initial.b: missing",
            "bad composition|{type: gradient, start: {Br: 0.5}, end: {I: 1}}|x|x|initial.start: halide fractions Cl + Br + I sum to 0.5; they must sum to 1",
            "gradient axis|{type: gradient, axis: w, start: {Br: 1}, end: {I: 1}}|x|x|initial.axis: 'w' is not allowed; allowed: x, y, z",
            "key of another type|{type: gradient, start: {Br: 1}, end: {I: 1}, size_cells: 2}|x|x|initial.size_cells: unknown key; allowed here: type, axis, start, end",
    })
    void badInitialIsOneLineWithKeyPathAndExit2(String what, String initial, String from, String to, String expected) throws IOException {
        run("first", NC + "output: {snapshots: [0, 2.0e-9], export: [xyz]}\n");
        run("plain", NC);
        Path s = Files.writeString(tmp.resolve("s.yaml"), NC.replace("NAME", "s").replace(from, to) + "initial: " + initial + "\n");
        CliOutcome o = cli("run", s.toString(), "--out", tmp.resolve("out2").toString());
        String e = o.err().strip();
        assertEquals(2, o.code(), what + ": " + e);
        assertFalse(e.contains("\n"), "one line: " + e);
        String prefix = "halide-kmc: " + s + ": " + expected;
        assertTrue(e.startsWith(prefix), what + ": expected '" + prefix + "…', got: " + e);
        assertFalse(Files.exists(tmp.resolve("out2")), "no output may be written");
    }

    @Test
    void anXyzLineOffTheLatticeIsNamed() throws IOException {
        String nc = NC.replace("NAME", "x");
        Files.writeString(tmp.resolve("one.xyz"), """
                2
                Lattice="29.5950 0.0 0.0 0.0 29.5950 0.0 0.0 0.0 29.5950" Properties=species:S:1:pos:R:3 Time=0.0 pbc="F F F"
                Br 2.9595 0.0000 0.0000
                I 2.9595 2.9595 0.0000
                """);
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.halidekmc.io.yaml.InputException.class,
                () -> ScenarioLoader.parse(nc + "initial: {from: one.xyz}\n", "x.yaml", tmp));
        assertEquals("x.yaml: initial.from: one.xyz line 4: no site of the scenario's geometry (5×5×5 cells, pbc F F F) lies at "
                + "2.9595 2.9595 0.0000 Å: the file holds another lattice", e.getMessage());
        Files.writeString(tmp.resolve("two.xyz"), """
                1
                Lattice="29.5950 0.0 0.0 0.0 29.5950 0.0 0.0 0.0 29.5950" Properties=species:S:1:pos:R:3 Time=0.0 pbc="F F F"
                Pb 2.9595 0.0000 0.0000
                """);
        e = org.junit.jupiter.api.Assertions.assertThrows(io.halidekmc.io.yaml.InputException.class,
                () -> ScenarioLoader.parse(nc + "initial: {from: two.xyz}\n", "x.yaml", tmp));
        assertEquals("x.yaml: initial.from: two.xyz line 3: expected species Cl, Br, I or X and x y z in the columns of Properties=, "
                + "got 'Pb 2.9595 0.0000 0.0000'", e.getMessage());
        Files.writeString(tmp.resolve("three.xyz"), """
                1
                Lattice="29.5950 0.0 0.0 0.0 29.5950 0.0 0.0 0.0 29.5950" Properties=pos:R:3:species:S:1 Time=0.0 pbc="F F F"
                """);
        e = org.junit.jupiter.api.Assertions.assertThrows(io.halidekmc.io.yaml.InputException.class,
                () -> ScenarioLoader.parse(nc + "initial: {from: three.xyz}\n", "x.yaml", tmp));
        assertEquals("x.yaml: initial.from: three.xyz line 1: the frame announces 1 atoms, the file ends first", e.getMessage());
        Files.writeString(tmp.resolve("four.xyz"), """
                1
                Lattice="29.5950 0.0 0.0 0.0 29.5950 0.0 0.0 0.0 29.5950" Properties=species:S:1 Time=0.0 pbc="F F F"
                Br
                """);
        e = org.junit.jupiter.api.Assertions.assertThrows(io.halidekmc.io.yaml.InputException.class,
                () -> ScenarioLoader.parse(nc + "initial: {from: four.xyz}\n", "x.yaml", tmp));
        assertEquals("x.yaml: initial.from: four.xyz line 2: needs Properties= with species:S:1 and pos:R:3 (as output.export writes them), "
                + "got species:S:1", e.getMessage());
    }

    @Test
    void anXyzWithOtherColumnsInAnotherOrderIsRead() throws IOException {
        Path first = run("first", NC + "output: {snapshots: [0, 2.0e-9], export: [xyz]}\n");
        // the last frame rewritten as OVITO may export it: an id column first, position before species
        java.util.List<String> lines = Files.readAllLines(tmp.resolve("out/first.xyz"));
        int n = Integer.parseInt(lines.getFirst().strip());
        java.util.List<String> frame = new java.util.ArrayList<>(lines.subList(lines.size() - n - 2, lines.size()));
        frame.set(1, frame.get(1).replace("Properties=species:S:1:pos:R:3", "Properties=id:I:1:pos:R:3:species:S:1"));
        for (int i = 2; i < frame.size(); i++) {
            String[] w = frame.get(i).split(" ");
            frame.set(i, i + " " + w[1] + " " + w[2] + " " + w[3] + " " + w[0]);
        }
        Files.write(tmp.resolve("ovito.xyz"), frame);
        Path h5 = run("fromovito", NC + "output: {snapshots: [0]}\ninitial: {from: ovito.xyz}\n");
        assertArrayEquals(occupancy(first)[1], occupancy(h5)[0]);
    }

    @Test
    void aFilmRefusesInitial() {
        String film = NC.replace("NAME", "f").replace("edge_cells: 5", "edge_nm: 3") + "film: {count: 2}\ninitial: {type: random}\n";
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.halidekmc.io.yaml.InputException.class,
                () -> ScenarioLoader.parse(film, "x.yaml", tmp));
        assertEquals("x.yaml: initial: a film's crystals each start as a random alloy of composition; initial: is for one sample", e.getMessage());
        assertNotEquals("", e.getMessage());
    }
}
