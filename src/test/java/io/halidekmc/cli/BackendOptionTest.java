package io.halidekmc.cli;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.backend.cuda.CudaRateBackend;
import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** --backend/--devices on run, /meta backend + backend_reason, info's backend list. */
class BackendOptionTest {
    @TempDir
    Path tmp;

    private static boolean cuda() {
        try (CudaRateBackend c = CudaRateBackend.open(0)) {
            return c != null;
        } catch (BackendUnavailable e) {
            return false;
        }
    }

    /** A -Ptornado build running under TornadoVM (then tornado must be chosen, not fall back). */
    private static boolean tornado() {
        return io.halidekmc.backend.Backends.probe().stream().anyMatch(x -> x.name().equals("tornado") && x.available());
    }

    private String[] meta(String... backendArgs) throws Exception {
        Path s = tmp.resolve("wire.yaml");
        Files.writeString(s, RunOutputTest.WIRE);
        Path out = tmp.resolve("o" + System.nanoTime());
        String[] args = new String[5 + backendArgs.length];
        args[0] = "run";
        args[1] = s.toString();
        args[2] = "--out";
        args[3] = out.toString();
        args[4] = "--quiet";
        System.arraycopy(backendArgs, 0, args, 5, backendArgs.length);
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
        try (HdfFile f = new HdfFile(out.resolve("wire.h5"))) {
            var m = f.getByPath("meta");
            return new String[] {(String) m.getAttribute("backend").getData(), (String) m.getAttribute("backend_reason").getData()};
        }
    }

    @Test
    void cpuRequestedIsRecorded() throws Exception {
        String[] m = meta("--backend", "cpu");
        assertEquals("cpu", m[0]);
        assertEquals("cpu requested", m[1]);
    }

    @Test
    void unavailableCudaRunsOnCpuAndSaysWhy() throws Exception {
        String[] m = meta("--backend", "cuda", "--devices", "0");
        if (cuda()) {
            assertEquals("cuda", m[0], m[1]);
        } else {
            assertEquals("cpu", m[0]);
            assertTrue(m[1].contains("libcuda.so.1 not found") && m[1].endsWith("using cpu"), m[1]);
        }
        String[] t = meta("--backend", "tornado");
        if (tornado()) {
            assertEquals("tornado", t[0], t[1]);
            assertTrue(t[1].startsWith("tornado requested: TornadoVM"), t[1]);
        } else {
            assertEquals("cpu", t[0]);
            assertTrue(t[1].startsWith("tornado requested but unavailable: ") && t[1].endsWith("using cpu"), t[1]);
        }
    }

    @Test
    void autoSaysWhatItPicked() throws Exception {
        String[] m = meta();
        assertTrue(m[1].startsWith("auto: " + m[0]), m[0] + " / " + m[1]);
    }

    @Test
    void badBackendOrDevicesIsAnInputError() throws Exception {
        Path s = tmp.resolve("wire.yaml");
        Files.writeString(s, RunOutputTest.WIRE);
        for (String[] bad : new String[][] {{"--backend", "opencl"}, {"--devices", "gpu0"}}) {
            StringWriter err = new StringWriter();
            int rc = Main.execute(new String[] {"run", s.toString(), "--out", tmp.resolve("bad").toString(), bad[0], bad[1]},
                    new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertNotEquals(0, rc);
            assertTrue(err.toString().contains(bad[0]), err.toString());
        }
    }

    @Test
    void infoListsBackends() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"info"}, new PrintWriter(out), new PrintWriter(new StringWriter())));
        assertTrue(out.toString().contains("cuda"), out.toString());
        assertTrue(out.toString().contains(tornado() ? "tornado  available: " : "tornado  not available: "), out.toString());
        if (!cuda()) assertTrue(out.toString().contains("libcuda.so.1 not found"), out.toString());
    }
}
