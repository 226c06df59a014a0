package io.halidekmc.validate;

import io.halidekmc.physics.Constants;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CalibrationTest {
    @Test
    void oneNewtonStepRecoversAnArrheniusOffset() {
        // an exactly Arrhenius model ln τ = −ln k + E g is off by Δln k = −0.7, ΔE = +0.12 eV: the
        // step must return exactly (+0.7, −0.12), so an iteration on such a model converges at once
        double g1 = 1 / (Constants.K_B * 296.65), g2 = 1 / (Constants.K_B * 308.15);
        double da = -0.7, db = 0.12;
        double y1 = -da + db * g1, y2 = -da + db * g2;
        double[] step = Calibration.solve(y1, y2, g1, g2);
        assertEquals(-da, step[0], 1e-9);
        assertEquals(-db, step[1], 1e-12);
    }
}
