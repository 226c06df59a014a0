package io.halidekmc.sweep;

import io.halidekmc.output.Plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep-<outcome>.png}: a heat map over the two grid axes, or the outcome against the
 * plot's x axis with one line per combination of the other axes' values. Failed points leave a
 * gap. An outcome with no finite value at all gets no plot. With replicas each point is the
 * replicas' mean, and the lines carry ± one standard error as error bars (the heat map shows the mean).
 */
public final class SweepPlots {
    private SweepPlots() {}

    public static List<Path> write(SweepSpec spec, List<SweepRow> runs, Path dir) throws IOException {
        List<ReplicaStats.Point> rows = ReplicaStats.byPoint(spec, runs);
        boolean errorBars = spec.replicas() > 1;
        List<Path> written = new ArrayList<>();
        List<String> paths = Grid.axisPaths(spec);
        int xa = paths.indexOf(spec.plot().x());
        for (String outcome : spec.plot().outcomes()) {
            if (rows.stream().noneMatch(r -> Double.isFinite(r.stat(outcome).mean()))) continue;
            Path png = dir.resolve("sweep-" + SweepOutcomes.fileName(outcome) + ".png");
            var oc = SweepOutcomes.byName(outcome);
            String yLabel = outcome + (oc.unit().equals("1") ? "" : " (" + oc.unit() + ")");
            String title = spec.name() + ": " + outcome + (spec.replicas() == 1 ? ""
                    : spec.plot().heatMap() ? " (mean of " + spec.replicas() + " replicas)"
                    : " (mean ± standard error of " + spec.replicas() + " replicas)");
            List<String> xs = labels(spec, xa);
            if (spec.plot().heatMap()) {
                int ya = 1 - xa;
                List<String> ys = labels(spec, ya);
                double[][] v = new double[ys.size()][xs.size()];
                for (double[] row : v) java.util.Arrays.fill(row, Double.NaN);
                for (ReplicaStats.Point r : rows) v[ys.indexOf(r.values().get(ya))][xs.indexOf(r.values().get(xa))] = r.stat(outcome).mean();
                // the colour bar has no title of its own: its quantity and unit go in the chart's
                Plots.heatMap(png, title + "; colour: " + yLabel, paths.get(xa), paths.get(ya), xs, ys, v);
            } else {
                // one curve per combination of the other axes, named by their values
                Map<String, double[][]> curves = new LinkedHashMap<>();
                for (ReplicaStats.Point r : rows) {
                    StringBuilder name = new StringBuilder();
                    for (int a = 0; a < paths.size(); a++) {
                        if (a == xa) continue;
                        if (!name.isEmpty()) name.append(", ");
                        name.append(paths.get(a)).append('=').append(r.values().get(a));
                    }
                    // [0]: the mean, [1]: its standard error
                    double[][] y = curves.computeIfAbsent(name.isEmpty() ? outcome : name.toString(), k -> {
                        double[][] nan = new double[2][xs.size()];
                        for (double[] row : nan) java.util.Arrays.fill(row, Double.NaN);
                        return nan;
                    });
                    ReplicaStats.Stat st = r.stat(outcome);
                    y[0][xs.indexOf(r.values().get(xa))] = st.mean();
                    y[1][xs.indexOf(r.values().get(xa))] = st.se();
                }
                List<Plots.Curve> list = new ArrayList<>();
                curves.forEach((k, y) -> list.add(new Plots.Curve(k, y[0], errorBars ? y[1] : null)));
                Plots.markedLines(png, title, paths.get(xa), yLabel, xs, list);
            }
            written.add(png);
        }
        return written;
    }

    private static List<String> labels(SweepSpec spec, int axis) {
        return spec.axes().get(axis).values().stream().map(io.halidekmc.output.Labels::of).toList();
    }
}
