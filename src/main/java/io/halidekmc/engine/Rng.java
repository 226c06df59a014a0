package io.halidekmc.engine;

import org.apache.commons.rng.core.source32.Philox4x32;

/**
 * Counter-based Philox4x32-10 streams (DESIGN §6): the key is the run seed, the upper counter
 * words the stream id (nanocrystal, sector), so every stream is fixed by (seed, id) alone and
 * results do not depend on how streams are spread over threads.
 */
public final class Rng {
    private Rng() {}

    public static Philox4x32 stream(long seed, long streamId) {
        return new Philox4x32(new int[] {(int) seed, (int) (seed >>> 32), 0, 0, (int) streamId, (int) (streamId >>> 32)});
    }
}
