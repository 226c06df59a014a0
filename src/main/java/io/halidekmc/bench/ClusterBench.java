package io.halidekmc.bench;

import io.halidekmc.backend.Backends;
import io.halidekmc.engine.RateBackend;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.sweep.Hosts;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --cluster}: the exact engine's events/s on the standard problems, measured once on
 * each executor slot of a cluster (each GPU where executors have them), gathered into one table.
 * This class is the work of one slot; a {@link io.halidekmc.cluster.ClusterProvider} ships it.
 */
public final class ClusterBench {
    private ClusterBench() {}

    /** What each slot runs: problem ids, hops per timed repeat, repeats, seed, rate backend. */
    public record Spec(List<String> problems, long events, int repeats, long seed, String backend) implements Serializable {
        public Spec {
            problems = List.copyOf(problems);
        }
    }

    /** One problem on one slot: median events/s of the repeats, and their spread. */
    public record Row(String host, String executor, String device, String backend, String problem, long sites,
                      double eventsPerSecond, double min, double max) implements Serializable {}

    public static final String HEADER = "host,executor,device,backend,problem,sites,events_per_s,events_per_s_min,events_per_s_max";

    /**
     * Runs the spec here. {@code gpu}: the GPU this slot holds (null: none, then the CPU backend).
     * The engine is warmed up once per problem, as in {@code bench}.
     */
    public static List<Row> run(Spec spec, String executor, Integer gpu) {
        List<Row> rows = new ArrayList<>();
        for (String id : spec.problems()) {
            BenchProblem p = BenchProblem.byId(id);
            if (p == null) throw new IllegalArgumentException("not a bench problem: " + id);
            ExactEngine e = p.exactEngine(spec.seed());
            Backends.Choice choice = gpu == null || spec.backend().equals("cpu") ? null
                    : Backends.select(spec.backend(), List.of(gpu), e::useRateBackend);
            RateBackend b = choice == null ? RateBackend.CPU : choice.backend();
            try {
                e.useRateBackend(b);
                e.advance(Double.POSITIVE_INFINITY, spec.events());
                double[] rate = new double[spec.repeats()];
                for (int r = 0; r < rate.length; r++) {
                    long t0 = System.nanoTime();
                    long n = e.advance(Double.POSITIVE_INFINITY, spec.events());
                    rate[r] = n / ((System.nanoTime() - t0) / 1e9);
                }
                double[] s = rate.clone();
                Arrays.sort(s);
                double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
                String device = b.name().equals("cuda") ? "cuda:" + gpu : "cpu";
                rows.add(new Row(Hosts.name(), executor, device, b.name(), p.id, e.occupancy().lattice.activeSites(),
                        median, s[0], s[s.length - 1]));
            } finally {
                if (choice != null) choice.backend().close();
            }
        }
        return rows;
    }

    public static String csvLine(Row r) {
        return String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%.4g,%.4g,%.4g", r.host(), r.executor(), r.device(), r.backend(),
                r.problem(), r.sites(), r.eventsPerSecond(), r.min(), r.max());
    }
}
