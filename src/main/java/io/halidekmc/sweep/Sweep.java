package io.halidekmc.sweep;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a sweep into a folder: skips runs (points, or each replica of a point) already finished
 * there, runs the rest on the given runner (each finished run saved at once), then writes
 * sweep.csv, sweep.h5 (with replicas also sweep-replicas.csv) and the plots.
 */
public final class Sweep {
    private Sweep() {}

    /**
     * What a sweep did: every run's row in run order (without replicas, one per point), how many
     * runs ran now, were reused, failed; the files written.
     */
    public record Summary(List<SweepRow> rows, int ran, int reused, int failed, List<Path> written) {}

    /**
     * @param progress receives one line per finished point (null for none)
     * @param plots    write the PNGs (false where the runtime has no java.desktop)
     */
    public static Summary run(SweepSpec spec, List<SweepPoint> points, Path dir, SweepRunner runner, PointWork work,
                              Consumer<String> progress, boolean plots) throws IOException, InterruptedException {
        ResultStore store = new ResultStore(dir, spec.points());
        TreeMap<Integer, SweepRow> rows = store.finished(points, spec.outcomes());
        int reused = rows.size();
        List<SweepPoint> todo = new ArrayList<>();
        for (SweepPoint p : points) if (!rows.containsKey(p.index())) todo.add(p);
        if (progress != null && reused > 0) {
            String what = spec.replicas() == 1 ? " points" : " runs";
            progress.accept(reused + " of " + points.size() + what + " already finished in " + dir + "; running " + todo.size());
        }
        List<String> paths = Grid.axisPaths(spec);
        int[] done = {0};
        runner.run(todo, work, row -> {
            try {
                store.save(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rows.put(row.index(), row);
            done[0]++;
            if (progress != null) progress.accept(line(spec, paths, points.get(row.index()), row, done[0], todo.size()));
        });
        List<SweepRow> all = new ArrayList<>(rows.values());
        List<Path> written = new ArrayList<>();
        Path csv = dir.resolve("sweep.csv"), h5 = dir.resolve("sweep.h5");
        SweepTable.writeCsv(spec, all, csv);
        SweepTable.writeHdf5(spec, all, h5);
        written.add(csv);
        if (spec.replicas() > 1) {
            Path replicas = dir.resolve("sweep-replicas.csv");
            SweepTable.writeReplicaCsv(spec, all, replicas);
            written.add(replicas);
        }
        written.add(h5);
        written.addAll(runner.writeExtra(spec, all, dir));
        if (plots) written.addAll(SweepPlots.write(spec, all, dir));
        int failed = (int) all.stream().filter(r -> !r.ok()).count();
        return new Summary(all, todo.size(), reused, failed, written);
    }

    private static String line(SweepSpec spec, List<String> paths, SweepPoint p, SweepRow row, int done, int total) {
        String replica = spec.replicas() == 1 ? "" : " replica " + p.replica();
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "[%d/%d] point %d%s (%s): %s, %.1f s",
                done, total, p.point(), replica, p.describe(paths), row.status(), row.wallSeconds()));
        if (row.ok()) {
            for (String o : spec.plot().outcomes()) b.append(", ").append(o).append(" = ").append(String.format(java.util.Locale.ROOT, "%.4g", row.outcome(o)));
        } else {
            b.append(": ").append(row.error());
        }
        return b.toString();
    }
}
