package io.halidekmc.engine;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.*;
import io.halidekmc.physics.*;
import java.util.List;

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
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            long n = e.advance(Double.POSITIVE_INFINITY, 5_000_000);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%.3g events/s  t=%.3g  trials/event %.3f%n", n / s, e.time(), (double) e.trials() / e.events());
        }
    }
}
