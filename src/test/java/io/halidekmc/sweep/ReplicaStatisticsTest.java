package io.halidekmc.sweep;

import io.halidekmc.io.ScenarioLoader;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 item 4: replicas are independent, and their standard error is the statistical one.
 * The outcome is a random walk whose spread is known exactly: the net halide displacement along z
 * of a pure CsPbBr3 box without field.
 *
 * <p>Expected spread. A hop moves one halide into the vacancy next to it, by dz ∈ {0, ±a/2}: a
 * vacancy on a z-edge site has all 8 neighbours at dz = ±a/2, one on an x- or y-edge site 4 of 8.
 * The three site types are equally likely at every time (vacancies start on random sites, and the
 * chain of types a vacancy visits is symmetric, so uniform is its stationary law), so
 * E[dz²] = (1 + ½ + ½)/3 · (a/2)² = a²/6. In a pure lattice without field every free neighbour is
 * equally likely, so dz has mean 0 given the past: the increments are uncorrelated and, with
 * N hops in the run (independent of the directions, all rates being equal), Wald's identity gives
 * Var(D) = E[N] · a²/6. With ≈ 3 × 10⁴ hops per run D is Gaussian to a fraction of a percent, so for
 * M replicas (M − 1)s²/σ² follows χ²(M − 1), and the reported standard error s/√M divided by the
 * expected σ/√M lies in [√(q₀.₀₀₀₅/(M−1)), √(q₀.₉₉₉₅/(M−1))] with probability 0.999 (for M = 24:
 * [0.47, 1.67]). The mean is within 3.5 σ/√M of 0 with probability 0.9995. Seeds are fixed, so
 * the test is deterministic; a sweep whose replicas shared a stream (s = 0) or whose variance
 * were counted per point instead of per run fails it.
 */
class ReplicaStatisticsTest {
    @TempDir
    Path tmp;

    static final int M = 24;

    static final String WALK = """
            name: walk
            seed: 11
            geometry: {type: bulk, cells: [6, 6, 6]}
            composition: {Br: 1}
            vacancy_fraction: 0.01
            drives: {temperature: 300}
            run: {until: 1.0e-6}
            output: {interval: 1.0e-6}
            """;

    static final String SWEEP = """
            scenario: walk.yaml
            grid: {drives.temperature: [300]}
            seeds: {base: 40, replicas: %d}
            outcomes: ["timeseries:net_halide_dz_m@end", events]
            """.formatted(M);

    @Test
    void standardErrorOfReplicasOfARandomWalkIsItsStatisticalOne() throws Exception {
        Files.writeString(tmp.resolve("walk.yaml"), WALK);
        Path sweepFile = Files.writeString(tmp.resolve("sweep.yaml"), SWEEP);
        SweepSpec spec = SweepLoader.load(sweepFile);
        Sweep.Summary s = Sweep.run(spec, Grid.expand(spec), tmp.resolve("out"), new LocalThreadRunner(2),
                new SimulatePoint(spec.outcomes(), null), null, true);
        assertEquals(0, s.failed());

        Map<String, String> row = ReplicaSweepTest.table(tmp.resolve("out/sweep.csv")).getFirst();
        String d = "timeseries:net_halide_dz_m@end";
        assertEquals(String.valueOf(M), row.get(d + "_n"));
        double mean = Double.parseDouble(row.get(d)), se = Double.parseDouble(row.get(d + "_se"));
        double hops = Double.parseDouble(row.get("events"));
        assertTrue(hops > 2e4, "enough hops per run for the Gaussian limit: " + hops);

        double a = ScenarioLoader.load(tmp.resolve("walk.yaml")).material().latticeConstant() * 1e-10;
        double sigma = Math.sqrt(hops * a * a / 6);
        double expectedSe = sigma / Math.sqrt(M);
        ChiSquaredDistribution chi2 = new ChiSquaredDistribution(M - 1);
        double lo = Math.sqrt(chi2.inverseCumulativeProbability(0.0005) / (M - 1));
        double hi = Math.sqrt(chi2.inverseCumulativeProbability(0.9995) / (M - 1));
        double ratio = se / expectedSe;
        assertTrue(ratio >= lo && ratio <= hi, String.format("standard error %.4g m is %.3f × the expected %.4g m; allowed [%.2f, %.2f]",
                se, ratio, expectedSe, lo, hi));
        assertTrue(Math.abs(mean) <= 3.5 * expectedSe, "mean " + mean + " m vs expected 0 ± " + expectedSe);

        // the replicas are distinct runs: M different seeds, M different walks (a displacement alone, a
        // multiple of a/2 spread over ≈ 350 values, repeats among 24 runs by chance; with the hop count it does not)
        List<Map<String, String>> runs = ReplicaSweepTest.table(tmp.resolve("out/sweep-replicas.csv"));
        assertEquals(M, runs.stream().map(r -> r.get("seed")).distinct().count());
        assertEquals(M, runs.stream().map(r -> r.get("events") + " " + r.get(d)).distinct().count());
    }
}
