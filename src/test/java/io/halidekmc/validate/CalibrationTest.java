package io.halidekmc.validate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CalibrationTest {
    static final double[][] J = {{-1, 0, -0.13, 0.2}, {-1, -1.46, -0.13, 0}, {0, 0, -1, 0}, {0, 0, -1, -1.46}};

    @Test
    void newtonStepOnALinearModelLandsOnTheSolution() {
        // y = J·(u − u*): one step u − J⁻¹y must return u* to rounding
        double[] uStar = {-2.7, 1.3, -5.0, 1.07}, u = {-2.0, 1.1, -3.5, 1.2};
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) for (int k = 0; k < 4; k++) y[i] += J[i][k] * (u[k] - uStar[k]);
        double[] du = Calibration.solve(J, y);
        for (int i = 0; i < 4; i++) assertEquals(uStar[i], u[i] - du[i], 1e-12);
    }

    @Test
    void broydenUpdateSatisfiesTheSecantCondition() {
        double[][] j = new double[4][];
        for (int i = 0; i < 4; i++) j[i] = J[i].clone();
        double[] du = {0.3, -0.1, 0.5, 0.05}, yOld = {0.1, 0.2, -0.3, 0.4}, yNew = {0.5, -0.2, 0.1, 0.0};
        Calibration.broyden(j, du, yNew, yOld);
        double[] jdu = new double[4];
        for (int i = 0; i < 4; i++) for (int k = 0; k < 4; k++) jdu[i] += j[i][k] * du[k];
        double[] dy = new double[4];
        for (int i = 0; i < 4; i++) dy[i] = yNew[i] - yOld[i];
        assertArrayEquals(dy, jdu, 1e-12);
    }
}
