package io.halidekmc.backend;

import io.halidekmc.engine.BackendUnavailable;

import io.halidekmc.engine.RateBackend;

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

    /** A TornadoVM backend that opens here (a -Ptornado build in a JVM started by TornadoVM). */
    private static boolean tornadoPresent() {
        return Backends.probe().stream().anyMatch(x -> x.name().equals("tornado") && x.available());
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
            if (!tornadoPresent()) {
                Backends.Choice a = Backends.select("auto", List.of(0), b -> fail("auto must not time without a device"));
                assertEquals("cpu", a.name());
                assertTrue(a.reason().startsWith("auto: cpu") && a.reason().contains("libcuda.so.1 not found"), a.reason());
            }
            Backends.Status s = Backends.probe().stream().filter(x -> x.name().equals("cuda")).findFirst().orElseThrow();
            assertFalse(s.available());
            assertEquals("libcuda.so.1 not found", s.detail());
        }
    }

    /**
     * Without TornadoVM, --backend tornado runs on the CPU and says why, on stderr (one line) and
     * in the reason /meta keeps. In the default build there is no provider at all; in a -Ptornado
     * build on a plain JVM the provider is there but reports the missing TornadoVM runtime.
     */
    @Test
    void tornadoWithoutTornadoVmFallsBackWithReason() throws Exception {
        if (tornadoPresent()) {
            System.out.println("[BackendSelectionTest] TornadoVM present: its selection is checked by the tornado profile's tests");
            return;
        }
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        Backends.Choice c;
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            c = Backends.select("tornado", List.of(0), null);
        } finally {
            System.setErr(err);
        }
        assertSame(RateBackend.CPU, c.backend());
        assertEquals("cpu", c.name());
        String why;
        try {
            Backends.provider("tornado");
            why = "this JVM was not started by TornadoVM";   // -Ptornado classes, plain JVM
        } catch (BackendUnavailable e) {
            why = Backends.TORNADO_ABSENT;                  // the default build
            assertEquals(Backends.TORNADO_ABSENT, e.getMessage());
        }
        assertTrue(c.reason().startsWith("tornado requested but unavailable: ") && c.reason().contains(why)
                && c.reason().endsWith("; using cpu"), c.reason());
        String logged = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("halide-kmc: " + c.reason() + System.lineSeparator(), logged, "one logged line with the reason");
        Backends.Status s = Backends.probe().stream().filter(x -> x.name().equals("tornado")).findFirst().orElseThrow();
        assertFalse(s.available());
        assertTrue(s.detail().contains(why), s.detail());
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
