package io.halidekmc.bench;

import io.halidekmc.Version;
import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.uniformized.CpuSectorRunner;
import io.halidekmc.engine.Rng;
import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.engine.sector.SectorEngine;
import io.halidekmc.engine.uniformized.SectorRunner;
import io.halidekmc.engine.uniformized.UniformizedSectorEngine;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.MixingTerm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --engine sector-uniformized}: events/s of the uniformized sector engine on a
 * periodic cells³ box of the benchmark alloy (CsPbBr1.2I1.8, 1 % vacancies, mixing, 300 K; sectors
 * of ≈ 8 cells, the default window), its sector steps on the CPU threads, CUDA or TornadoVM, against
 * the BKL sector engine on the same box and threads, run in the same process. Medians of the repeats.
 */
public final class SectorBench {
    private SectorBench() {}

    private static Occupancy box(int cells, long seed) {
        return InitialState.randomAlloy(new Geometry.Bulk(cells, cells, cells).lattice(),
                InitialState.fractions(0, BenchProblem.BR, BenchProblem.I), BenchProblem.VACANCIES, Rng.stream(seed, 0));
    }

    public static String run(String backend, List<Integer> devices, int cells, long events, int repeats, int threads, long seed) {
        List<EnergyTerm> terms = List.of(new MixingTerm());
        DriveProgram drive = DriveProgram.constant(BenchProblem.TEMPERATURE, 0);
        SectorConfig config = new SectorConfig(0, null, threads);
        String req = backend.toLowerCase(Locale.ROOT);
        String[] why = {req + " requested"};
        UniformizedSectorEngine.RunnerFactory factory = st -> {
            try {
                if (!req.equals("cpu")) return io.halidekmc.backend.Backends.openSectors(req.equals("auto") ? "cuda" : req, devices, st);
            } catch (BackendUnavailable e) {
                why[0] = req + " requested but unavailable: " + e.getMessage() + "; cpu";
                System.err.println("halide-kmc: " + why[0]);
            }
            return new CpuSectorRunner(st, threads);
        };
        StringBuilder j = new StringBuilder();
        j.append("{\n  \"version\": \"").append(Version.VERSION).append("\",\n");
        j.append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n");
        j.append(String.format(Locale.ROOT, "  \"problem\": \"periodic %d^3-cell CsPbBr1.2I1.8 box, 1%% vacancies, mixing on, 300 K\", "
                + "\"threads\": %d, \"events_per_repeat\": %d,%n", cells, threads, events));
        double[] unif = new double[repeats], bkl = new double[repeats];
        try (UniformizedSectorEngine u = new UniformizedSectorEngine(box(cells, seed), BenchProblem.BOX64.material(), terms, drive, seed, config, factory);
             SectorEngine s = new SectorEngine(box(cells, seed), BenchProblem.BOX64.material(), terms, drive, seed, config)) {
            u.advance(Double.POSITIVE_INFINITY, events / 4);   // warm-up (JIT, device start)
            s.advance(Double.POSITIVE_INFINITY, events / 4);
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                long n = u.advance(Double.POSITIVE_INFINITY, events);
                unif[r] = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                n = s.advance(Double.POSITIVE_INFINITY, events);
                bkl[r] = n / ((System.nanoTime() - t0) / 1e9);
            }
            Occupancy o = u.occupancy();
            j.append(String.format(Locale.ROOT, "  \"sites\": %d, \"vacancies\": %d, \"blocks\": \"%s\", \"window_s\": %.4g, \"runner\": \"%s\", "
                            + "\"backend_reason\": \"%s\",%n", o.lattice.activeSites(), o.vacancies, Arrays.toString(u.blocks()), u.window(),
                    json(u.runnerDescription()), json(why[0])));
            j.append(String.format(Locale.ROOT, "  \"acceptance\": %.4f,%n", (double) u.events() / u.trials()));
        }
        double mu = EnsembleBench.median(unif), mb = EnsembleBench.median(bkl);
        j.append(String.format(Locale.ROOT, "  \"sector_uniformized_events_per_s\": %s, \"median\": %.4g,%n", fmt(unif), mu));
        j.append(String.format(Locale.ROOT, "  \"baseline\": \"BKL sector engine, %d CPU threads, same box\", \"baseline_events_per_s\": %s, "
                + "\"baseline_median\": %.4g, \"ratio\": %.2f%n}", threads, fmt(bkl), mb, mu / mb));
        return j.toString();
    }

    private static String fmt(double[] a) {
        return Arrays.toString(Arrays.stream(a).mapToObj(x -> String.format(Locale.ROOT, "%.4g", x)).toArray());
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
