package io.halidekmc.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The texts on plot axes and colour bars, kept apart from the drawing so tests can read them: a
 * time axis in the unit a reader thinks in (a 4.5 h run in h, not 1.62E4 s), numbers to three
 * significant digits (a colour bar reading 0.9972829698072689 says nothing more than 0.997), and
 * category labels (the PL image's time columns) thinned so that no two overlap.
 */
public final class AxisLabels {
    /** Width of one tick-label character at XChart's default 12 pt axis font, px (measured: "0.997" ≈ 30 px). */
    static final int CHAR_PX = 7;
    /** Free space between two neighbouring labels, px. */
    static final int GAP_PX = 12;
    /** Height of one label line with its spacing, px (12 pt font). */
    static final int LINE_PX = 18;

    private AxisLabels() {}

    /** A time unit: its name on the axis and its length in seconds. */
    public record TimeUnit(String name, double seconds) {
        public double of(double s) {
            return s / seconds;
        }

        public String axisTitle() {
            return "time (" + name + ")";
        }
    }

    /**
     * The unit that puts the run's last time between about 1 and 1000: ns, µs, ms, s, then min
     * from 2 min and h from 2 h (so a 90 s run reads 0–90 s, a 45 min run 0–45 min, 4.5 h 0–4.5 h).
     */
    public static TimeUnit timeUnit(double maxSeconds) {
        double m = Math.abs(maxSeconds);
        if (!(m > 0)) return new TimeUnit("s", 1);
        if (m < 1e-6) return new TimeUnit("ns", 1e-9);
        if (m < 1e-3) return new TimeUnit("µs", 1e-6);
        if (m < 1) return new TimeUnit("ms", 1e-3);
        if (m < 120) return new TimeUnit("s", 1);
        if (m < 7200) return new TimeUnit("min", 60);
        return new TimeUnit("h", 3600);
    }

    /** The unit for the largest finite value of any of the arrays (seconds). */
    public static TimeUnit timeUnit(double[]... times) {
        double m = 0;
        for (double[] t : times) for (double v : t) if (Double.isFinite(v)) m = Math.max(m, Math.abs(v));
        return timeUnit(m);
    }

    /**
     * v to three significant digits, trailing zeros dropped: 0.9972829698 → "0.997", 1231.96 →
     * "1230", 0.05 → "0.05" (never ".05"); below 10⁻³ or from 10⁶ in powers of ten, "1.23e-05".
     */
    public static String sig3(double v) {
        if (v == 0) return "0";
        if (!Double.isFinite(v)) return Double.toString(v);
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) {
            String s = String.format(Locale.ROOT, "%.2e", v);
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e).replaceAll("\\.?0+$", "");
            return mantissa + s.substring(e);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(3));
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /**
     * Labels for category columns at these values (already in the axis unit), every k-th one
     * shown and the rest blank, with k the least for which the shown labels, each as wide as its
     * text, fit the axis without touching. The first column is always labelled.
     */
    public static List<String> thinned(double[] values, int axisPx) {
        return thinned(values, axisPx, false);
    }

    /** As {@link #thinned(double[], int)}; {@code vertical}: labels stacked up an axis, each one text line high. */
    public static List<String> thinned(double[] values, int axisPx, boolean vertical) {
        int n = values.length;
        for (int k = 1; k <= Math.max(1, n); k++) {
            List<String> labels = new ArrayList<>(n);
            int widest = 0;
            for (int i = 0; i < n; i++) {
                String s = i % k == 0 ? sig3(values[i]) : "";
                widest = Math.max(widest, s.length());
                labels.add(s);
            }
            double columnPx = n == 0 ? axisPx : (double) axisPx / n;
            double need = vertical ? LINE_PX : widest * CHAR_PX + GAP_PX;
            if (k * columnPx >= need) return labels;
        }
        List<String> first = new ArrayList<>();
        for (int i = 0; i < n; i++) first.add(i == 0 ? sig3(values[0]) : "");
        return first;
    }
}
