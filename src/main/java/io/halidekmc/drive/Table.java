package io.halidekmc.drive;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a piecewise-linear table (measured heater trace, CSV) into {@link Schedule.Steps} fine
 * enough that the value moves less than {@code resolution} per piece (DESIGN §4: < 0.05 K for
 * temperature). Each piece takes the table's value at its midpoint, which halves the error of
 * taking its start.
 */
public final class Table {
    private Table() {}

    public static Schedule.Steps piecewise(double[] times, double[] values, double resolution) {
        if (times.length == 0 || times.length != values.length) {
            throw new IllegalArgumentException("table needs matching, non-empty time and value columns");
        }
        if (!(resolution > 0)) throw new IllegalArgumentException("resolution must be > 0");
        List<Double> ts = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        ts.add(times[0]);
        vs.add(values[0]);
        for (int i = 1; i < times.length; i++) {
            double t0 = times[i - 1], t1 = times[i];
            if (!(t1 > t0)) throw new IllegalArgumentException("table times must increase");
            double v0 = values[i - 1], v1 = values[i];
            int pieces = Math.max(1, (int) Math.ceil(Math.abs(v1 - v0) / resolution));
            for (int p = 0; p < pieces; p++) {
                double a = t0 + (t1 - t0) * p / pieces;
                double mid = (p + 0.5) / pieces;
                if (p == 0 && i == 1) {
                    vs.set(0, v0 + (v1 - v0) * mid);
                    continue;
                }
                ts.add(a);
                vs.add(v0 + (v1 - v0) * mid);
            }
        }
        ts.add(times[times.length - 1]);
        vs.add(values[values.length - 1]);
        double[] t = ts.stream().mapToDouble(Double::doubleValue).toArray();
        double[] v = vs.stream().mapToDouble(Double::doubleValue).toArray();
        return new Schedule.Steps(values[0], t, v);
    }
}
