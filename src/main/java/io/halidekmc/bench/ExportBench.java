package io.halidekmc.bench;

import io.halidekmc.Version;
import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.output.Hdf5Writer;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench --problem export}: what snapshots and the viewer files cost on a periodic cells³
 * box of the benchmark alloy (64³ = box64). Two figures, both medians of {@code repeats}:
 * <ul>
 * <li>seconds per frame of the XYZ and the XDMF export: the HDF5 write of {@code exportFrames}
 *     snapshots with {@code output.export: [xyz]} (or {@code [xdmf]}: its per-frame species
 *     datasets and the XML) less the same write without export, per frame;
 * <li>the slowdown of a run of about {@code events} hops with a snapshot every 1 % of its time
 *     (101) against the same run without, in this process, runs alternated so drift in a shared
 *     machine's speed falls on both: the simulation alone, and with its HDF5 file written.
 * </ul>
 * The run's end time comes from a pilot run of a tenth of the hops (which also warms the JIT).
 * The export itself happens once at the end of a run, from the snapshots held in memory, so its
 * share of a run is frames × seconds per frame against the run's length (given as an estimate).
 */
public final class ExportBench {
    private ExportBench() {}

    private static String yaml(int cells, long seed) {
        return String.format(Locale.ROOT, """
                name: bench-export
                seed: %d
                geometry: {type: bulk, cells: [%d, %d, %d]}
                composition: {Br: %s, I: %s}
                vacancy_fraction: %s
                physics: {mixing: true, field: false}
                drives: {temperature: %s}
                engine: exact
                run: {until: 1.0}
                """, seed, cells, cells, cells, BenchProblem.BR, BenchProblem.I, BenchProblem.VACANCIES, BenchProblem.TEMPERATURE);
    }

    public static String run(int cells, long events, int exportFrames, int repeats, long seed) throws IOException {
        String text = yaml(cells, seed);
        Scenario pilot = scenario(text, Map.of());
        RunResult p = new Simulation(pilot.withLimits(pilot.until(), Math.max(1000, events / 10))).run(null);
        // 3 significant digits, so until / 100 is an exact decimal and every 1 % gives 101 snapshots
        double until = round3(p.endTime() * events / Math.max(1, p.events()));
        double every = round3(until / 100);
        Scenario plain = scenario(text, Map.of("run.until", until));
        Scenario snapped = scenario(text, Map.of("run.until", until, "output.snapshots", Map.of("every", every)));

        Path dir = Files.createTempDirectory("halide-kmc-bench-export");
        try {
            write(p, dir);   // the writer's first call is its slowest (class loading, JIT): not timed
            RunResult[] last = new RunResult[2];
            double[] runPlain = new double[repeats], runSnapped = new double[repeats];
            double[] writePlain = new double[repeats], writeSnapped = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                // alternated, so a slower minute of a shared machine falls on both
                runPlain[i] = seconds(() -> last[0] = new Simulation(plain).run(null));
                runSnapped[i] = seconds(() -> last[1] = new Simulation(snapped).run(null));
                writePlain[i] = write(last[0], dir);
                writeSnapped[i] = write(last[1], dir);
            }
            RunResult withSnaps = last[1];
            List<io.halidekmc.observe.Snapshot> some = withSnaps.snapshots().subList(0, Math.min(exportFrames, withSnaps.snapshots().size()));
            int f = some.size();
            RunResult none = withSnaps.withOutput(snapped, some);
            RunResult xyz = withSnaps.withOutput(scenario(text, Map.of("run.until", until, "output.snapshots", Map.of("every", every),
                    "output.export", List.of("xyz"))), some);
            RunResult xdmf = withSnaps.withOutput(scenario(text, Map.of("run.until", until, "output.snapshots", Map.of("every", every),
                    "output.export", List.of("xdmf"))), some);
            double[] tNone = new double[repeats], tXyz = new double[repeats], tXdmf = new double[repeats];
            long xyzBytes = 0;
            for (int i = 0; i < repeats; i++) {
                tNone[i] = write(none, dir);
                tXyz[i] = write(xyz, dir);
                xyzBytes = Files.size(dir.resolve("run.xyz"));
                tXdmf[i] = write(xdmf, dir);
            }
            double xyzPerFrame = (median(tXyz) - median(tNone)) / f;
            double xdmfPerFrame = (median(tXdmf) - median(tNone)) / f;
            double rp = median(runPlain), rs = median(runSnapped), wp = median(writePlain), ws = median(writeSnapped);
            int frames = withSnaps.snapshots().size();
            StringBuilder j = new StringBuilder();
            j.append("{\n  \"version\": \"").append(Version.VERSION).append("\",\n");
            j.append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n");
            j.append(String.format(Locale.ROOT, "  \"problem\": \"export\", \"description\": \"snapshot and viewer-export cost, periodic "
                    + "%d^3-cell CsPbBr1.2I1.8 box, 1%% vacancies, mixing on, 300 K\",%n", cells));
            j.append(String.format(Locale.ROOT, "  \"sites\": %d, \"repeats\": %d,%n", p.sites(), repeats));
            j.append(String.format(Locale.ROOT, "  \"export\": {\"frames\": %d, \"xyz_s_per_frame\": %.4f, \"xyz_bytes_per_frame\": %d, "
                    + "\"xdmf_s_per_frame\": %.4f, \"hdf5_without_export_s\": %.4f},%n", f, xyzPerFrame, xyzBytes / f, xdmfPerFrame, median(tNone)));
            j.append(String.format(Locale.ROOT, "  \"run\": {\"until_s\": %s, \"snapshot_every_s\": %s, \"snapshots\": %d, \"hops\": %d, "
                            + "\"without_snapshots_s\": %.3f, \"with_snapshots_s\": %.3f, \"slowdown_percent\": %.2f,%n",
                    Double.toString(until), Double.toString(every), frames, withSnaps.events(), rp, rs, 100 * (rs / rp - 1)));
            j.append(String.format(Locale.ROOT, "    \"hdf5_write_without_s\": %.3f, \"hdf5_write_with_s\": %.3f, "
                            + "\"slowdown_with_hdf5_percent\": %.2f, \"export_xyz_xdmf_estimate_percent\": %.2f,%n",
                    wp, ws, 100 * ((rs + ws) / (rp + wp) - 1), 100 * frames * (xyzPerFrame + xdmfPerFrame) / (rp + wp)));
            // the cost is per frame, not per hop: fixed for 101 snapshots, so it is 2 % of a run this long or longer
            double perRun = Math.max(0, rs - rp) + Math.max(0, ws - wp) + frames * (xyzPerFrame + xdmfPerFrame);
            j.append(String.format(Locale.ROOT, "    \"snapshots_and_export_s_per_run\": %.3f, \"run_length_for_2_percent_s\": %.0f}%n}",
                    perRun, perRun / 0.02));
            return j.toString();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path x : files.toList()) Files.deleteIfExists(x);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Scenario scenario(String text, Map<String, Object> overrides) {
        return ScenarioLoader.parse(text, "bench-export.yaml", Path.of("."), overrides);
    }

    /** Seconds to write r's HDF5 file (and the viewer files its scenario asks for) into dir. */
    private static double write(RunResult r, Path dir) throws IOException {
        long t0 = System.nanoTime();
        Hdf5Writer.write(r, dir.resolve("run.h5"));
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round3(double x) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3g", x));
    }
}
