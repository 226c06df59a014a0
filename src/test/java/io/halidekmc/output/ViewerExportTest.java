package io.halidekmc.output;

import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Species;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * output.export: the extended XYZ of a small nanocrystal read back in Java frame by frame against
 * /snapshots, its positions against the lattice, and the XDMF's references against the HDF5 file.
 * (tools/check-export.py reads the same files with ASE and meshio, {@link ExportReadersTest}.)
 */
class ViewerExportTest {
    /** Vacancy-rich 4-cell crystal at 400 K, so hops change the frames within a few thousand events. */
    static String nanocrystal(String composition, String export) {
        return """
                name: nc
                seed: 5
                geometry: {type: nanocrystal, edge_cells: 4}
                composition: %s
                vacancy_fraction: 0.05
                drives: {temperature: 400}
                run: {until: 2.0e-9}
                output: {interval: 1.0e-9, snapshots: {every: 5.0e-10}, %s}
                """.formatted(composition, export);
    }

    @TempDir
    Path tmp;

    record Frame(int declared, String comment, List<String> species, List<double[]> positions) {}

    @Test
    void xyzOfASmallNanocrystalParsesBackToTheSnapshotSpeciesCounts() throws IOException {
        RunResult r = run(nanocrystal("{Br: 0.4, I: 0.6}", "export: [xyz, xdmf]"));
        Path h5 = tmp.resolve("nc.h5");
        List<Frame> frames = readXyz(tmp.resolve("nc.xyz"));
        try (HdfFile f = new HdfFile(h5)) {
            double[] t = (double[]) f.getDatasetByPath("snapshots/time_s").getData();
            byte[][] occ = (byte[][]) f.getDatasetByPath("snapshots/occupancy").getData();
            assertArrayEquals(new double[] {0, 5e-10, 1e-9, 1.5e-9, 2e-9}, t, 1e-21);
            assertEquals(t.length, frames.size());
            boolean changed = false;
            for (int i = 0; i < t.length; i++) {
                Frame fr = frames.get(i);
                long[] fromH5 = new long[Species.COUNT], fromXyz = new long[Species.COUNT];
                for (byte c : occ[i]) if (c != Species.WALL) fromH5[c]++;
                for (String s : fr.species()) fromXyz["X Cl Br I".indexOf(s) < 0 ? -1 : List.of("X", "Cl", "Br", "I").indexOf(s)]++;
                assertArrayEquals(fromH5, fromXyz, "frame " + i);
                assertEquals(fr.declared(), fr.species().size());
                assertEquals(3 * 5 * 5 * 5 - 3 * 5 * 5, fr.declared(), "a 4-cell crystal has 300 sites; its 75 padding sites are never written");
                assertTrue(fr.comment().contains("Properties=species:S:1:pos:R:3"), fr.comment());
                assertEquals(t[i], time(fr.comment()), 0);
                assertTrue(fr.comment().contains("pbc=\"F F F\""), fr.comment());
                if (i > 0) changed |= !frames.get(i).species().equals(frames.get(0).species());
            }
            assertTrue(changed, "the frames should differ after hops: " + r.events() + " events");
            assertTrue(r.events() > 0);
            float[][] pos = (float[][]) f.getDatasetByPath("snapshots/positions_angstrom").getData();
            int[] index = (int[]) f.getDatasetByPath("snapshots/site_index").getData();
            assertEquals(frames.getFirst().declared(), pos.length);
            for (int i = 0; i < pos.length; i++) {
                for (int a = 0; a < 3; a++) assertEquals(pos[i][a], frames.getFirst().positions().get(i)[a], 1e-4);
                assertTrue(occ[0][index[i]] != Species.WALL);
            }
            assertArrayEquals(new long[] {4, 4, 4}, (long[]) f.getDatasetByPath("snapshots/cells").getData());
            assertArrayEquals(new long[] {5, 5, 5}, (long[]) f.getDatasetByPath("snapshots/layers").getData(), "open axes store n + 1 layers");
            double a = r.latticeConstant();
            assertArrayEquals(new double[] {4 * a, 4 * a, 4 * a}, (double[]) f.getDatasetByPath("snapshots/box_angstrom").getData(), 1e-12);
            assertXdmfPointsIntoTheHdf5File(f, t.length, pos.length);
        }
        try (var files = Files.list(tmp)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void vacanciesAreLeftOutWhenAsked() throws IOException {
        RunResult r = run(nanocrystal("{Br: 0.4, I: 0.6}", "export: [xyz], export_vacancies: false"));
        List<Frame> frames = readXyz(tmp.resolve("nc.xyz"));
        assertFalse(Files.exists(tmp.resolve("nc.xdmf")), "xdmf was not asked for");
        for (int i = 0; i < frames.size(); i++) {
            long halides = 0;
            for (byte c : r.snapshots().get(i).species()) if (Species.isHalide(c)) halides++;
            assertFalse(frames.get(i).species().contains("X"));
            assertEquals(halides, frames.get(i).declared());
            assertEquals(halides, frames.get(i).species().size());
        }
    }

    @Test
    void positionsAreHalfLatticeConstantsInAngstromAndScaleWithTheMaterial() throws IOException {
        double[] a = new double[2];
        List<List<double[]>> pos = new ArrayList<>();
        String[] materials = {"{Br: 1}", "{I: 1}"};
        for (int m = 0; m < 2; m++) {
            RunResult r = run(nanocrystal(materials[m], "export: [xyz]"));
            a[m] = r.latticeConstant();
            Frame first = readXyz(tmp.resolve("nc.xyz")).getFirst();
            pos.add(first.positions());
            assertTrue(first.comment().startsWith(String.format(java.util.Locale.ROOT, "Lattice=\"%.4f 0.0 0.0 0.0 %.4f", 4 * a[m], 4 * a[m])),
                    first.comment());
            Lattice lat = r.scenario().geometry().lattice();
            int[] sites = lat.activeSiteList();
            int[] h = new int[3];
            for (int i = 0; i < sites.length; i++) {
                lat.position(sites[i], h);
                for (int x = 0; x < 3; x++) assertEquals(h[x] * a[m] / 2, first.positions().get(i)[x], 5.1e-5, "4 decimals");
            }
        }
        assertTrue(Math.abs(a[1] / a[0] - 1) > 0.03, "CsPbI3 and CsPbBr3 differ by ≈ 6 % in a: " + a[0] + ", " + a[1]);
        for (int i = 0; i < pos.get(0).size(); i++) {
            for (int x = 0; x < 3; x++) {
                assertEquals(pos.get(0).get(i)[x] * a[1] / a[0], pos.get(1).get(i)[x], 2e-4);
            }
        }
    }

    /**
     * A crystal whose boundary octahedra converted to the N phase (frozen codes 5–7 in
     * /snapshots/occupancy) exports every frozen halide as its element: the XYZ's Br and I counts
     * equal those of the file's codes 2 + 6 and 3 + 7. Strong light and a fast channel, so N forms
     * within the run (checked: some frozen codes exist in the last frame).
     */
    @Test
    void halidesOfTheNPhaseAreWrittenAsTheirElement() throws IOException {
        String text = """
                name: nc
                seed: 5
                geometry: {type: nanocrystal, edge_cells: 6}
                composition: {Br: 0.2, I: 0.8}
                vacancy_fraction: 0.01
                physics: {phase_conversion: {light_prefactor: 1.0e12, light_barrier: 0.3, reconversion_prefactor: 1.0e13,
                          reconversion_barrier: 1.0, formation_energy: 0.3}}
                drives: {temperature: 300, light: 50}
                run: {until: 1.0e-6}
                output: {interval: 5.0e-7, snapshots: [0, 1.0e-6], export: [xyz]}
                """;
        run(text);
        List<Frame> frames = readXyz(tmp.resolve("nc.xyz"));
        try (HdfFile f = new HdfFile(tmp.resolve("nc.h5"))) {
            byte[][] occ = (byte[][]) f.getDatasetByPath("snapshots/occupancy").getData();
            long frozen = 0, br = 0, iodide = 0;
            for (byte c : occ[1]) {
                if (Species.isFrozen(c)) frozen++;
                if (Species.halideOf(c) == Species.BR) br++;
                if (Species.halideOf(c) == Species.I) iodide++;
            }
            assertTrue(frozen > 0, "no N phase formed: the test would not test the frozen codes");
            List<String> last = frames.get(1).species();
            assertEquals(br, last.stream().filter("Br"::equals).count());
            assertEquals(iodide, last.stream().filter("I"::equals).count());
        }
    }

    private RunResult run(String text) throws IOException {
        Scenario s = ScenarioLoader.parse(text, "nc.yaml", null);
        RunResult r = new Simulation(s).run(null);
        Hdf5Writer.write(r, tmp.resolve("nc.h5"));
        return r;
    }

    private static double time(String comment) {
        Matcher m = Pattern.compile("Time=(\\S+)").matcher(comment);
        assertTrue(m.find(), comment);
        return Double.parseDouble(m.group(1));
    }

    static List<Frame> readXyz(Path xyz) throws IOException {
        List<String> lines = Files.readAllLines(xyz);
        List<Frame> frames = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int n = Integer.parseInt(lines.get(i).strip());
            String comment = lines.get(i + 1);
            List<String> species = new ArrayList<>();
            List<double[]> positions = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                String[] w = lines.get(i + 2 + k).strip().split("\\s+");
                assertEquals(4, w.length, lines.get(i + 2 + k));
                species.add(w[0]);
                positions.add(new double[] {Double.parseDouble(w[1]), Double.parseDouble(w[2]), Double.parseDouble(w[3])});
            }
            frames.add(new Frame(n, comment, species, positions));
            i += 2 + n;
        }
        return frames;
    }

    /** Every DataItem of the sidecar names a dataset of the HDF5 file with the dimensions it declares. */
    private void assertXdmfPointsIntoTheHdf5File(HdfFile f, int frames, int sites) throws IOException {
        String xdmf = Files.readString(tmp.resolve("nc.xdmf"));
        Matcher m = Pattern.compile("<DataItem Dimensions=\"([0-9 ]+)\"[^>]*>nc\\.h5:([^<]+)</DataItem>").matcher(xdmf);
        int items = 0;
        while (m.find()) {
            int[] dims = f.getDatasetByPath(m.group(2)).getDimensions();
            String[] declared = m.group(1).split(" ");
            assertEquals(declared.length, dims.length, m.group());
            for (int d = 0; d < dims.length; d++) assertEquals(Integer.parseInt(declared[d]), dims[d], m.group());
            assertEquals(sites, dims[0]);
            items++;
        }
        assertEquals(2 + frames, items, "topology, geometry and one species item per frame");
        assertEquals(frames, xdmf.split("<Time Value=", -1).length - 1);
    }
}
