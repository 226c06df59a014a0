package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * FFM bindings to NVRTC, the CUDA run-time compiler: CUDA C source to a cubin for the device's
 * own architecture (no driver JIT), or to PTX where the library has no cubin output. Found as
 * libnvrtc.so(.13/.12) on the loader path or under $CUDA_HOME/lib64, /usr/local/cuda/lib64.
 */
final class Nvrtc {
    private static final Linker LINKER = Linker.nativeLinker();

    private final MethodHandle create, compile, ptxSize, ptx, cubinSize, cubin, logSize, log, destroy, errorString;
    final String library;

    private Nvrtc(SymbolLookup lib, String library) throws BackendUnavailable {
        this.library = library;
        create = bind(lib, "nvrtcCreateProgram", ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        compile = bind(lib, "nvrtcCompileProgram", ADDRESS, JAVA_INT, ADDRESS);
        ptxSize = bind(lib, "nvrtcGetPTXSize", ADDRESS, ADDRESS);
        ptx = bind(lib, "nvrtcGetPTX", ADDRESS, ADDRESS);
        cubinSize = lib.find("nvrtcGetCUBINSize").isPresent() ? bind(lib, "nvrtcGetCUBINSize", ADDRESS, ADDRESS) : null;
        cubin = lib.find("nvrtcGetCUBIN").isPresent() ? bind(lib, "nvrtcGetCUBIN", ADDRESS, ADDRESS) : null;
        logSize = bind(lib, "nvrtcGetProgramLogSize", ADDRESS, ADDRESS);
        log = bind(lib, "nvrtcGetProgramLog", ADDRESS, ADDRESS);
        destroy = bind(lib, "nvrtcDestroyProgram", ADDRESS);
        MemorySegment es = lib.find("nvrtcGetErrorString").orElseThrow(() -> new BackendUnavailable(library + " lacks nvrtcGetErrorString"));
        errorString = LINKER.downcallHandle(es, FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** Candidate library names and paths, in order. */
    static List<String> candidates() {
        List<String> c = new ArrayList<>(List.of("libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12"));
        List<String> dirs = new ArrayList<>();
        String home = System.getenv("CUDA_HOME");
        if (home != null) dirs.add(home + "/lib64");
        dirs.add("/usr/local/cuda/lib64");
        dirs.add("/usr/local/cuda/targets/x86_64-linux/lib");
        for (String d : dirs) {
            for (String n : List.of("libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12")) {
                if (Files.exists(Path.of(d, n))) c.add(d + "/" + n);
            }
        }
        return c;
    }

    static Nvrtc load() throws BackendUnavailable {
        for (String name : candidates()) {
            SymbolLookup lib;
            try {
                lib = name.startsWith("/") ? SymbolLookup.libraryLookup(Path.of(name), Arena.global())
                        : SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                continue;
            }
            return new Nvrtc(lib, name);
        }
        throw new BackendUnavailable("libnvrtc not found (tried libnvrtc.so, .so.13, .so.12, $CUDA_HOME/lib64, /usr/local/cuda/lib64)");
    }

    private static MethodHandle bind(SymbolLookup lib, String name, MemoryLayout... args) throws BackendUnavailable {
        MemorySegment sym = lib.find(name).orElseThrow(() -> new BackendUnavailable("libnvrtc lacks " + name));
        return LINKER.downcallHandle(sym, FunctionDescriptor.of(JAVA_INT, args));
    }

    private int call(MethodHandle h, Object... args) throws BackendUnavailable {
        try {
            return (int) h.invokeWithArguments(args);
        } catch (Throwable t) {
            throw new BackendUnavailable("NVRTC call failed: " + t, t);
        }
    }

    private void check(int rc, String what, String programLog) throws BackendUnavailable {
        if (rc == 0) return;
        String text;
        try {
            text = CudaDriver.cString((MemorySegment) errorString.invokeExact(rc));
        } catch (Throwable t) {
            text = "nvrtcResult " + rc;
        }
        throw new BackendUnavailable(what + " failed: " + text + (programLog.isBlank() ? "" : "\n" + programLog.strip()));
    }

    /** The compiled image (cubin for a real arch "sm_XY" where possible, else NUL-terminated PTX). */
    record Image(byte[] bytes, String kind) {}

    Image compile(String source, String name, String arch, List<String> extraOptions) throws BackendUnavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prog = a.allocate(ADDRESS);
            check(call(create, prog, a.allocateFrom(source), a.allocateFrom(name), 0, MemorySegment.NULL, MemorySegment.NULL),
                    "nvrtcCreateProgram", "");
            MemorySegment p = prog.get(ADDRESS, 0);
            try {
                boolean wantCubin = cubin != null;
                List<String> opts = new ArrayList<>();
                opts.add("--gpu-architecture=" + (wantCubin ? arch : arch.replace("sm_", "compute_")));
                opts.addAll(extraOptions);
                MemorySegment optv = a.allocate(ADDRESS, opts.size());
                for (int i = 0; i < opts.size(); i++) optv.setAtIndex(ADDRESS, i, a.allocateFrom(opts.get(i)));
                int rc = call(compile, p, opts.size(), optv);
                check(rc, "nvrtcCompileProgram(" + String.join(" ", opts) + ")", rc == 0 ? "" : log(a, p));
                MemorySegment size = a.allocate(JAVA_LONG);
                if (wantCubin) {
                    check(call(cubinSize, p, size), "nvrtcGetCUBINSize", "");
                    MemorySegment buf = a.allocate(size.get(JAVA_LONG, 0));
                    check(call(cubin, p, buf), "nvrtcGetCUBIN", "");
                    return new Image(buf.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), "cubin " + arch);
                }
                check(call(ptxSize, p, size), "nvrtcGetPTXSize", "");
                MemorySegment buf = a.allocate(size.get(JAVA_LONG, 0));   // size includes the NUL
                check(call(ptx, p, buf), "nvrtcGetPTX", "");
                return new Image(buf.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), "ptx " + arch.replace("sm_", "compute_"));
            } finally {
                call(destroy, prog);
            }
        }
    }

    private String log(Arena a, MemorySegment p) throws BackendUnavailable {
        MemorySegment size = a.allocate(JAVA_LONG);
        if (call(logSize, p, size) != 0) return "";
        long n = size.get(JAVA_LONG, 0);
        if (n <= 1) return "";
        MemorySegment buf = a.allocate(n);
        if (call(log, p, buf) != 0) return "";
        return buf.getString(0);
    }
}
