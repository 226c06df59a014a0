package io.halidekmc.engine.sector;

import java.util.Arrays;

/**
 * Settings of the {@link SectorEngine} (scenario key {@code sector:}).
 *
 * @param window  the time window τ every sector of a colour advances, simulated seconds; 0 = automatic
 *                ({@link SectorEngine#AUTO_HOPS_PER_WINDOW} mean hops per vacancy, re-derived at every
 *                drive-grid point)
 * @param blocks  sectors along x, y, z; null = automatic (sectors of about 8 cells)
 * @param threads worker threads (the result does not depend on it)
 */
public record SectorConfig(double window, int[] blocks, int threads) {
    public SectorConfig {
        if (!(window >= 0)) throw new IllegalArgumentException("window must be ≥ 0 (0 = automatic)");
        if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1");
        if (blocks != null) {
            if (blocks.length != 3) throw new IllegalArgumentException("blocks needs 3 entries");
            blocks = blocks.clone();
        }
    }

    public static SectorConfig defaults() {
        return new SectorConfig(0, null, 1);
    }

    public SectorConfig withThreads(int n) {
        return new SectorConfig(window, blocks, n);
    }

    public SectorConfig withWindow(double w) {
        return new SectorConfig(w, blocks, threads);
    }

    @Override
    public int[] blocks() {
        return blocks == null ? null : blocks.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SectorConfig c && c.window == window && c.threads == threads && Arrays.equals(c.blocks, blocks);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(window) * 31 * 31 + Arrays.hashCode(blocks) * 31 + threads;
    }

    @Override
    public String toString() {
        return "SectorConfig[window=" + window + ", blocks=" + Arrays.toString(blocks) + ", threads=" + threads + "]";
    }
}
