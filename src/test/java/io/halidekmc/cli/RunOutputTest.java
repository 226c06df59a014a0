package io.halidekmc.cli;

import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HDF5 file holds what DESIGN §7 lists, and a run is reproducible from scenario + seed. */
class RunOutputTest {
    static final String WIRE = """
            name: wire
            seed: 11
            geometry:
              type: nanowire
              cross_section: [2, 2]
              segments:
                - {length_cells: 6, composition: {Br: 1}}
                - {length_cells: 6, composition: {Cl: 1}}
            vacancy_fraction: 0.02
            drives: {temperature: {steps: [[0, 300], [2.0e-9, 330]]}, field: 3}
            run: {until: 5.0e-9}
            output: {interval: 1.0e-9, snapshots: [0, 3.0e-9]}
            """;

    @TempDir
    Path tmp;

    Path run(String outName, String... extra) throws Exception {
        Path s = tmp.resolve("wire.yaml");
        Files.writeString(s, WIRE);
        Path out = tmp.resolve(outName);
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = s.toString();
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
        return out.resolve("wire.h5");
    }

    @Test
    void hdf5FileHoldsMetaTimeseriesProfilesAndSnapshots() throws Exception {
        Path h5 = run("a");
        try (HdfFile f = new HdfFile(h5)) {
            var meta = f.getByPath("meta");
            assertEquals(11L, ((Number) meta.getAttribute("seed").getData()).longValue());
            assertEquals("exact", meta.getAttribute("engine").getData());
            assertEquals("cpu", meta.getAttribute("backend").getData());
            assertTrue(((String[]) f.getDatasetByPath("meta/scenario").getData())[0].contains("name: wire"));
            double[] t = (double[]) f.getDatasetByPath("timeseries/time_s").getData();
            assertArrayEquals(new double[] {0, 1e-9, 2e-9, 3e-9, 4e-9, 5e-9}, t, 1e-15);
            double[] temp = (double[]) f.getDatasetByPath("timeseries/temperature_K").getData();
            assertEquals(330, temp[temp.length - 1], 1e-9);
            long[][] br = (long[][]) f.getDatasetByPath("profiles/count_Br").getData();
            assertEquals(t.length, br.length);
            assertEquals(13, br[0].length, "12 cell layers plus the closing face");
            double[] st = (double[]) f.getDatasetByPath("snapshots/time_s").getData();
            assertArrayEquals(new double[] {0, 3e-9}, st, 1e-15);
        }
        assertFalse(Files.list(h5.getParent()).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    @Test
    void sameSeedGivesIdenticalRunsAndAnotherSeedDiffers() throws Exception {
        long[] a = events(run("a")), b = events(run("b")), c = events(run("c", "--seed", "12"));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private static long[] events(Path h5) {
        try (HdfFile f = new HdfFile(h5)) {
            return (long[]) f.getDatasetByPath("timeseries/events").getData();
        }
    }
}
