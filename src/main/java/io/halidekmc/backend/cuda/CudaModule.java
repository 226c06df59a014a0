package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One kernel file of kernels/ loaded on a device: compiled by NVRTC for the device's architecture
 * where libnvrtc is found, else the cubin / PTX that nvcc built into the jar. The origin can be
 * forced with -Dhalidekmc.cuda.kernel=nvrtc|cubin|ptx (checks on a device).
 *
 * @param handle the CUmodule
 * @param origin where the image came from, in words
 */
record CudaModule(MemorySegment handle, String origin) {

    /** The source of kernels/NAME.cu shipped in the jar. */
    static String source(String name) throws BackendUnavailable {
        byte[] b = resource("/kernels/" + name + ".cu");
        if (b == null) throw new BackendUnavailable("kernels/" + name + ".cu missing from the classpath (broken build)");
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] resource(String path) {
        try (InputStream in = CudaModule.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** Loads kernels/NAME into the current context; allocations live in {@code arena}. */
    static CudaModule load(CudaDriver cu, CudaDriver.Device device, Arena arena, String name) throws BackendUnavailable {
        String force = System.getProperty("halidekmc.cuda.kernel", "");
        List<String> why = new ArrayList<>();
        String arch = device.arch();
        if (force.isEmpty() || force.equals("nvrtc")) {
            try {
                Nvrtc nv = Nvrtc.load();
                Nvrtc.Image img = nv.compile(source(name), name + ".cu", arch,
                        List.of("--fmad=false", "--std=c++17", "-lineinfo"));
                MemorySegment m = tryLoad(cu, arena, img.bytes(), "NVRTC " + img.kind(), why);
                if (m != null) return new CudaModule(m, "NVRTC (" + nv.library + "), " + img.kind());
            } catch (BackendUnavailable e) {
                why.add(e.getMessage());
            }
        }
        if (force.isEmpty() || force.equals("cubin")) {
            String file = "/kernels/" + name + "." + arch + ".cubin";
            byte[] b = resource(file);
            if (b == null) {
                why.add("no prebuilt " + file.substring(1) + " in the jar (built only where nvcc was found)");
            } else {
                MemorySegment m = tryLoad(cu, arena, b, file.substring(1), why);
                if (m != null) return new CudaModule(m, "prebuilt " + file.substring(1) + " (nvcc at build time)");
            }
        }
        if (force.isEmpty() || force.equals("ptx")) {
            String file = "/kernels/" + name + ".compute_90.ptx";
            byte[] b = resource(file);
            if (device.ccMajor() < 9) {
                why.add("prebuilt PTX is compute_90, device is " + arch);
            } else if (b == null) {
                why.add("no prebuilt " + file.substring(1) + " in the jar");
            } else {
                byte[] z = Arrays.copyOf(b, b.length + 1);   // PTX must be NUL-terminated
                MemorySegment m = tryLoad(cu, arena, z, file.substring(1), why);
                if (m != null) return new CudaModule(m, "prebuilt " + file.substring(1) + " (nvcc at build time, JIT by the driver)");
            }
        }
        throw new BackendUnavailable("no loadable " + name + " kernel image for " + arch + ": " + String.join("; ", why));
    }

    private static MemorySegment tryLoad(CudaDriver cu, Arena arena, byte[] image, String what, List<String> why)
            throws BackendUnavailable {
        MemorySegment img = arena.allocate(image.length, 16);
        MemorySegment.copy(image, 0, img, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, image.length);
        MemorySegment m = arena.allocate(ADDRESS);
        int rc = cu.call(cu.cuModuleLoadData, m, img);
        if (rc != 0) {
            why.add("cuModuleLoadData(" + what + "): " + cu.errorText(rc));
            return null;
        }
        return m.get(ADDRESS, 0);
    }

    MemorySegment function(CudaDriver cu, Arena arena, String fn) throws BackendUnavailable {
        MemorySegment f = arena.allocate(ADDRESS);
        cu.check(cu.call(cu.cuModuleGetFunction, f, handle, arena.allocateFrom(fn)), "cuModuleGetFunction(" + fn + ")");
        return f.get(ADDRESS, 0);
    }

    /** The module's int array GLOBAL must equal {@code expect} (constants compiled into the kernel vs Java's). */
    void checkAbi(CudaDriver cu, String global, int[] expect, String file) throws BackendUnavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(JAVA_LONG), n = a.allocate(JAVA_LONG);
            cu.check(cu.call(cu.cuModuleGetGlobal, p, n, handle, a.allocateFrom(global)), "cuModuleGetGlobal(" + global + ")");
            int[] got = new int[expect.length];
            cu.check(cu.call(cu.cuMemcpyDtoH, MemorySegment.ofArray(got), p.get(JAVA_LONG, 0), got.length * 4L),
                    "cuMemcpyDtoH(" + global + ")");
            if (!Arrays.equals(got, expect)) {
                throw new BackendUnavailable("kernel constants " + Arrays.toString(got) + " differ from Java's "
                        + Arrays.toString(expect) + " (stale " + file + " or prebuilt image)");
            }
        }
    }

    /** cuLaunchKernel with arguments boxed as Long (64-bit, pointers too), Integer or Double. */
    static void launch(CudaDriver cu, MemorySegment fn, int grid, int block, Object... args) throws BackendUnavailable {
        launchShared(cu, fn, grid, block, 0, args);
    }

    /** {@link #launch} with {@code sharedBytes} of dynamic shared memory per block. */
    static void launchShared(CudaDriver cu, MemorySegment fn, int grid, int block, int sharedBytes, Object... args)
            throws BackendUnavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) {
                MemorySegment v;
                switch (args[i]) {
                    case Long l -> {
                        v = a.allocate(JAVA_LONG);
                        v.set(JAVA_LONG, 0, l);
                    }
                    case Double d -> {
                        v = a.allocate(java.lang.foreign.ValueLayout.JAVA_DOUBLE);
                        v.set(java.lang.foreign.ValueLayout.JAVA_DOUBLE, 0, d);
                    }
                    case Integer n -> {
                        v = a.allocate(JAVA_INT);
                        v.set(JAVA_INT, 0, n);
                    }
                    default -> throw new IllegalArgumentException("kernel argument " + args[i]);
                }
                params.setAtIndex(ADDRESS, i, v);
            }
            cu.check(cu.call(cu.cuLaunchKernel, fn, grid, 1, 1, block, 1, 1, sharedBytes, MemorySegment.NULL, params, MemorySegment.NULL),
                    "cuLaunchKernel");
        }
    }
}
