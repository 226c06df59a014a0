package io.halidekmc.validate;

import io.halidekmc.run.RunResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state evaluators of the nanocrystal cases on synthetic PL histories (PlTimesTest's Gaussian lines). */
class NcEvaluatorsTest {
    /**
     * 626 → 505 nm with τ = 100 s under light for 1000 s (the last 10 % of the light phase sits at
     * the plateau within 10⁻³ nm), then back to 626 nm in the dark: plateau, shift and return are
     * read where the cases say, to the 0.5 nm grid of the spectra.
     */
    @Test
    void plateauShiftAndReturnAreReadFromTheLightAndDarkPhases() {
        double off = 1000;
        RunResult r = PlTimesTest.run(1, 20000, off, t -> t < off ? 505 + 121 * Math.exp(-t / 100)
                : 626 - 121 * Math.exp(-(t - off) / 1000));
        assertEquals(505, NcEvaluators.plateauUnderLight(r), 0.5);
        assertEquals(121, NcEvaluators.shiftUnderLight(r), 0.5);
        assertEquals(0, NcEvaluators.returnAfterDark(r), 0.5);
    }

    /** A plateau that is the model's own, not TARGETS' 505 nm, is reported as it is (the timing cases cannot tell). */
    @Test
    void aShallowPlateauIsReportedAsItIs() {
        double off = 1000;
        RunResult r = PlTimesTest.run(1, 2000, off, t -> t < off ? 570 + 56 * Math.exp(-t / 100) : 626);
        assertEquals(570, NcEvaluators.plateauUnderLight(r), 0.5);
        assertTrue(Math.abs(NcEvaluators.plateauUnderLight(r) - 505) > 10, "a 570 nm plateau must fail 505 ± 10 nm");
        assertTrue(Double.isFinite(PlTimes.segregation(r)), "the timing case still sees a shift, which is the point");
    }
}
