package io.halidekmc.validate;

import io.halidekmc.run.RunResult;
import io.halidekmc.observe.Frame;

import java.util.List;

/**
 * Segregation and remixing times read from the film PL peak, as 001 reads them from its spectra.
 * "Complete" is taken as 90 % of the way: segregation when the peak has moved 90 % of the way from
 * its initial (mixed) value to its plateau under light (the mean over the last 10 % of the light-on
 * interval), remixing when it has come back 90 % of the way from that plateau to the initial value.
 * Times are interpolated linearly between frames. NaN when the peak moves less than
 * {@link #MIN_SHIFT_NM} or never gets there.
 */
public final class PlTimes {
    public static final double MIN_SHIFT_NM = 2;
    static final double COMPLETE = 0.9;

    private PlTimes() {
    }

    /** The light-on interval [on, off) in frame indices; off = frame count when the light stays on. */
    static int[] lightInterval(List<Frame> frames) {
        int on = -1, off = frames.size();
        for (int i = 0; i < frames.size(); i++) {
            if (on < 0 && frames.get(i).light() > 0) on = i;
            else if (on >= 0 && frames.get(i).light() == 0) {
                off = i;
                break;
            }
        }
        return new int[] {on, off};
    }

    /** Mean peak over the last 10 % (at least one frame) of the frames [from, to). */
    static double plateau(double[] peaks, int from, int to) {
        int n = Math.max(1, (to - from) / 10);
        double s = 0;
        for (int i = to - n; i < to; i++) s += peaks[i];
        return s / n;
    }

    /** Seconds from light-on to 90 % of the light-on peak shift. */
    public static double segregation(RunResult r) {
        List<Frame> f = r.frames();
        double[] p = r.plPeaks();
        int[] iv = lightInterval(f);
        if (iv[0] < 0 || p.length != f.size()) return Double.NaN;
        double start = p[0], end = plateau(p, iv[0], iv[1]);
        if (Math.abs(start - end) < MIN_SHIFT_NM) return Double.NaN;
        double t = crossing(f, p, iv[0], iv[1], start + COMPLETE * (end - start), end < start);
        return t - f.get(iv[0]).time();
    }

    /** Seconds from light-off to 90 % recovery of the peak toward its initial value. */
    public static double remixing(RunResult r) {
        List<Frame> f = r.frames();
        double[] p = r.plPeaks();
        int[] iv = lightInterval(f);
        if (iv[0] < 0 || iv[1] >= f.size() || p.length != f.size()) return Double.NaN;
        double start = p[0], seg = plateau(p, iv[0], iv[1]);
        if (Math.abs(start - seg) < MIN_SHIFT_NM) return Double.NaN;
        double t = crossing(f, p, iv[1], f.size(), seg + COMPLETE * (start - seg), start < seg);
        return t - f.get(iv[1]).time();
    }

    /**
     * Seconds after the frame time {@code step} until the peak has come back 90 % of the way from
     * its value at the step to the initial (mixed) value: remixing on a temperature step.
     */
    public static double recoveryAfter(RunResult r, double step) {
        List<Frame> f = r.frames();
        double[] p = r.plPeaks();
        int i0 = 0;
        while (i0 < f.size() && f.get(i0).time() < step) i0++;
        if (i0 == 0 || i0 >= f.size()) return Double.NaN;
        double start = p[0], at = p[i0 - 1];
        if (Math.abs(start - at) < MIN_SHIFT_NM) return Double.NaN;
        double t = crossing(f, p, i0 - 1, f.size(), at + COMPLETE * (start - at), start < at);
        return t - step;
    }

    /** Final peak shift from the initial value, nm (positive: blue shift). */
    public static double finalShift(RunResult r) {
        double[] p = r.plPeaks();
        return p.length == 0 ? Double.NaN : p[0] - p[p.length - 1];
    }

    /** First time in frames [from, to) at which the peak passes level (downward when falling), interpolated. */
    static double crossing(List<Frame> f, double[] p, int from, int to, double level, boolean falling) {
        for (int i = from; i < to; i++) {
            boolean past = falling ? p[i] <= level : p[i] >= level;
            if (past) {
                if (i == from) return f.get(i).time();
                double t0 = f.get(i - 1).time(), t1 = f.get(i).time();
                double w = (level - p[i - 1]) / (p[i] - p[i - 1]);
                return t0 + w * (t1 - t0);
            }
        }
        return Double.NaN;
    }
}
