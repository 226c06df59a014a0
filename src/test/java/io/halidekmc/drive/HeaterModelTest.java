package io.halidekmc.drive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaterModelTest {
    @Test
    void fitReproducesTheMeasuredHeaterTracesWithinTheirReadingError() {
        HeaterModel.Fit fit = HeaterModel.fitToTargets();
        HeaterModel m = fit.model();
        // the traces are read off figures to ≈ ±1 °C (TARGETS §A gives whole degrees)
        for (HeaterModel.Point p : HeaterModel.TARGET_POINTS) {
            double t = p.heating() ? m.afterSwitch(0, 0, 1, p.t())
                    : m.temperature(new Schedule.Steps(1, new double[] {0, p.onBefore()}, new double[] {1, 0}),
                    p.onBefore() + p.t() + 1e-9, 0.01).valueAt(p.onBefore() + p.t());
            assertEquals(p.celsius() + 273.15, t, 1.0, "point " + p);
        }
        assertTrue(m.tauFast() < 10 && m.tauSlow() > 50, "a fast film pole and a slow substrate pole: " + m);
    }

    @Test
    void pulseTrainTemperatureMovesLessThanTheResolutionPerStep() {
        HeaterModel m = HeaterModel.fitToTargets().model();
        var t = m.temperature(new Schedule.PulseTrain(0, 1, 1, 10, 0, 0), 60, 0.05);
        double prev = t.valueAt(0), s = 0;
        int steps = 0;
        while (true) {
            double n = t.nextChange(s);
            if (n >= 60) break;
            double v = t.valueAt(n);
            assertTrue(Math.abs(v - prev) <= 0.05 + 1e-9, "jump " + (v - prev) + " at " + n);
            prev = v;
            s = n;
            steps++;
        }
        assertTrue(steps > 20);
        // the temperature rises during each 1 s pulse and falls between pulses
        assertTrue(t.valueAt(0.99) > t.valueAt(0.01));
        assertTrue(t.valueAt(9.9) < t.valueAt(1.01));
    }
}
