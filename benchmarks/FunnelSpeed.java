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

import java.util.List;

/**
 * The nanocrystal issue's funnelling speed problem: a 12³-cell periodic I/Br 50:50 box with 25
 * vacancies and 200 carriers (blocks of 4 cells), events/s on one core, against the same box
 * without funnelling in the same process.
 * Run: bin/halide-kmc info >/dev/null; java -cp target/halide-kmc.jar benchmarks/FunnelSpeed.java
 */
public class FunnelSpeed {
    public static void main(String[] args) {
        Lattice lat = new Lattice(12, 12, 12, true, true, true);
        Material m = Material.mixture(0, 0.5, 0.5);
        for (boolean on : new boolean[] {false, true, false, true}) {
            Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0, 0.5, 0.5), 25.0 / lat.sites(), Rng.stream(1, 0));
            ExactEngine e = new ExactEngine(occ, m, List.of(new MixingTerm()), DriveProgram.constant(300, 0), Rng.stream(1, 1));
            if (on) e.enableCarrierFunnel(new CarrierFunnel(4, 200, false, BandGap.fitToTargets()), null);
            e.advance(Double.POSITIVE_INFINITY, 200_000);
            long t0 = System.nanoTime();
            long n = e.advance(Double.POSITIVE_INFINITY, 2_000_000);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("12^3 box, %d vacancies, funnelling %s (200 carriers): %.3g events/s%n", occ.vacancies,
                    on ? "on" : "off", n / s);
        }
    }
}
