package io.halidekmc.backend.cuda;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds a CPU program that runs a kernel file's own CUDA source (src/test/resources/cuda-emulation:
 * warp_shim.h stands in for the CUDA features, a driver per kernel file reads a launch's arguments
 * and writes its results). Skips the calling test, saying why, where g++ is missing.
 */
final class KernelEmulation {
    private KernelEmulation() {}

    /**
     * Compiles {@code driver} (a resource) against kernels/{@code kernel}.cu, written into dir as
     * {@code includeAs} after the given (from, to) text replacements, each of which must apply.
     */
    static Path build(Path dir, String driver, String kernel, String includeAs, String... replacements) throws Exception {
        String gxx = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "g++"))) {
                gxx = Path.of(d, "g++").toString();
                break;
            }
        }
        assumeTrue(gxx != null, "g++ not on PATH: kernels/" + kernel + ".cu is not emulated here");
        for (String f : new String[] {"warp_shim.h", driver}) {
            try (InputStream in = KernelEmulation.class.getResourceAsStream("/cuda-emulation/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        String src = CudaModule.source(kernel);
        for (int i = 0; i < replacements.length; i += 2) {
            assertTrue(src.contains(replacements[i]), "kernels/" + kernel + ".cu no longer has: " + replacements[i]);
            src = src.replace(replacements[i], replacements[i + 1]);
        }
        Files.writeString(dir.resolve(includeAs), src);
        Path exe = dir.resolve(driver.replace(".cpp", ""));
        Process p = new ProcessBuilder(gxx, "-std=c++20", "-O1", "-ffp-contract=off", "-pthread", "-Wno-unknown-pragmas",
                "-o", exe.toString(), dir.resolve(driver).toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "g++ timed out");
        assertEquals(0, p.exitValue(), "g++ failed:\n" + out);
        return exe;
    }

    /** Runs the built program on in, to out; fails with its output if it fails. */
    static void run(Path exe, Path in, Path out) throws Exception {
        Process p = new ProcessBuilder(exe.toString(), in.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("emulated launch failed: " + log);
    }
}
