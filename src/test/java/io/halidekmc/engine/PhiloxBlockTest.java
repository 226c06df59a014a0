package io.halidekmc.engine;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source32.Philox4x32;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The inlined Philox4x32-10 block reproduces commons-rng's Philox4x32 (known-answer check). */
class PhiloxBlockTest {

    @Test
    void matchesCommonsPhilox() {
        int[] seed = {0x12345678, 0x9abcdef0, 0x0badcafe, 0x7};
        int[] next = {0};
        UniformRandomProvider fake = new UniformRandomProvider() {
            @Override public long nextLong() { throw new UnsupportedOperationException(); }
            @Override public int nextInt() { return seed[next[0]++]; }
        };
        PhiloxBlock b = new PhiloxBlock(fake);
        // commons seed layout: key0, key1, counter0..3
        Philox4x32 ref = new Philox4x32(new int[] {seed[0], seed[1], 0, 0, seed[2], seed[3]});
        for (int block = 0; block < 5; block++) {
            b.next();
            long a = ((long) ref.nextInt() << 32) | (ref.nextInt() & 0xFFFFFFFFL);
            long c = ((long) ref.nextInt() << 32) | (ref.nextInt() & 0xFFFFFFFFL);
            assertEquals((a >>> 11) * 0x1.0p-53, b.u0, "block " + block);
            assertEquals((c >>> 11) * 0x1.0p-53, b.u1, "block " + block);
        }
    }
}
