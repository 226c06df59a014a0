package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.uniformized.CpuTrialRunner;
import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.engine.uniformized.UniformizedEnsemble;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUDA ensemble kernel against the Java kernel: the same film, seed and steps end in the same
 * packed words, vacancy lists, hop counts and net displacements, bit for bit, for both kernels and several
 * lanes-per-nanocrystal settings (the trajectory must not depend on them). Skips, saying why, without a device.
 */
class CudaEnsembleTest {

    private static Ensemble.Spec film() {
        Material m = Material.mixture(0, 0.4, 0.6);
        return new Ensemble.Spec(96, 6 * m.latticeConstant() / 10, 0, InitialState.fractions(0, 0.4, 0.6), 0.02, m,
                List.of(new MixingTerm()), DriveProgram.constant(300, 0), null);
    }

    @ParameterizedTest
    @CsvSource({"cached, 8", "cached, 32", "cached, 4", "global, 1", "global, 8", "global, 32", "resident, 32"})
    void gpuEndsInTheCpuStateBitForBit(String kernel, int lanes) {
        String why = null;
        try {
            if (CudaDriver.get().deviceCount() == 0) why = "cuDeviceGetCount = 0";
        } catch (BackendUnavailable e) {
            why = e.getMessage();
        }
        String reason = "no CUDA device here, the ensemble kernel is not checked: " + why;
        assumeTrue(why == null, reason);
        UniformizedEnsemble.RunnerFactory gpu = (lat, n, nv, s) -> {
            try {
                CudaEnsemble c = new CudaEnsemble(0, lat, n, nv, s);
                c.lanes(lanes);
                c.kernel(kernel);
                return c;
            } catch (BackendUnavailable e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
        try (UniformizedEnsemble onGpu = new UniformizedEnsemble(film(), 9, gpu, 2);
             UniformizedEnsemble onCpu = new UniformizedEnsemble(film(), 9, (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 2), 2)) {
            for (double t : new double[] {2e-8, 5e-8, 1e-7}) {
                onGpu.advance(t);
                onCpu.advance(t);
            }
            assertTrue(onCpu.events() > 10_000, "enough hops: " + onCpu.events());
            int sites = onCpu.lattice().sites();   // the sink's word is scratch, and the resident kernel keeps none
            for (int c = 0; c < 96; c++) {
                assertArrayEquals(Arrays.copyOf(onCpu.runner().words(c), sites), Arrays.copyOf(onGpu.runner().words(c), sites), "words of member " + c);
                assertArrayEquals(onCpu.runner().vacancies(c), onGpu.runner().vacancies(c), "vacancies of member " + c);
                assertEquals(onCpu.runner().events(c), onGpu.runner().events(c), "hops of member " + c);
                assertEquals(onCpu.runner().netDz(c), onGpu.runner().netDz(c), "dz of member " + c);
            }
            // the film totals come from one copy of the device's counters
            assertEquals(onCpu.events(), onGpu.events());
            assertEquals(onCpu.netDz(), onGpu.netDz());
            assertEquals(onCpu.events() - onCpu.runner().events(95), onGpu.runner().totalEvents(95));
        }
    }

    /** Switching kernels between steps (state converted to 2-bit species and back) keeps the trajectory. */
    @org.junit.jupiter.api.Test
    void switchingToAndFromTheResidentKernelKeepsTheTrajectory() {
        String why = null;
        try {
            if (CudaDriver.get().deviceCount() == 0) why = "cuDeviceGetCount = 0";
        } catch (BackendUnavailable e) {
            why = e.getMessage();
        }
        assumeTrue(why == null, "no CUDA device here, the kernel switch is not checked: " + why);
        CudaEnsemble[] gpu = new CudaEnsemble[1];
        UniformizedEnsemble.RunnerFactory f = (lat, n, nv, s) -> {
            try {
                return gpu[0] = new CudaEnsemble(0, lat, n, nv, s);
            } catch (BackendUnavailable e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
        try (UniformizedEnsemble onGpu = new UniformizedEnsemble(film(), 6, f, 2);
             UniformizedEnsemble onCpu = new UniformizedEnsemble(film(), 6, (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 2), 2)) {
            String[] kernels = {"global", "resident", "global", "resident"};
            for (int i = 0; i < kernels.length; i++) {
                gpu[0].kernel(kernels[i]);
                onGpu.advance(2e-8 * (i + 1));
                onCpu.advance(2e-8 * (i + 1));
            }
            int sites = onCpu.lattice().sites();
            for (int c = 0; c < 96; c++) {
                assertArrayEquals(Arrays.copyOf(onCpu.runner().words(c), sites), Arrays.copyOf(onGpu.runner().words(c), sites), "words of member " + c);
                assertArrayEquals(onCpu.runner().vacancies(c), onGpu.runner().vacancies(c), "vacancies of member " + c);
                assertEquals(onCpu.runner().events(c), onGpu.runner().events(c), "hops of member " + c);
            }
        }
    }

    /** Two devices (here the same device twice) splitting the film: the one-device result. */
    @org.junit.jupiter.api.Test
    void aFilmSplitOverDevicesEndsInTheSameState() {
        String why = null;
        try {
            if (CudaDriver.get().deviceCount() == 0) why = "cuDeviceGetCount = 0";
        } catch (BackendUnavailable e) {
            why = e.getMessage();
        }
        assumeTrue(why == null, "no CUDA device here, the multi-device split is not checked: " + why);
        UniformizedEnsemble.RunnerFactory split = (lat, n, nv, s) -> {
            try {
                return new MultiDeviceEnsemble(List.of(0, 0, 0), lat, n, nv, s);
            } catch (BackendUnavailable e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
        try (UniformizedEnsemble multi = new UniformizedEnsemble(film(), 4, split, 2);
             UniformizedEnsemble onCpu = new UniformizedEnsemble(film(), 4, (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 2), 2)) {
            multi.advance(5e-8);
            onCpu.advance(5e-8);
            for (int c = 0; c < 96; c++) {
                assertArrayEquals(onCpu.runner().words(c), multi.runner().words(c), "words of member " + c);
                assertEquals(onCpu.runner().events(c), multi.runner().events(c), "hops of member " + c);
            }
            assertEquals(onCpu.events(), multi.events());
            assertEquals(onCpu.netDz(), multi.netDz());
            // a count ending inside the second device's block (32 members per device)
            assertEquals(onCpu.runner().totalEvents(50), multi.runner().totalEvents(50));
        }
    }
}
