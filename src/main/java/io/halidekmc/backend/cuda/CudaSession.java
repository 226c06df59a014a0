package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One user's hold on a CUDA device: its primary context (retained here, released on close), the
 * modules loaded into it and the device buffers allocated (plain cuMemAlloc, all freed on close).
 * The GPU runners ({@link CudaEnsemble}, {@link CudaSectorRunner}) each hold one.
 */
final class CudaSession implements AutoCloseable {
    final CudaDriver cu;
    final CudaDriver.Device device;
    final Arena arena = Arena.ofShared();
    private final MemorySegment ctx;
    private final List<Long> buffers = new ArrayList<>();
    private final List<MemorySegment> modules = new ArrayList<>();
    private boolean closed;

    /** Device {@code ordinal}'s primary context, or why not. */
    static CudaSession open(int ordinal) throws BackendUnavailable {
        CudaDriver cu = CudaDriver.get();
        int n = cu.deviceCount();
        if (n == 0) throw new BackendUnavailable("no CUDA device (cuDeviceGetCount = 0)");
        if (ordinal < 0 || ordinal >= n) throw new BackendUnavailable("CUDA device " + ordinal + " does not exist (" + n + ")");
        return new CudaSession(cu, cu.device(ordinal));
    }

    private CudaSession(CudaDriver cu, CudaDriver.Device device) throws BackendUnavailable {
        this.cu = cu;
        this.device = device;
        MemorySegment c = arena.allocate(ADDRESS);
        try {
            cu.check(cu.call(cu.cuDevicePrimaryCtxRetain, c, device.handle()), "cuDevicePrimaryCtxRetain");
        } catch (BackendUnavailable e) {
            arena.close();
            throw e;
        }
        ctx = c.get(ADDRESS, 0);
    }

    /** Makes the context current on this thread. */
    void current() throws BackendUnavailable {
        if (closed) throw new IllegalStateException("CUDA session closed");
        cu.check(cu.call(cu.cuCtxSetCurrent, ctx), "cuCtxSetCurrent");
    }

    /** Loads kernels/NAME into the context (unloaded on close). */
    CudaModule load(String name) throws BackendUnavailable {
        current();
        CudaModule m = CudaModule.load(cu, device, arena, name);
        modules.add(m.handle());
        return m;
    }

    /** A device buffer of at least {@code bytes} (256 at least), freed on close. */
    long alloc(long bytes) throws BackendUnavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(JAVA_LONG);
            cu.check(cu.call(cu.cuMemAlloc, p, Math.max(bytes, 256)), "cuMemAlloc(" + bytes + " bytes)");
            long ptr = p.get(JAVA_LONG, 0);
            buffers.add(ptr);
            return ptr;
        }
    }

    /** A device buffer holding a copy of {@code a}. */
    long upload(int[] a) throws BackendUnavailable {
        long p = alloc(4L * a.length);
        up(p, MemorySegment.ofArray(a), 4L * a.length);
        return p;
    }

    void up(long dst, MemorySegment src, long bytes) throws BackendUnavailable {
        if (bytes > 0) cu.check(cu.call(cu.cuMemcpyHtoD, dst, src, bytes), "cuMemcpyHtoD");
    }

    void down(MemorySegment dst, long src, long bytes) throws BackendUnavailable {
        if (bytes > 0) cu.check(cu.call(cu.cuMemcpyDtoH, dst, src, bytes), "cuMemcpyDtoH");
    }

    /** Frees the buffers, unloads the modules, releases the context (logs a failure). Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        try {
            current();
            for (long p : buffers) cu.call(cu.cuMemFree, p);
            for (MemorySegment m : modules) cu.call(cu.cuModuleUnload, m);
            cu.call(cu.cuDevicePrimaryCtxRelease, device.handle());
        } catch (BackendUnavailable e) {
            System.err.println("halide-kmc: CUDA cleanup: " + e.getMessage());
        } finally {
            closed = true;
            arena.close();
        }
    }
}
