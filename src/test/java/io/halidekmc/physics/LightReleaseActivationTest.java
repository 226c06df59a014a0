package io.halidekmc.physics;

import io.halidekmc.lattice.Species;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LightReleaseActivationTest {
    @Test
    void arrheniusAboutTheReferenceTemperature() {
        double[] k = new double[Species.COUNT], ea = new double[Species.COUNT];
        k[Species.I] = 0.2;
        ea[Species.I] = 1.3;
        LightRelease l = new LightRelease(405, 1e5, 1e-8, k, ea, 296.65);
        double atRef = l.rate(Species.I, 50);
        assertEquals(atRef, l.rate(Species.I, 50, 296.65), 1e-15 * atRef);
        // 1.3 eV between 23.5 and 35 °C: exp(1.3/k_B · (1/296.65 − 1/308.15)) = 6.67
        assertEquals(Math.exp(1.3 / Constants.K_B * (1 / 296.65 - 1 / 308.15)), l.rate(Species.I, 50, 308.15) / atRef, 1e-12);
        assertEquals(6.67, l.rate(Species.I, 50, 308.15) / atRef, 0.01);
        assertEquals(0, l.rate(Species.BR, 50, 308.15), 0);
        assertEquals(0.5 * atRef, l.scaled(0.5).rate(Species.I, 50), 1e-15);
    }
}
