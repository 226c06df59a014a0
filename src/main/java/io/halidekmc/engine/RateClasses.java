package io.halidekmc.engine;

import java.util.Arrays;

/**
 * Composition–rejection selection over rate classes (Slepoy, Thompson &amp; Plimpton, J. Chem.
 * Phys. 128, 205101, 2008), the fast alternative to {@link SumTree} (DESIGN §5).
 *
 * <p>Item i with weight w_i &gt; 0 lives in class g = ⌊log2 w_i⌋, whose members all satisfy
 * w_i &lt; b_g = 2^(g+1). A trial draws u uniform on [0, B), B = Σ_g n_g·b_g: the class by a short
 * scan over the few non-empty classes, a member uniformly, and accepts with probability w_i / b_g.
 * One trial therefore selects item i with probability exactly w_i / B, and a run of trials until
 * acceptance picks i with probability w_i / Σw. The bounds n_g·b_g are exact in binary, so B and
 * the class intervals carry no accumulated rounding (unlike running sums of the weights), and an
 * update is O(1): a weight that stays in its class only rewrites its value.
 *
 * <p>The engine uses B as the rate of a thinned Poisson process: every trial advances time by
 * Exp(B), rejected trials are null events. That is exact for any B ≥ Σw, and the expected number
 * of trials per event is B/Σw &lt; 2 (≈ 1/(2 ln 2)⁻¹ ≈ 1.39 for weights spread evenly in log scale).
 *
 * <p>A trial uses one uniform for everything: u·B picks the class; within the class interval
 * [0, n_g·b_g) the integer part of u/b_g is the member and the fraction, times b_g, is uniform on
 * [0, b_g) (scaling by a power of two is exact), so an accepted value is uniform on [0, w_i) and
 * is handed on in {@link #residual()} to pick the member's hop.
 */
public final class RateClasses {
    /** Class index = binary exponent + OFFSET; exponents −1023 (subnormal) .. 1022. */
    private static final int OFFSET = 1023;
    private static final int CLASSES = 2047;
    private static final double[] BOUND = new double[CLASSES];
    private static final double[] INV_BOUND = new double[CLASSES];

    static {
        for (int c = 0; c < CLASSES; c++) {
            BOUND[c] = Math.scalb(1.0, c - OFFSET + 1);
            INV_BOUND[c] = Math.scalb(1.0, -(c - OFFSET + 1));
        }
    }

    private double[] weight;
    private int[] classOf;
    private int[] slot;
    private final int[][] members = new int[CLASSES][];
    private final int[] size = new int[CLASSES];
    /** All non-empty classes lie in [lo, hi]. */
    private int lo = CLASSES, hi = -1;
    private double bound;
    private boolean dirty;
    private double residual;

    public RateClasses(int capacity) {
        weight = new double[capacity];
        classOf = new int[capacity];
        slot = new int[capacity];
        Arrays.fill(classOf, -1);
    }

    public int capacity() {
        return weight.length;
    }

    public void ensureCapacity(int capacity) {
        if (capacity <= weight.length) return;
        int old = weight.length;
        weight = Arrays.copyOf(weight, capacity);
        classOf = Arrays.copyOf(classOf, capacity);
        slot = Arrays.copyOf(slot, capacity);
        Arrays.fill(classOf, old, capacity, -1);
    }

    public double weight(int i) {
        return weight[i];
    }

    /** Sets item i's weight (≥ 0, finite, below 2^1023). O(1). */
    public void set(int i, double w) {
        int c = w > 0 ? Math.getExponent(w) + OFFSET : -1;
        if (c >= CLASSES) throw new IllegalArgumentException("weight out of range: " + w);
        weight[i] = w;
        int old = classOf[i];
        if (c == old) return;
        if (old >= 0) remove(i, old);
        if (c >= 0) add(i, c);
        classOf[i] = c;
        dirty = true;
    }

    private void add(int i, int c) {
        int[] m = members[c];
        int n = size[c];
        if (m == null || n == m.length) {
            m = members[c] = m == null ? new int[16] : Arrays.copyOf(m, 2 * m.length);
        }
        m[n] = i;
        slot[i] = n;
        size[c] = n + 1;
        if (c < lo) lo = c;
        if (c > hi) hi = c;
    }

    private void remove(int i, int c) {
        int[] m = members[c];
        int n = size[c] - 1;
        int last = m[n];
        int p = slot[i];
        m[p] = last;
        slot[last] = p;
        size[c] = n;
        if (n == 0) {
            while (hi >= lo && size[hi] == 0) hi--;
            while (lo <= hi && size[lo] == 0) lo++;
            if (hi < lo) {
                lo = CLASSES;
                hi = -1;
            }
        }
    }

    /** B = Σ_g n_g·2^(g+1) ≥ Σ weights, and &lt; 2·Σ weights. */
    public double bound() {
        if (dirty) {
            double b = 0;
            for (int c = lo; c <= hi; c++) b += size[c] * BOUND[c];   // smallest first: exact while representable
            bound = b;
            dirty = false;
        }
        return bound;
    }

    /** Exact Σ weights, O(n) (diagnostics and tests; the engine never needs it). */
    public double sum() {
        double s = 0;
        for (int c = lo; c <= hi; c++) {
            for (int k = 0; k < size[c]; k++) s += weight[members[c][k]];
        }
        return s;
    }

    /**
     * One trial with u uniform on [0, {@link #bound()}): the accepted item, its residual in
     * {@link #residual()} (uniform on [0, weight)), or −1 for a rejected (null) trial.
     */
    public int trial(double u) {
        for (int c = hi; c >= lo; c--) {
            int n = size[c];
            double b = n * BOUND[c];
            if (u < b) {
                double q = u * INV_BOUND[c];
                int k = (int) q;
                if (k >= n) k = n - 1;
                int i = members[c][k];
                double r = (q - k) * BOUND[c];
                if (r < weight[i]) {
                    residual = r;
                    return i;
                }
                return -1;
            }
            u -= b;
        }
        return -1;
    }

    public double residual() {
        return residual;
    }

    /** Number of non-empty classes (diagnostics). */
    public int classes() {
        int k = 0;
        for (int c = lo; c <= hi; c++) if (size[c] > 0) k++;
        return k;
    }
}
