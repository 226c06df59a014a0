package io.halidekmc.backend;

import io.halidekmc.backend.cuda.CudaDriver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Backend selection never fails a run: an unavailable backend gives the CPU with the reason. On a
 * machine without libcuda (CI, this project's build machines) requesting cuda must give cpu and
 * say "libcuda.so.1 not found"; where a device is present the cuda cases are checked by
 * CudaEquivalenceTest instead.
 */
class BackendSelectionTest {
    private static boolean cudaPresent() {
        try {
            CudaDriver.get();
            return true;
        } catch (BackendUnavailable e) {
            return false;
        }
    }

    @Test
    void cpuRequestedGivesCpu() {
        Backends.Choice c = Backends.select("cpu", List.of(0), null);
        assertSame(RateBackend.CPU, c.backend());
        assertEquals("cpu", c.name());
        assertEquals("cpu requested", c.reason());
    }

    @Test
    void cudaWithoutLibraryFallsBackToCpuWithReason() {
        if (cudaPresent()) {
            System.out.println("[BackendSelectionTest] libcuda present: the missing-library fallback is checked through a bogus library name only");
        } else {
            Backends.Choice c = Backends.select("cuda", List.of(0), null);
            assertEquals("cpu", c.name());
            assertTrue(c.reason().contains("libcuda.so.1 not found"), c.reason());
            assertTrue(c.reason().startsWith("cuda requested but unavailable"), c.reason());
            Backends.Choice a = Backends.select("auto", List.of(0), b -> fail("auto must not time without a device"));
            assertEquals("cpu", a.name());
            assertTrue(a.reason().startsWith("auto: cpu") && a.reason().contains("libcuda.so.1 not found"), a.reason());
            Backends.Status s = Backends.probe().stream().filter(x -> x.name().equals("cuda")).findFirst().orElseThrow();
            assertFalse(s.available());
            assertEquals("libcuda.so.1 not found", s.detail());
        }
    }

    @Test
    void tornadoIsNotInThisBuild() {
        Backends.Choice c = Backends.select("tornado", List.of(0), null);
        assertEquals("cpu", c.name());
        assertTrue(c.reason().contains("tornado") && c.reason().endsWith("using cpu"), c.reason());
    }

    @Test
    void unknownBackendAndBadDevicesAreInputErrors() {
        assertThrows(IllegalArgumentException.class, () -> Backends.select("opencl", List.of(0), null));
        assertEquals(List.of(0), Backends.parseDevices(null));
        assertEquals(List.of(0, 2), Backends.parseDevices("0, 2"));
        assertThrows(IllegalArgumentException.class, () -> Backends.parseDevices("gpu0"));
        assertThrows(IllegalArgumentException.class, () -> Backends.parseDevices("-1"));
    }

    @Test
    void fallbackBackendFinishesOnCpuAfterAFailure() {
        RateBackend failing = new RateBackend() {
            boolean closed;

            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public String detail() {
                return "fails every call";
            }

            @Override
            public void refreshAll(int[] vs, int n, int[] w, int[] nb, double[] b, double[] f, double[] m, double[] r, double[] s) {
                throw new IllegalStateException("CUDA_ERROR_LAUNCH_FAILED");
            }

            @Override
            public void refreshAllFactored(int[] vs, int n, int[] w, int[] nb, int[] off, double[] fv, double[] gh, double[] f,
                                           double[] r, double[] s) {
                throw new IllegalStateException("CUDA_ERROR_LAUNCH_FAILED");
            }

            @Override
            public double sum(double[] a, int n) {
                throw new IllegalStateException("CUDA_ERROR_LAUNCH_FAILED");
            }

            @Override
            public void close() {
                closed = true;
            }
        };
        FallbackRateBackend fb = new FallbackRateBackend(failing);
        assertEquals("flaky", fb.name());
        assertEquals(0.5, fb.sum(new double[] {0.25, 0.25}, 2));
        assertEquals("cpu", fb.name());
        assertTrue(fb.fallbackReason().contains("CUDA_ERROR_LAUNCH_FAILED"), fb.fallbackReason());
    }
}
