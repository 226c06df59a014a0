package io.halidekmc.sweep;

import io.halidekmc.output.OutputFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One small file per finished point under {@code <out>/points/}, written as soon as the point
 * ends (temporary name, then rename): a sweep stopped halfway loses only the points that were
 * running, and a re-run with the same folder runs only what is missing.
 */
public final class ResultStore {
    private final Path dir;
    private final int points;

    /** @param points the sweep's grid points, which turn a run's index into its point and replica ({@link SweepPoint#index}) */
    public ResultStore(Path sweepDir, int points) {
        this.dir = sweepDir.resolve("points");
        this.points = points;
    }

    public Path dir() {
        return dir;
    }

    /** point-NNNNN, or point-NNNNN-rR for replica R > 0: a sweep without replicas keeps the names it always had. */
    static String stem(int point, int replica) {
        return String.format("point-%05d", point) + (replica == 0 ? "" : "-r" + replica);
    }

    String fileName(int index) {
        return stem(index % points, index / points) + ".properties";
    }

    public void save(SweepRow row) throws IOException {
        Files.createDirectories(dir);
        OutputFiles.writeAtomically(dir.resolve(fileName(row.index())), tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                row.toProperties().store(w, "halide-kmc sweep point " + row.index());
            }
        });
    }

    /**
     * Stored rows that can stand for these points: finished without error, the same fingerprint
     * (same scenario text, overrides and seed), and every wanted outcome present. Failed points
     * and points of an edited sweep are run again; each replica stands or falls on its own.
     */
    public TreeMap<Integer, SweepRow> finished(List<SweepPoint> points, List<String> outcomes) {
        TreeMap<Integer, SweepRow> out = new TreeMap<>();
        for (SweepPoint p : points) {
            Path f = dir.resolve(fileName(p.index()));
            if (!Files.isRegularFile(f)) continue;
            SweepRow row;
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                Properties props = new Properties();
                props.load(r);
                row = SweepRow.fromProperties(props);
            } catch (IOException | IllegalArgumentException unreadable) {
                continue;   // a damaged file is a point to run again, not an error
            }
            if (row.ok() && row.index() == p.index() && row.fingerprint().equals(p.fingerprint())
                    && row.outcomes().keySet().containsAll(outcomes)) {
                out.put(p.index(), row);
            }
        }
        return out;
    }
}
