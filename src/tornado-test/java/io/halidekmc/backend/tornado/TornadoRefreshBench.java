package io.halidekmc.backend.tornado;

import io.halidekmc.bench.BenchProblem;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;

/**
 * Refresh throughput, TornadoVM vs the CPU kernel, on a periodic cells³ box of the benchmark alloy
 * (default 64³ = the bench box BenchProblem.BOX64; the same box as {@code bench --problem refresh
 * --cells N}), for both forms. First each form's TornadoVM result is checked bit for bit against
 * {@link HopKernel#refreshAll} / {@link HopKernel#refreshAllFactored} (every rate and leaf sum);
 * then three timings per form:
 * <ul>
 * <li>{@code tornado}: {@link TornadoRefresh} as an engine calls it (heap → off-heap copies, host →
 *     device transfers, kernel, device → host, off-heap → heap);
 * <li>{@code plan}: its {@code TornadoExecutionPlan.execute()} alone (transfers + kernel);
 * <li>{@code resident}: a plan of the same kernel whose inputs go to the device once and whose
 *     results stay there (launch + kernel only, as {@code bench --problem refresh --backend cuda}
 *     times its kernels), checked bit for bit again after the timing.
 * </ul>
 * Bandwidth counts the bytes the kernel reads and writes, as RefreshBench does (144 B per vacancy
 * for the difference form, 112 B + 32 B per non-REGULAR vacancy for the factorised one), against
 * the H200's ≈ 4.8 TB/s. The last line of the output is one JSON object. Exit status 1 when a
 * check fails. Run under the SDK:
 * <pre>
 *   tornado -cp "$(cat target/tornado-cp.txt):target/classes:target/test-classes" \
 *       io.halidekmc.backend.tornado.TornadoRefreshBench [seconds-per-side] [cells]
 * </pre>
 */
public final class TornadoRefreshBench {
    private static final double HBM_PEAK_GBPS = 4800;

    public static void main(String[] args) {
        if (!TornadoSupport.sdkPresent()) {
            System.err.println(TornadoSupport.SKIP_MESSAGE);
            System.exit(2);
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int cells = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        long tb = System.nanoTime();
        Occupancy occ = cells == 64 ? BenchProblem.BOX64.occupancy(42)
                : InitialState.randomAlloy(new Geometry.Bulk(cells, cells, cells).lattice(),
                InitialState.fractions(0, BenchProblem.BR, BenchProblem.I), BenchProblem.VACANCIES, Rng.stream(42, 0));
        RateTable t = new RateTable();
        t.build(BenchProblem.BOX64.material(), List.of(new MixingTerm()), new Conditions(BenchProblem.TEMPERATURE, 0));
        double setup = (System.nanoTime() - tb) / 1e9;
        int n = occ.vacancies;
        double[] rates = TornadoSupport.newRates(occ);
        double[] sums = new double[n];
        double[] cpuRates = TornadoSupport.newRates(occ);
        double[] cpuSums = new double[n];
        long irregular = 0;
        for (int id = 0; id < n; id++) if ((occ.counts[occ.vacancySite[id]] & Occupancy.REGULAR) == 0) irregular++;
        long[] bytes = {144L * n, 112L * n + 32 * irregular};

        HopKernel.Factors f = new HopKernel.Factors();
        f.build(t);

        System.out.printf("problem     %d^3 box: %d sites, %d vacancies; setup %.1f s; %.1f s per measurement after %.1f s warm-up%n",
                cells, occ.counts.length - 1, n, setup, seconds, seconds / 3);
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"problem\": \"tornado-refresh\", \"cells\": %d, \"sites\": %d, \"vacancies\": %d, \"irregular_vacancies\": %d, "
                        + "\"setup_s\": %.2f, \"seconds_per_measurement\": %.2f", cells, occ.counts.length - 1, n, irregular, setup, seconds));
        boolean allEqual = true;
        for (TornadoRefresh.Form form : TornadoRefresh.Form.values()) {
            boolean diff = form == TornadoRefresh.Form.DIFFERENCE;
            String name = diff ? "difference" : "factorised";
            Runnable cpuRun = diff ? () -> TornadoSupport.cpuRefresh(occ, t, cpuRates, cpuSums)
                    : () -> TornadoSupport.cpuRefreshFactored(occ, f, t.field, cpuRates, cpuSums);
            cpuRun.run();
            try (TornadoRefresh tr = new TornadoRefresh(occ, form)) {
                Runnable devRun = diff ? () -> tr.refresh(occ.vacancySite, n, occ.counts, t, rates, sums)
                        : () -> tr.refreshFactored(occ.vacancySite, n, occ.counts, f, t.field, rates, sums);
                devRun.run();
                long bad = mismatches(cpuRates, rates) + mismatches(cpuSums, sums);
                allEqual &= bad == 0;
                if (diff) {
                    System.out.printf("device      %s%n", tr.device());
                    json.append(", \"device\": \"").append(tr.device().replace("\"", "'")).append('"');
                }
                System.out.printf("%s form: %d rates + %d leaf sums %s%n", name, rates.length, n,
                        bad == 0 ? "bitwise equal to the CPU kernel" : bad + " values DIFFER from the CPU kernel");
                double cpu = rate(seconds, cpuRun);
                double dev = rate(seconds, devRun);
                double plan = rate(seconds, tr::execute);
                Resident res = new Resident(occ, t, f, form);
                double resident = rate(seconds, res::execute);
                long badRes = res.mismatches(cpuRates, cpuSums);
                allEqual &= badRes == 0;
                report(name, n, bytes[form.ordinal()], cpu, dev, plan, resident, badRes);
                json.append(String.format(Locale.ROOT, ", \"%s\": {\"bitwise_equal\": %s, \"resident_bitwise_equal\": %s, "
                                + "\"bytes_per_refresh\": %d, \"cpu_ms\": %.4f, \"tornado_ms\": %.4f, \"plan_ms\": %.4f, \"resident_ms\": %.4f, "
                                + "\"cpu_GBps\": %.2f, \"tornado_GBps\": %.2f, \"plan_GBps\": %.2f, \"resident_GBps\": %.2f, "
                                + "\"resident_fraction_of_4800_GBps\": %.4f}",
                        name, bad == 0, badRes == 0, bytes[form.ordinal()], 1e3 / cpu, 1e3 / dev, 1e3 / plan, 1e3 / resident,
                        bytes[form.ordinal()] * cpu / 1e9, bytes[form.ordinal()] * dev / 1e9, bytes[form.ordinal()] * plan / 1e9,
                        bytes[form.ordinal()] * resident / 1e9, bytes[form.ordinal()] * resident / 1e9 / HBM_PEAK_GBPS));
            }
        }
        json.append(", \"all_bitwise_equal\": ").append(allEqual).append('}');
        System.out.println(json);
        if (!allEqual) System.exit(1);
    }

    /**
     * The kernel alone: every input on the device from the first execution on, results read back
     * only on demand, so an execution is one launch of the kernel over the box's vacancies.
     */
    private static final class Resident {
        private final TornadoExecutionPlan plan;
        private final DoubleArray rates;
        private final DoubleArray leafSums;
        private TornadoExecutionResult last;

        Resident(Occupancy occ, RateTable t, HopKernel.Factors f, TornadoRefresh.Form form) {
            int n = occ.vacancies;
            IntArray vacancySite = IntArray.fromArray(java.util.Arrays.copyOf(occ.vacancySite, n));
            IntArray words = IntArray.fromArray(occ.counts);
            IntArray nb = IntArray.fromArray(occ.lattice.neighbours());
            IntArray off = IntArray.fromArray(occ.lattice.regularOffsets());
            IntArray slotDz = new IntArray(3 * Lattice.Z);
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < Lattice.Z; j++) slotDz.set(k * Lattice.Z + j, Lattice.offset(k, j, 2) + 1);
            }
            rates = new DoubleArray(n * Lattice.Z);
            leafSums = new DoubleArray(n);
            TaskGraph g = new TaskGraph("resident");
            if (form == TornadoRefresh.Form.DIFFERENCE) {
                DoubleArray base = DoubleArray.fromArray(t.base), field = DoubleArray.fromArray(t.field), mix = DoubleArray.fromArray(t.mix);
                g.transferToDevice(DataTransferMode.FIRST_EXECUTION, vacancySite, words, nb, slotDz, base, field, mix)
                        .task("refreshAll", TornadoHopKernel::refreshAll, vacancySite, words, nb, slotDz,
                                base, field, mix, rates, leafSums, n);
            } else {
                DoubleArray fv = DoubleArray.fromArray(f.fv), gh = DoubleArray.fromArray(f.gh), field = DoubleArray.fromArray(t.field);
                g.transferToDevice(DataTransferMode.FIRST_EXECUTION, vacancySite, words, nb, off, slotDz, fv, gh, field)
                        .task("refreshAllFactored", TornadoHopKernel::refreshAllFactored, vacancySite, words, nb, off,
                                slotDz, fv, gh, field, rates, leafSums, n);
            }
            g.transferToHost(DataTransferMode.UNDER_DEMAND, rates, leafSums);
            plan = new TornadoExecutionPlan(g.snapshot());
            if (!Boolean.getBoolean("halidekmc.tornado.fastMath")) {
                plan.withCompilerFlags(TornadoVMBackendType.OPENCL, TornadoRefresh.STRICT_OPENCL_FLAGS);
            }
        }

        void execute() {
            last = plan.execute();
        }

        /** Reads the last execution's results back and counts the values that differ from the CPU's. */
        long mismatches(double[] cpuRates, double[] cpuSums) {
            if (last == null) execute();
            last.transferToHost(rates, leafSums);
            double[] r = new double[cpuRates.length], s = new double[cpuSums.length];
            MemorySegment.copy(rates.getSegment(), 0, MemorySegment.ofArray(r), 0, 8L * r.length);
            MemorySegment.copy(leafSums.getSegment(), 0, MemorySegment.ofArray(s), 0, 8L * s.length);
            long bad = TornadoRefreshBench.mismatches(cpuRates, r) + TornadoRefreshBench.mismatches(cpuSums, s);
            try {
                plan.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the TornadoVM execution plan", e);
            }
            return bad;
        }
    }

    static long mismatches(double[] a, double[] b) {
        long bad = 0;
        for (int i = 0; i < a.length; i++) if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) bad++;
        return bad;
    }

    private static void report(String form, int n, long bytes, double cpu, double dev, double plan, double resident, long badRes) {
        System.out.printf("%s form, vacancy refreshes/s (GB/s of %d B per refresh):%n", form, bytes);
        System.out.printf("  cpu              %.3e  %8.2f GB/s  (HopKernel, 1 Java thread)%n", cpu * n, bytes * cpu / 1e9);
        System.out.printf("  tornado          %.3e  %8.2f GB/s  (TornadoRefresh: host copies + transfers + kernel)%n", dev * n, bytes * dev / 1e9);
        System.out.printf("  tornado plan     %.3e  %8.2f GB/s  (plan.execute() alone: transfers + kernel)%n", plan * n, bytes * plan / 1e9);
        System.out.printf("  tornado resident %.3e  %8.2f GB/s  (inputs on the device, one launch; %s)%n", resident * n,
                bytes * resident / 1e9, badRes == 0 ? "bitwise equal" : badRes + " values DIFFER");
        System.out.printf("  ratio tornado/cpu = %.2f  (plan alone: %.2f, resident: %.2f)%n", dev / cpu, plan / cpu, resident / cpu);
    }

    /** Calls per second of r, after a warm-up of a third of the time. */
    static double rate(double seconds, Runnable r) {
        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        while (System.nanoTime() < warmEnd) r.run();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int n = 0;
        long now;
        do {
            r.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }
}
