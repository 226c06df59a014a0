package io.halidekmc.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 item 5: the texts plots carry, read from the code that makes them (not from pixels):
 * time axes in ns … h, three significant digits, PL-image time labels that do not overlap, drive
 * strips in their units, and a wire's junction marked in µm.
 */
class PlotLabelsTest {
    @ParameterizedTest
    @CsvSource({"5.0e-7, ns, 500", "8.0e-6, µs, 8", "0.25, ms, 250", "90, s, 90", "1440, min, 24", "7199, min, 120", "16200, h, 4.5"})
    void timeAxisTakesTheUnitTheRunLastsIn(double end, String unit, String endLabel) {
        AxisLabels.TimeUnit u = AxisLabels.timeUnit(end);
        assertEquals(unit, u.name());
        assertEquals("time (" + unit + ")", u.axisTitle());
        assertEquals(endLabel, AxisLabels.sig3(u.of(end)));
    }

    @ParameterizedTest
    @CsvSource({"0.9972829698072689, 0.997", "1231.96, 1230", "2463.91, 2460", "0.05, 0.05", "297.15, 297", "0, 0", "-4.0, -4",
            "1.5e-5, 1.5e-05", "2.0e6, 2e+06", "0.001, 0.001", "12.5, 12.5"})
    void numbersHaveThreeSignificantDigitsAndALeadingZero(double v, String text) {
        assertEquals(text, AxisLabels.sig3(v));
    }

    @Test
    void plImageTimeLabelsOfAFourAndAHalfHourRunDoNotOverlap() {
        // 30 min light + 4 h dark at 10 s output: 1621 frames, thinned to ≤ 120 columns
        double[] t = new double[1621];
        for (int i = 0; i < t.length; i++) t[i] = 10.0 * i;
        List<String> labels = Plots.spectralTimeLabels(t);
        assertEquals(116, labels.size(), "one label per drawn column: every 14th frame of 1621 (≤ 120 columns)");
        assertEquals("0", labels.getFirst());
        double columnPx = (double) Plots.SPECTRAL_X_PX / labels.size();
        int last = -1, shown = 0;
        for (int i = 0; i < labels.size(); i++) {
            String s = labels.get(i).strip();
            if (s.isEmpty()) continue;
            assertTrue(s.matches("\\d+(\\.\\d+)?"), "plain hours, 3 digits: " + s);
            if (last >= 0) {
                double room = (i - last) * columnPx;
                double need = Math.max(labels.get(last).strip().length(), s.length()) * AxisLabels.CHAR_PX + AxisLabels.GAP_PX;
                assertTrue(room >= need, "labels " + labels.get(last) + " and " + s + " overlap: " + room + " px < " + need);
            }
            last = i;
            shown++;
        }
        assertTrue(shown >= 5, "enough labels to read the axis: " + labels);
        assertEquals(labels.size(), new java.util.HashSet<>(labels).size(), "XChart needs distinct column names");
        // the thinning is real: unthinned, 116 labels of 3–4 characters cannot fit 620 px
        assertTrue(shown < 116);
    }

    @Test
    void thinningShowsEveryLabelWhenTheyFit() {
        assertEquals(List.of("0", "1", "2", "3"), AxisLabels.thinned(new double[] {0, 1, 2, 3}, 600));
        assertEquals(List.of("0", "", "2", ""), AxisLabels.thinned(new double[] {0, 1, 2, 3}, 60));
    }

    @Test
    void driveStripsShowWhatChangedInItsUnit() {
        double[] t = {0, 1, 2};
        var d = new TimePlots.Drives(t, new double[] {297, 297, 297}, new double[] {50, 50, 0}, new double[] {4e6, 4e6, 4e6});
        List<TimePlots.Strip> strips = TimePlots.strips(d);
        assertEquals(List.of("light (W/cm²)", "field (V/µm)"), strips.stream().map(TimePlots.Strip::label).toList());
        assertEquals(4.0, strips.get(1).values()[0], 1e-12);
        assertEquals(" (T = 297 K)", TimePlots.constantTemperature(d));
        var heated = new TimePlots.Drives(t, new double[] {297, 305, 310}, new double[3], new double[3]);
        assertEquals(List.of("T (K)"), TimePlots.strips(heated).stream().map(TimePlots.Strip::label).toList());
        assertEquals("", TimePlots.constantTemperature(heated));
        double[] nan = {Double.NaN, Double.NaN, Double.NaN};
        assertEquals(List.of(), TimePlots.strips(new TimePlots.Drives(t, new double[] {300, 300, 300}, nan, nan)),
                "a file without the light column draws no strip");
    }

    @Test
    void wireJunctionIsAMarkedLineInMicrons() {
        PlotInputs r = new PlotInputs("w", new double[0], new double[0], new double[0], List.of(), new double[0], List.of(), 5.8, 10,
                new double[0], new double[0], new double[0][], List.of(), TimePlots.Drives.NONE, new double[] {5887.0});
        List<Plots.Series> curves = List.of(new Plots.Series("t = 0 s", new double[] {0, 5, 10}, new double[] {1, 0.5, 0}));
        List<Plots.Series> marked = RunPlots.withJunctions(curves, r);
        assertEquals(2, marked.size());
        Plots.Series j = marked.get(1);
        assertEquals("junction", j.name());
        assertEquals(5.887, j.x()[0], 1e-12);
        assertEquals(List.of(0.0, 1.0), List.of(j.y()[0], j.y()[1]), "spans the curves");
        List<Plots.Series> zoom = RunPlots.window(curves, 4, 6);
        assertEquals(1, zoom.getFirst().x().length);
        assertEquals(RunPlots.WIRE_Z, "z (µm, physical)");
    }
}
