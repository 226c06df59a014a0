package io.halidekmc.spark;

import io.halidekmc.bench.ClusterBench;
import io.halidekmc.cluster.ClusterProvider;
import io.halidekmc.sweep.SweepRunner;

import java.util.List;

/** The "spark" cluster provider (registered in META-INF/services). */
public final class SparkProvider implements ClusterProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SweepRunner sweepRunner(String master) {
        SparkSweepRunner r = new SparkSweepRunner(master);
        r.context();   // started now: a master Spark cannot use is bad input before anything is written
        return r;
    }

    @Override
    public List<ClusterBench.Row> bench(String master, ClusterBench.Spec spec) throws Exception {
        return SparkBench.run(master, spec);
    }
}
