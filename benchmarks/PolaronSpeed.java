import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.BandGap;
import io.halidekmc.physics.CarrierFunnel;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.Polaron;

import java.util.List;

/**
 * The funnelling speed problem (12³-cell periodic I/Br 50:50 box, 25 vacancies, 200 carriers,
 * blocks of 4 cells) with the polaron term added (regions of 8 cells ≈ 4.7 nm, the largest
 * multiple of the block that fits twice in the box; g = 0.1 eV), and polaron alone (regions of 8
 * cells, 200 carriers), against funnelling alone, one core, same process.
 * Run: bin/halide-kmc info >/dev/null; java -cp target/halide-kmc.jar benchmarks/PolaronSpeed.java
 */
public class PolaronSpeed {
    public static void main(String[] args) {
        Lattice lat = new Lattice(12, 12, 12, true, true, true);
        Material m = Material.mixture(0, 0.5, 0.5);
        String[] modes = {"funnel", "funnel+polaron", "polaron", "funnel", "funnel+polaron", "polaron"};
        for (String mode : modes) {
            Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.5, 0.5), 25.0 / lat.sites(), Rng.stream(1, 0));
            ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), DriveProgram.constant(300, 0), Rng.stream(1, 1));
            CarrierFunnel f = mode.startsWith("funnel") ? new CarrierFunnel(4, 200, false, BandGap.fitToTargets()) : null;
            Polaron p = mode.contains("polaron") ? new Polaron(8, 0.1, 200, false) : null;
            e.enableLightCarriers(f, p, null);
            e.advance(Double.POSITIVE_INFINITY, 200_000);
            long t0 = System.nanoTime();
            long n = e.advance(Double.POSITIVE_INFINITY, 2_000_000);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("12^3 box, %d vacancies, %s (200 carriers): %.3g events/s%n", occ.vacancies, mode, n / s);
        }
    }
}
