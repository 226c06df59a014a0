package io.halidekmc.physics;

/**
 * Monotone piecewise-cubic Hermite interpolation (Fritsch &amp; Carlson, SIAM J. Numer. Anal. 17, 238
 * (1980); the weighted-harmonic-mean slopes of Fritsch &amp; Butland): between monotone data it never
 * overshoots, which a plain cubic spline through a steep table does.
 */
final class MonotoneCubic {
    private MonotoneCubic() {}

    /** y(x) for x within [xs[0], xs[n−1]]; xs strictly increasing. */
    static double at(double[] xs, double[] ys, double x) {
        int n = xs.length;
        int k = 0;
        while (k < n - 2 && x > xs[k + 1]) k++;
        double h = xs[k + 1] - xs[k];
        double t = (x - xs[k]) / h;
        double m0 = slope(xs, ys, k), m1 = slope(xs, ys, k + 1);
        double u = 1 - t;
        return (1 + 2 * t) * u * u * ys[k] + t * u * u * h * m0 + t * t * (3 - 2 * t) * ys[k + 1] - t * t * u * h * m1;
    }

    /** The derivative at knot k: one-sided secant at the ends, 0 at a local extremum or flat step. */
    static double slope(double[] xs, double[] ys, int k) {
        int n = xs.length;
        if (k == 0) return secant(xs, ys, 0);
        if (k == n - 1) return secant(xs, ys, n - 2);
        double d0 = secant(xs, ys, k - 1), d1 = secant(xs, ys, k);
        if (d0 * d1 <= 0) return 0;
        double h0 = xs[k] - xs[k - 1], h1 = xs[k + 1] - xs[k];
        double w0 = 2 * h1 + h0, w1 = h1 + 2 * h0;
        return (w0 + w1) / (w0 / d0 + w1 / d1);
    }

    private static double secant(double[] xs, double[] ys, int k) {
        return (ys[k + 1] - ys[k]) / (xs[k + 1] - xs[k]);
    }
}
