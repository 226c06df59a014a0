package io.halidekmc.bench;

import io.halidekmc.engine.sector.SectorEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Hops per second of the sector engine on BOX64 ({@link BenchProblem#SECTOR_BLOCKS}, default
 * window), 1 against 2 worker threads (score = events/s; the 2-vs-1 ratio is the speed-up, the
 * trajectories being identical). Run: benchmarks/run-jmh.sh SectorEngineBenchmark
 */
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class SectorEngineBenchmark {
    static final int HOPS = 200_000;

    @State(Scope.Thread)
    public static class Sector {
        @Param({"1", "2"})
        public int threads;
        SectorEngine engine;

        @Setup(Level.Trial)
        public void setUp() {
            engine = BenchProblem.BOX64.sectorEngine(1, threads);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
        }
    }

    /** Events/s; advance stops after the sweep that reaches HOPS, so the count is ≈ HOPS (+ < 1 sweep). */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long sector(Sector s) {
        return s.engine.advance(Double.POSITIVE_INFINITY, HOPS);
    }
}
