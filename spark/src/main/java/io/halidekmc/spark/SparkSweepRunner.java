package io.halidekmc.spark;

import io.halidekmc.sweep.SweepSpec;
import io.halidekmc.sweep.PointWork;
import io.halidekmc.sweep.SweepPoint;
import io.halidekmc.sweep.SweepRow;
import io.halidekmc.sweep.SweepRunner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Sweep points as Spark tasks, one per point. Rows come back to the driver as each task ends (the
 * job's result handler), so the sweep saves every finished point at once, as with local threads,
 * and a driver stopped halfway loses only the running points. The Spark context is made on the
 * first run and kept until {@link #close}.
 */
final class SparkSweepRunner implements SweepRunner {
    private final String master;
    private JavaSparkContext jsc;
    private int attempts;
    private double startSeconds;

    SparkSweepRunner(String master) {
        this.master = master;
    }

    synchronized JavaSparkContext context() {
        if (jsc == null) {
            SparkConf conf = SparkSetup.conf(master, "halide-kmc sweep");
            attempts = SparkSetup.attempts(conf);
            long t0 = System.nanoTime();
            jsc = SparkSetup.start(conf);
            startSeconds = (System.nanoTime() - t0) * 1e-9;
        }
        return jsc;
    }

    @Override
    public String name() {
        SparkConf c = jsc != null ? jsc.getConf() : SparkSetup.conf(master, "halide-kmc sweep");
        String started = jsc != null ? String.format(java.util.Locale.ROOT, ", started in %.1f s", startSeconds) : "";
        return "spark (" + c.get("spark.master") + ", " + SparkSetup.attempts(c) + " attempts per point" + started + ")";
    }

    /** A finished task's row, or the failure of the whole job (then {@code row} is null). */
    private record Done(SweepRow row, Throwable jobFailure) {}

    @Override
    public void run(List<SweepPoint> points, PointWork work, Consumer<SweepRow> done) throws InterruptedException {
        if (points.isEmpty()) return;
        JavaSparkContext sc = context();
        JavaRDD<SweepPoint> rdd = sc.parallelize(points, points.size());
        LinkedBlockingQueue<Done> queue = new LinkedBlockingQueue<>();
        String group = "halide-kmc-sweep-" + System.nanoTime();
        Thread job = Thread.ofPlatform().name("spark-sweep-job").daemon().start(() -> {
            sc.setJobGroup(group, "halide-kmc sweep, " + points.size() + " points", true);
            try {
                sc.sc().runJob(rdd.rdd(), new PointTask(work, attempts), new Handler(queue), tag());
                queue.add(new Done(null, null));
            } catch (Throwable t) {
                queue.add(new Done(null, t));
            }
        });
        Map<Integer, SweepPoint> missing = new HashMap<>();
        for (SweepPoint p : points) missing.put(p.index(), p);
        try {
            while (true) {
                Done d = queue.take();
                if (d.row() != null) {
                    missing.remove(d.row().index());
                    done.accept(d.row());
                    continue;
                }
                // the job ended; a point without a row (the job aborted: an executor lost too
                // often, a task that could not be serialised) is reported failed, never dropped
                String why = d.jobFailure() == null ? "no result came back" : "Spark job failed: " + firstLine(d.jobFailure());
                for (SweepPoint p : new ArrayList<>(missing.values())) {
                    done.accept(SweepRow.failed(p, new IllegalStateException(why), 0));
                }
                return;
            }
        } catch (InterruptedException e) {
            sc.cancelJobGroup(group);
            throw e;
        } finally {
            job.join(10_000);
        }
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    @SuppressWarnings("unchecked")
    private static ClassTag<SweepRow> tag() {
        return (ClassTag<SweepRow>) (ClassTag<?>) ClassTag$.MODULE$.apply(SweepRow.class);
    }

    /** Runs on the driver (the scheduler's thread) as each task succeeds. */
    private static final class Handler extends AbstractFunction2<Object, SweepRow, BoxedUnit> {
        private final LinkedBlockingQueue<Done> queue;

        Handler(LinkedBlockingQueue<Done> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, SweepRow row) {
            queue.add(new Done(row, null));
            return BoxedUnit.UNIT;
        }
    }

    @Override
    public List<Path> writeExtra(SweepSpec spec, List<SweepRow> rows, Path dir) {
        // sweep.csv and sweep.h5 are the table; Parquet is a convenience that needs Spark SQL on
        // the classpath and, on a cluster, DIR shared with the executors: without them, say so and go on
        try {
            Class.forName("org.apache.spark.sql.SparkSession");
        } catch (ClassNotFoundException e) {
            System.err.println("halide-kmc: sweep.parquet skipped: Spark SQL (spark-sql_2.13) is not on the classpath");
            return List.of();
        }
        try {
            return List.of(ParquetTable.write(context(), spec, rows, dir.resolve("sweep.parquet")));
        } catch (IOException | LinkageError e) {
            System.err.println("halide-kmc: sweep.parquet not written (" + firstLine(e) + "); sweep.csv and sweep.h5 hold the table");
            return List.of();
        }
    }

    @Override
    public synchronized void close() {
        if (jsc != null) {
            jsc.stop();
            jsc = null;
        }
    }
}
