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

    /** Series named so are drawn as marker lines (see {@link RunPlots#withJunctions}). */
    static final String MARKER = "junction";

    public static void lines(Path png, String title, String xLabel, String yLabel, List<Series> series) throws IOException {
        XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setLegendVisible(series.size() > 1);
        double xmax = 0;
        for (Series s : series) for (double v : s.x()) if (Double.isFinite(v)) xmax = Math.max(xmax, Math.abs(v));
        c.getStyler().setXAxisDecimalPattern(xmax > 0 && (xmax < 1e-2 || xmax >= 1e5) ? "0.##E0" : "0.##");
        c.getStyler().setxAxisTickLabelsFormattingFunction(AxisLabels::sig3);
        c.getStyler().setyAxisTickLabelsFormattingFunction(AxisLabels::sig3);
        for (Series s : series) {
            double[][] clean = finite(s.x(), s.y());
            if (clean[0].length == 0) continue;
            var added = c.addSeries(s.name(), clean[0], clean[1]).setMarker(SeriesMarkers.NONE);
            // a marker line (a wire's junction), not data: black and dashed so no curve is taken for it
            if (s.name().startsWith(MARKER)) {
                added.setLineColor(Color.BLACK).setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        save(png, c);
    }

    /**
     * Spectral image: rows are times, columns wavelengths; intensity as colour, normalised to the
     * image's maximum (the colour bar reads 0–1 to three digits). Time columns are labelled in the
     * run's time unit, thinned so the labels do not overlap ({@link AxisLabels#thinned}).
     */
    public static void spectralImage(Path png, String title, double[] times, double[] wavelengths, double[][] intensity)
            throws IOException {
        // thin the grid to at most 120 × 60 cells: a heat map has no use for more
        int ts = Math.max(1, (times.length + 119) / 120), ws = Math.max(1, (wavelengths.length + 59) / 60);
        AxisLabels.TimeUnit unit = AxisLabels.timeUnit(times);
        double[] shownNm = new double[(wavelengths.length + ws - 1) / ws];
        for (int k = 0; k < wavelengths.length; k += ws) shownNm[k / ws] = wavelengths[k];
        List<String> xs = spectralTimeLabels(times);
        List<String> ys = distinct(AxisLabels.thinned(shownNm, SPECTRAL_Y_PX, true));
        List<Number[]> cells = new ArrayList<>();
        double max = 0;
        for (double[] row : intensity) for (double v : row) max = Math.max(max, v);
        for (int i = 0, xi = 0; i < times.length; i += ts, xi++) {
            for (int k = 0, yi = 0; k < wavelengths.length; k += ws, yi++) {
                cells.add(new Number[] {xi, yi, max > 0 ? intensity[i][k] / max : 0});
            }
        }
        // XChart's gradient colour bar prints its end values unformatted: pinned to 0 and 1 they read
        // "0.0" and "1.0" (not 0.9972829698072689), and the title says what the colours measure
        HeatMapChart c = new HeatMapChartBuilder().width(900).height(500).title(title + "; colour: " + SPECTRAL_LEGEND)
                .xAxisTitle(unit.axisTitle()).yAxisTitle("wavelength (nm)").build();
        c.getStyler().setMin(0).setMax(1);
        c.getStyler().setRangeColors(new Color[] {Color.BLACK, new Color(60, 0, 120), Color.RED, Color.YELLOW, Color.WHITE});
        c.getStyler().setShowValue(false);
        c.getStyler().setPlotContentSize(1.0);
        c.getStyler().setHeatMapDecimalValueFormatter(AxisLabels::sig3);
        c.addSeries(SPECTRAL_LEGEND, xs, ys, cells);
        save(png, c);
    }

    /** The spectral image's time-column labels: in the run's time unit, thinned to not overlap, blanks made distinct. */
    static List<String> spectralTimeLabels(double[] times) {
        int ts = Math.max(1, (times.length + 119) / 120);
        AxisLabels.TimeUnit unit = AxisLabels.timeUnit(times);
        double[] shown = new double[(times.length + ts - 1) / ts];
        for (int i = 0; i < times.length; i += ts) shown[i / ts] = unit.of(times[i]);
        return distinct(AxisLabels.thinned(shown, SPECTRAL_X_PX));
    }

    /** The colour bar's name: what the colours measure and in what unit. */
    static final String SPECTRAL_LEGEND = "PL intensity (1 = image maximum)";
    /** Width and height of the spectral image's plot area, px (900 × 500 chart less axes, title and colour bar). */
    static final int SPECTRAL_X_PX = 620, SPECTRAL_Y_PX = 400;

    /**
     * Category names must differ (XChart keys columns by name) and not be empty (it cannot lay out
     * an empty text): a blank label becomes as many spaces as make it unique, which draw as nothing.
     */
    static List<String> distinct(List<String> labels) {
        List<String> out = new ArrayList<>(labels.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String l : labels) {
            String u = l.isEmpty() ? " " : l;
            while (!seen.add(u)) u = u + " ";
            out.add(u);
        }
        return out;
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
        c.getStyler().setHeatMapDecimalValueFormatter(AxisLabels::sig3);
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
