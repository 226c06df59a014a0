package io.halidekmc.observe;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The x_Br = 0.55 front estimator on constructed profiles. */
class FrontPositionTest {

    @Test
    void linearRampCrossesWhereTheLineDoes() {
        double[] x = new double[100];
        for (int l = 0; l < 100; l++) x[l] = Math.max(0, Math.min(1, 1 - (l - 40) / 20.0));
        // 1 − (l − 40)/20 = 0.55 at l = 49
        assertEquals(49.0, FrontPosition.find(x, 0.55, 0, 0, 1), 1e-9);
        assertEquals(49.0, FrontPosition.find(x, 0.55, 3, 0, 1), 1e-9, "a symmetric average keeps a straight line");
    }

    @Test
    void mirroredProfileWalkedBackwardsGivesTheMirroredPosition() {
        double[] x = new double[100];
        for (int l = 0; l < 100; l++) x[l] = Math.max(0, Math.min(1, 1 - (59 - l - 40) / 20.0 + 0));
        double[] y = new double[100];
        for (int l = 0; l < 100; l++) y[l] = Math.max(0, Math.min(1, 1 - (l - 40) / 20.0));
        double[] ym = new double[100];
        for (int l = 0; l < 100; l++) ym[l] = y[99 - l];
        assertEquals(99 - 49.0, FrontPosition.find(ym, 0.55, 2, 99, -1), 1e-9);
    }

    @Test
    void noisyTanhFrontIsFoundWithinTheSmoothingWidth() {
        Random r = new Random(7);
        int n = 400;
        double[] x = new double[n];
        for (int l = 0; l < n; l++) {
            double m = 0.5 * (1 - Math.tanh((l - 250) / 8.0));   // x = 0.55 at l = 250 − 8·atanh(0.1) = 249.2
            // binomial noise of 48 sites per layer
            int k = 0;
            for (int s = 0; s < 48; s++) if (r.nextDouble() < m) k++;
            x[l] = k / 48.0;
        }
        double f = FrontPosition.find(x, 0.55, 5, 0, 1);
        assertEquals(250 - 8 * 0.5 * Math.log(1.1 / 0.9), f, 3.0);
    }

    @Test
    void noCrossingGivesNaNAndAFrontAlreadyPastTheStartGivesTheStart() {
        double[] allBr = new double[50];
        java.util.Arrays.fill(allBr, 1.0);
        assertTrue(Double.isNaN(FrontPosition.find(allBr, 0.55, 2, 0, 1)));
        double[] allCl = new double[50];
        assertEquals(10, FrontPosition.find(allCl, 0.55, 2, 10, 1));
    }
}
