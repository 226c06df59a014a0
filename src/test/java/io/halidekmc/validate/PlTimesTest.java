package io.halidekmc.validate;

import io.halidekmc.run.RunResult;
import io.halidekmc.observe.Frame;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlTimesTest {
    /** A run whose film spectrum is a Gaussian line at peak(t), light on in [0, off). */
    static RunResult run(double dt, int frames, double off, DoubleUnaryOperator peak) {
        double[] wl = new double[801];
        for (int k = 0; k < wl.length; k++) wl[k] = 400 + 0.5 * k;
        List<Frame> f = new ArrayList<>();
        List<double[]> spectra = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            double t = i * dt, p = peak.applyAsDouble(t);
            f.add(new Frame(t, i, 300, 0, new double[4], 0, 0, 0, 0, new long[4], t < off ? 50 : 0, Double.NaN));
            double[] s = new double[wl.length];
            for (int k = 0; k < wl.length; k++) s[k] = Math.exp(-Math.pow((wl[k] - p) / 10, 2));
            spectra.add(s);
        }
        return new RunResult(null, "test", "exact", "cpu", "", 1, Instant.EPOCH, Instant.EPOCH, frames * dt, 0, false, 0, 0, 6,
                f, List.of(), List.of(), wl, spectra);
    }

    @Test
    void exponentialShiftGivesTauLn10() {
        // peak 626 → 526 nm with τ = 100 s under light, back with τ = 1000 s in the dark: t90 = τ ln 10
        double off = 3000;
        RunResult r = run(1, 20000, off, t -> t < off ? 526 + 100 * Math.exp(-t / 100)
                : 626 - 100 * Math.exp(-(t - off) / 1000));
        assertEquals(100 * Math.log(10), PlTimes.segregation(r), 1.0);
        assertEquals(1000 * Math.log(10), PlTimes.remixing(r), 2.0);
        assertEquals(0, PlTimes.finalShift(r), 0.5);
    }

    @Test
    void noShiftOrNoRecoveryIsNaN() {
        RunResult flat = run(1, 100, 50, t -> 626);
        assertTrue(Double.isNaN(PlTimes.segregation(flat)));
        RunResult stuck = run(1, 400, 200, t -> t < 200 ? 626 - t / 2 : 526);
        assertTrue(Double.isFinite(PlTimes.segregation(stuck)));
        assertTrue(Double.isNaN(PlTimes.remixing(stuck)));
        assertTrue(Double.isNaN(PlTimes.recoveryAfter(stuck, 300)));
    }

    @Test
    void recoveryAfterAStepIsMeasuredFromTheStep() {
        // segregated (526 nm) until 500 s, then back to 626 nm linearly over 100 s: 90 % after 90 s
        RunResult r = run(1, 1000, 1000, t -> t < 100 ? 626 - t : t < 500 ? 526 : Math.min(626, 526 + (t - 500)));
        assertEquals(90, PlTimes.recoveryAfter(r, 500), 1.0);
        assertEquals(0, PlTimes.finalShift(r), 0.5);
    }
}
