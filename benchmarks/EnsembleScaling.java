import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;

import java.util.List;

/**
 * Events/s of an ensemble of 23 nm CsPbBr1.2I1.8 nanocrystals (1 % vacancies, mixing, 300 K) on
 * 1 and 2 threads, and their ratio. Same events for both thread counts (identical trajectories).
 * Run: bin/halide-kmc info >/dev/null; java -Xmx8g -cp target/halide-kmc.jar benchmarks/EnsembleScaling.java [NCs]
 */
public class EnsembleScaling {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        Material m = Material.mixture(0, 0.4, 0.6);
        var spec = new Ensemble.Spec(n, 23, 0, InitialState.fractions(0, 0.4, 0.6), 0.01, m, List.of(new MixingTerm()),
                DriveProgram.constant(300, 0), null);
        double[] rate = new double[3];
        for (int threads = 1; threads <= 2; threads++) {
            try (Ensemble e = new Ensemble(spec, 1, threads)) {
                e.advance(2e-8);   // warm-up
                long t0 = System.nanoTime();
                long events = e.advance(1e-7);
                double s = (System.nanoTime() - t0) / 1e9;
                rate[threads] = events / s;
                System.out.printf("%d NCs, %d thread(s): %.3g events/s (%d events, %.1f s)%n", n, threads, rate[threads], events, s);
            }
        }
        System.out.printf("2-thread / 1-thread: %.2f%n", rate[2] / rate[1]);
    }
}
