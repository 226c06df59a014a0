package io.halidekmc.backend.tornado;

import io.halidekmc.engine.uniformized.SectorTrialKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The sector steps ({@link SectorTrialKernel#begin}, {@link SectorTrialKernel#runTrials}) in
 * TornadoVM's Java subset: one {@link Parallel} work-item per sector of the running colour,
 * statement for statement the Java kernel, so the trajectory is the same bit for bit (checked by
 * the equivalence test). The steps sit in one task graph, so the lattice stays in one set of
 * device buffers; {@code meta} = {operation (0 begin, 1 trials, 2 frame sums), sectors launched,
 * cap, sink, key0, key1} says which step an execution runs (the others return at once). TornadoVM
 * tasks take at most 20 arguments, so small arrays travel packed: {@code tab} = geo[6], off[24],
 * slotDz[24], moveZ[24]; {@code tables} = fv, gh (3·4096 each), field[3], rmax; {@code range} =
 * starts then counts of the launched sectors; {@code acc} = hops then displacements per sector. Forms as in {@link TornadoEnsembleKernel}: Philox
 * on locals, the multiply-high in 32-bit halves, unsigned shifts on longs; a list that would
 * outgrow its room sets {@code overflow[0]} instead of throwing.
 */
public final class TornadoSectorKernel {
    private TornadoSectorKernel() {}

    static final int Z = Lattice.Z;
    static final int TAG = SectorTrialKernel.STREAM_TAG;
    /** Offsets in {@code tab}. */
    static final int OFF = 6, SLOT_DZ = 30, MOVE_Z = 54, TAB = 78;
    /** Offsets in {@code tables}. */
    static final int FV = 0, GH = 3 << 12, FIELD = 2 * (3 << 12), RMAX = FIELD + 3, TABLES = RMAX + 1;

    /** Step 0: sector launched[i]'s list compacted and the outbox entries for it appended; its new length to lenOut[i]. */
    public static void begin(IntArray meta, IntArray launched, IntArray list, IntArray len, IntArray outbox, IntArray outTo,
                             IntArray nOut, IntArray touch, IntArray touchStart, IntArray lenOut, IntArray overflow, int most) {
        for (@Parallel int i = 0; i < most; i++) {
            if (meta.get(0) == 0 && i < meta.get(1)) {
                int cap = meta.get(2);
                int s = launched.get(i);
                int base = s * cap;
                int m = 0;
                int n = len.get(s);
                for (int q = 0; q < n; q++) {
                    int e = list.get(base + q);
                    if (e >= 0) {
                        list.set(base + m, e);
                        m++;
                    }
                }
                for (int k = touchStart.get(s); k < touchStart.get(s + 1); k++) {
                    int t = touch.get(k);
                    int nt = nOut.get(t);
                    for (int q = 0; q < nt; q++) {
                        if (outTo.get(t * cap + q) == s) {
                            if (m < cap) {
                                list.set(base + m, outbox.get(t * cap + q));
                            } else {
                                overflow.set(0, 1);
                            }
                            m++;
                        }
                    }
                }
                len.set(s, m < cap ? m : cap);
                nOut.set(s, 0);
                lenOut.set(i, m);
            }
        }
    }

    /** Step 1: trials [start[i], start[i] + count[i]) of sector launched[i]; hops and displacement added to events[s], dz[s]. */
    public static void trials(IntArray meta, IntArray launched, IntArray words, IntArray vacSite, IntArray list, IntArray len,
                              IntArray outbox, IntArray outTo, IntArray nOut, IntArray tab, IntArray nb, DoubleArray tables,
                              LongArray range, LongArray acc, IntArray overflow, int most) {
        for (@Parallel int i = 0; i < most; i++) {
            if (meta.get(0) == 1 && i < meta.get(1)) {
                int cap = meta.get(2);
                int sink = meta.get(3);
                int key0 = meta.get(4);
                int key1 = meta.get(5);
                int s = launched.get(i);
                int base = s * cap;
                long n = len.get(s);
                double bound = tables.get(RMAX);
                long fired = 0;
                long moved = 0;
                long end = range.get(i) + range.get(most + i);
                for (long trial = range.get(i); trial < end; trial++) {
                    // Philox4x32-10 of counter (trial lo, trial hi, sector, tag)
                    int c0 = (int) trial;
                    int c1 = (int) (trial >>> 32);
                    int c2 = s;
                    int c3 = TAG;
                    int k0 = key0;
                    int k1 = key1;
                    for (int r = 0; r < 10; r++) {
                        long p0 = TornadoEnsembleKernel.M0 * (c0 & TornadoEnsembleKernel.LOW32);
                        long p1 = TornadoEnsembleKernel.M1 * (c2 & TornadoEnsembleKernel.LOW32);
                        int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
                        int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
                        c1 = (int) p1;
                        c3 = (int) p0;
                        c0 = n0;
                        c2 = n2;
                        k0 += TornadoEnsembleKernel.W0;
                        k1 += TornadoEnsembleKernel.W1;
                    }
                    int id = (int) (((c0 & TornadoEnsembleKernel.LOW32) * n + (((c1 & TornadoEnsembleKernel.LOW32) * n) >>> 32)) >>> 32);
                    int slot = c2 & 7;
                    double u = ((((long) c3 & TornadoEnsembleKernel.LOW32) << 21) | ((c2 & TornadoEnsembleKernel.LOW32) >>> 11)) * 0x1.0p-53;
                    int e = list.get(base + id);
                    if (e >= 0) {
                        int v = vacSite.get(e);
                        int wv = words.get(v);
                        int k = v % 3;
                        boolean regV = (wv & Occupancy.REGULAR) != 0;
                        int h = regV ? v + tab.get(OFF + k * Z + slot) : nb.get(v * Z + slot);
                        int wh = words.get(h);
                        int x = (wh & Occupancy.SPECIES_MASK) - Species.CL;
                        if (x >= 0 && x < 3) {
                            int t = x << TornadoEnsembleKernel.HALIDE_BITS;
                            double rate = tables.get(FV + (t | ((wv >>> TornadoEnsembleKernel.CL_SHIFT) & TornadoEnsembleKernel.HALIDE_MASK)))
                                    * tables.get(GH + (t | ((wh >>> TornadoEnsembleKernel.CL_SHIFT) & TornadoEnsembleKernel.HALIDE_MASK)))
                                    * tables.get(FIELD + tab.get(SLOT_DZ + k * Z + slot));
                            if (u * bound < rate) {
                                int sx = x + Species.CL;
                                int toX = (1 << (Occupancy.COUNT_SHIFT + 4 * sx)) - (1 << (Occupancy.COUNT_SHIFT + 4 * Species.VACANCY));
                                words.set(v, words.get(v) + sx - Species.VACANCY);
                                words.set(h, words.get(h) + Species.VACANCY - sx);
                                boolean regH = (wh & Occupancy.REGULAR) != 0;
                                int kh = h % 3;
                                for (int j = 0; j < Z; j++) {
                                    int a = regV ? v + tab.get(OFF + k * Z + j) : nb.get(v * Z + j);
                                    if (a != sink) words.set(a, words.get(a) + toX);
                                    int b = regH ? h + tab.get(OFF + kh * Z + j) : nb.get(h * Z + j);
                                    if (b != sink) words.set(b, words.get(b) - toX);
                                }
                                vacSite.set(e, h);
                                fired++;
                                moved += tab.get(MOVE_Z + k * Z + slot);
                                // SectorTrialKernel.sectorOf(h, geo)
                                int cell = h / 3;
                                int gx = cell % tab.get(0);
                                int rest = cell / tab.get(0);
                                int gy = rest % tab.get(1);
                                int gz = rest / tab.get(1);
                                int to = (int) ((long) gx * tab.get(3) / tab.get(0)) + tab.get(3) * ((int) ((long) gy * tab.get(4) / tab.get(1))
                                        + tab.get(4) * (int) ((long) gz * tab.get(5) / tab.get(2)));
                                if (to != s) {
                                    list.set(base + id, -1);
                                    int o = nOut.get(s);
                                    if (o < cap) {
                                        outbox.set(base + o, e);
                                        outTo.set(base + o, to);
                                        nOut.set(s, o + 1);
                                    } else {
                                        overflow.set(0, 1);
                                    }
                                }
                            }
                        }
                    }
                }
                acc.set(s, acc.get(s) + fired);
                acc.set(most + s, acc.get(most + s) + moved);
            }
        }
    }

    /** Pieces the frame reduction splits the lattice into (one work-item each). */
    static final int CHUNKS = 64;

    /**
     * Step 2: the sums of an output frame ({@link io.halidekmc.observe.FrameCounts}) over words[0,
     * sites), work-item c summing its CHUNKS-th of the sites into partial[c·15 .. c·15 + 15); the
     * host adds the pieces (integers: the order does not matter).
     */
    public static void observe(IntArray meta, IntArray words, LongArray partial, int sites) {
        for (@Parallel int c = 0; c < CHUNKS; c++) {
            if (meta.get(0) == 2) {
                int per = (sites + CHUNKS - 1) / CHUNKS;
                int from = c * per;
                int to = Math.min(sites, from + per);
                for (int q = 0; q < 15; q++) partial.set(c * 15 + q, 0);
                for (int s = from; s < to; s++) {
                    int w = words.get(s);
                    int a = w & Occupancy.SPECIES_MASK;
                    if (a < Species.COUNT) {
                        partial.set(c * 15 + a, partial.get(c * 15 + a) + 1);
                        if (a != Species.VACANCY) {
                            int row = c * 15 + 4 + 3 * (a - Species.CL);
                            for (int b = Species.CL; b <= Species.I; b++) {
                                partial.set(row + b - Species.CL, partial.get(row + b - Species.CL) + ((w >>> (Occupancy.COUNT_SHIFT + 4 * b)) & 0xF));
                            }
                            if ((w & Occupancy.SURFACE) != 0) {
                                partial.set(c * 15 + 13, partial.get(c * 15 + 13) + 1);
                                if (a == Species.I) partial.set(c * 15 + 14, partial.get(c * 15 + 14) + 1);
                            }
                        }
                    }
                }
            }
        }
    }
}
