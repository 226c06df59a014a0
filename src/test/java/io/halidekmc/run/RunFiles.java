package io.halidekmc.run;

import io.halidekmc.output.CsvWriter;
import io.halidekmc.output.Hdf5Writer;
import io.halidekmc.output.Provenance;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's finished outputs, compared the way the checkpoint requirement reads: every HDF5
 * dataset element for element (doubles by their bits, through {@link Arrays#deepEquals}) and the
 * CSV byte for byte, less the lines that hold wall-clock times and the command line.
 */
public final class RunFiles {
    private RunFiles() {}

    /** As {@link #assertSameFiles}, less the datasets named in {@code ignored} and, with /meta/scenario, the CSV's copy of it. */
    public static void assertSameOutputs(RunResult expected, RunResult actual, Path dir, String... ignored) throws IOException {
        Path a = Files.createDirectories(dir.resolve("expected"));
        Path b = Files.createDirectories(dir.resolve("actual"));
        var prov = new Provenance("halide-kmc run test", "test", "host", 1, "until");
        Hdf5Writer.write(expected, a.resolve("run.h5"), prov);
        Hdf5Writer.write(actual, b.resolve("run.h5"), prov);
        CsvWriter.write(expected, a.resolve("run.csv"), prov);
        CsvWriter.write(actual, b.resolve("run.csv"), prov);
        assertSameFiles(a.resolve("run.h5"), b.resolve("run.h5"), a.resolve("run.csv"), b.resolve("run.csv"), ignored);
    }

    public static void assertSameFiles(Path h5a, Path h5b, Path csvA, Path csvB, String... ignored) throws IOException {
        Map<String, Object> da = datasets(h5a);
        Map<String, Object> db = datasets(h5b);
        List<String> skip = List.of(ignored);
        da.keySet().removeAll(skip);
        db.keySet().removeAll(skip);
        assertEquals(da.keySet(), db.keySet(), "dataset names");
        assertTrue(da.size() > 10, "a run file holds its time series: " + da.keySet());
        for (String name : da.keySet()) {
            assertTrue(Arrays.deepEquals(new Object[] {da.get(name)}, new Object[] {db.get(name)}), "dataset " + name + " differs");
        }
        boolean scenarioText = skip.contains("/meta/scenario");
        assertEquals(csvLines(csvA, scenarioText), csvLines(csvB, scenarioText), "CSV");
    }

    static List<String> csvLines(Path csv, boolean withoutScenarioText) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(csv)) {
            // wall-clock times and the command as typed say how the run was made, not what it computed
            if (l.startsWith("# wall:") || l.startsWith("# command_line:") || withoutScenarioText && l.startsWith("# | ")) continue;
            out.add(l);
        }
        return out;
    }

    public static Map<String, Object> datasets(Path h5) {
        Map<String, Object> out = new TreeMap<>();
        try (HdfFile f = new HdfFile(h5)) {
            collect(f, out);
        }
        return out;
    }

    private static void collect(Group g, Map<String, Object> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset d) out.put(d.getPath(), d.getData());
            else if (n instanceof Group sub) collect(sub, out);
        }
    }
}
