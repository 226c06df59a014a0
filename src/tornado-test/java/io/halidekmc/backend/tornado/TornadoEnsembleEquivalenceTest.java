package io.halidekmc.backend.tornado;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.engine.uniformized.CpuTrialRunner;
import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.engine.uniformized.UniformizedEnsemble;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The TornadoVM ensemble kernel ({@link TornadoEnsembleKernel}) against the Java kernel through the
 * same {@link UniformizedEnsemble} driver: the same film, seed and drive end in the same packed
 * words, vacancy lists, hop counts and net displacements, bit for bit (the arithmetic is the same
 * IEEE sequence and the plan has no fast-math, so no allowance). A temperature and field step
 * makes the tables change between runs; the ternary film has Cl, Br and I.
 */
class TornadoEnsembleEquivalenceTest {

    private static Ensemble.Spec film() {
        Material m = Material.mixture(0.1, 0.35, 0.55);
        var temperature = new Schedule.Steps(300, new double[] {4e-8}, new double[] {340});
        var field = new Schedule.Steps(0, new double[] {6e-8}, new double[] {4e7});
        return new Ensemble.Spec(24, 6 * m.latticeConstant() / 10, 0, InitialState.fractions(0.1, 0.35, 0.55), 0.02, m,
                List.of(new MixingTerm(), new FieldTerm()), new DriveProgram(temperature, field), null);
    }

    @Test
    void tornadoEndsInTheCpuStateBitForBit() {
        TornadoSupport.assumeSdk();
        UniformizedEnsemble.RunnerFactory tornado = (lat, n, nv, s) -> {
            try {
                return TornadoEnsemble.open(0, lat, n, nv, s);
            } catch (BackendUnavailable e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
        // ≈ 10⁶ trials per member: the first version of the kernel differed from the Java one in
        // ≈ 1 trial in 10⁶ (an acceptance uniform within 5·10⁻⁷ of the rate ratio), which this run catches
        try (UniformizedEnsemble onDevice = new UniformizedEnsemble(film(), 5, tornado, 2);
             UniformizedEnsemble onCpu = new UniformizedEnsemble(film(), 5, (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 2), 2)) {
            for (double t : new double[] {2e-8, 5e-8, 1e-7, 2e-7}) {
                onDevice.advance(t);
                onCpu.advance(t);
                // words read back between runs must not disturb the device state
                for (int c = 0; c < onCpu.members(); c++) {
                    assertArrayEquals(onCpu.runner().words(c), onDevice.runner().words(c), "words of member " + c + " at t = " + t);
                }
            }
            assertTrue(onCpu.events() > 5_000, "enough hops: " + onCpu.events());
            long dzAny = 0;
            for (int c = 0; c < onCpu.members(); c++) {
                assertArrayEquals(onCpu.runner().words(c), onDevice.runner().words(c), "words of member " + c);
                assertArrayEquals(onCpu.runner().vacancies(c), onDevice.runner().vacancies(c), "vacancies of member " + c);
                assertEquals(onCpu.runner().events(c), onDevice.runner().events(c), "hops of member " + c);
                assertEquals(onCpu.runner().netDz(c), onDevice.runner().netDz(c), "dz of member " + c);
                dzAny += Math.abs(onCpu.runner().netDz(c));
            }
            assertTrue(dzAny > 0, "the field moved halides along z");
        }
    }
}
