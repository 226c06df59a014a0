package io.halidekmc.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replicas of each grid point reduced to what a table and a plot show: per outcome the mean,
 * its standard error and how many replicas it rests on. A replica counts for an outcome when it
 * finished {@code ok} with a finite value; a failed replica, or an outcome a run leaves undefined
 * (a time never reached), lowers n rather than turning the mean into NaN.
 */
public final class ReplicaStats {
    private ReplicaStats() {}

    /**
     * @param mean mean of the n finite values (NaN when n = 0)
     * @param se   standard error of the mean, sample standard deviation (n − 1) / √n; NaN when n < 2,
     *             where one value says nothing about the spread
     */
    public record Stat(double mean, double se, int n) {}

    /**
     * One grid point and its runs in replica order.
     *
     * @param index the grid point's index (first axis slowest)
     */
    public record Point(int index, List<String> values, List<SweepRow> runs, Map<String, Stat> stats) {
        public Stat stat(String outcome) {
            return stats.getOrDefault(outcome, new Stat(Double.NaN, Double.NaN, 0));
        }

        public boolean ok() {
            return runs.stream().allMatch(SweepRow::ok);
        }
    }

    /** Two passes (mean, then squared deviations): one pass loses digits when the spread is small beside the mean. */
    public static Stat of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) return new Stat(Double.NaN, Double.NaN, 0);
        double mean = sum / n;
        if (n < 2) return new Stat(mean, Double.NaN, n);
        double ss = 0;
        for (double v : values) if (Double.isFinite(v)) ss += (v - mean) * (v - mean);
        return new Stat(mean, Math.sqrt(ss / (n - 1)) / Math.sqrt(n), n);
    }

    /** The runs grouped by grid point (run index modulo the point count, {@link SweepPoint#index}), in point order. */
    public static List<Point> byPoint(SweepSpec spec, List<SweepRow> runs) {
        int n = spec.points();
        List<List<SweepRow>> groups = new ArrayList<>();
        for (int i = 0; i < n; i++) groups.add(new ArrayList<>());
        List<SweepRow> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingInt(SweepRow::index));
        for (SweepRow r : sorted) groups.get(r.index() % n).add(r);
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<SweepRow> g = groups.get(i);
            if (g.isEmpty()) continue;
            Map<String, Stat> stats = new LinkedHashMap<>();
            for (String o : spec.outcomes()) {
                double[] v = new double[g.size()];
                for (int k = 0; k < v.length; k++) v[k] = g.get(k).ok() ? g.get(k).outcome(o) : Double.NaN;
                stats.put(o, of(v));
            }
            out.add(new Point(i, g.getFirst().values(), List.copyOf(g), stats));
        }
        return out;
    }
}
