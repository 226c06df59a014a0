package io.halidekmc.engine;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Philox4x32-10 (Salmon et al., SC'11; the algorithm of {@link Rng}) written out for the engine's
 * hot loop: one call, one 128-bit block, two uniforms of 53 bits each — the waiting time and the
 * selection of one trial. Going through {@link UniformRandomProvider#nextDouble()} costs two
 * buffered 32-bit draws and a virtual call per double, ≈ 40 % of the engine's random-number time.
 *
 * <p>The key and the two upper counter words come from the run's provider at construction, so
 * the stream is fixed by the provider's seed and stream id, as every stream of a run is.
 */
public final class PhiloxBlock {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final double TO_UNIT = 0x1.0p-53;

    private final int key0, key1, hi0, hi1;
    private long counter;
    /** The block's two uniforms on [0, 1), multiples of 2^-53. */
    public double u0, u1;

    public PhiloxBlock(UniformRandomProvider seedSource) {
        key0 = seedSource.nextInt();
        key1 = seedSource.nextInt();
        hi0 = seedSource.nextInt();
        hi1 = seedSource.nextInt();
    }

    /** Generates the next block into {@link #u0} and {@link #u1}. */
    public void next() {
        long c = ++counter;
        int c0 = (int) c, c1 = (int) (c >>> 32), c2 = hi0, c3 = hi1;
        int k0 = key0, k1 = key1;
        for (int r = 0; r < 10; r++) {
            long p0 = M0 * (c0 & 0xFFFFFFFFL);
            long p1 = M1 * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
        u0 = ((((long) c0 << 32) | (c1 & 0xFFFFFFFFL)) >>> 11) * TO_UNIT;
        u1 = ((((long) c2 << 32) | (c3 & 0xFFFFFFFFL)) >>> 11) * TO_UNIT;
    }
}
