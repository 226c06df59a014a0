package io.halidekmc.cli;

import io.halidekmc.run.Simulation;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with ETA on stderr. Only drawn on a terminal, and only once a run has
 * lasted a few seconds, so short runs and redirected output stay clean.
 */
final class ProgressBar implements Simulation.Progress {
    private static final long SHOW_AFTER_NS = 3_000_000_000L;
    private static final long REFRESH_NS = 250_000_000L;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private final Eta eta = new Eta();

    private ProgressBar(PrintStream err) {
        this.err = err;
    }

    /** A bar, or null when stderr is not a terminal or the user asked for quiet. */
    static ProgressBar forTerminal(boolean quiet) {
        var console = System.console();
        if (quiet || console == null || !console.isTerminal()) return null;
        return new ProgressBar(System.err);
    }

    @Override
    public void update(double fraction, double simTime, long events) {
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER_NS || now - lastDraw < REFRESH_NS) return;
        lastDraw = now;
        drawn = true;
        double elapsed = (now - start) / 1e9;
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        double left = eta.update(elapsed, fraction);
        String etaText = Double.isFinite(left) ? clock(left) : "?";
        err.print(String.format(Locale.ROOT, "\r[%s] %5.1f%%  t=%.3g s  %.3g hops/s  ETA %s   ", bar, 100 * fraction,
                simTime, events / elapsed, etaText));
        err.flush();
    }

    void finish() {
        if (drawn) {
            err.println();
        }
    }

    private static String clock(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
    }
}
