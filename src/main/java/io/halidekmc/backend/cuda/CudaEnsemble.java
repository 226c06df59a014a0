package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.uniformized.ResidentKernel;
import io.halidekmc.engine.uniformized.TrialRunner;
import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The uniformized nanocrystal ensemble on one CUDA device (kernels/nc_ensemble.cu): every member's
 * packed words and vacancy list stay in device memory for the whole run; a step uploads the trial
 * starts and counts (16 bytes per member) and the rate tables, launches one group of L lanes per
 * member and synchronizes. The lattice's neighbour table is shared by all members. Results are
 * bit-identical to {@link io.halidekmc.engine.uniformized.CpuTrialRunner}'s (see the kernel source); device
 * memory is plain cuMemAlloc. Lanes per member: -Dhalidekmc.cuda.lanes=8|16|32 (default 8).
 *
 * <p>Kernels ({@link #kernel(String)}): "global" (packed words in device memory, the default),
 * "cached" (vacancy lists in shared memory) and "resident" (the whole crystal on chip as 2-bit
 * species, {@link ResidentKernel}; one warp per member). Switching to or from "resident" converts
 * the members' state on the host, once; the trajectory does not depend on the kernel.
 */
public final class CudaEnsemble implements TrialRunner {
    public static final int BLOCK = 128;

    private final CudaSession session;
    private final CudaDriver cu;
    public final CudaDriver.Device device;
    private final Arena arena;
    private final CudaModule module;
    private final MemorySegment fn, fnCached;
    private MemorySegment fnResident;
    /** The resident kernel's layout, or null where it cannot run (then {@link #residentWhy} says why). */
    private ResidentKernel.Layout layout;
    /** Stored cells along x and y for the global kernel's conflict test, 0 where it has none. */
    private final int posNx, posNy;
    private String residentWhy;
    private final Lattice lattice;
    private boolean resident;
    /** 2-bit species of every member (resident kernel), allocated at the first switch to it. */
    private long species;
    private final long resTab, resGeo, fvDense, ghDense;
    /** Shared-memory vacancy lists with cached counts (needs sites < 2^20 and the lists to fit) instead of the global-memory kernel. */
    private boolean cached;
    private final boolean cachedPossible;
    private static final int CACHED_BLOCK = 32;
    static final int MAX_SHARED = 227 * 1024;
    private final int members, memberBase, vacStride, key0, key1;
    private final long wordStride;
    private final int siteWords;
    private int lanesLog2;
    private final long words, vac, nvac, start, count, events, dz, nb, off, regBits, slotDz, moveZ, fv, gh, field;
    private boolean closed;

    public CudaEnsemble(int ordinal, Lattice lattice, int members, int vacancies, long seed) throws BackendUnavailable {
        this(ordinal, lattice, members, 0, vacancies, seed);
    }

    /** Members memberBase .. memberBase + members − 1 of a film (the film's trial streams), on device {@code ordinal}. */
    public CudaEnsemble(int ordinal, Lattice lattice, int members, int memberBase, int vacancies, long seed) throws BackendUnavailable {
        int lanes = Integer.getInteger("halidekmc.cuda.lanes", 8);
        if (lanes < 1 || lanes > 32 || Integer.bitCount(lanes) != 1) throw new BackendUnavailable("halidekmc.cuda.lanes must be 1, 2, 4, 8, 16 or 32, not " + lanes);
        lanesLog2 = Integer.numberOfTrailingZeros(lanes);
        session = CudaSession.open(ordinal);
        cu = session.cu;
        device = session.device;
        arena = session.arena;
        this.members = members;
        this.memberBase = memberBase;
        this.vacStride = Math.max(1, vacancies);
        this.siteWords = lattice.sites() + 1;
        this.lattice = lattice;
        ResidentKernel.Layout l = null;
        String why = null;
        try {
            l = ResidentKernel.Layout.of(lattice);
            long bytes = residentBytes(l, vacStride);
            if (bytes > MAX_SHARED - 1024) why = "the resident kernel needs " + bytes + " bytes of shared memory per crystal, more than " + (MAX_SHARED - 1024);
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        this.layout = why == null ? l : null;
        this.residentWhy = why;
        // the global kernel's site positions (nc_position) hold where Layout.of checked the open box's
        // arithmetic; elsewhere (0) a round fires only its first accepted trial
        this.posNx = l != null ? l.nx() : 0;
        this.posNy = l != null ? l.ny() : 0;
        this.wordStride = (siteWords + 31) & ~31L;    // 128-byte aligned members
        this.key0 = (int) seed;
        this.key1 = (int) (seed >>> 32);
        try {
            EnsembleKernels k = EnsembleKernels.load(session);
            module = k.module();
            fn = k.global();
            fnCached = k.cached();
            fnResident = k.resident();
            if (k.residentFailure() != null) {
                layout = null;
                residentWhy = "its set-up failed: " + k.residentFailure();
            }
            cachedPossible = lattice.sites() + 1 <= 1 << 20;
            cached = false;     // the global-memory kernel is the faster one on an H200 (benchmarks/RESULTS.md)
            words = session.alloc(4L * wordStride * members);
            vac = session.alloc(4L * vacStride * members);
            nvac = session.alloc(4L * members);
            start = session.alloc(8L * members);
            count = session.alloc(8L * members);
            events = session.alloc(8L * members);
            dz = session.alloc(8L * members);
            nb = session.alloc(4L * lattice.neighbours().length);
            off = session.alloc(4L * 3 * Lattice.Z);
            int[] bits = new int[(lattice.sites() + 31) / 32];
            for (int s = 0; s < lattice.sites(); s++) if (lattice.isRegular(s)) bits[s >> 5] |= 1 << (s & 31);
            regBits = session.alloc(4L * bits.length);
            session.up(regBits, MemorySegment.ofArray(bits), 4L * bits.length);
            slotDz = session.alloc(4L * 3 * Lattice.Z);
            moveZ = session.alloc(4L * 3 * Lattice.Z);
            fv = session.alloc(8L * (3 << 12));
            gh = session.alloc(8L * (3 << 12));
            field = session.alloc(8L * 3);
            resTab = session.alloc(4L * ResidentKernel.DEVICE_TABLE);
            resGeo = session.alloc(4L * 5);
            fvDense = session.alloc(8L * 3 * ResidentKernel.DENSE);
            ghDense = session.alloc(8L * 3 * ResidentKernel.DENSE);
            if (layout != null) {
                session.up(resTab, MemorySegment.ofArray(ResidentKernel.deviceTable(layout)), 4L * ResidentKernel.DEVICE_TABLE);
                session.up(resGeo, MemorySegment.ofArray(ResidentKernel.deviceGeometry(layout)), 4L * 5);
            }
            session.up(nb, MemorySegment.ofArray(lattice.neighbours()), 4L * lattice.neighbours().length);
            session.up(off, MemorySegment.ofArray(lattice.regularOffsets()), 4L * 3 * Lattice.Z);
            session.up(slotDz, MemorySegment.ofArray(UniformizedKernel.slotDz()), 4L * 3 * Lattice.Z);
            session.up(moveZ, MemorySegment.ofArray(UniformizedKernel.moveZ()), 4L * 3 * Lattice.Z);
            long[] zero = new long[members];
            session.up(events, MemorySegment.ofArray(zero), 8L * members);
            session.up(dz, MemorySegment.ofArray(zero), 8L * members);
        } catch (BackendUnavailable | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Lanes per nanocrystal from now on: 8, 16 or 32 (the trajectory does not depend on it). */
    public void lanes(int lanes) {
        if (lanes < 1 || lanes > 32 || Integer.bitCount(lanes) != 1) throw new IllegalArgumentException("lanes must be 1, 2, 4, 8, 16 or 32, not " + lanes);
        lanesLog2 = Integer.numberOfTrailingZeros(lanes);
        if (cached && sharedBytes() > MAX_SHARED) cached = false;
    }

    /** Dynamic shared memory of one block (one crystal) of the resident kernel. */
    private static long residentBytes(ResidentKernel.Layout l, int vacStride) {
        return 4L * (l.speciesInts() + vacStride);
    }

    /** Dynamic shared memory of one block of the cached kernel at the current lanes per member. */
    private int sharedBytes() {
        return (int) Math.min(Integer.MAX_VALUE, 4L * vacStride * (CACHED_BLOCK >> lanesLog2));
    }

    /** "global" (the default), "cached" (vacancy lists in shared memory) or "resident" (the crystal in shared memory). */
    public synchronized void kernel(String name) {
        switch (name) {
            case "global" -> {
                toWords();
                cached = false;
            }
            case "cached" -> {
                if (!cachedPossible || sharedBytes() > MAX_SHARED) {
                    throw new IllegalArgumentException("the cached kernel needs < 2^20 sites and " + sharedBytes() + " ≤ " + MAX_SHARED + " bytes of shared memory");
                }
                toWords();
                cached = true;
            }
            case "resident" -> {
                if (layout == null) throw new IllegalArgumentException("the resident kernel cannot run here: " + residentWhy);
                toResident();
            }
            default -> throw new IllegalArgumentException("kernel must be global, cached or resident, not " + name);
        }
    }

    /** How many members this device holds. */
    public int members() {
        return members;
    }

    public String kernel() {
        return resident ? "resident" : cached ? "cached" : "global";
    }

    /** Lanes per member: the set value, or 32 for the resident kernel (a warp per crystal). */
    public int lanes() {
        return resident ? 32 : 1 << lanesLog2;
    }

    /** Packed words → 2-bit species of every member (and the species buffer allocated), once. */
    private void toResident() {
        if (resident) return;
        try {
            makeCurrent();
            if (species == 0) species = session.alloc(4L * layout.speciesInts() * members);
            int[] w = new int[siteWords];
            for (int c = 0; c < members; c++) {
                session.down(MemorySegment.ofArray(w), words + 4L * wordStride * c, 4L * siteWords);
                int[] sp = ResidentKernel.pack(w, layout);
                session.up(species + 4L * layout.speciesInts() * c, MemorySegment.ofArray(sp), 4L * sp.length);
            }
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
        resident = true;
    }

    /** 2-bit species → packed words of every member (counted afresh: the sink's scratch sums start from 0). */
    private void toWords() {
        if (!resident) return;
        try {
            makeCurrent();
            for (int c = 0; c < members; c++) {
                int[] w = residentWords(c);
                session.up(words + 4L * wordStride * c, MemorySegment.ofArray(w), 4L * w.length);
            }
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
        resident = false;
    }

    private int[] residentWords(int member) throws BackendUnavailable {
        int[] sp = new int[layout.speciesInts()];
        session.down(MemorySegment.ofArray(sp), species + 4L * sp.length * member, 4L * sp.length);
        return ResidentKernel.unpack(sp, lattice);
    }



    private void makeCurrent() throws BackendUnavailable {
        if (closed) throw new IllegalStateException("CUDA ensemble closed");
        session.current();
    }

    @Override
    public synchronized void load(int member, int[] w, int[] vacancySites, int n) {
        if (n > vacStride) throw new IllegalArgumentException("member " + member + " has " + n + " vacancies, room for " + vacStride);
        try {
            makeCurrent();
            if (resident) {
                int[] sp = ResidentKernel.pack(w, layout);
                session.up(species + 4L * sp.length * member, MemorySegment.ofArray(sp), 4L * sp.length);
            } else {
                session.up(words + 4L * wordStride * member, MemorySegment.ofArray(w), 4L * w.length);
            }
            session.up(vac + 4L * vacStride * member, MemorySegment.ofArray(vacancySites), 4L * n);
            session.up(nvac + 4L * member, MemorySegment.ofArray(new int[] {n}), 4);
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
    }

    @Override
    public synchronized void run(long[] s, long[] c, UniformizedKernel.Tables t) {
        launch(s, 0, c, t);
        finish();
    }

    /** Uploads trial starts/counts s[from..from+members), c[...] and the tables and launches, without waiting. */
    public synchronized void launch(long[] s, int from, long[] c, UniformizedKernel.Tables t) {
        try {
            makeCurrent();
            session.up(start, MemorySegment.ofArray(s).asSlice(8L * from, 8L * members), 8L * members);
            session.up(count, MemorySegment.ofArray(c).asSlice(8L * from, 8L * members), 8L * members);
            session.up(field, MemorySegment.ofArray(t.field()), 8L * 3);
            if (resident) {
                session.up(fvDense, MemorySegment.ofArray(ResidentKernel.dense(t.fv())), 8L * 3 * ResidentKernel.DENSE);
                session.up(ghDense, MemorySegment.ofArray(ResidentKernel.dense(t.gh())), 8L * 3 * ResidentKernel.DENSE);
                CudaModule.launchShared(cu, fnResident, members, 32, (int) residentBytes(layout, vacStride),
                        species, (long) layout.speciesInts(), vac, (long) vacStride, nvac, start, count,
                        events, dz, resTab, resGeo, fvDense, ghDense, field, t.rmax(), key0, key1, members, memberBase);
                return;
            }
            session.up(fv, MemorySegment.ofArray(t.fv()), 8L * t.fv().length);
            session.up(gh, MemorySegment.ofArray(t.gh()), 8L * t.gh().length);
            long threads = (long) members << lanesLog2;
            int block = cached ? CACHED_BLOCK : BLOCK;
            long grid = (threads + block - 1) / block;
            if (cached) {
                CudaModule.launchShared(cu, fnCached, (int) grid, block, sharedBytes(),
                        words, wordStride, vac, (long) vacStride, nvac, start, count,
                        events, dz, nb, off, regBits, slotDz, moveZ, fv, gh, field, t.rmax(), key0, key1, members, memberBase, lanesLog2);
            } else {
                CudaModule.launch(cu, fn, (int) grid, block,
                        words, wordStride, vac, (long) vacStride, nvac, start, count,
                        events, dz, nb, off, regBits, slotDz, moveZ, fv, gh, field, t.rmax(), key0, key1, members, memberBase, lanesLog2,
                        posNx, posNy);
            }
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
    }

    /** Waits for the launched trials. */
    public synchronized void finish() {
        try {
            makeCurrent();
            cu.check(cu.call(cu.cuCtxSynchronize), "ensemble_trials");
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
    }

    private synchronized long one(long base, int member) {
        long[] v = new long[1];
        try {
            makeCurrent();
            session.down(MemorySegment.ofArray(v), base + 8L * member, 8);
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
        return v[0];
    }

    @Override public long events(int member) { return one(events, member); }
    @Override public long netDz(int member) { return one(dz, member); }

    /**
     * One copy for the whole film: a copy per member costs ≈ 10 µs of driver latency, which for
     * 10⁴ crystals is longer than a step of the kernel itself.
     */
    @Override
    public long totalEvents(int n) {
        return sum(all(events), n);
    }

    @Override
    public long totalNetDz(int n) {
        return sum(all(dz), n);
    }

    private static long sum(long[] v, int n) {
        long s = 0;
        for (int c = 0; c < n; c++) s += v[c];
        return s;
    }

    private synchronized long[] all(long base) {
        long[] v = new long[members];
        try {
            makeCurrent();
            session.down(MemorySegment.ofArray(v), base, 8L * members);
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
        return v;
    }

    @Override
    public synchronized int[] words(int member) {
        int[] w = new int[siteWords];
        try {
            makeCurrent();
            if (resident) return residentWords(member);
            session.down(MemorySegment.ofArray(w), words + 4L * wordStride * member, 4L * siteWords);
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
        return w;
    }

    @Override
    public synchronized int[] vacancies(int member) {
        int[] n = new int[1];
        try {
            makeCurrent();
            session.down(MemorySegment.ofArray(n), nvac + 4L * member, 4);
            int[] v = new int[n[0]];
            session.down(MemorySegment.ofArray(v), vac + 4L * vacStride * member, 4L * n[0]);
            return v;
        } catch (BackendUnavailable e) {
            throw new CudaRateBackend.CudaFailure(e);
        }
    }

    @Override
    public String describe() {
        return device.describe() + ", " + kernel() + " kernel, " + lanes() + " lanes per nanocrystal; kernels: " + module.origin();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        session.close();
    }
}
