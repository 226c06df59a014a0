package io.halidekmc.physics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BandGapTest {
    @Test
    void fittedBowingReproducesTheMeasuredPeaks() {
        BandGap g = BandGap.fitToTargets();
        assertEquals(410, g.peakNm(1, 0, 0), 1e-9);
        assertEquals(520, g.peakNm(0, 1, 0), 1e-9);
        assertEquals(690, g.peakNm(0, 0, 1), 1e-9);
        // one Br/I point: fitted exactly
        assertEquals(626, g.peakNm(0, 0.4, 0.6), 1e-6);
        // two Br/Cl points, one parameter: within the ≈ ±5 nm spread of PL peak readings
        assertEquals(471, g.peakNm(0.5, 0.5, 0), 5);
        assertEquals(480, g.peakNm(0.36, 0.64, 0), 5);
        assertTrue(g.bBrI() > 0 && g.bClBr() > 0, "downward bowing: " + g);
    }
}
