package io.halidekmc.bench;

import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.exact.LinearScanEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Hops per second of the exact engine on the standard problems (score = events/s), with the
 * naive O(n) linear-scan engine as the baseline in the same run. Run: benchmarks/run-jmh.sh.
 */
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class ExactEngineBenchmark {
    static final int HOPS = 100_000;
    static final int BASELINE_HOPS = 1_000;

    @State(Scope.Thread)
    public static class Exact {
        @Param({"box64", "nc23"})
        public String problem;
        ExactEngine engine;

        @Setup(Level.Trial)
        public void setUp() {
            engine = BenchProblem.byId(problem).exactEngine(1);
        }
    }

    @State(Scope.Thread)
    public static class Baseline {
        @Param({"box64", "nc23"})
        public String problem;
        LinearScanEngine engine;

        @Setup(Level.Trial)
        public void setUp() {
            engine = BenchProblem.byId(problem).baselineEngine(1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    @org.openjdk.jmh.annotations.OutputTimeUnit(TimeUnit.SECONDS)
    public long exact(Exact s) {
        return s.engine.advance(Double.POSITIVE_INFINITY, HOPS);
    }

    @Benchmark
    @OperationsPerInvocation(BASELINE_HOPS)
    @org.openjdk.jmh.annotations.OutputTimeUnit(TimeUnit.SECONDS)
    public long linearScanBaseline(Baseline s) {
        return s.engine.advance(BASELINE_HOPS);
    }
}
