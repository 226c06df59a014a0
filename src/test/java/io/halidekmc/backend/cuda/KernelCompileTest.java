package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.PairwiseSum;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.RateTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kernels/hop_rates.cu without a GPU: its constants are Java's, it is on the classpath, the
 * missing-library path gives its reason, and, where nvcc is on PATH, it compiles for sm_90 with
 * no FMA in the PTX (the bitwise-equality argument needs none).
 */
class KernelCompileTest {
    @TempDir
    Path tmp;

    @Test
    void kernelConstantsAreJavas() throws Exception {
        String src = CudaRateBackend.kernelSource();
        Map<String, Integer> d = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^#define (\\w+) (\\(?[0-9][^/\\n]*?)\\s*(//.*)?$").matcher(src);
        while (m.find()) {
            String v = m.group(2).strip();
            if (v.matches("\\d+")) d.put(m.group(1), Integer.parseInt(v));
        }
        assertEquals(Lattice.Z, d.get("Z"));
        assertEquals(Species.VACANCY, d.get("SP_VACANCY"));
        assertEquals(Species.CL, d.get("SP_CL"));
        assertEquals(Species.I, d.get("SP_I"));
        assertEquals(Species.COUNT, d.get("SP_COUNT"));
        assertEquals(RateTable.DIFFS, d.get("DIFFS"));
        assertEquals(Occupancy.COUNT_SHIFT, d.get("COUNT_SHIFT"));
        assertEquals(PairwiseSum.BLOCK, d.get("REDUCE_BLOCK"));
        assertEquals(12, d.get("HALIDE_BITS"));
        assertTrue(src.contains("#define REGULAR (1 << " + Integer.numberOfTrailingZeros(Occupancy.REGULAR) + ")"));
        assertTrue(src.contains("#define SPECIES_MASK 0xFF") && Occupancy.SPECIES_MASK == 0xFF);
        assertEquals(Species.BR, 2);   // BR_SHIFT = COUNT_SHIFT + 4·2
    }

    @Test
    void missingLibraryGivesItsReason() {
        BackendUnavailable e = assertThrows(BackendUnavailable.class, () -> CudaDriver.open("libcuda-absent.so.1"));
        assertEquals("libcuda-absent.so.1 not found", e.getMessage());
    }

    @Test
    void compilesWithNvccForSm90WithoutFma() throws Exception {
        String nvcc = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvcc"))) {
                nvcc = Path.of(dir, "nvcc").toString();
                break;
            }
        }
        assumeTrue(nvcc != null, "nvcc not on PATH: kernels/hop_rates.cu not compiled here (NVRTC compiles it at run time)");
        Path src = tmp.resolve("hop_rates.cu");
        Files.writeString(src, CudaRateBackend.kernelSource());
        Path ptx = tmp.resolve("hop_rates.ptx");
        Process p = new ProcessBuilder(nvcc, "-ptx", "-arch=sm_90", "--fmad=false", "-o", ptx.toString(), src.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc timed out");
        assertEquals(0, p.exitValue(), "nvcc failed:\n" + out);
        String text = Files.readString(ptx);
        for (String k : new String[] {"refresh_diff", "refresh_factored", "refresh_factored_sweep", "refresh_factored_stream", "reduce_sum", "KERNEL_ABI"}) {
            assertTrue(text.contains(k), k + " missing from the PTX");
        }
        assertFalse(text.contains("fma."), "FMA in the PTX would break bitwise equality with the CPU");
        // the same without --fmad=false: the explicit _rn intrinsics alone must keep FMAs out
        p = new ProcessBuilder(nvcc, "-ptx", "-arch=sm_90", "-o", ptx.toString(), src.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertFalse(Files.readString(ptx).contains("fma."), "FMA contracted despite __dmul_rn/__dadd_rn");
    }

    /** kernels/nc_ensemble.cu: the resident kernel's table size is Java's, and where nvcc is on PATH every ensemble kernel compiles, without FMA. */
    @Test
    void ensembleKernelsCompileWithNvccWithoutFma() throws Exception {
        String src = CudaModule.source("nc_ensemble");
        assertTrue(src.contains("#define RES_TAB " + io.halidekmc.engine.uniformized.ResidentKernel.DEVICE_TABLE + "\n"),
                "RES_TAB of kernels/nc_ensemble.cu is not ResidentKernel.DEVICE_TABLE");
        compiles("nc_ensemble", src, "ensemble_trials", "ensemble_trials_cached", "ensemble_trials_resident", "ENSEMBLE_ABI");
    }

    /** kernels/sector_steps.cu: its stream tag is Java's, and where nvcc is on PATH it compiles, without FMA. */
    @Test
    void sectorKernelsCompileWithNvccWithoutFma() throws Exception {
        String src = CudaModule.source("sector_steps");
        assertTrue(src.contains(String.format("#define SECTOR_TAG 0x%08Xu", io.halidekmc.engine.uniformized.SectorTrialKernel.STREAM_TAG)),
                "SECTOR_TAG of kernels/sector_steps.cu is not SectorTrialKernel.STREAM_TAG");
        compiles("sector_steps", src, "sector_begin", "sector_trials", "SECTOR_ABI");
    }

    private void compiles(String name, String src, String... symbols) throws Exception {
        String nvcc = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvcc"))) {
                nvcc = Path.of(dir, "nvcc").toString();
                break;
            }
        }
        assumeTrue(nvcc != null, "nvcc not on PATH: kernels/" + name + ".cu not compiled here (NVRTC compiles it at run time)");
        Path cu = tmp.resolve(name + ".cu");
        Files.writeString(cu, src);
        Path ptx = tmp.resolve(name + ".ptx");
        Process p = new ProcessBuilder(nvcc, "-ptx", "-arch=sm_90", "-o", ptx.toString(), cu.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc timed out");
        assertEquals(0, p.exitValue(), "nvcc failed:\n" + out);
        String text = Files.readString(ptx);
        for (String k : symbols) assertTrue(text.contains(k), k + " missing from the PTX of " + name);
        assertFalse(text.contains("fma."), "FMA contracted despite __dmul_rn");
    }
}
