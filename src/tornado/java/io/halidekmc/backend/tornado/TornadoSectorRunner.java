package io.halidekmc.backend.tornado;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.uniformized.SectorRunner;
import io.halidekmc.engine.uniformized.SectorState;
import io.halidekmc.engine.uniformized.SectorTrialKernel;
import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.observe.FrameCounts;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

import java.lang.foreign.MemorySegment;

/**
 * The uniformized sector engine's sector steps on a TornadoVM device ({@link TornadoSectorKernel}):
 * the lattice, the sector lists and outboxes go to the device once and stay; a phase is two
 * executions of one plan (begin, whose list lengths come back for the host's Poisson draws, then
 * the trials with their counts and the tables); an output frame is a third (the frame sums, in
 * 64 pieces). The lattice comes back on demand. Built without
 * fast-math flags, so the trajectory is the Java kernel's, bit for bit. Not thread-safe.
 */
public final class TornadoSectorRunner implements SectorRunner {
    private final int most, sink;
    private final IntArray meta, launched, words, vacSite, lenOut, overflow;
    private final DoubleArray tables;
    private final LongArray range, acc, partial;
    private final TornadoExecutionPlan plan;
    private final String describe;
    private TornadoExecutionResult last;
    private boolean stale;

    TornadoSectorRunner(TornadoDevice device, String describe, SectorState st) {
        this.describe = describe;
        int n = st.sectorCount();
        int cap = st.capacity();
        most = n;   // a colour launches at most every sector
        sink = st.sink();
        long key = st.seedKey();
        meta = TornadoEnsemble.copy(new int[] {0, 0, cap, sink, (int) key, (int) (key >>> 32)});
        launched = new IntArray(n);
        words = TornadoEnsemble.copy(st.words());
        vacSite = TornadoEnsemble.copy(st.vacancySites());
        IntArray list = TornadoEnsemble.copy(st.lists()), len = TornadoEnsemble.copy(st.lengths());
        IntArray outbox = new IntArray(n * cap), outTo = new IntArray(n * cap), nOut = new IntArray(n);
        outbox.init(0);
        outTo.init(0);
        nOut.init(0);
        IntArray touch = TornadoEnsemble.copy(st.touching()), touchStart = TornadoEnsemble.copy(st.touchingStart());
        int[] t = new int[TornadoSectorKernel.TAB];
        System.arraycopy(st.geometry(), 0, t, 0, 6);
        System.arraycopy(st.regularOffsets(), 0, t, TornadoSectorKernel.OFF, 24);
        System.arraycopy(UniformizedKernel.slotDz(), 0, t, TornadoSectorKernel.SLOT_DZ, 24);
        System.arraycopy(UniformizedKernel.moveZ(), 0, t, TornadoSectorKernel.MOVE_Z, 24);
        IntArray tab = TornadoEnsemble.copy(t), nb = TornadoEnsemble.copy(st.neighbours());
        lenOut = new IntArray(n);
        overflow = new IntArray(1);
        overflow.init(0);
        tables = new DoubleArray(TornadoSectorKernel.TABLES);
        range = new LongArray(2 * n);
        acc = new LongArray(2 * n);
        acc.init(0);
        partial = new LongArray(TornadoSectorKernel.CHUNKS * FrameCounts.LENGTH);
        TaskGraph g = new TaskGraph("sectors")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, words, vacSite, list, len, outbox, outTo, nOut, touch, touchStart,
                        tab, nb, acc, overflow)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, meta, launched, tables, range)
                .task("begin", TornadoSectorKernel::begin, meta, launched, list, len, outbox, outTo, nOut, touch, touchStart, lenOut,
                        overflow, most)
                .task("trials", TornadoSectorKernel::trials, meta, launched, words, vacSite, list, len, outbox, outTo, nOut, tab, nb,
                        tables, range, acc, overflow, most)
                .task("observe", TornadoSectorKernel::observe, meta, words, partial, sink)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, lenOut, overflow, acc, partial)
                .transferToHost(DataTransferMode.UNDER_DEMAND, words, vacSite);
        ImmutableTaskGraph itg = g.snapshot();
        plan = new TornadoExecutionPlan(itg);
        if (device != null) plan.withDevice(device);
        if (!Boolean.getBoolean("halidekmc.tornado.fastMath")) {
            plan.withCompilerFlags(TornadoVMBackendType.OPENCL, TornadoRefresh.STRICT_OPENCL_FLAGS);
        }
    }

    /** On device {@code index} of TornadoVM's first backend. */
    static TornadoSectorRunner open(int index, SectorState st) throws BackendUnavailable {
        TornadoRateBackend.Picked d = TornadoRateBackend.pick(index);
        try {
            return new TornadoSectorRunner(d.device(), d.describe(), st);
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailable("TornadoVM sector plan cannot be built (" + e + ")", e);
        }
    }

    private void execute(int op, int[] ids) {
        meta.set(0, op);
        meta.set(1, ids.length);
        MemorySegment.copy(MemorySegment.ofArray(ids), 0, launched.getSegment(), 0, 4L * ids.length);
        try {
            last = plan.execute();
        } catch (RuntimeException e) {
            throw new IllegalStateException("TornadoVM sector kernel failed: " + e, e);
        }
        if (overflow.get(0) != 0) throw new SectorTrialKernel.Overflow("a sector's vacancy list outgrew its room (use larger sectors)");
    }

    @Override
    public int[] begin(int[] ids) {
        execute(0, ids);
        int[] n = new int[ids.length];
        MemorySegment.copy(lenOut.getSegment(), 0, MemorySegment.ofArray(n), 0, 4L * ids.length);
        return n;
    }

    @Override
    public void run(int[] ids, long[] s, long[] c, UniformizedKernel.Tables t) {
        MemorySegment.copy(MemorySegment.ofArray(s), 0, range.getSegment(), 0, 8L * ids.length);
        MemorySegment.copy(MemorySegment.ofArray(c), 0, range.getSegment(), 8L * most, 8L * ids.length);
        MemorySegment.copy(MemorySegment.ofArray(t.fv()), 0, tables.getSegment(), 8L * TornadoSectorKernel.FV, 8L * t.fv().length);
        MemorySegment.copy(MemorySegment.ofArray(t.gh()), 0, tables.getSegment(), 8L * TornadoSectorKernel.GH, 8L * t.gh().length);
        MemorySegment.copy(MemorySegment.ofArray(t.field()), 0, tables.getSegment(), 8L * TornadoSectorKernel.FIELD, 8L * t.field().length);
        tables.set(TornadoSectorKernel.RMAX, t.rmax());
        execute(1, ids);
        stale = true;
    }

    private void sync() {
        if (stale) {
            last.transferToHost(words, vacSite);
            stale = false;
        }
    }

    @Override
    public long events() {
        long n = 0;
        for (int i = 0; i < most; i++) n += acc.get(i);
        return n;
    }

    @Override
    public long netDz() {
        long n = 0;
        for (int i = 0; i < most; i++) n += acc.get(most + i);
        return n;
    }

    /** The frame reduction on the device (step 2): 64 pieces of 15 sums come back, not the lattice. */
    @Override
    public long[] frameCounts() {
        execute(2, new int[0]);
        long[] c = new long[FrameCounts.LENGTH];
        for (int p = 0; p < TornadoSectorKernel.CHUNKS; p++) {
            for (int q = 0; q < c.length; q++) c[q] += partial.get(p * FrameCounts.LENGTH + q);
        }
        return c;
    }

    @Override
    public void download(int[] w, int[] v) {
        sync();
        MemorySegment.copy(words.getSegment(), 0, MemorySegment.ofArray(w), 0, 4L * sink);
        MemorySegment.copy(vacSite.getSegment(), 0, MemorySegment.ofArray(v), 0, 4L * Math.min(v.length, vacSite.getSize()));
    }

    @Override
    public String describe() {
        return describe + ", one work-item per sector";
    }

    @Override
    public void close() {
        try {
            plan.close();
        } catch (Exception e) {
            System.err.println("halide-kmc: TornadoVM cleanup: " + e.getMessage());
        }
    }
}
