package io.halidekmc.drive;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * The ITO heater of 001 as a linear two-pole thermal response: the film temperature is
 * T = T_amb + A_fast·x_fast + A_slow·x_slow, each x relaxing toward the heater state u ∈ {0, 1}
 * with its own time constant (a thin film on a substrate: a fast film/ITO pole and a slow
 * substrate/holder pole). Linear, so heating and cooling share the parameters, and exact for
 * any on/off schedule. Fitted to the measured traces of TARGETS §A by {@link #fitToTargets()}.
 */
public record HeaterModel(double ambient, double aFast, double tauFast, double aSlow, double tauSlow) {

    public HeaterModel {
        if (!(tauFast > 0) || !(tauSlow > 0) || !(ambient > 0)) throw new IllegalArgumentException("time constants and ambient must be > 0");
    }

    /** One measured point: heater switched on at 0 (or off at 0 after onBefore s of heating). */
    public record Point(double t, double celsius, boolean heating, double onBefore) {}

    /**
     * TARGETS §A (001, Fig. 1b, 2c, 2f): heating from ≈ 24 °C gives ≈ 31 °C after 4 s, 32 after 10 s,
     * 35 after 300 s, 37 after 600 s; cooling from ≈ 35 °C (reached after ≈ 300 s of heating, 001
     * text) gives 27 °C after 8 s.
     */
    public static final List<Point> TARGET_POINTS = List.of(
            new Point(4, 31, true, 0), new Point(10, 32, true, 0), new Point(300, 35, true, 0),
            new Point(600, 37, true, 0), new Point(8, 27, false, 300));

    /** Ambient of the heater traces, K (≈ 24 °C, TARGETS §A). */
    public static final double AMBIENT = 273.15 + 24;

    /** Fit result with 1σ parameter errors from the residual-scaled covariance. */
    public record Fit(HeaterModel model, double[] sigma, double rms) {}

    public static Fit fitToTargets() {
        double[] target = TARGET_POINTS.stream().mapToDouble(p -> p.celsius() + 273.15).toArray();
        var problem = new LeastSquaresBuilder()
                .start(new double[] {7, 2, 6, 300})
                .model(params -> {
                    double[] v = values(params);
                    double[][] jac = new double[target.length][4];
                    for (int k = 0; k < 4; k++) {
                        double[] q = params.toArray();
                        double h = 1e-6 * Math.max(1, Math.abs(q[k]));
                        q[k] += h;
                        double[] v2 = values(new ArrayRealVector(q));
                        for (int i = 0; i < target.length; i++) jac[i][k] = (v2[i] - v[i]) / h;
                    }
                    return new Pair<RealVector, RealMatrix>(new ArrayRealVector(v), MatrixUtils.createRealMatrix(jac));
                })
                .target(target)
                .parameterValidator(p -> {
                    double[] q = p.toArray();
                    for (int i = 0; i < 4; i++) q[i] = Math.max(q[i], 1e-3);
                    return new ArrayRealVector(q);
                })
                .maxEvaluations(10_000).maxIterations(10_000)
                .build();
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(problem);
        double[] p = opt.getPoint().toArray();
        double[] sigma;
        // 5 points, 4 parameters: one degree of freedom, so the covariance-based errors are rough
        try {
            sigma = opt.getSigma(1e-12).mapMultiply(Math.max(opt.getRMS(), 0.5) * Math.sqrt(target.length / (double) (target.length - 4))).toArray();
        } catch (RuntimeException singular) {
            sigma = new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        return new Fit(new HeaterModel(AMBIENT, p[0], p[1], p[2], p[3]), sigma, opt.getRMS());
    }

    private static double[] values(RealVector params) {
        double[] q = params.toArray();
        HeaterModel m = new HeaterModel(AMBIENT, q[0], Math.max(q[1], 1e-3), q[2], Math.max(q[3], 1e-3));
        double[] v = new double[TARGET_POINTS.size()];
        for (int i = 0; i < v.length; i++) {
            Point pt = TARGET_POINTS.get(i);
            v[i] = pt.heating() ? m.afterSwitch(0, 0, 1, pt.t())
                    : m.afterSwitch(m.relax(0, 1, pt.onBefore(), m.tauFast), m.relax(0, 1, pt.onBefore(), m.tauSlow), 0, pt.t());
        }
        return v;
    }

    private double relax(double x0, double u, double dt, double tau) {
        return u + (x0 - u) * Math.exp(-dt / tau);
    }

    /** Temperature dt after the heater was set to u with pole states (xf, xs). */
    public double afterSwitch(double xf, double xs, double u, double dt) {
        return ambient + aFast * relax(xf, u, dt, tauFast) + aSlow * relax(xs, u, dt, tauSlow);
    }

    /** The same response around another room temperature (drives.temperature.heater.ambient). */
    public HeaterModel withAmbient(double kelvin) {
        return new HeaterModel(kelvin, aFast, tauFast, aSlow, tauSlow);
    }

    /** Steady temperature with the heater on (DC). */
    public double steadyOn() {
        return ambient + aFast + aSlow;
    }

    /**
     * The film temperature for a heater on/off schedule (any value > 0.5 counts as on), as steps
     * that move less than {@code resolution} K each, up to tEnd. Each step takes the value at its
     * middle; the step length is set from the current slope, which only decreases within an
     * on/off piece (sums of decaying exponentials with the same sign), so no step is too long.
     */
    public Schedule.Steps temperature(Schedule heater, double tEnd, double resolution) {
        List<Double> ts = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        double xf = 0, xs = 0;
        double t = 0;
        while (t < tEnd) {
            double u = heater.valueAt(t) > 0.5 ? 1 : 0;
            double pieceEnd = Math.min(heater.nextChange(t), tEnd);
            double s = t;
            while (s < pieceEnd) {
                double rate = Math.abs(aFast * (u - relax(xf, u, s - t, tauFast)) / tauFast)
                        + Math.abs(aSlow * (u - relax(xs, u, s - t, tauSlow)) / tauSlow);
                double step = rate > 0 ? resolution / rate : pieceEnd - s;
                double e = Math.min(pieceEnd, s + Math.max(step, 1e-9));
                ts.add(s);
                vs.add(afterSwitch(xf, xs, u, (s + e) / 2 - t));
                s = e;
            }
            xf = relax(xf, u, pieceEnd - t, tauFast);
            xs = relax(xs, u, pieceEnd - t, tauSlow);
            t = pieceEnd;
        }
        double[] tt = ts.stream().mapToDouble(Double::doubleValue).toArray();
        double[] vv = vs.stream().mapToDouble(Double::doubleValue).toArray();
        return new Schedule.Steps(vv.length > 0 ? vv[0] : ambient, tt, vv);
    }
}
