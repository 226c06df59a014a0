package io.halidekmc.engine;

import io.halidekmc.engine.exact.ExactEngine;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.*;
import io.halidekmc.physics.*;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The benchmark problem: L³ periodic CsPbBr1.2I1.8, 1 % vacancies, mixing on, 300 K.
 * {@code -DL=64} (default), {@code -Dsel=tree} for the reference sum-tree selector. Prints wall
 * and thread-CPU rates (the CPU rate is immune to the process being descheduled on a shared box).
 */
public class QuickSpeed {
    public static void main(String[] a) {
        int L = Integer.getInteger("L", 64);
        Lattice lat = new Lattice(L, L, L, true, true, true);
        var rng = Rng.stream(1, 0);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.4, 0.6), 0.01, rng);
        Material m = Material.mixture(0, 0.4, 0.6);
        var sel = "tree".equals(System.getProperty("sel")) ? ExactEngine.Selection.SUM_TREE
                : ExactEngine.Selection.COMPOSITION_REJECTION;
        ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), DriveProgram.constant(300, 0), Rng.stream(1, 1), sel);
        System.out.println("bytes/site " + e.bytesPerSite() + " vac " + occ.vacancies);
        var mx = ManagementFactory.getThreadMXBean();
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            long n = e.advance(Double.POSITIVE_INFINITY, 5_000_000);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf("%.3g events/s  %.3g events/cpu-s  t=%.3g  trials/event %.3f%n", n / s, n / cpu, e.time(),
                    (double) e.trials() / e.events());
        }
    }
}
