package io.halidekmc.observe;

/**
 * The composition front of a wire: where the halide fraction, smoothed over a few layers, first
 * falls below a level (003 uses x_Br = 0.55) walking from a point inside the rich segment. Linear
 * interpolation between the two layers that bracket the crossing gives sub-layer positions.
 */
public final class FrontPosition {
    private FrontPosition() {}

    /**
     * @param x         fraction per layer (NaN layers, with no halides, are skipped by the smoothing)
     * @param level     the level, e.g. 0.55
     * @param halfWidth smoothing half-width, layers (0: none)
     * @param start     first layer, inside the rich segment
     * @param dir       +1 or −1, the walking direction
     * @return the crossing position in layers (fractional), or NaN when x never falls below level
     */
    public static double find(double[] x, double level, int halfWidth, int start, int dir) {
        double[] sm = smooth(x, halfWidth);
        double prev = sm[start];
        if (!(prev >= level)) return start;
        for (int l = start + dir; l >= 0 && l < sm.length; l += dir) {
            double cur = sm[l];
            if (Double.isNaN(cur)) continue;
            if (cur < level) {
                double frac = (prev - level) / (prev - cur);
                return (l - dir) + dir * frac;
            }
            prev = cur;
        }
        return Double.NaN;
    }

    /** Moving average over [l − h, l + h], ignoring NaN entries. */
    public static double[] smooth(double[] x, int h) {
        double[] out = new double[x.length];
        for (int l = 0; l < x.length; l++) {
            double s = 0;
            int n = 0;
            for (int k = Math.max(0, l - h); k <= Math.min(x.length - 1, l + h); k++) {
                if (!Double.isNaN(x[k])) {
                    s += x[k];
                    n++;
                }
            }
            out[l] = n == 0 ? Double.NaN : s / n;
        }
        return out;
    }
}
