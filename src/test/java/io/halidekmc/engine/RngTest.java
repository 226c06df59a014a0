package io.halidekmc.engine;

import org.apache.commons.rng.core.source32.Philox4x32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Philox4x32-10 against the Random123 known-answer vectors (kat_vectors, philox4x32 10 rounds),
 * so CPU and CUDA streams can be compared trajectory by trajectory (DESIGN §6).
 */
class RngTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "00000000 00000000 00000000 00000000|00000000 00000000|6627e8d5 e169c58d bc57ac4c 9b00dbd8",
            "ffffffff ffffffff ffffffff ffffffff|ffffffff ffffffff|408f276d 41c83b0e a20bc7c6 6d5451fd",
            "243f6a88 85a308d3 13198a2e 03707344|a4093822 299f31d0|d16cfe09 94fdcceb 5001e420 24126ea1",
    })
    void commonsPhiloxMatchesRandom123KnownAnswers(String counter, String key, String output) {
        int[] c = words(counter), k = words(key), out = words(output);
        // Commons RNG increments the 128-bit counter before its first block: seed with counter − 1
        long lo = ((c[1] & 0xffffffffL) << 32 | (c[0] & 0xffffffffL));
        long hi = ((c[3] & 0xffffffffL) << 32 | (c[2] & 0xffffffffL));
        if (lo == 0) hi--;
        lo--;
        Philox4x32 p = new Philox4x32(new int[] {k[0], k[1], (int) lo, (int) (lo >>> 32), (int) hi, (int) (hi >>> 32)});
        for (int i = 0; i < 4; i++) assertEquals(out[i], p.nextInt(), "word " + i);
    }

    @Test
    void streamsOfOneSeedDifferAndRepeat() {
        assertEquals(Rng.stream(7, 3).nextLong(), Rng.stream(7, 3).nextLong());
        assertNotEquals(Rng.stream(7, 3).nextLong(), Rng.stream(7, 4).nextLong());
        assertNotEquals(Rng.stream(7, 3).nextLong(), Rng.stream(8, 3).nextLong());
    }

    private static int[] words(String s) {
        String[] p = s.trim().split("\\s+");
        int[] w = new int[p.length];
        for (int i = 0; i < p.length; i++) w[i] = (int) Long.parseLong(p[i], 16);
        return w;
    }
}
