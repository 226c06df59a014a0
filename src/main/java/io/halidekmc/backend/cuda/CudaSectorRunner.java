package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.uniformized.SectorRunner;
import io.halidekmc.engine.uniformized.SectorState;
import io.halidekmc.engine.uniformized.SectorTrialKernel;
import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

import java.lang.foreign.MemorySegment;

/**
 * The sector steps of the uniformized sector engine on one CUDA device (kernels/sector_steps.cu):
 * the lattice (packed words, vacancy sites, the neighbour table) and every sector's list and
 * outbox stay in device memory; a phase launches sector_begin (one warp per sector of the colour;
 * the list lengths come back, 4 bytes per sector, for the host's Poisson draws), then uploads the
 * trial counts and the rate tables and launches sector_trials. Bit-identical to {@link
 * io.halidekmc.engine.uniformized.CpuSectorRunner} (see the kernel source). Device memory is plain cuMemAlloc.
 */
public final class CudaSectorRunner implements SectorRunner {
    private final CudaSession session;
    private final CudaDriver cu;
    public final CudaDriver.Device device;
    private final CudaModule module;
    private final MemorySegment fnBegin, fnTrials, fnObserve;
    private final int sectors, cap, sink, key0, key1, vacancies;
    private final long words, vacSite, list, len, outbox, outTo, nOut, touch, touchStart, geo, nb, off, slotDz, moveZ,
            fv, gh, field, events, dz, launched, start, count, lenOut, overflow, counts;
    private boolean closed;

    public CudaSectorRunner(int ordinal, SectorState st) throws BackendUnavailable {
        session = CudaSession.open(ordinal);
        cu = session.cu;
        device = session.device;
        sectors = st.sectorCount();
        cap = st.capacity();
        sink = st.sink();
        vacancies = st.vacancySites().length;
        long key = st.seedKey();
        key0 = (int) key;
        key1 = (int) (key >>> 32);
        try {
            module = session.load("sector_steps");
            module.checkAbi(cu, "SECTOR_ABI", new int[] {Lattice.Z, Occupancy.SPECIES_MASK, Species.CL, Occupancy.COUNT_SHIFT,
                    Integer.numberOfTrailingZeros(Occupancy.REGULAR), 12, SectorTrialKernel.STREAM_TAG}, "kernels/sector_steps.cu");
            fnBegin = module.function(cu, session.arena, "sector_begin");
            fnTrials = module.function(cu, session.arena, "sector_trials");
            fnObserve = module.function(cu, session.arena, "observe_counts");
            words = session.upload(st.words());
            vacSite = session.upload(st.vacancySites());
            list = session.upload(st.lists());
            len = session.upload(st.lengths());
            outbox = session.alloc(4L * sectors * cap);
            outTo = session.alloc(4L * sectors * cap);
            nOut = session.upload(new int[sectors]);
            touch = session.upload(st.touching());
            touchStart = session.upload(st.touchingStart());
            geo = session.upload(st.geometry());
            nb = session.upload(st.neighbours());
            off = session.upload(st.regularOffsets());
            slotDz = session.upload(UniformizedKernel.slotDz());
            moveZ = session.upload(UniformizedKernel.moveZ());
            fv = session.alloc(8L * (3 << 12));
            gh = session.alloc(8L * (3 << 12));
            field = session.alloc(8L * 3);
            events = session.alloc(8L * sectors);
            dz = session.alloc(8L * sectors);
            session.up(events, MemorySegment.ofArray(new long[sectors]), 8L * sectors);
            session.up(dz, MemorySegment.ofArray(new long[sectors]), 8L * sectors);
            launched = session.alloc(4L * sectors);
            start = session.alloc(8L * sectors);
            count = session.alloc(8L * sectors);
            lenOut = session.alloc(4L * sectors);
            overflow = session.upload(new int[1]);
            counts = session.alloc(8L * io.halidekmc.observe.FrameCounts.LENGTH);
        } catch (BackendUnavailable | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void makeCurrent() throws BackendUnavailable {
        if (closed) throw new IllegalStateException("CUDA sector runner closed");
        session.current();
    }

    private void checkOverflow() throws BackendUnavailable {
        int[] f = new int[1];
        session.down(MemorySegment.ofArray(f), overflow, 4);
        if (f[0] != 0) throw new SectorTrialKernel.Overflow("a sector's vacancy list outgrew its room of " + cap + " (use larger sectors)");
    }

    @Override
    public synchronized int[] begin(int[] ids) {
        try {
            makeCurrent();
            session.up(launched, MemorySegment.ofArray(ids), 4L * ids.length);
            CudaModule.launch(cu, fnBegin, ids.length, 32, launched, cap, list, len, outbox, outTo, nOut, touch, touchStart, lenOut, overflow);
            int[] n = new int[ids.length];
            session.down(MemorySegment.ofArray(n), lenOut, 4L * ids.length);   // synchronous: waits for the kernel
            checkOverflow();
            return n;
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
    }

    @Override
    public synchronized void run(int[] ids, long[] s, long[] c, UniformizedKernel.Tables t) {
        try {
            makeCurrent();
            session.up(launched, MemorySegment.ofArray(ids), 4L * ids.length);
            session.up(start, MemorySegment.ofArray(s), 8L * ids.length);
            session.up(count, MemorySegment.ofArray(c), 8L * ids.length);
            session.up(fv, MemorySegment.ofArray(t.fv()), 8L * t.fv().length);
            session.up(gh, MemorySegment.ofArray(t.gh()), 8L * t.gh().length);
            session.up(field, MemorySegment.ofArray(t.field()), 8L * 3);
            CudaModule.launch(cu, fnTrials, ids.length, 32, words, vacSite, launched, cap, list, len, outbox, outTo, nOut, start, count,
                    events, dz, nb, off, slotDz, moveZ, geo, fv, gh, field, t.rmax(), key0, key1, sink, overflow);
            cu.check(cu.call(cu.cuCtxSynchronize), "sector_trials");
            checkOverflow();
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
    }

    private synchronized long sum(long buf) {
        long[] v = new long[sectors];
        try {
            makeCurrent();
            session.down(MemorySegment.ofArray(v), buf, 8L * sectors);
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
        long n = 0;
        for (long x : v) n += x;
        return n;
    }

    @Override public long events() { return sum(events); }
    @Override public long netDz() { return sum(dz); }

    /** observe_counts over the device's words: 120 bytes back per frame instead of the lattice. */
    @Override
    public synchronized long[] frameCounts() {
        long[] c = new long[io.halidekmc.observe.FrameCounts.LENGTH];
        try {
            makeCurrent();
            session.up(counts, MemorySegment.ofArray(c), 8L * c.length);
            int blocks = 16 * device.multiprocessors();
            CudaModule.launch(cu, fnObserve, blocks, 32, words, sink, counts);
            session.down(MemorySegment.ofArray(c), counts, 8L * c.length);
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
        return c;
    }

    @Override
    public synchronized void download(int[] w, int[] v) {
        try {
            makeCurrent();
            session.down(MemorySegment.ofArray(w), words, 4L * sink);
            session.down(MemorySegment.ofArray(v), vacSite, 4L * vacancies);
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
    }

    @Override
    public String describe() {
        return device.describe() + ", sector kernels; " + module.origin();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        session.close();
    }
}
