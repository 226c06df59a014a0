package io.halidekmc.backend.tornado;

import io.halidekmc.bench.BenchProblem;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;

import java.util.List;

/**
 * Refresh throughput, TornadoVM vs the CPU kernel, on the 64³ bench box (BenchProblem.BOX64), for
 * both forms: vacancy refreshes per second of {@link HopKernel#refreshAll} /
 * {@link HopKernel#refreshAllFactored} (one Java thread, the CPU backend's bulk refresh) and of
 * {@link TornadoRefresh} (host copies and device transfers included, as an engine would call it),
 * and their ratio. Run under the SDK:
 * <pre>
 *   tornado -cp "$(cat target/tornado-cp.txt):target/classes:target/test-classes" \
 *       io.halidekmc.backend.tornado.TornadoRefreshBench [seconds-per-side]
 * </pre>
 */
public final class TornadoRefreshBench {
    public static void main(String[] args) {
        if (!TornadoSupport.sdkPresent()) {
            System.err.println(TornadoSupport.SKIP_MESSAGE);
            System.exit(2);
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        BenchProblem p = BenchProblem.BOX64;
        Occupancy occ = p.occupancy(42);
        RateTable t = new RateTable();
        t.build(p.material(), List.of(new MixingTerm()), new Conditions(BenchProblem.TEMPERATURE, 0));
        double[] rates = TornadoSupport.newRates(occ);
        double[] sums = new double[occ.vacancies];

        HopKernel.Factors f = new HopKernel.Factors();
        f.build(t);

        System.out.printf("problem     %s: %d sites, %d vacancies; %.1f s per measurement after %.1f s warm-up%n",
                p.id, occ.counts.length - 1, occ.vacancies, seconds, seconds / 3);
        double cpu = rate(seconds, () -> TornadoSupport.cpuRefresh(occ, t, rates, sums)) * occ.vacancies;
        double cpuF = rate(seconds, () -> TornadoSupport.cpuRefreshFactored(occ, f, t.field, rates, sums)) * occ.vacancies;
        try (TornadoRefresh tr = new TornadoRefresh(occ, TornadoRefresh.Form.DIFFERENCE)) {
            System.out.printf("device      %s%n", tr.device());
            double dev = rate(seconds, () -> tr.refresh(occ.vacancySite, occ.vacancies, occ.counts, t, rates, sums))
                    * occ.vacancies;
            double plan = rate(seconds, tr::execute) * occ.vacancies;
            report("difference", cpu, dev, plan);
        }
        try (TornadoRefresh tr = new TornadoRefresh(occ, TornadoRefresh.Form.FACTORED)) {
            double dev = rate(seconds, () -> tr.refreshFactored(occ.vacancySite, occ.vacancies, occ.counts, f, t.field,
                    rates, sums)) * occ.vacancies;
            double plan = rate(seconds, tr::execute) * occ.vacancies;
            report("factorised", cpuF, dev, plan);
        }
    }

    private static void report(String form, double cpu, double dev, double plan) {
        System.out.printf("%s form, vacancy refreshes/s:%n", form);
        System.out.printf("  cpu          %.3e  (HopKernel, 1 Java thread)%n", cpu);
        System.out.printf("  tornado      %.3e  (TornadoRefresh: host copies + transfers + kernel)%n", dev);
        System.out.printf("  tornado plan %.3e  (plan.execute() alone: transfers + kernel)%n", plan);
        System.out.printf("  ratio tornado/cpu = %.2f  (plan alone: %.2f)%n", dev / cpu, plan / cpu);
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
