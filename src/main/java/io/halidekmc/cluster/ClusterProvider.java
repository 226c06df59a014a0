package io.halidekmc.cluster;

import io.halidekmc.bench.ClusterBench;
import io.halidekmc.sweep.SweepRunner;

import java.util.List;

/**
 * A way to run work on a cluster, found at run time with {@link java.util.ServiceLoader} so the
 * core jar does not depend on it: the Spark module (halide-kmc-spark) provides "spark" when its
 * jar is on the classpath (bin/halide-kmc-spark, or spark-submit).
 */
public interface ClusterProvider {
    /** The name given to {@code --runner} and {@code bench --cluster}, e.g. "spark". */
    String name();

    /**
     * A sweep runner on the cluster at {@code master} (null: the cluster's own default, e.g.
     * what spark-submit set, else in-process).
     */
    SweepRunner sweepRunner(String master);

    /** Runs the bench once per executor slot (per GPU where executors have GPUs) and gathers the rows. */
    List<ClusterBench.Row> bench(String master, ClusterBench.Spec spec) throws Exception;
}
