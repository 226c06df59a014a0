package io.halidekmc.output;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A quantity against time with the drives that were applied drawn under it, on the same time
 * axis: a PL shift or an order parameter is read against what the light, temperature or bias did
 * at that moment. The time axis is in s, min or h ({@link AxisLabels#timeUnit}).
 */
public final class TimePlots {
    static final int WIDTH = 800, MAIN_HEIGHT = 500, STRIP_HEIGHT = 150;

    private TimePlots() {}

    /**
     * The drives applied at each output time (the /timeseries columns): temperature in K, light in
     * W/cm², field in V/m; a column an older file lacks is NaN and is not drawn.
     */
    public record Drives(double[] time, double[] temperature, double[] light, double[] field) {
        public static final Drives NONE = new Drives(new double[0], new double[0], new double[0], new double[0]);
    }

    /** One strip under the main plot: a drive that changed, or that is on (light, field), in its unit. */
    record Strip(String label, double[] values) {}

    /**
     * The strips worth drawing: temperature when it changes, light when it is ever on, the field
     * (as V/µm) when it is ever non-zero. A constant temperature is said in the title instead.
     */
    static List<Strip> strips(Drives d) {
        List<Strip> out = new ArrayList<>();
        if (varies(d.temperature())) out.add(new Strip("T (K)", d.temperature()));
        if (nonZero(d.light())) out.add(new Strip("light (W/cm²)", d.light()));
        if (nonZero(d.field())) {
            double[] f = new double[d.field().length];
            for (int i = 0; i < f.length; i++) f[i] = d.field()[i] / 1e6;
            out.add(new Strip("field (V/µm)", f));
        }
        return out;
    }

    /** " (T = 296 K)" when the temperature stayed constant, for the title; else "". */
    static String constantTemperature(Drives d) {
        double[] t = d.temperature();
        if (t.length == 0 || !Double.isFinite(t[0]) || varies(t)) return "";
        return " (T = " + AxisLabels.sig3(t[0]) + " K)";
    }

    public static void write(Path png, String title, String yLabel, List<Plots.Series> series, Drives drives) throws IOException {
        double[][] times = new double[series.size() + 1][];
        for (int i = 0; i < series.size(); i++) times[i] = series.get(i).x();
        times[series.size()] = drives.time();
        AxisLabels.TimeUnit unit = AxisLabels.timeUnit(times);
        XYChart main = chart(title + constantTemperature(drives), yLabel, MAIN_HEIGHT, unit);
        main.getStyler().setLegendVisible(series.size() > 1);
        for (Plots.Series s : series) add(main, s.name(), scaled(s.x(), unit), s.y(), false);
        List<XYChart> charts = new ArrayList<>(List.of(main));
        for (Strip s : strips(drives)) {
            XYChart c = chart(null, s.label(), STRIP_HEIGHT, unit);
            c.getStyler().setLegendVisible(false);
            add(c, s.label(), scaled(drives.time(), unit), s.values(), true);
            charts.add(c);
        }
        stack(png, charts);
    }

    private static XYChart chart(String title, String yLabel, int height, AxisLabels.TimeUnit unit) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title == null ? "drive" : title)
                .xAxisTitle(unit.axisTitle()).yAxisTitle(yLabel).build();
        // a strip sits under the main plot, whose title says what is shown (XChart cannot draw an empty title)
        c.getStyler().setChartTitleVisible(title != null);
        c.getStyler().setxAxisTickLabelsFormattingFunction(AxisLabels::sig3);
        c.getStyler().setyAxisTickLabelsFormattingFunction(AxisLabels::sig3);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    /** Adds the finite points; a drive as steps (held from one output time to the next), as the engine applies it. */
    private static void add(XYChart c, String name, double[] x, double[] y, boolean steps) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            if (steps && !ys.isEmpty()) {
                xs.add(x[i]);
                ys.add(ys.getLast());
            }
            xs.add(x[i]);
            ys.add(y[i]);
        }
        if (xs.isEmpty()) return;
        c.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    }

    static double[] scaled(double[] seconds, AxisLabels.TimeUnit unit) {
        double[] out = new double[seconds.length];
        for (int i = 0; i < out.length; i++) out[i] = unit.of(seconds[i]);
        return out;
    }

    private static boolean varies(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (!Double.isFinite(x)) continue;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi > lo;
    }

    private static boolean nonZero(double[] v) {
        for (double x : v) if (Double.isFinite(x) && x != 0) return true;
        return false;
    }

    /** The charts one under another in one PNG, written through a temporary name. */
    private static void stack(Path png, List<XYChart> charts) throws IOException {
        int h = 0;
        for (XYChart c : charts) h += c.getHeight();
        BufferedImage all = new BufferedImage(WIDTH, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        int y = 0;
        for (XYChart c : charts) {
            g.drawImage(BitmapEncoder.getBufferedImage(c), 0, y, null);
            y += c.getHeight();
        }
        g.dispose();
        OutputFiles.writeAtomically(png, tmp -> javax.imageio.ImageIO.write(all, "png", tmp.toFile()));
    }
}
