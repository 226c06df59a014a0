package io.halidekmc.cli;

import io.halidekmc.Version;
import io.halidekmc.bench.BenchProblem;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.exact.LinearScanEngine;
import io.halidekmc.engine.sector.SectorEngine;
import io.halidekmc.io.yaml.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench}: events/s of the exact engine on the standard problems, against the naive O(n)
 * linear-scan baseline run in the same process, printed as JSON. Each figure is the median of
 * several timed repeats after a warm-up, since these machines are shared and noisy.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark the exact engine, or the sector engine 1 vs N threads (JSON on stdout).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--problem", paramLabel = "ID", description = "box64, nc23, all (the exact engine), refresh "
            + "(the bulk hop-rate refresh on CPU and GPU, GB/s) or nc-ensemble (a film of 23 nm nanocrystals on the GPU "
            + "ensemble engine against the CPU backend), export (snapshot and XYZ/XDMF export cost on a --cells box; default: all)")
    String problem = "all";

    @Option(names = "--backend", paramLabel = "NAME", description = "auto, cpu, cuda or tornado: where --problem refresh runs "
            + "besides the CPU (default auto); unavailable: CPU only, with the reason")
    String backend = "auto";

    @Option(names = "--devices", paramLabel = "LIST", description = "CUDA device ordinals, e.g. 0 (default 0)")
    String devices;

    @Option(names = "--cells", paramLabel = "N", description = "--problem refresh: periodic N^3-cell box (default 64)")
    int cells = 64;

    @Option(names = "--export-frames", paramLabel = "N", description = "--problem export: snapshots exported per timed write (default 5; "
            + "a 64^3 frame is 27 MB of XYZ)")
    int exportFrames = 5;

    @Option(names = "--ncs", paramLabel = "N", description = "--problem nc-ensemble: nanocrystals in the film (default 10000)")
    int ncs = 10_000;

    @Option(names = "--events-per-nc", paramLabel = "N", description = "--problem nc-ensemble: hops per nanocrystal per timed repeat (default 20000)")
    double eventsPerNc = 20_000;

    @Option(names = "--lanes", paramLabel = "LIST", description = "--problem nc-ensemble: CUDA lanes per nanocrystal to time, e.g. 8,4 (default 8)")
    String lanes = "8";

    @Option(names = "--kernels", paramLabel = "LIST", description = "--problem nc-ensemble: CUDA kernels to time, global, cached and/or resident (the crystal in shared memory; 32 lanes) (default global)")
    String kernels = "global";

    @Option(names = "--baseline-ncs", paramLabel = "N", description = "--problem nc-ensemble: nanocrystals of the CPU baselines (default 64)")
    int baselineNcs = 64;

    @Option(names = "--events", paramLabel = "N", description = "hops per timed repeat of the exact engine (default 4000000)")
    long events = 4_000_000;

    @Option(names = "--baseline-events", paramLabel = "N", description = "hops per timed repeat of the baseline (default 40000)")
    long baselineEvents = 40_000;

    @Option(names = "--repeats", description = "timed repeats (default 5)")
    int repeats = 5;

    @Option(names = "--seed", description = "seed (default 1)")
    long seed = 1;

    @Option(names = "--engine", paramLabel = "NAME", description = "exact (default), sector (1 vs --threads threads) or "
            + "sector-uniformized (on a periodic --cells box, its sector steps on --backend, against the sector engine)")
    String engine = "exact";

    @Option(names = "--threads", paramLabel = "N", description = "sector engine: threads of the parallel run, compared with 1 (default 2)")
    int threads = 2;

    @Option(names = "--cluster", description = "run the exact-engine problems once per Spark executor slot (per GPU where "
            + "executors have them) and print one CSV table: host, executor, device, backend, problem, events/s (needs bin/halide-kmc-spark)")
    boolean cluster;

    @Option(names = "--master", paramLabel = "URL", description = "--cluster: the Spark master (default: what spark-submit set, else local[*])")
    String master;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<BenchProblem> problems = new ArrayList<>();
        BackendOptions.checkName(backend);
        List<Integer> devs = BackendOptions.devices(devices);
        if (master != null && !cluster) throw new InputException("--master: only with --cluster");
        if (cluster) return clusterBench();
        if (problem.equals("refresh")) {
            if (cells < 2 || cells > 400) throw new InputException("--cells: " + cells + " is out of range; allowed: 2..400");
            spec.commandLine().getOut().println(io.halidekmc.bench.RefreshBench.run(backend, devs, cells, repeats, seed));
            return 0;
        }
        if (problem.equals("export")) {
            if (cells < 4 || cells > 256) throw new InputException("--cells: " + cells + " is out of range; allowed: 4..256");
            if (exportFrames < 1 || exportFrames > 101) throw new InputException("--export-frames: " + exportFrames + " is out of range; allowed: 1..101");
            if (events < 1000 || repeats < 1) throw new InputException("--events ≥ 1000 and --repeats ≥ 1 are required");
            spec.commandLine().getOut().println(io.halidekmc.bench.ExportBench.run(cells, events, exportFrames, repeats, seed));
            return 0;
        }
        if (engine.equals("sector-uniformized")) {
            if (cells < 8 || cells > 400) throw new InputException("--cells: " + cells + " is out of range; allowed: 8..400");
            if (threads < 1 || repeats < 1 || events < 1000) throw new InputException("--threads ≥ 1, --repeats ≥ 1 and --events ≥ 1000 are required");
            spec.commandLine().getOut().println(io.halidekmc.bench.SectorBench.run(backend, devs, cells, events, repeats, threads, seed));
            return 0;
        }
        if (problem.equals("nc-ensemble")) {
            if (ncs < 1 || ncs > 200_000) throw new InputException("--ncs: " + ncs + " is out of range; allowed: 1..200000");
            if (baselineNcs < 1 || baselineNcs > 10_000) throw new InputException("--baseline-ncs: " + baselineNcs + " is out of range; allowed: 1..10000");
            if (!(eventsPerNc > 0 && eventsPerNc <= 1e9)) throw new InputException("--events-per-nc: " + eventsPerNc + " is out of range; allowed: (0, 1e9]");
            if (threads < 1 || repeats < 1) throw new InputException("--threads and --repeats: allowed ≥ 1");
            List<Integer> ls = new ArrayList<>();
            for (String x : lanes.split(",")) {
                String v = x.strip();
                if (!List.of("1", "2", "4", "8", "16", "32").contains(v)) {
                    throw new InputException("--lanes: '" + v + "' is not allowed; allowed: 1, 2, 4, 8, 16, 32 (comma-separated)");
                }
                ls.add(Integer.parseInt(v));
            }
            List<String> ks = new ArrayList<>();
            for (String x : kernels.split(",")) {
                String v = x.strip();
                if (!v.equals("cached") && !v.equals("global") && !v.equals("resident")) {
                    throw new InputException("--kernels: '" + v + "' is not allowed; allowed: cached, global, resident (comma-separated)");
                }
                ks.add(v);
            }
            spec.commandLine().getOut().println(io.halidekmc.bench.EnsembleBench.run(backend, devs, ncs, repeats, seed, threads,
                    baselineNcs, eventsPerNc, ls, ks));
            return 0;
        }
        if (problem.equals("all")) {
            problems.addAll(List.of(BenchProblem.values()));
        } else if (BenchProblem.byId(problem) != null) {
            problems.add(BenchProblem.byId(problem));
        } else {
            throw new InputException("--problem: '" + problem + "' is not a bench problem; allowed: box64, nc23, all, refresh, nc-ensemble, export");
        }
        if (events < 1000 || baselineEvents < 100 || repeats < 1) {
            throw new InputException("--events ≥ 1000, --baseline-events ≥ 100 and --repeats ≥ 1 are required");
        }
        PrintWriter o = spec.commandLine().getOut();
        if (engine.equals("sector")) {
            if (threads < 1) throw new InputException("--threads: " + threads + " is out of range; allowed: ≥ 1");
            o.println(sectorBench(problems));
            return 0;
        }
        if (!engine.equals("exact")) throw new InputException("--engine: '" + engine + "' is not allowed; allowed: exact, sector, sector-uniformized");
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"version\": \"").append(Version.VERSION).append("\",\n");
        json.append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n");
        json.append("  \"machine\": {\"cores\": ").append(Runtime.getRuntime().availableProcessors())
                .append(", \"os\": \"").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append("\", \"threads_used\": 1},\n");
        json.append("  \"problems\": [\n");
        for (int p = 0; p < problems.size(); p++) {
            BenchProblem bp = problems.get(p);
            ExactEngine e = bp.exactEngine(seed);
            e.advance(Double.POSITIVE_INFINITY, events); // warm-up: JIT and a relaxed configuration
            double[] rate = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                long n = e.advance(Double.POSITIVE_INFINITY, events);
                rate[r] = n / ((System.nanoTime() - t0) / 1e9);
            }
            LinearScanEngine b = bp.baselineEngine(seed);
            b.advance(baselineEvents);
            double[] base = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                long n = b.advance(baselineEvents);
                base[r] = n / ((System.nanoTime() - t0) / 1e9);
            }
            double med = median(rate), medBase = median(base);
            json.append(String.format(Locale.ROOT,
                    "    {\"problem\": \"%s\", \"description\": \"%s\", \"sites\": %d, \"vacancies\": %d, \"bytes_per_site\": %.1f,"
                            + " \"events_per_s\": %.4g, \"events_per_s_min\": %.4g, \"events_per_s_max\": %.4g,"
                            + " \"baseline\": \"naive O(n) linear-scan selection\", \"baseline_events_per_s\": %.4g, \"ratio\": %.1f}%s%n",
                    bp.id, bp.description, e.occupancy().lattice.activeSites(), e.occupancy().vacancies, e.bytesPerSite(),
                    med, min(rate), max(rate), medBase, med / medBase, p + 1 < problems.size() ? "," : ""));
        }
        json.append("  ]\n}");
        o.println(json);
        return 0;
    }

    /**
     * Sector engine, 1 thread against --threads threads on the same problem and seed (the two
     * trajectories are identical, so the ratio is pure speed). Repeats alternate between the two
     * engines so that a noisy neighbour hits both alike; medians are printed.
     */
    private String sectorBench(List<BenchProblem> problems) {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"version\": \"").append(Version.VERSION).append("\",\n");
        json.append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n");
        json.append("  \"machine\": {\"cores\": ").append(Runtime.getRuntime().availableProcessors())
                .append(", \"os\": \"").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append("\", \"threads_used\": ").append(threads).append("},\n");
        json.append("  \"engine\": \"sector\",\n  \"problems\": [\n");
        for (int p = 0; p < problems.size(); p++) {
            BenchProblem bp = problems.get(p);
            try (SectorEngine one = bp.sectorEngine(seed, 1); SectorEngine many = bp.sectorEngine(seed, threads)) {
                one.advance(Double.POSITIVE_INFINITY, events);   // warm-up
                many.advance(Double.POSITIVE_INFINITY, events);
                double[] r1 = new double[repeats], rn = new double[repeats], ratio = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    long n = one.advance(Double.POSITIVE_INFINITY, events);
                    r1[r] = n / ((System.nanoTime() - t0) / 1e9);
                    t0 = System.nanoTime();
                    n = many.advance(Double.POSITIVE_INFINITY, events);
                    rn[r] = n / ((System.nanoTime() - t0) / 1e9);
                    ratio[r] = rn[r] / r1[r];
                }
                json.append(String.format(Locale.ROOT,
                        "    {\"problem\": \"%s\", \"description\": \"%s\", \"sites\": %d, \"vacancies\": %d,"
                                + " \"blocks\": \"%s\", \"colours\": %d, \"window_s\": %.4g,"
                                + " \"events_per_s_1_thread\": %.4g, \"events_per_s_%d_threads\": %.4g,"
                                + " \"ratio\": %.3f, \"ratio_min\": %.3f, \"ratio_max\": %.3f}%s%n",
                        bp.id, bp.description, one.occupancy().lattice.activeSites(), one.occupancy().vacancies,
                        java.util.Arrays.toString(one.blocks()), one.colours(), one.window(),
                        median(r1), threads, median(rn), median(ratio), min(ratio), max(ratio), p + 1 < problems.size() ? "," : ""));
            }
        }
        json.append("  ]\n}");
        return json.toString();
    }

    /** {@code bench --cluster}: the exact engine on each executor slot, one CSV table on stdout. */
    private int clusterBench() throws Exception {
        if (!engine.equals("exact")) throw new InputException("--cluster: only with --engine exact");
        List<String> ids;
        if (problem.equals("all")) {
            ids = java.util.Arrays.stream(BenchProblem.values()).map(p -> p.id).toList();
        } else if (BenchProblem.byId(problem) != null) {
            ids = List.of(problem);
        } else {
            throw new InputException("--problem: '" + problem + "' is not allowed with --cluster; allowed: box64, nc23, all");
        }
        if (events < 1000 || repeats < 1) throw new InputException("--events ≥ 1000 and --repeats ≥ 1 are required");
        var provider = io.halidekmc.cluster.ClusterProviders.find("--cluster", "spark");
        var rows = provider.bench(master, new io.halidekmc.bench.ClusterBench.Spec(ids, events, repeats, seed, backend.toLowerCase(Locale.ROOT)));
        PrintWriter o = spec.commandLine().getOut();
        o.println(io.halidekmc.bench.ClusterBench.HEADER);
        for (var r : rows) o.println(io.halidekmc.bench.ClusterBench.csvLine(r));
        return 0;
    }

    static double median(double[] a) {
        double[] s = a.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] a) {
        double m = a[0];
        for (double x : a) m = Math.min(m, x);
        return m;
    }

    private static double max(double[] a) {
        double m = a[0];
        for (double x : a) m = Math.max(m, x);
        return m;
    }
}
