package io.halidekmc.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a sweep's points somewhere: on local threads ({@link LocalThreadRunner}, the default) or,
 * later, as tasks of a cluster. A runner hands back a row for every point: a point that throws
 * becomes a failed row with its error ({@link PointWork#attempt} does that; a cluster runner may
 * retry the point first), never a missing one.
 */
public interface SweepRunner extends AutoCloseable {
    String name();

    /**
     * Runs every point and hands each row to {@code done} as it finishes, in any order, one at a
     * time on the calling thread (so {@code done} may write files and print without locking).
     */
    void run(List<SweepPoint> points, PointWork work, Consumer<SweepRow> done) throws InterruptedException;

    /**
     * Files this runner writes besides sweep.csv and sweep.h5, from the finished table (the Spark
     * runner: sweep.parquet). Called once per sweep, after the table is complete.
     */
    default List<java.nio.file.Path> writeExtra(io.halidekmc.sweep.SweepSpec spec, List<SweepRow> rows, java.nio.file.Path dir)
            throws java.io.IOException {
        return List.of();
    }

    /** Releases what the runner holds (threads, a Spark context). */
    @Override
    default void close() {}
}
