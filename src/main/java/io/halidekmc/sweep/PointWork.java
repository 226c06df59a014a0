package io.halidekmc.sweep;

import java.io.Serializable;

/**
 * What a runner does with one point. Serializable so that a distributed runner can ship it with
 * the point; {@link SimulatePoint} is the real work, tests substitute their own.
 */
@FunctionalInterface
public interface PointWork extends Serializable {
    SweepRow run(SweepPoint point) throws Exception;

    /**
     * The work as run by a cluster task that holds GPU {@code gpuOrdinal}, or no GPU (null). Work
     * that does not care where it runs returns itself.
     */
    default PointWork placed(Integer gpuOrdinal) {
        return this;
    }

    /**
     * Runs the work, turning any exception into a failed row, so a point that throws is reported
     * and the other points go on. Every runner calls points through here.
     */
    static SweepRow attempt(PointWork work, SweepPoint point) {
        long t0 = System.nanoTime();
        try {
            return work.run(point).withWallSeconds((System.nanoTime() - t0) * 1e-9);
        } catch (Exception | StackOverflowError | AssertionError e) {
            return SweepRow.failed(point, e, (System.nanoTime() - t0) * 1e-9);
        }
    }
}
