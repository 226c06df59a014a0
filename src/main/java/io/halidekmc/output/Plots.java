package io.halidekmc.output;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PNG plots like the papers' figures: line plots (order parameter, PL peak vs time, profiles)
 * and a spectral image (time × wavelength). Headless; each written via a temporary name.
 */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    public record Series(String name, double[] x, double[] y) {}

    public static void lines(Path png, String title, String xLabel, String yLabel, List<Series> series) throws IOException {
        XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setLegendVisible(series.size() > 1);
        double xmax = 0;
        for (Series s : series) for (double v : s.x()) if (Double.isFinite(v)) xmax = Math.max(xmax, Math.abs(v));
        c.getStyler().setXAxisDecimalPattern(xmax > 0 && (xmax < 1e-2 || xmax >= 1e5) ? "0.##E0" : "0.##");
        for (Series s : series) {
            double[][] clean = finite(s.x(), s.y());
            if (clean[0].length == 0) continue;
            c.addSeries(s.name(), clean[0], clean[1]).setMarker(SeriesMarkers.NONE);
        }
        save(png, c);
    }

    /** Spectral image: rows are times, columns wavelengths; intensity as colour. */
    public static void spectralImage(Path png, String title, double[] times, double[] wavelengths, double[][] intensity)
            throws IOException {
        // thin the grid to at most 120 × 120 cells: a heat map has no use for more
        int ts = Math.max(1, (times.length + 119) / 120), ws = Math.max(1, (wavelengths.length + 59) / 60);
        List<Number> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < times.length; i += ts) xs.add(round(times[i]));
        for (int k = 0; k < wavelengths.length; k += ws) ys.add(round(wavelengths[k]));
        List<Number[]> cells = new ArrayList<>();
        double max = 0;
        for (double[] row : intensity) for (double v : row) max = Math.max(max, v);
        for (int i = 0, xi = 0; i < times.length; i += ts, xi++) {
            for (int k = 0, yi = 0; k < wavelengths.length; k += ws, yi++) {
                cells.add(new Number[] {xi, yi, max > 0 ? intensity[i][k] / max : 0});
            }
        }
        HeatMapChart c = new HeatMapChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("time (s)").yAxisTitle("wavelength (nm)").build();
        c.getStyler().setRangeColors(new Color[] {Color.BLACK, new Color(60, 0, 120), Color.RED, Color.YELLOW, Color.WHITE});
        c.getStyler().setShowValue(false);
        c.getStyler().setPlotContentSize(1.0);
        c.getStyler().setXAxisDecimalPattern("0.###E0");
        c.addSeries("PL", xs, ys, cells);
        save(png, c);
    }

    /**
     * One curve of {@link #markedLines}: y at each x label (NaN: no point), and where given ± err
     * as error bars (null: none; NaN: no bar at that point, e.g. a mean of one replica).
     */
    public record Curve(String name, double[] y, double[] err) {
        public Curve(String name, double[] y) {
            this(name, y, null);
        }

        /** The error bars with a missing bar drawn as none (XChart takes no NaN). */
        double[] bars() {
            double[] b = new double[y.length];
            for (int i = 0; i < b.length; i++) b[i] = Double.isFinite(err[i]) ? err[i] : 0;
            return b;
        }
    }

    /**
     * Few points joined by lines, each marked (a sweep's outcome against one parameter). Numeric
     * x labels give a numeric axis; any other label makes x a row of categories.
     */
    public static void markedLines(Path png, String title, String xLabel, String yLabel, List<String> xLabels, List<Curve> curves)
            throws IOException {
        double[] x = new double[xLabels.size()];
        boolean numeric = true;
        for (int i = 0; i < x.length && numeric; i++) {
            try {
                x[i] = Double.parseDouble(xLabels.get(i));
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        if (numeric) {
            XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            c.getStyler().setLegendVisible(curves.size() > 1);
            for (Curve k : curves) {
                double[][] clean = finite(x, k.y());
                if (clean[0].length == 0) continue;
                if (k.err() == null) {
                    c.addSeries(k.name(), clean[0], clean[1]).setMarker(SeriesMarkers.CIRCLE);
                } else {
                    double[][] bars = finite(x, k.y(), k.bars());
                    c.addSeries(k.name(), clean[0], clean[1], bars[2]).setMarker(SeriesMarkers.CIRCLE);
                }
            }
            save(png, c);
            return;
        }
        org.knowm.xchart.CategoryChart c = new org.knowm.xchart.CategoryChartBuilder().width(800).height(500).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
        c.getStyler().setLegendVisible(curves.size() > 1);
        for (Curve k : curves) {
            List<Double> y = new ArrayList<>(), e = new ArrayList<>();
            double[] bars = k.err() == null ? null : k.bars();
            for (int i = 0; i < k.y().length; i++) {
                y.add(Double.isFinite(k.y()[i]) ? k.y()[i] : null);
                if (bars != null) e.add(bars[i]);
            }
            if (bars == null) c.addSeries(k.name(), xLabels, y).setMarker(SeriesMarkers.CIRCLE);
            else c.addSeries(k.name(), xLabels, y, e).setMarker(SeriesMarkers.CIRCLE);
        }
        save(png, c);
    }

    /** Heat map of values[row][column] over labelled columns (x) and rows (y), values written in the cells; NaN cells stay empty. */
    public static void heatMap(Path png, String title, String xLabel, String yLabel, List<String> columns, List<String> rows,
                               double[][] values) throws IOException {
        List<Number[]> cells = new ArrayList<>();
        for (int yi = 0; yi < rows.size(); yi++) {
            for (int xi = 0; xi < columns.size(); xi++) {
                double v = values[yi][xi];
                if (Double.isFinite(v)) cells.add(new Number[] {xi, yi, round(v)});
            }
        }
        HeatMapChart c = new HeatMapChartBuilder().width(800).height(600).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setRangeColors(new Color[] {new Color(90, 130, 220), new Color(250, 240, 170), new Color(220, 60, 40)});
        c.getStyler().setShowValue(columns.size() * rows.size() <= 400);
        c.getStyler().setPlotContentSize(1.0);
        c.addSeries("sweep", columns, rows, cells);
        save(png, c);
    }

    private static double round(double v) {
        if (v == 0) return 0;
        double scale = Math.pow(10, 3 - Math.ceil(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    /** The points where x and y are finite, with the matching entries of {@code z}: [x, y, z]. */
    private static double[][] finite(double[] x, double[] y, double[] z) {
        double[][] xy = finite(x, y);
        double[] c = new double[xy[0].length];
        for (int i = 0, j = 0; i < x.length; i++) if (Double.isFinite(x[i]) && Double.isFinite(y[i])) c[j++] = z[i];
        return new double[][] {xy[0], xy[1], c};
    }

    private static double[][] finite(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) if (Double.isFinite(x[i]) && Double.isFinite(y[i])) n++;
        double[] a = new double[n], b = new double[n];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                a[j] = x[i];
                b[j++] = y[i];
            }
        }
        return new double[][] {a, b};
    }

    private static void save(Path png, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) throws IOException {
        OutputFiles.writeAtomically(png, tmp -> {
            try (var out = java.nio.file.Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
