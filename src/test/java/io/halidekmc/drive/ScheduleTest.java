package io.halidekmc.drive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest {
    @Test
    void pulseTrainSwitchesAtPulseEdgesAndStopsAfterCount() {
        var p = new Schedule.PulseTrain(300, 310, 0.5, 5, 1, 2);
        assertEquals(300, p.valueAt(0.9));
        assertEquals(1, p.nextChange(0.5));
        assertEquals(310, p.valueAt(1.0));
        assertEquals(1.5, p.nextChange(1.0));
        assertEquals(300, p.valueAt(1.5));
        assertEquals(6, p.nextChange(1.5));
        assertEquals(310, p.valueAt(6.2));
        assertEquals(6.5, p.nextChange(6.2));
        assertEquals(Double.POSITIVE_INFINITY, p.nextChange(6.5));
        assertEquals(300, p.valueAt(11.2));
    }

    @Test
    void stepsHoldEachValueUntilTheNextTime() {
        var s = new Schedule.Steps(1, new double[] {0, 2, 5}, new double[] {1, 3, 7});
        assertEquals(1, s.valueAt(1.99));
        assertEquals(3, s.valueAt(2));
        assertEquals(5, s.nextChange(2));
        assertEquals(7, s.valueAt(100));
        assertEquals(Double.POSITIVE_INFINITY, s.nextChange(5));
    }

    @Test
    void tableIsCutIntoPiecesFinerThanTheResolution() {
        // heater-like ramp 297 K → 304 K over 4 s (TARGETS A): pieces must move < 0.05 K
        var s = Table.piecewise(new double[] {0, 4, 10}, new double[] {297, 304, 305}, 0.05);
        double t = 0;
        double last = s.valueAt(0);
        int pieces = 0;
        while (t < 10) {
            double next = s.nextChange(t);
            if (next == Double.POSITIVE_INFINITY) break;
            double v = s.valueAt(next);
            assertTrue(Math.abs(v - last) <= 0.05 + 1e-12, "jump " + (v - last) + " at " + next);
            last = v;
            t = next;
            pieces++;
        }
        assertTrue(pieces >= 160, "7 K / 0.05 K + 1 K / 0.05 K pieces, got " + pieces);
        assertEquals(305, s.valueAt(11));
        // each piece holds the table's value at its midpoint
        assertEquals(297 + 7 * (0.5 / 140) , s.valueAt(0.0001), 1e-9);
    }
}
