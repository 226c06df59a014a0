package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * FFM bindings to the CUDA driver API (libcuda.so.1), the calls the backend needs. Versioned
 * symbols are bound by the names the CUDA headers map to (cuMemAlloc → cuMemAlloc_v2, ...).
 * Contexts: the device's primary context (cuDevicePrimaryCtxRetain / Release), which avoids
 * cuCtxCreate, whose signature changed in CUDA 13. Every call goes through {@link #check}, which
 * turns a non-zero CUresult into a {@link BackendUnavailable} naming the call and the error.
 */
public final class CudaDriver {
    /** Library name, overridable for tests (-Dhalidekmc.libcuda=...). */
    static final String LIBRARY = System.getProperty("halidekmc.libcuda", "libcuda.so.1");

    public static final int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    public static final int CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8;
    /** Percent of the L1/shared split given to shared memory (100: all it can have). */
    public static final int CU_FUNC_ATTRIBUTE_PREFERRED_SHARED_MEMORY_CARVEOUT = 9;
    public static final int CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE = 36;
    public static final int CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH = 37;
    public static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    public static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

    private static final Linker LINKER = Linker.nativeLinker();

    final MethodHandle cuInit, cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetName, cuDeviceTotalMem,
            cuDeviceGetAttribute, cuDevicePrimaryCtxRetain, cuDevicePrimaryCtxRelease, cuCtxSetCurrent,
            cuCtxSynchronize, cuMemAlloc, cuMemFree, cuMemcpyHtoD, cuMemcpyDtoH, cuModuleLoadData, cuModuleUnload,
            cuModuleGetFunction, cuModuleGetGlobal, cuLaunchKernel, cuFuncSetAttribute, cuGetErrorString, cuGetErrorName;

    private CudaDriver(SymbolLookup lib) throws BackendUnavailable {
        cuInit = bind(lib, "cuInit", JAVA_INT);
        cuDriverGetVersion = bind(lib, "cuDriverGetVersion", ADDRESS);
        cuDeviceGetCount = bind(lib, "cuDeviceGetCount", ADDRESS);
        cuDeviceGet = bind(lib, "cuDeviceGet", ADDRESS, JAVA_INT);
        cuDeviceGetName = bind(lib, "cuDeviceGetName", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceTotalMem = bind(lib, "cuDeviceTotalMem_v2", ADDRESS, JAVA_INT);
        cuDeviceGetAttribute = bind(lib, "cuDeviceGetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
        cuDevicePrimaryCtxRetain = bind(lib, "cuDevicePrimaryCtxRetain", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRelease = bind(lib, "cuDevicePrimaryCtxRelease_v2", JAVA_INT);
        cuCtxSetCurrent = bind(lib, "cuCtxSetCurrent", ADDRESS);
        cuCtxSynchronize = bind(lib, "cuCtxSynchronize");
        cuMemAlloc = bind(lib, "cuMemAlloc_v2", ADDRESS, JAVA_LONG);
        cuMemFree = bind(lib, "cuMemFree_v2", JAVA_LONG);
        // critical(true): host arrays are passed as heap segments, no staging copy (short, blocking calls)
        cuMemcpyHtoD = bindCritical(lib, "cuMemcpyHtoD_v2", JAVA_LONG, ADDRESS, JAVA_LONG);
        cuMemcpyDtoH = bindCritical(lib, "cuMemcpyDtoH_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
        cuModuleLoadData = bind(lib, "cuModuleLoadData", ADDRESS, ADDRESS);
        cuModuleUnload = bind(lib, "cuModuleUnload", ADDRESS);
        cuModuleGetFunction = bind(lib, "cuModuleGetFunction", ADDRESS, ADDRESS, ADDRESS);
        cuModuleGetGlobal = bind(lib, "cuModuleGetGlobal_v2", ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        cuLaunchKernel = bind(lib, "cuLaunchKernel", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        cuFuncSetAttribute = bind(lib, "cuFuncSetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
        cuGetErrorString = bind(lib, "cuGetErrorString", JAVA_INT, ADDRESS);
        cuGetErrorName = bind(lib, "cuGetErrorName", JAVA_INT, ADDRESS);
    }

    private static volatile Object loaded;

    /** The bindings, cuInit(0) done; or the reason they cannot be had (cached: one attempt per process). */
    public static synchronized CudaDriver get() throws BackendUnavailable {
        if (loaded == null) {
            try {
                loaded = open(LIBRARY);
            } catch (BackendUnavailable e) {
                loaded = e;
            }
        }
        if (loaded instanceof BackendUnavailable e) throw new BackendUnavailable(e.getMessage(), e);
        return (CudaDriver) loaded;
    }

    /** Binds {@code library} and calls cuInit (package access: tests open a library that is not there). */
    static CudaDriver open(String library) throws BackendUnavailable {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new BackendUnavailable(library + " not found" + (e instanceof IllegalCallerException
                    ? " (native access not enabled: run java with --enable-native-access=ALL-UNNAMED)" : ""));
        }
        CudaDriver d = new CudaDriver(lib);
        d.check(d.call(d.cuInit, 0), "cuInit");
        return d;
    }

    private static MethodHandle bind(SymbolLookup lib, String name, java.lang.foreign.MemoryLayout... args)
            throws BackendUnavailable {
        MemorySegment sym = lib.find(name).orElseThrow(() -> new BackendUnavailable(
                LIBRARY + " lacks " + name + " (driver too old?)"));
        return LINKER.downcallHandle(sym, FunctionDescriptor.of(JAVA_INT, args));
    }

    private static MethodHandle bindCritical(SymbolLookup lib, String name, java.lang.foreign.MemoryLayout... args)
            throws BackendUnavailable {
        MemorySegment sym = lib.find(name).orElseThrow(() -> new BackendUnavailable(LIBRARY + " lacks " + name));
        return LINKER.downcallHandle(sym, FunctionDescriptor.of(JAVA_INT, args), Linker.Option.critical(true));
    }

    /** Invokes a binding; a Throwable from the call itself (not a CUresult) becomes BackendUnavailable. */
    int call(MethodHandle h, Object... args) throws BackendUnavailable {
        try {
            return (int) h.invokeWithArguments(args);
        } catch (Throwable t) {
            throw new BackendUnavailable("CUDA driver call failed: " + t, t);
        }
    }

    /** rc == CUDA_SUCCESS, else BackendUnavailable "what: CUDA_ERROR_X (text)". */
    void check(int rc, String what) throws BackendUnavailable {
        if (rc == 0) return;
        throw new BackendUnavailable(what + " failed: " + errorText(rc));
    }

    String errorText(int rc) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            String name = "CUresult " + rc, text = "";
            if ((int) cuGetErrorName.invokeExact(rc, p) == 0) name = cString(p.get(ADDRESS, 0));
            if ((int) cuGetErrorString.invokeExact(rc, p) == 0) text = " (" + cString(p.get(ADDRESS, 0)) + ")";
            return name + text;
        } catch (Throwable t) {
            return "CUresult " + rc;
        }
    }

    static String cString(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? "" : p.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** Driver version as "13.0" (cuDriverGetVersion's 1000·major + 10·minor). */
    public String version() throws BackendUnavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check(call(cuDriverGetVersion, v), "cuDriverGetVersion");
            int n = v.get(JAVA_INT, 0);
            return n / 1000 + "." + (n % 1000) / 10;
        }
    }

    public int deviceCount() throws BackendUnavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            check(call(cuDeviceGetCount, n), "cuDeviceGetCount");
            return n.get(JAVA_INT, 0);
        }
    }

    /** What {@code info} prints and the backend records about one device. */
    public record Device(int ordinal, int handle, String name, long totalMem, int ccMajor, int ccMinor,
                         int multiprocessors, double peakGBps) {
        public String arch() {
            return "sm_" + ccMajor + ccMinor;
        }

        public String describe() {
            return String.format(java.util.Locale.ROOT, "cuda:%d %s, %s, %d SMs, %.1f GiB%s", ordinal, name, arch(),
                    multiprocessors, totalMem / (double) (1L << 30),
                    peakGBps > 0 ? String.format(java.util.Locale.ROOT, ", ≈%.0f GB/s peak", peakGBps) : "");
        }
    }

    public Device device(int ordinal) throws BackendUnavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment h = a.allocate(JAVA_INT);
            check(call(cuDeviceGet, h, ordinal), "cuDeviceGet(" + ordinal + ")");
            int dev = h.get(JAVA_INT, 0);
            MemorySegment name = a.allocate(256);
            check(call(cuDeviceGetName, name, 256, dev), "cuDeviceGetName");
            MemorySegment mem = a.allocate(JAVA_LONG);
            check(call(cuDeviceTotalMem, mem, dev), "cuDeviceTotalMem");
            int major = attribute(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
            int minor = attribute(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
            int sms = attribute(dev, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
            // theoretical DRAM bandwidth: 2 (DDR) × memory clock (kHz) × bus width (bits) / 8; 0 if not reported
            double peak = 0;
            try {
                long clockKHz = attribute(dev, CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
                long busBits = attribute(dev, CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
                peak = 2.0 * clockKHz * 1e3 * busBits / 8 / 1e9;
            } catch (BackendUnavailable ignored) {
                // deprecated attributes in newer drivers may be refused; the peak is informative only
            }
            return new Device(ordinal, dev, name.getString(0), mem.get(JAVA_LONG, 0), major, minor, sms, peak);
        }
    }

    public int attribute(int dev, int attr) throws BackendUnavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check(call(cuDeviceGetAttribute, v, attr, dev), "cuDeviceGetAttribute(" + attr + ")");
            return v.get(JAVA_INT, 0);
        }
    }
}
