package io.halidekmc.cli;

import java.util.ArrayDeque;

/**
 * The time a run has left, from its progress so far. elapsed × (1 − f)/f, the plain estimate,
 * carries the start-up (JIT warm-up, first refreshes) for the whole run and jumps with every burst
 * of slow or fast chunks: the calibrated film's ETA drifted from 14 to 27 min within 45 s (issue
 * 22). Here the rate is the progress over a recent window (a quarter of the elapsed time, at least
 * 30 s), which forgets the start-up, and the projected end time follows it through an exponential
 * filter whose time constant grows with the run (5 % of the elapsed time, at least 10 s), so a
 * short burst moves it little. Tested on synthetic progress (EtaTest): after the first 10 % of a
 * steady but noisy run with a slow start, the projected end stays within 25 % of the true one.
 */
final class Eta {
    static final double MIN_WINDOW_S = 30, WINDOW_SHARE = 0.25, MIN_TAU_S = 10, TAU_SHARE = 0.05;

    private record Sample(double wall, double fraction) {}

    private final ArrayDeque<Sample> window = new ArrayDeque<>();
    private double projectedEnd = Double.NaN;
    private double lastWall = 0;

    /**
     * Records progress {@code fraction} ∈ [0, 1] reached {@code wall} seconds after the start
     * (non-decreasing), and returns the estimated seconds left, or NaN while there is no rate yet.
     */
    double update(double wall, double fraction) {
        window.addLast(new Sample(wall, fraction));
        double span = Math.max(MIN_WINDOW_S, WINDOW_SHARE * wall);
        // keep one sample at or before the window's start, so the window always spans it
        while (window.size() > 2) {
            Sample oldest = window.removeFirst();
            if (window.getFirst().wall() > wall - span) {
                window.addFirst(oldest);
                break;
            }
        }
        Sample first = window.getFirst();
        double rate = wall > first.wall() ? (fraction - first.fraction()) / (wall - first.wall()) : Double.NaN;
        if (fraction >= 1) return 0;
        if (!(rate > 0)) return Double.isNaN(projectedEnd) ? Double.NaN : Math.max(0, projectedEnd - wall);
        double raw = wall + (1 - fraction) / rate;
        if (Double.isNaN(projectedEnd)) {
            projectedEnd = raw;
        } else {
            double dt = wall - lastWall, tau = Math.max(MIN_TAU_S, TAU_SHARE * wall);
            projectedEnd += (raw - projectedEnd) * dt / (dt + tau);
        }
        lastWall = wall;
        return Math.max(0, projectedEnd - wall);
    }
}
