package io.halidekmc.backend.tornado;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.uniformized.TrialRunner;
import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.lattice.Lattice;
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
 * The uniformized ensemble's trials on a TornadoVM device ({@link TornadoEnsembleKernel}): the
 * members' packed words and vacancy lists go to the device once, after every member was loaded,
 * and stay there; each {@link #run} sends the trial ranges and the tables, and brings back only
 * the hop counts and displacements. Words and vacancy lists come back on demand (TornadoVM's
 * {@code UNDER_DEMAND} transfer) when asked for. The plan is built without fast-math flags
 * ({@link TornadoRefresh#STRICT_OPENCL_FLAGS}), so the trajectory is the Java kernel's, bit for bit.
 * Not thread-safe, except {@link #load} (disjoint slices of the host buffers).
 */
public final class TornadoEnsemble implements TrialRunner {
    private final int members, n, wordStride;
    private final IntArray words, vac, nb, off, slotDz, moveZ;
    private final DoubleArray fv, gh, field, rmax;
    private final LongArray start, count, events, dz;
    private final TornadoExecutionPlan plan;
    private final String describe;
    private TornadoExecutionResult last;
    /** Whether the host copies of words and vacancy lists are behind the device's. */
    private boolean stale;

    /**
     * For {@code members} nanocrystals on one lattice, each with exactly {@code vacancies}
     * vacancies, on {@code device} (null: TornadoVM's default device).
     */
    TornadoEnsemble(TornadoDevice device, String describe, Lattice lattice, int members, int vacancies, long seed) {
        if (members < 1 || vacancies < 1) throw new IllegalArgumentException("need ≥ 1 member and ≥ 1 vacancy");
        this.members = members;
        this.n = vacancies;
        this.wordStride = lattice.sites() + 1;   // every member's sites and its sink
        this.describe = describe;
        words = new IntArray(Math.multiplyExact(members, wordStride));
        vac = new IntArray(Math.multiplyExact(members, vacancies));
        nb = copy(lattice.neighbours());
        off = copy(lattice.regularOffsets());
        slotDz = copy(UniformizedKernel.slotDz());
        moveZ = copy(UniformizedKernel.moveZ());
        HopKernel.Factors shape = new HopKernel.Factors();
        fv = new DoubleArray(shape.fv.length);
        gh = new DoubleArray(shape.gh.length);
        field = new DoubleArray(new io.halidekmc.physics.RateTable().field.length);
        rmax = new DoubleArray(1);
        start = new LongArray(members);
        count = new LongArray(members);
        events = new LongArray(members);
        dz = new LongArray(members);
        events.init(0);
        dz.init(0);
        TaskGraph g = new TaskGraph("ensemble")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, words, vac, nb, off, slotDz, moveZ, events, dz)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, fv, gh, field, rmax, start, count)
                .task("trials", TornadoEnsembleKernel::runTrials, words, vac, nb, off, slotDz, moveZ, fv, gh, field, rmax,
                        start, count, events, dz, members, wordStride, vacancies, (int) seed, (int) (seed >>> 32))
                .transferToHost(DataTransferMode.EVERY_EXECUTION, events, dz)
                .transferToHost(DataTransferMode.UNDER_DEMAND, words, vac);
        ImmutableTaskGraph itg = g.snapshot();
        plan = new TornadoExecutionPlan(itg);
        if (device != null) plan.withDevice(device);
        if (!Boolean.getBoolean("halidekmc.tornado.fastMath")) {
            plan.withCompilerFlags(TornadoVMBackendType.OPENCL, TornadoRefresh.STRICT_OPENCL_FLAGS);
        }
    }

    /** On device {@code index} of TornadoVM's first backend. */
    static TornadoEnsemble open(int index, Lattice lattice, int members, int vacancies, long seed) throws BackendUnavailable {
        long words = (long) members * (lattice.sites() + 1);
        if (words > Integer.MAX_VALUE) {
            throw new BackendUnavailable("TornadoVM arrays hold fewer than 2^31 elements: at most "
                    + Integer.MAX_VALUE / (lattice.sites() + 1) + " crystals of this size, not " + members);
        }
        TornadoRateBackend.Picked d = TornadoRateBackend.pick(index);
        try {
            return new TornadoEnsemble(d.device(), d.describe(), lattice, members, vacancies, seed);
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailable("TornadoVM ensemble plan cannot be built (" + e + ")", e);
        }
    }

    /** A TornadoVM copy of a (one element at least: TornadoVM arrays are not empty). */
    static IntArray copy(int[] a) {
        IntArray t = new IntArray(Math.max(1, a.length));
        MemorySegment.copy(MemorySegment.ofArray(a), 0, t.getSegment(), 0, 4L * a.length);
        return t;
    }

    @Override
    public void load(int member, int[] w, int[] vacancySites, int nv) {
        if (last != null) throw new IllegalStateException("members are loaded before the first run");
        if (nv != n) throw new IllegalArgumentException("member " + member + " has " + nv + " vacancies, the plan " + n);
        if (w.length != wordStride) throw new IllegalArgumentException("member " + member + ": " + w.length + " words, expected " + wordStride);
        MemorySegment.copy(MemorySegment.ofArray(w), 0, words.getSegment(), 4L * member * wordStride, 4L * wordStride);
        MemorySegment.copy(MemorySegment.ofArray(vacancySites), 0, vac.getSegment(), 4L * member * n, 4L * n);
    }

    @Override
    public void run(long[] s, long[] c, UniformizedKernel.Tables t) {
        MemorySegment.copy(MemorySegment.ofArray(s), 0, start.getSegment(), 0, 8L * members);
        MemorySegment.copy(MemorySegment.ofArray(c), 0, count.getSegment(), 0, 8L * members);
        MemorySegment.copy(MemorySegment.ofArray(t.fv()), 0, fv.getSegment(), 0, 8L * t.fv().length);
        MemorySegment.copy(MemorySegment.ofArray(t.gh()), 0, gh.getSegment(), 0, 8L * t.gh().length);
        MemorySegment.copy(MemorySegment.ofArray(t.field()), 0, field.getSegment(), 0, 8L * t.field().length);
        rmax.set(0, t.rmax());
        try {
            last = plan.execute();
        } catch (RuntimeException e) {
            throw new IllegalStateException("TornadoVM ensemble kernel failed: " + e, e);
        }
        stale = true;
    }

    private void sync() {
        if (stale) {
            last.transferToHost(words, vac);
            stale = false;
        }
    }

    @Override public long events(int member) { return events.get(member); }
    @Override public long netDz(int member) { return dz.get(member); }

    @Override
    public int[] words(int member) {
        return slice(words, member, wordStride);
    }

    @Override
    public int[] vacancies(int member) {
        return slice(vac, member, n);
    }

    /** Member's {@code stride} entries of a per-member device array, brought to the host first if behind. */
    private int[] slice(IntArray a, int member, int stride) {
        sync();
        int[] out = new int[stride];
        MemorySegment.copy(a.getSegment(), 4L * member * stride, MemorySegment.ofArray(out), 0, 4L * stride);
        return out;
    }

    @Override
    public String describe() {
        return describe + ", one work-item per nanocrystal";
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
