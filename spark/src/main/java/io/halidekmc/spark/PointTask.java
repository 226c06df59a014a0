package io.halidekmc.spark;

import io.halidekmc.sweep.PointWork;
import io.halidekmc.sweep.SweepPoint;
import io.halidekmc.sweep.SweepRow;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;

/**
 * One Spark task = one sweep point (each partition holds exactly one). A point that throws is
 * thrown on to Spark, which runs it again, until its last attempt: then the error becomes a
 * failed row, so the point is reported and the job, with every other point, completes.
 */
final class PointTask extends AbstractFunction2<TaskContext, Iterator<SweepPoint>, SweepRow> implements Serializable {
    private final PointWork work;
    private final int attempts;

    PointTask(PointWork work, int attempts) {
        this.work = work;
        this.attempts = attempts;
    }

    @Override
    public SweepRow apply(TaskContext ctx, Iterator<SweepPoint> it) {
        SweepPoint point = it.next();
        if (it.hasNext()) throw new IllegalStateException("a partition holds more than one sweep point");
        PointWork placed = work.placed(gpu(ctx));
        long t0 = System.nanoTime();
        try {
            return placed.run(point).withWallSeconds((System.nanoTime() - t0) * 1e-9);
        } catch (Exception | StackOverflowError | AssertionError e) {
            int attempt = ctx.attemptNumber() + 1;
            if (attempt < attempts) {
                throw new PointFailed("sweep point " + point.index() + ", attempt " + attempt + " of " + attempts + ": " + e, e);
            }
            SweepRow failed = SweepRow.failed(point, e, (System.nanoTime() - t0) * 1e-9);
            return attempts > 1 ? failed.withError(failed.error() + " (all " + attempts + " attempts failed)") : failed;
        }
    }

    /** The GPU Spark assigned this task (spark.task.resource.gpu.amount), or null. */
    static Integer gpu(TaskContext ctx) {
        ResourceInformation r = ctx.resourcesJMap().get("gpu");
        if (r == null || r.addresses().length == 0) return null;
        try {
            return Integer.parseInt(r.addresses()[0].strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("GPU address '" + r.addresses()[0] + "' from the discovery script is not a CUDA ordinal", e);
        }
    }

    /** What Spark sees of a failed attempt; it retries the task. */
    static final class PointFailed extends RuntimeException {
        PointFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
