package io.halidekmc.engine;

import java.util.Arrays;

/**
 * Σ of n doubles in a fixed pairwise order, the CPU twin of the {@code reduce_sum} kernel
 * (kernels/hop_rates.cu): one pass splits the input into blocks of {@value #BLOCK}, zero-pads the
 * last, and sums each block by halving strides (s[t] += s[t + stride], stride = 128, 64, ..., 1);
 * passes repeat until one value is left. The order is fixed by n alone, so the result is
 * bit-identical to the GPU's (for non-negative inputs, where x + 0.0 == x), whatever the thread
 * count. Its rounding error is that of pairwise summation, ≤ ⌈log2 n⌉·u·Σ|a|, better than the
 * sequential sum's (n − 1)·u·Σ|a|; the two differ by at most the sum of those bounds.
 */
public final class PairwiseSum {
    public static final int BLOCK = 256;

    private PairwiseSum() {}

    public static double sum(double[] a, int n) {
        if (n == 0) return 0;
        double[] cur = Arrays.copyOf(a, n);
        int len = n;
        double[] s = new double[BLOCK];
        while (len > 1) {
            int blocks = (len + BLOCK - 1) / BLOCK;
            double[] next = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                for (int t = 0; t < BLOCK; t++) {
                    int i = b * BLOCK + t;
                    s[t] = i < len ? cur[i] : 0.0;
                }
                for (int stride = BLOCK / 2; stride > 0; stride >>= 1) {
                    for (int t = 0; t < stride; t++) s[t] += s[t + stride];
                }
                next[b] = s[0];
            }
            cur = next;
            len = blocks;
        }
        return cur[0];
    }
}
