package io.halidekmc.cli;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 item 6: the ETA does not drift by more than 25 % after the first 10 % of a run. The
 * progress is synthetic: a run of 2000 s at steady speed, whose first 5 % goes at a third of it
 * (JIT warm-up, first refreshes) and whose every second is up to ±60 % faster or slower (chunks of
 * unequal cost), sampled four times a second as the progress bar draws.
 */
class EtaTest {
    static final double STEADY_S = 2000, WARMUP_SHARE = 0.05, WARMUP_SLOWDOWN = 3, NOISE = 0.6, STEP_S = 0.25;

    /** The projected end (wall + ETA) at each sample from 10 % of the run on: {min, max, true end}. */
    static double[] projectedEnds(boolean smoothed) {
        SplittableRandom rng = new SplittableRandom(22);
        Eta eta = new Eta();
        double f = 0, wall = 0, speed = 1, lo = Double.POSITIVE_INFINITY, hi = 0;
        java.util.List<double[]> late = new java.util.ArrayList<>();
        while (f < 1) {
            if (Math.floorMod((long) (wall / STEP_S), 4) == 0) speed = 1 + NOISE * (2 * rng.nextDouble() - 1);
            double v = speed / STEADY_S / (f < WARMUP_SHARE ? WARMUP_SLOWDOWN : 1);
            wall += STEP_S;
            f = Math.min(1, f + v * STEP_S);
            double left = smoothed ? eta.update(wall, f) : wall * (1 - f) / f;
            if (f >= 0.1 && f < 1) late.add(new double[] {wall + left});
        }
        for (double[] p : late) {
            lo = Math.min(lo, p[0]);
            hi = Math.max(hi, p[0]);
        }
        return new double[] {lo, hi, wall};
    }

    @Test
    void projectedEndStaysWithinAQuarterOfTheTrueEndAfterTenPercent() {
        double[] p = projectedEnds(true);
        double end = p[2];
        // 5 % at a third of the speed costs 2 × 100 s more than the steady 2000 s
        assertEquals(2200, end, 30);
        assertTrue(p[0] >= 0.75 * end && p[1] <= 1.25 * end,
                String.format("projected end ranged over [%.0f, %.0f] s for a run of %.0f s", p[0], p[1], end));
        assertTrue(p[1] / p[0] <= 1.25, "drift between the extremes: " + p[1] / p[0]);
    }

    @Test
    void thePlainEstimateDriftsMoreOnTheSameRun() {
        // the control: elapsed × (1 − f)/f keeps the slow start and drifts past the bound this test guards
        double[] p = projectedEnds(false);
        assertTrue(p[1] / p[0] > 1.25, "plain estimate drift " + p[1] / p[0]);
    }

    @Test
    void noEstimateBeforeAnyProgressAndNoneLeftAtTheEnd() {
        Eta eta = new Eta();
        assertTrue(Double.isNaN(eta.update(1, 0)));
        assertEquals(0, eta.update(2, 1));
    }
}
