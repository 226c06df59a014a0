package io.halidekmc.engine.exact;

import io.halidekmc.engine.Rng;
import io.halidekmc.engine.SumTree;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Composition–rejection against the rejection-free sum tree on the same weights. */
class RateClassesTest {

    @Test
    void boundIsExactClassCapacityAndAcceptedDrawsFollowWeights() {
        UniformRandomProvider rng = Rng.stream(7, 0);
        int n = 40;
        double[] w = new double[n];
        RateClasses rc = new RateClasses(n);
        SumTree tree = new SumTree(n);
        for (int i = 0; i < n; i++) {
            // weights over 12 decades, some zero, as hop-rate sums are
            w[i] = i % 7 == 3 ? 0 : Math.pow(10, 12 * rng.nextDouble()) * (1 + i);
            rc.set(i, w[i]);
            tree.set(i, w[i]);
        }
        // re-set some to move between classes and back (exercises remove/add)
        for (int i = 0; i < n; i += 3) {
            rc.set(i, w[i] * 1e3);
            rc.set(i, w[i]);
        }
        double sum = 0;
        for (double x : w) sum += x;
        double b = rc.bound();
        assertTrue(b >= sum && b < (1 + Math.scalb(1.0, -RateClasses.SUB_BITS)) * sum, "B must lie in [Σw, (1+2^-SUB_BITS)Σw)");
        assertEquals(sum, rc.sum(), 1e-12 * sum);
        assertEquals(tree.total(), rc.sum(), 1e-12 * sum);

        // frequencies of the light items are too small to test in reasonable time, so test
        // the probability mass a draw lands on each item: P(i) = w_i / B per trial, exactly.
        // Sample 2e6 trials: acceptance rate Σw/B within 5σ, and a chi-square over items with
        // expected counts ≥ 20 (the rest pooled) below the 1e-6 quantile for its dof.
        int trials = 2_000_000;
        long[] hits = new long[n];
        long accepted = 0;
        for (int t = 0; t < trials; t++) {
            int i = rc.trial(rng.nextDouble() * b);
            if (i >= 0) {
                hits[i]++;
                accepted++;
                double r = rc.residual();
                assertTrue(r >= 0 && r < w[i], "residual must be uniform on [0, w_i)");
            }
        }
        double p = sum / b;
        double sigma = Math.sqrt(trials * p * (1 - p));
        assertEquals(trials * p, accepted, 5 * sigma);
        double chi2 = 0;
        int dof = 0;
        double pooledE = 0, pooledO = 0;
        for (int i = 0; i < n; i++) {
            double e = accepted * w[i] / sum;
            if (e >= 20) {
                chi2 += (hits[i] - e) * (hits[i] - e) / e;
                dof++;
            } else {
                pooledE += e;
                pooledO += hits[i];
            }
        }
        if (pooledE > 0) {
            chi2 += (pooledO - pooledE) * (pooledO - pooledE) / pooledE;
            dof++;
        }
        dof--;
        // chi-square 1e-6 upper quantile ≈ dof + 7.5·sqrt(2·dof) + 25 for dof ≤ 40 (generous)
        assertTrue(chi2 < dof + 7.5 * Math.sqrt(2.0 * dof) + 25, "chi2 " + chi2 + " dof " + dof);
        for (int i = 0; i < n; i++) if (w[i] == 0) assertEquals(0, hits[i]);
    }

    @Test
    void emptyAndSingleClass() {
        RateClasses rc = new RateClasses(4);
        assertEquals(0, rc.bound());
        rc.set(2, 3.0);   // 1.5·2^1: class [3, 3.25) with 3 mantissa bits
        assertEquals(3.0 + Math.scalb(2.0, -RateClasses.SUB_BITS), rc.bound());
        assertEquals(2, rc.trial(2.9));
        assertEquals(2.9, rc.residual());
        assertEquals(-1, rc.trial(3.1));
        rc.set(2, 0);
        assertEquals(0, rc.bound());
        assertEquals(0, rc.classes());
    }
}
