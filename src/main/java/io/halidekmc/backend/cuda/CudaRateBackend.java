package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.PairwiseSum;
import io.halidekmc.engine.RateBackend;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.RateTable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The bulk hop-rate refresh on one CUDA device: kernels/hop_rates.cu, compiled by NVRTC for the
 * device's architecture where libnvrtc is found, else loaded from the cubin/PTX that nvcc built
 * into the jar. Device memory is plain cuMemAlloc (never managed memory), grown on demand and
 * reused; the neighbour table, which never changes, is uploaded once per array (by identity).
 * A refresh uploads the packed words and vacancy list, launches one thread per vacancy, and
 * copies back the rates and per-vacancy sums; results are bit-identical to HopKernel's (see the
 * kernel source). Not thread-safe: one engine, one backend.
 *
 * <p>Kernel origin can be forced with -Dhalidekmc.cuda.kernel=nvrtc|cubin|ptx (checks on a device).
 */
public final class CudaRateBackend implements RateBackend {
    public static final int BLOCK = Integer.getInteger("halidekmc.cuda.block", 256);
    private static final int[] SLOT_DZ = new int[3 * Lattice.Z];

    static {
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < Lattice.Z; j++) SLOT_DZ[k * Lattice.Z + j] = Lattice.offset(k, j, 2) + 1;
        }
    }

    private final CudaDriver cu;
    public final CudaDriver.Device device;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment ctx;
    private final MemorySegment module;
    private final MemorySegment fnDiff, fnFactored, fnSweep, fnStream, fnReduce;
    /** How the kernels were compiled: "NVRTC (...) cubin sm_90" or "prebuilt cubin sm_90 (nvcc)". */
    public final String kernelOrigin;
    private CudaModule loaded;
    private boolean closed;

    private final Buf vacSite = new Buf(), words = new Buf(), nb = new Buf(), off = new Buf(), slotDz = new Buf(),
            base = new Buf(), field = new Buf(), mix = new Buf(), fv = new Buf(), gh = new Buf(), rates = new Buf(),
            leaf = new Buf(), vacAt = new Buf(), redA = new Buf(), redB = new Buf(), redIn = new Buf();
    private int[] nbUploaded;
    private int[] offUploaded;
    private int vacancies, sites;

    /** One device allocation, grown on demand. */
    private final class Buf {
        long ptr;
        long bytes;

        long ensure(long need) throws BackendUnavailable {
            need = Math.max(need, 256);
            if (need <= bytes) return ptr;
            free();
            try (Arena a = Arena.ofConfined()) {
                MemorySegment p = a.allocate(JAVA_LONG);
                cu.check(cu.call(cu.cuMemAlloc, p, need), "cuMemAlloc(" + need + " bytes)");
                ptr = p.get(JAVA_LONG, 0);
                bytes = need;
            }
            return ptr;
        }

        void free() throws BackendUnavailable {
            if (ptr != 0) cu.check(cu.call(cu.cuMemFree, ptr), "cuMemFree");
            ptr = 0;
            bytes = 0;
        }
    }

    private CudaRateBackend(CudaDriver cu, CudaDriver.Device device) throws BackendUnavailable {
        this.cu = cu;
        this.device = device;
        MemorySegment c = arena.allocate(ADDRESS);
        cu.check(cu.call(cu.cuDevicePrimaryCtxRetain, c, device.handle()), "cuDevicePrimaryCtxRetain");
        ctx = c.get(ADDRESS, 0);
        try {
            makeCurrent();
            loaded = CudaModule.load(cu, device, arena, "hop_rates");
            module = loaded.handle();
            kernelOrigin = loaded.origin();
            checkAbi();
            fnDiff = function("refresh_diff");
            fnFactored = function("refresh_factored");
            fnSweep = function("refresh_factored_sweep");
            fnStream = function("refresh_factored_stream");
            fnReduce = function("reduce_sum");
            cu.check(cu.call(cu.cuMemcpyHtoD, slotDz.ensure(SLOT_DZ.length * 4L), MemorySegment.ofArray(SLOT_DZ),
                    SLOT_DZ.length * 4L), "cuMemcpyHtoD(slotDz)");
        } catch (BackendUnavailable e) {
            cu.call(cu.cuDevicePrimaryCtxRelease, device.handle());
            arena.close();
            throw e;
        }
    }

    /** The backend on CUDA device {@code ordinal}, or the reason it cannot run. */
    public static CudaRateBackend open(int ordinal) throws BackendUnavailable {
        CudaDriver cu = CudaDriver.get();
        int n = cu.deviceCount();
        if (n == 0) throw new BackendUnavailable("no CUDA device (cuDeviceGetCount = 0)");
        if (ordinal < 0 || ordinal >= n) {
            throw new BackendUnavailable("CUDA device " + ordinal + " does not exist (" + n + " device" + (n == 1 ? "" : "s") + ")");
        }
        return new CudaRateBackend(cu, cu.device(ordinal));
    }

    /** The kernel source shipped in the jar (kernels/hop_rates.cu). */
    public static String kernelSource() throws BackendUnavailable {
        return CudaModule.source("hop_rates");
    }

    private MemorySegment function(String name) throws BackendUnavailable {
        return loaded.function(cu, arena, name);
    }

    /** The constants compiled into the kernels must be the Java ones (KERNEL_ABI in hop_rates.cu). */
    private void checkAbi() throws BackendUnavailable {
        loaded.checkAbi(cu, "KERNEL_ABI", new int[] {Lattice.Z, Occupancy.SPECIES_MASK, Species.CL, Species.I, Species.COUNT,
                RateTable.DIFFS, Occupancy.COUNT_SHIFT, Integer.numberOfTrailingZeros(Occupancy.REGULAR), 12, PairwiseSum.BLOCK},
                "kernels/hop_rates.cu");
    }

    private void makeCurrent() throws BackendUnavailable {
        if (closed) throw new IllegalStateException("CUDA backend closed");
        cu.check(cu.call(cu.cuCtxSetCurrent, ctx), "cuCtxSetCurrent");
    }

    private void up(Buf b, int[] a, int n) throws BackendUnavailable {
        long bytes = 4L * n;
        long p = b.ensure(bytes);
        if (n > 0) cu.check(cu.call(cu.cuMemcpyHtoD, p, MemorySegment.ofArray(a), bytes), "cuMemcpyHtoD");
    }

    private void up(Buf b, double[] a, int n) throws BackendUnavailable {
        long bytes = 8L * n;
        long p = b.ensure(bytes);
        if (n > 0) cu.check(cu.call(cu.cuMemcpyHtoD, p, MemorySegment.ofArray(a), bytes), "cuMemcpyHtoD");
    }

    private void down(double[] a, Buf b, int n) throws BackendUnavailable {
        if (n > 0) cu.check(cu.call(cu.cuMemcpyDtoH, MemorySegment.ofArray(a), b.ptr, 8L * n), "cuMemcpyDtoH");
    }

    private void launch(MemorySegment fn, long threads, Object... args) throws BackendUnavailable {
        if (threads == 0) return;
        long grid = (threads + BLOCK - 1) / BLOCK;
        if (grid > Integer.MAX_VALUE) throw new BackendUnavailable("grid too large: " + grid);
        launchGrid(fn, (int) grid, BLOCK, args);
    }

    private void launchGrid(MemorySegment fn, int grid, int block, Object... args) throws BackendUnavailable {
        CudaModule.launch(cu, fn, grid, block, args);
    }

    // ---- device-resident steps (the RateBackend calls below and the benchmark use them) ----

    /** Uploads what every form reads: the vacancy list, packed words and (once per array) the neighbour table. */
    public void uploadState(int[] vacancySite, int vacancies, int[] words, int[] nb) {
        try {
            makeCurrent();
            this.vacancies = vacancies;
            this.sites = words.length;
            up(vacSite, vacancySite, vacancies);
            up(this.words, words, words.length);
            if (nb != nbUploaded) {
                up(this.nb, nb, nb.length);
                nbUploaded = nb;
            }
            rates.ensure(8L * Lattice.Z * vacancies);
            leaf.ensure(8L * vacancies);
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    /** Uploads vacancyAt, the per-site vacancy id the site-sweep kernel needs. */
    public void uploadVacancyAt(int[] vacancyAt) {
        try {
            makeCurrent();
            up(vacAt, vacancyAt, vacancyAt.length);
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    public void uploadDifferenceTables(double[] base, double[] field, double[] mix) {
        try {
            makeCurrent();
            up(this.base, base, base.length);
            up(this.field, field, field.length);
            up(this.mix, mix, mix.length);
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    public void uploadFactoredTables(int[] off, double[] fv, double[] gh, double[] field) {
        try {
            makeCurrent();
            if (off != offUploaded && !Arrays.equals(off, offUploaded)) {
                up(this.off, off, off.length);
                offUploaded = off.clone();
            }
            up(this.fv, fv, fv.length);
            up(this.gh, gh, gh.length);
            up(this.field, field, field.length);
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    /** Launches refresh_diff on the uploaded state (asynchronous). */
    public void launchDifference() {
        try {
            launch(fnDiff, vacancies, vacSite.ptr, vacancies, words.ptr, nb.ptr, slotDz.ptr, base.ptr, field.ptr, mix.ptr,
                    rates.ptr, leaf.ptr);
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    /** Launches refresh_factored (one thread per vacancy) or refresh_factored_sweep (one per site). */
    public void launchFactored(boolean sweep) {
        try {
            if (sweep) {
                launch(fnSweep, sites, sites, vacAt.ptr, words.ptr, nb.ptr, off.ptr, slotDz.ptr, fv.ptr, gh.ptr, field.ptr,
                        rates.ptr, leaf.ptr);
            } else {
                launch(fnFactored, vacancies, vacSite.ptr, vacancies, words.ptr, nb.ptr, off.ptr, slotDz.ptr, fv.ptr, gh.ptr,
                        field.ptr, rates.ptr, leaf.ptr);
            }
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    /** Blocks per multiprocessor of refresh_factored_stream (its __launch_bounds__). */
    public static final int STREAM_BLOCKS_PER_SM = 6;

    /**
     * Launches refresh_factored_stream: {@link #STREAM_BLOCKS_PER_SM} blocks of 256 threads per
     * multiprocessor striding over the word array (same results as {@link #launchFactored}).
     */
    public void launchStream() {
        try {
            launchGrid(fnStream, STREAM_BLOCKS_PER_SM * device.multiprocessors(), 256, sites, vacAt.ptr, words.ptr, nb.ptr, off.ptr,
                    slotDz.ptr, fv.ptr, gh.ptr, field.ptr, rates.ptr, leaf.ptr);
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    public void synchronize() {
        try {
            makeCurrent();
            cu.check(cu.call(cu.cuCtxSynchronize), "cuCtxSynchronize");
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    /** Copies the last refresh's rates and per-vacancy sums back (synchronous). */
    public void download(double[] rates, double[] leafSums) {
        try {
            makeCurrent();
            down(rates, this.rates, Lattice.Z * vacancies);
            down(leafSums, this.leaf, vacancies);
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    /** Σ of the per-vacancy sums of the last refresh, reduced on the device ({@link PairwiseSum} order). */
    public double deviceTotal() {
        try {
            makeCurrent();
            return reduce(leaf.ptr, vacancies);
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    private double reduce(long in, int n) throws BackendUnavailable {
        if (n == 0) return 0;
        int len = n;
        long src = in;
        boolean toA = true;
        while (len > 1) {
            int blocks = (len + PairwiseSum.BLOCK - 1) / PairwiseSum.BLOCK;
            Buf dst = toA ? redA : redB;
            dst.ensure(8L * blocks);
            launchGrid(fnReduce, blocks, PairwiseSum.BLOCK, src, len, dst.ptr);
            src = dst.ptr;
            len = blocks;
            toA = !toA;
        }
        double[] out = new double[1];
        cu.check(cu.call(cu.cuMemcpyDtoH, MemorySegment.ofArray(out), src, 8L), "cuMemcpyDtoH(sum)");
        return out[0];
    }

    // ---- RateBackend ----

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String detail() {
        return device.describe() + "; kernels: " + kernelOrigin;
    }

    @Override
    public void refreshAll(int[] vacancySite, int vacancies, int[] words, int[] nb,
                           double[] base, double[] field, double[] mix, double[] rates, double[] leafSums) {
        uploadState(vacancySite, vacancies, words, nb);
        uploadDifferenceTables(base, field, mix);
        launchDifference();
        download(rates, leafSums);
    }

    @Override
    public void refreshAllFactored(int[] vacancySite, int vacancies, int[] words, int[] nb, int[] off,
                                   double[] fv, double[] gh, double[] field, double[] rates, double[] leafSums) {
        uploadState(vacancySite, vacancies, words, nb);
        uploadFactoredTables(off, fv, gh, field);
        launchFactored(false);
        download(rates, leafSums);
    }

    @Override
    public double sum(double[] a, int n) {
        try {
            makeCurrent();
            up(redIn, a, n);   // reduce() ping-pongs through redA/redB
            return reduce(redIn.ptr, n);
        } catch (BackendUnavailable e) {
            throw new CudaFailure(e);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        try {
            makeCurrent();
            for (Buf b : List.of(vacSite, words, nb, off, slotDz, base, field, mix, fv, gh, rates, leaf, vacAt, redA, redB, redIn)) b.free();
            cu.call(cu.cuModuleUnload, module);
            cu.call(cu.cuDevicePrimaryCtxRelease, device.handle());
        } catch (BackendUnavailable e) {
            System.err.println("halide-kmc: CUDA cleanup: " + e.getMessage());
        } finally {
            closed = true;
            arena.close();
        }
    }

    /** A driver error after the backend was opened (mid-run): unchecked, carries the reason. */
    public static final class CudaFailure extends RuntimeException {
        public CudaFailure(BackendUnavailable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
