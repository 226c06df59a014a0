package io.halidekmc.spark;

import io.halidekmc.bench.ClusterBench;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code bench --cluster} on Spark: one task per executor (per GPU of each executor when
 * executors have them: spark.executor.resource.gpu.amount), each running the bench problems on
 * what it holds; the rows come back as one table.
 */
final class SparkBench {
    private SparkBench() {}

    static List<ClusterBench.Row> run(String master, ClusterBench.Spec spec) throws InterruptedException {
        SparkConf conf = SparkSetup.conf(master, "halide-kmc bench --cluster");
        try (JavaSparkContext sc = SparkSetup.start(conf)) {
            int executors = waitForExecutors(sc, SparkSetup.expectedExecutors(conf));
            int gpus = conf.getInt("spark.executor.resource.gpu.amount", 0);
            int tasks = Math.max(1, executors) * Math.max(1, gpus);
            var rdd = sc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks);
            @SuppressWarnings("unchecked")
            ClassTag<ClusterBench.Row[]> tag = (ClassTag<ClusterBench.Row[]>) (ClassTag<?>) ClassTag$.MODULE$.apply(ClusterBench.Row[].class);
            Object[] perTask = (Object[]) sc.sc().runJob(rdd.rdd(), new SlotTask(spec), tag);
            List<ClusterBench.Row> rows = new ArrayList<>();
            for (Object o : perTask) rows.addAll(List.of((ClusterBench.Row[]) o));
            return rows;
        }
    }

    /**
     * Executors register after the context starts: wait for the number the master asks for
     * (at most a minute), or, when it does not say, a few seconds for those that come. Local
     * mode has none besides the driver, which then runs the tasks: 0.
     */
    private static int waitForExecutors(JavaSparkContext sc, int expected) throws InterruptedException {
        if (sc.master().startsWith("local[") || sc.master().equals("local")) return 0;
        long deadline = System.nanoTime() + (expected > 0 ? 60_000_000_000L : 5_000_000_000L);
        int n = 0;
        while (System.nanoTime() < deadline) {
            n = sc.statusTracker().getExecutorInfos().length - 1;   // the driver is listed too
            if (expected > 0 && n >= expected) break;
            Thread.sleep(200);
        }
        return n;
    }

    private static final class SlotTask extends AbstractFunction2<TaskContext, Iterator<Integer>, ClusterBench.Row[]> implements Serializable {
        private final ClusterBench.Spec spec;

        SlotTask(ClusterBench.Spec spec) {
            this.spec = spec;
        }

        @Override
        public ClusterBench.Row[] apply(TaskContext ctx, Iterator<Integer> it) {
            String executor = SparkEnv.get().executorId();
            return ClusterBench.run(spec, executor, PointTask.gpu(ctx)).toArray(new ClusterBench.Row[0]);
        }
    }
}
