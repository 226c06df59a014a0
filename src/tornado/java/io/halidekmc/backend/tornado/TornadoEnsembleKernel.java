package io.halidekmc.backend.tornado;

import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The uniformized ensemble's trials ({@link UniformizedKernel#runTrials}) in TornadoVM's Java
 * subset: one {@link Parallel} work-item per nanocrystal, running that member's trials in order,
 * statement for statement the Java kernel, so the trajectory is the same bit for bit (checked by
 * the equivalence test). Differences of form only: Philox's rounds are written out on locals (a
 * kernel allocates no arrays), and the 64 × 32-bit multiply-high that picks the vacancy is taken in
 * two 32-bit halves, ⌊(a·2³² + b)·n / 2⁶⁴⌋ = ⌊(a·n + ⌊b·n / 2³²⌋) / 2³²⌋, exact for n &lt; 2³¹ (no
 * term overflows a signed long), and unsigned shifts are taken on longs. One work-item per member, not the CUDA kernel's lanes: this
 * backend is for correctness on OpenCL devices, not speed.
 *
 * <p>Members' packed words lie at {@code member·wordStride} (each member's sites and sink), their
 * vacancy lists at {@code member·n}.
 */
public final class TornadoEnsembleKernel {
    private TornadoEnsembleKernel() {}

    static final int Z = Lattice.Z;
    static final int HALIDE_BITS = TornadoHopKernel.HALIDE_BITS;
    static final int HALIDE_MASK = TornadoHopKernel.HALIDE_MASK;
    static final int CL_SHIFT = TornadoHopKernel.CL_SHIFT;
    static final int TAG = UniformizedKernel.STREAM_TAG;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    static final long M0 = 0xD2511F53L;
    static final long M1 = 0xCD9E8D57L;
    static final long LOW32 = 0xFFFFFFFFL;

    /**
     * Trials [start[c], start[c] + count[c]) of every member c; adds the hops fired to events[c] and
     * the halides' net z displacement to dz[c].
     *
     * @param slotDz dz+1 of slot j on sublattice k, [k·8 + j]; moveZ: the halide's z move, same index
     * @param rmax   one value: the trial bound of these tables
     */
    public static void runTrials(IntArray words, IntArray vac, IntArray nb, IntArray off, IntArray slotDz, IntArray moveZ,
                                 DoubleArray fv, DoubleArray gh, DoubleArray field, DoubleArray rmax,
                                 LongArray start, LongArray count, LongArray events, LongArray dz,
                                 int members, int wordStride, int n, int key0, int key1) {
        for (@Parallel int c = 0; c < members; c++) {
            int wBase = c * wordStride;
            int vBase = c * n;
            double bound = rmax.get(0);
            long fired = 0;
            long moved = 0;
            long end = start.get(c) + count.get(c);
            for (long trial = start.get(c); trial < end; trial++) {
                // Philox4x32-10 of counter (trial lo, trial hi, member, tag)
                int c0 = (int) trial;
                int c1 = (int) (trial >>> 32);
                int c2 = c;
                int c3 = TAG;
                int k0 = key0;
                int k1 = key1;
                for (int r = 0; r < 10; r++) {
                    long p0 = M0 * (c0 & LOW32);
                    long p1 = M1 * (c2 & LOW32);
                    int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
                    int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
                    c1 = (int) p1;
                    c3 = (int) p0;
                    c0 = n0;
                    c2 = n2;
                    k0 += W0;
                    k1 += W1;
                }
                int id = (int) (((c0 & LOW32) * n + (((c1 & LOW32) * n) >>> 32)) >>> 32);
                int slot = c2 & 7;
                // c2 >>> 11 taken on the long: TornadoVM 5.2.1 (OpenCL) turned the int form, for a
                // negative c2 widened to long, into 0xFFFFF··· in bits 21–31 (found by the equivalence test)
                double u = ((((long) c3 & LOW32) << 21) | ((c2 & LOW32) >>> 11)) * 0x1.0p-53;
                int v = vac.get(vBase + id);
                int wv = words.get(wBase + v);
                int k = v % 3;
                int h = (wv & Occupancy.REGULAR) != 0 ? v + off.get(k * Z + slot) : nb.get(v * Z + slot);
                int wh = words.get(wBase + h);
                int x = (wh & Occupancy.SPECIES_MASK) - Species.CL;
                if (x >= 0 && x < 3) {
                    int t = x << HALIDE_BITS;
                    double rate = fv.get(t | ((wv >>> CL_SHIFT) & HALIDE_MASK))
                            * gh.get(t | ((wh >>> CL_SHIFT) & HALIDE_MASK))
                            * field.get(slotDz.get(k * Z + slot));
                    if (u * bound < rate) {
                        int sx = x + Species.CL;
                        int toX = (1 << (Occupancy.COUNT_SHIFT + 4 * sx)) - (1 << (Occupancy.COUNT_SHIFT + 4 * Species.VACANCY));
                        words.set(wBase + v, words.get(wBase + v) + sx - Species.VACANCY);
                        words.set(wBase + h, words.get(wBase + h) + Species.VACANCY - sx);
                        boolean regV = (wv & Occupancy.REGULAR) != 0;
                        boolean regH = (wh & Occupancy.REGULAR) != 0;
                        int kh = h % 3;
                        for (int j = 0; j < Z; j++) {
                            int a = regV ? v + off.get(k * Z + j) : nb.get(v * Z + j);
                            words.set(wBase + a, words.get(wBase + a) + toX);
                            int b = regH ? h + off.get(kh * Z + j) : nb.get(h * Z + j);
                            words.set(wBase + b, words.get(wBase + b) - toX);
                        }
                        vac.set(vBase + id, h);
                        fired++;
                        moved += moveZ.get(k * Z + slot);
                    }
                }
            }
            events.set(c, events.get(c) + fired);
            dz.set(c, dz.get(c) + moved);
        }
    }
}
