package io.halidekmc.bench;

import io.halidekmc.Version;
import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.PairwiseSum;
import io.halidekmc.backend.cuda.CudaRateBackend;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;

import java.util.List;
import java.util.Locale;

/**
 * {@code bench --problem refresh}: the bulk hop-rate refresh (every vacancy's 8 rates and their
 * sum) on a periodic cells³ box of the benchmark alloy (64³ = the box64 problem), on the CPU and,
 * where a device is found, on CUDA: each GPU kernel is first checked bit for bit against the CPU
 * kernel, then timed device-resident (inputs uploaded once; launches back to back, then one
 * synchronise) and reported as GB/s against the H200's ≈ 4.8 TB/s HBM3e.
 *
 * <p>Bytes are counted explicitly, as the bytes each kernel reads and writes at the width it
 * uses (4-byte words, 8-byte rates; the small rate tables, which stay in cache, are not counted):
 * <ul>
 * <li>refresh_diff, per vacancy: vacancySite 4 + own word 4 + neighbour-table row 32 +
 *     8 neighbour words 32 + 8 rates 64 + sum 8 = 144 B;
 * <li>refresh_factored, per vacancy: 4 + 4 + 32 + 64 + 8 = 112 B, + 32 B table row for each
 *     vacancy on a non-REGULAR site (neighbours read from the table);
 * <li>refresh_factored_sweep (a thread per site) and refresh_factored_stream (a few blocks per
 *     multiprocessor striding 16 bytes at a time): 4 B per site (the word array, streamed) + per
 *     vacancy vacancyAt 4 + 8 neighbour words 32 + rates and sum 72 (+ 32 per non-REGULAR vacancy).
 * </ul>
 * DRAM moves whole 32-byte sectors, so a sparse gather moves more than it counts; the sweep reads
 * more bytes but all of them coalesced. Both figures are honest about what each kernel does; the
 * time per refresh says which is faster.
 */
public final class RefreshBench {
    public static final double HBM_PEAK_GBPS = 4800;

    private RefreshBench() {}

    public static String run(String backend, List<Integer> devices, int cells, int repeats, long seed) {
        StringBuilder j = new StringBuilder();
        long tb = System.nanoTime();
        Lattice lat = new Geometry.Bulk(cells, cells, cells).lattice();
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, BenchProblem.BR, BenchProblem.I),
                BenchProblem.VACANCIES, Rng.stream(seed, 0));
        RateTable t = new RateTable();
        t.build(BenchProblem.BOX64.material(), List.of(new MixingTerm()), new Conditions(BenchProblem.TEMPERATURE, 0));
        HopKernel.Factors f = new HopKernel.Factors();
        f.build(t);
        double setup = (System.nanoTime() - tb) / 1e9;
        int n = occ.vacancies;
        int sites = occ.counts.length;
        int[] nb = lat.neighbours();
        int[] off = lat.regularOffsets();
        long irregular = 0;
        for (int id = 0; id < n; id++) if ((occ.counts[occ.vacancySite[id]] & Occupancy.REGULAR) == 0) irregular++;

        double[] rDiff = new double[n * Lattice.Z], sDiff = new double[n];
        double[] rFac = new double[n * Lattice.Z], sFac = new double[n];
        HopKernel.refreshAll(occ.vacancySite, n, occ.counts, nb, t.base, t.field, t.mix, rDiff, sDiff);
        double cpuDiff = Double.POSITIVE_INFINITY, cpuFac = Double.POSITIVE_INFINITY;
        long cpuStart = System.nanoTime();
        // the first ones warm the JIT up; 20 at most, and stop after 3 s once 3 are done (big boxes)
        for (int r = 0; r < Math.max(20, 4 * repeats) && (r < 3 || System.nanoTime() - cpuStart < 3_000_000_000L); r++) {
            long t0 = System.nanoTime();
            HopKernel.refreshAll(occ.vacancySite, n, occ.counts, nb, t.base, t.field, t.mix, rDiff, sDiff);
            cpuDiff = Math.min(cpuDiff, (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            HopKernel.refreshAllFactored(occ.vacancySite, n, occ.counts, nb, off, f.fv, f.gh, t.field, rFac, sFac);
            cpuFac = Math.min(cpuFac, (System.nanoTime() - t0) / 1e9);
        }
        double cpuTotal = PairwiseSum.sum(sFac, n);
        double seqTotal = 0;
        for (int i = 0; i < n; i++) seqTotal += sFac[i];

        long bytesDiff = 144L * n;
        long bytesFac = 112L * n + 32 * irregular;
        long bytesSweep = 4L * sites + (4 + 32 + 72) * (long) n + 32 * irregular;

        j.append("{\n  \"version\": \"").append(Version.VERSION).append("\",\n");
        j.append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n");
        j.append(String.format(Locale.ROOT, "  \"problem\": \"refresh\", \"description\": \"bulk hop-rate refresh, periodic %d^3-cell "
                        + "CsPbBr1.2I1.8 box, 1%% vacancies, mixing on, 300 K\",%n  \"cells\": %d, \"sites\": %d, \"vacancies\": %d, "
                        + "\"irregular_vacancies\": %d, \"setup_s\": %.2f,%n",
                cells, cells, lat.sites(), n, irregular, setup));
        j.append(String.format(Locale.ROOT, "  \"bytes_counted\": {\"refresh_diff_per_vacancy\": 144, \"refresh_factored_per_vacancy\": 112, "
                + "\"refresh_factored_sweep_per_site\": 4, \"refresh_factored_sweep_per_vacancy\": 108, \"per_irregular_vacancy_extra\": 32},%n"));
        j.append(String.format(Locale.ROOT, "  \"cpu\": {\"threads\": 1, \"refresh_diff_ms\": %.4f, \"refresh_factored_ms\": %.4f, "
                        + "\"refresh_diff_GBps\": %.2f, \"refresh_factored_GBps\": %.2f, \"total_rate_pairwise\": %s, \"total_rate_sequential\": %s},%n",
                cpuDiff * 1e3, cpuFac * 1e3, bytesDiff / cpuDiff / 1e9, bytesFac / cpuFac / 1e9, cpuTotal, seqTotal));

        String req = backend.toLowerCase(Locale.ROOT);
        if (req.equals("cpu") || req.equals("tornado")) {
            String why = req.equals("cpu") ? "cpu requested" : "tornado requested but not in this build; cpu only";
            j.append("  \"backend\": \"cpu\", \"backend_reason\": \"").append(why).append("\"\n}");
            return j.toString();
        }
        CudaRateBackend cu;
        try {
            cu = CudaRateBackend.open(devices.isEmpty() ? 0 : devices.get(0));
        } catch (BackendUnavailable e) {
            String why = req + " requested but cuda unavailable: " + e.getMessage() + "; cpu only";
            System.err.println("halide-kmc: " + why);
            j.append("  \"backend\": \"cpu\", \"backend_reason\": \"").append(json(why)).append("\"\n}");
            return j.toString();
        }
        try (cu) {
            j.append("  \"backend\": \"cuda\", \"backend_reason\": \"").append(json(req + " requested: " + cu.detail())).append("\",\n");
            j.append("  \"device\": {\"name\": \"").append(json(cu.device.name())).append("\", \"arch\": \"").append(cu.device.arch())
                    .append(String.format(Locale.ROOT, "\", \"sms\": %d, \"memory_GiB\": %.1f, \"reported_peak_GBps\": %.0f, "
                                    + "\"peak_GBps_used\": %.0f, \"kernels\": \"%s\", \"block\": %d},%n",
                            cu.device.multiprocessors(), cu.device.totalMem() / (double) (1L << 30), cu.device.peakGBps(),
                            HBM_PEAK_GBPS, json(cu.kernelOrigin), CudaRateBackend.BLOCK));
            cu.uploadState(occ.vacancySite, n, occ.counts, nb);
            cu.uploadVacancyAt(occ.vacancyAt);
            cu.uploadDifferenceTables(t.base, t.field, t.mix);
            cu.uploadFactoredTables(off, f.fv, f.gh, t.field);
            double[] gr = new double[n * Lattice.Z], gs = new double[n];
            j.append("  \"kernels\": [\n");
            String[] names = {"refresh_diff", "refresh_factored", "refresh_factored_sweep", "refresh_factored_stream"};
            long[] bytes = {bytesDiff, bytesFac, bytesSweep, bytesSweep};
            boolean allEqual = true;
            for (int k = 0; k < names.length; k++) {
                final int kk = k;
                Runnable launch = () -> {
                    if (kk == 0) cu.launchDifference();
                    else if (kk == 3) cu.launchStream();
                    else cu.launchFactored(kk == 2);
                };
                java.util.Arrays.fill(gr, -1);
                java.util.Arrays.fill(gs, -1);
                launch.run();
                cu.synchronize();
                cu.download(gr, gs);
                double[] wantR = k == 0 ? rDiff : rFac, wantS = k == 0 ? sDiff : sFac;
                long bad = mismatches(gr, wantR) + mismatches(gs, wantS);
                long maxUlp = Math.max(maxUlp(gr, wantR), maxUlp(gs, wantS));
                allEqual &= bad == 0;
                double devTotal = cu.deviceTotal();
                // time: enough back-to-back launches for ≥ 0.2 s, best of the repeats
                int reps = 1;
                while (true) {
                    long t0 = System.nanoTime();
                    for (int r = 0; r < reps; r++) launch.run();
                    cu.synchronize();
                    double dt = (System.nanoTime() - t0) / 1e9;
                    if (dt > 0.2 || reps >= 1 << 20) break;
                    reps *= 4;
                }
                double best = Double.POSITIVE_INFINITY;
                for (int rep = 0; rep < Math.max(1, repeats); rep++) {
                    long t0 = System.nanoTime();
                    for (int r = 0; r < reps; r++) launch.run();
                    cu.synchronize();
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
                }
                double gbps = bytes[k] / best / 1e9;
                j.append(String.format(Locale.ROOT, "    {\"kernel\": \"%s\", \"bitwise_equal_to_cpu\": %s, \"mismatches\": %d, \"max_ulp\": %d, "
                                + "\"device_total_bitwise_equal_pairwise_cpu\": %s, \"bytes\": %d, \"launches_timed\": %d, \"ms\": %.5f, "
                                + "\"GBps\": %.1f, \"fraction_of_4800_GBps\": %.3f, \"vacancies_per_s\": %.4g}%s%n",
                        names[k], bad == 0, bad, maxUlp, Double.doubleToRawLongBits(devTotal) == Double.doubleToRawLongBits(
                                PairwiseSum.sum(k == 0 ? sDiff : sFac, n)), bytes[k], reps, best * 1e3, gbps, gbps / HBM_PEAK_GBPS,
                        n / best, k < names.length - 1 ? "," : ""));
            }
            j.append("  ],\n");
            // end to end, as the engine calls it: uploads of words and vacancy list, kernel, copies back
            cu.refreshAllFactored(occ.vacancySite, n, occ.counts, nb, off, f.fv, f.gh, t.field, gr, gs);
            double e2e = Double.POSITIVE_INFINITY;
            for (int r = 0; r < Math.max(3, repeats); r++) {
                long t0 = System.nanoTime();
                cu.refreshAllFactored(occ.vacancySite, n, occ.counts, nb, off, f.fv, f.gh, t.field, gr, gs);
                e2e = Math.min(e2e, (System.nanoTime() - t0) / 1e9);
            }
            allEqual &= mismatches(gr, rFac) + mismatches(gs, sFac) == 0;
            double[] probe = {0.1, 0.2, 0.3};
            j.append(String.format(Locale.ROOT, "  \"end_to_end_factored_with_transfers_ms\": %.4f, \"cpu_factored_ms\": %.4f,%n",
                    e2e * 1e3, cpuFac * 1e3));
            j.append(String.format(Locale.ROOT, "  \"sum_api_bitwise_equal\": %s,%n",
                    Double.doubleToRawLongBits(cu.sum(sFac, n)) == Double.doubleToRawLongBits(cpuTotal)
                            && Double.doubleToRawLongBits(cu.sum(probe, 3)) == Double.doubleToRawLongBits(PairwiseSum.sum(probe, 3))));
            j.append("  \"all_bitwise_equal\": ").append(allEqual).append("\n}");
        }
        return j.toString();
    }

    static long mismatches(double[] a, double[] b) {
        long bad = 0;
        for (int i = 0; i < b.length; i++) if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) bad++;
        return bad;
    }

    static long maxUlp(double[] a, double[] b) {
        long m = 0;
        for (int i = 0; i < b.length; i++) {
            long d = Math.abs(Double.doubleToRawLongBits(a[i]) - Double.doubleToRawLongBits(b[i]));
            m = Math.max(m, d);
        }
        return m;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }
}
