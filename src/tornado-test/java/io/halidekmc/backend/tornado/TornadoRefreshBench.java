package io.halidekmc.backend.tornado;

import io.halidekmc.bench.BenchProblem;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;

import java.util.List;

/**
 * Refresh throughput, TornadoVM vs the CPU kernel, on the 64³ bench box (BenchProblem.BOX64):
 * vacancy refreshes per second of {@link io.halidekmc.engine.HopKernel#refreshAll} (one Java
 * thread, the CPU backend's bulk refresh) and of {@link TornadoRefresh#refresh} (host copies and
 * device transfers included, as an engine would call it), and their ratio. Run under the SDK:
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

        double cpu = rate(seconds, () -> TornadoSupport.cpuRefresh(occ, t, rates, sums)) * occ.vacancies;
        try (TornadoRefresh tr = new TornadoRefresh(occ)) {
            double tornado = rate(seconds, () -> tr.refresh(occ.vacancySite, occ.vacancies, occ.counts, t, rates, sums))
                    * occ.vacancies;
            double kernelOnly = rate(seconds, tr::execute) * occ.vacancies;
            System.out.printf("problem     %s: %d sites, %d vacancies%n", p.id, occ.counts.length - 1, occ.vacancies);
            System.out.printf("device      %s%n", tr.device());
            System.out.printf("cpu         %.3e vacancy refreshes/s (HopKernel.refreshAll, 1 thread)%n", cpu);
            System.out.printf("tornado     %.3e vacancy refreshes/s (refresh(): host copies + transfers + kernel)%n", tornado);
            System.out.printf("tornado-run %.3e vacancy refreshes/s (plan.execute() alone: transfers + kernel)%n", kernelOnly);
            System.out.printf("ratio tornado/cpu = %.3f (plan only: %.3f)%n", tornado / cpu, kernelOnly / cpu);
        }
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
