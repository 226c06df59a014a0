package io.halidekmc.run;

import io.halidekmc.observe.Frame;
import io.halidekmc.observe.PlSpectrum;

import io.halidekmc.lattice.Species;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each outcome's definition pinned on hand-made runs: spectra of single lines on a 1 nm grid, so every peak is exact. */
class OutcomesTest {
    static final double[] GRID = PlSpectrum.grid(380, 760, 381);

    /** A spectrum with the given weights at the given wavelengths (each on a grid point), zero elsewhere. */
    static double[] lines(double... wavelengthAndWeight) {
        double[] s = new double[GRID.length];
        for (int i = 0; i < wavelengthAndWeight.length; i += 2) s[(int) Math.round(wavelengthAndWeight[i] - 380)] += wavelengthAndWeight[i + 1];
        return s;
    }

    static Frame frame(double t, long vacancies, double xI, double order, long reservoirI) {
        double[] x = new double[Species.COUNT];
        x[Species.I] = xI;
        x[Species.BR] = 1 - xI;
        long[] res = new long[Species.COUNT];
        res[Species.I] = reservoirI;
        return new Frame(t, 0, 300, 0, x, vacancies, order, Double.NaN, 0, res, 0, Double.NaN);
    }

    /** Frames 10 s apart, one spectrum per frame with its single line at the given peak. */
    static RunResult run(double... peaks) {
        List<Frame> frames = new ArrayList<>();
        List<double[]> spectra = new ArrayList<>();
        for (int k = 0; k < peaks.length; k++) {
            frames.add(frame(10.0 * k, 5 + k, 0.6 - 0.01 * k, 0.1 * k, 3L * k));
            spectra.add(lines(peaks[k], 1));
        }
        return result(frames, GRID, spectra, 12345);
    }

    static RunResult result(List<Frame> frames, double[] wl, List<double[]> spectra, long events) {
        Instant now = Instant.EPOCH;
        return new RunResult(null, "test", "exact", "cpu", "", 1, now, now, frames.getLast().time(), events, false,
                1000, 1000, 6.0, frames, List.of(), List.of(), wl, spectra);
    }

    static double value(String name, RunResult r) {
        Outcomes.Outcome o = Outcomes.byName(name);
        assertNotNull(o, name);
        return o.of(r);
    }

    @Test
    void peakFinalAndShiftAreTheLastPeakAndInitialMinusLast() {
        RunResult r = run(626, 626, 600, 557, 550, 552);
        assertEquals(552, value("pl_peak_final_nm", r), 1e-12);
        assertEquals(626 - 552, value("pl_peak_shift_nm", r), 1e-12);
        assertEquals(-10, value("pl_peak_shift_nm", run(626, 636)), 1e-12, "a red shift is negative");
    }

    @Test
    void timeToSegregateIsTheFirstFrameAtNinetyPercentOfTheLargestShift() {
        // shifts 0, 0, 26, 69, 76, 74: 90 % of 76 is 68.4, first reached at frame 3 (t = 30 s)
        assertEquals(30, value("time_to_segregate_s", run(626, 626, 600, 557, 550, 552)), 1e-12);
        // a red shift counts the same: |shift| 0, 5, 10, 9 → 9 needed, first at frame 2
        assertEquals(20, value("time_to_segregate_s", run(626, 631, 636, 635)), 1e-12);
    }

    @Test
    void timeToSegregateIsNaNWhenThePeakNeverMovesMoreThanTwoNm() {
        assertTrue(Double.isNaN(value("time_to_segregate_s", run(626, 627, 624, 628))));
        assertEquals(30, value("time_to_segregate_s", run(626, 627, 624, 623)), 1e-12, "3 nm counts");
    }

    @Test
    void mixedPlFractionIsTheWeightAtOrAboveTheMidpointBetweenInitialPeakAndBrEnd() {
        // initial peak 626 nm, CsPbBr3 end 520 nm: split at 573 nm, which itself counts as mixed
        List<Frame> frames = List.of(frame(0, 1, 0.6, 0, 0), frame(1, 1, 0.6, 0, 0));
        List<double[]> spectra = List.of(lines(626, 1), lines(640, 0.1, 573, 0.2, 572, 0.3, 510, 0.4));
        assertEquals(0.3, value("mixed_pl_fraction_final", result(frames, GRID, spectra, 1)), 1e-12);
        // the split follows the initial peak: starting at 600 nm puts it at 560 nm
        spectra = List.of(lines(600, 1), lines(640, 0.1, 573, 0.2, 572, 0.3, 510, 0.4));
        assertEquals(0.6, value("mixed_pl_fraction_final", result(frames, GRID, spectra, 1)), 1e-12);
    }

    @Test
    void lastFrameOutcomesReadTheLastFrameAndEventsTheRun() {
        RunResult r = run(626, 620, 610);
        assertEquals(0.58, value("x_I_final", r), 1e-12);
        assertEquals(7, value("vacancies_final", r));
        assertEquals(6, value("reservoir_I_final", r));
        assertEquals(0.2, value("order_final", r), 1e-12);
        assertEquals(12345, value("events", r));
    }

    @Test
    void plOutcomesAreNaNWithoutPl() {
        RunResult r = result(List.of(frame(0, 1, 0.6, 0, 0), frame(1, 2, 0.6, 0, 0)), new double[0], List.of(), 7);
        for (String name : List.of("pl_peak_final_nm", "pl_peak_shift_nm", "mixed_pl_fraction_final", "time_to_segregate_s")) {
            assertTrue(Double.isNaN(value(name, r)), name);
        }
        assertEquals(2, value("vacancies_final", r));
    }

    @Test
    void everyOutcomeHasAUniqueNameAndADescription() {
        var names = Outcomes.names();
        assertEquals(names.size(), new java.util.HashSet<>(names).size());
        for (var o : Outcomes.all()) assertTrue(o.description().length() > 20, o.name());
        assertTrue(names.containsAll(List.of("pl_peak_final_nm", "pl_peak_shift_nm", "mixed_pl_fraction_final", "time_to_segregate_s",
                "x_I_final", "vacancies_final", "reservoir_I_final", "order_final", "events")));
    }

    @Test
    void wireOutcomesAreTheLastWireFrameAndTheHalidesStoredSinceTheStart() {
        List<Frame> frames = List.of(frame(0, 5, 0, 0, 0), frame(10, 5, 0, 0, 0));
        long[][] start = new long[2][Species.COUNT], end = new long[2][Species.COUNT];
        start[0][Species.BR] = 100;
        start[1][Species.CL] = 50;
        end[0][Species.BR] = 112;   // +12 Br into the low-z store
        end[0][Species.CL] = 3;     // +3 Cl
        end[1][Species.CL] = 45;    // −5 Cl back out of the high-z store
        var w0 = new io.halidekmc.observe.WireFrame(0, 1200, 0, 0, start, new double[2], new double[0]);
        var w1 = new io.halidekmc.observe.WireFrame(10, 1187.5, 12.5, 0.01, end, new double[2], new double[0]);
        RunResult r = new RunResult(null, "test", "exact", "cpu", "", 1, Instant.EPOCH, Instant.EPOCH, 10, 99, false,
                1000, 1000, 6.0, frames, List.of(), List.of(), new double[0], List.of(), List.of(w0, w1));
        assertEquals(1187.5, value("wire_front_final_nm", r), 0);
        assertEquals(12.5, value("wire_migration_final_nm", r), 0);
        assertEquals(12 + 3 - 5, value("wire_stored_charge_final_e", r), 0);
        assertEquals("e", Outcomes.byName("wire_stored_charge_final_e").unit());
        RunResult noWire = run(626, 620);
        for (String n : List.of("wire_front_final_nm", "wire_migration_final_nm", "wire_stored_charge_final_e")) {
            assertTrue(Double.isNaN(value(n, noWire)), n + " is NaN without a wire device");
        }
    }
}
