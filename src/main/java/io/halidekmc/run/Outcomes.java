package io.halidekmc.run;

import io.halidekmc.physics.BandGap;
import io.halidekmc.observe.Frame;

import io.halidekmc.lattice.Species;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Named scalar outcomes of one run: the columns a sweep tabulates and plots (issue 3, item 9).
 * Each is a function of a {@link RunResult} alone, so a point's outcome can be computed wherever
 * the run happened. NaN means "not defined for this run" (no PL recorded, never segregated).
 */
public final class Outcomes {
    /**
     * PL peak shifts below this never count as segregation, nm: about a tenth of the 18.4 nm
     * homogeneous linewidth ({@link PlSpectrum#FWHM_EV}); a smaller shift moves the line by less
     * than its width could show as a new phase.
     */
    public static final double SEGREGATION_MIN_SHIFT_NM = 2.0;
    /** Fraction of the largest peak shift that counts as "segregated" for {@code time_to_segregate_s}. */
    public static final double SEGREGATION_FRACTION = 0.9;

    /** One outcome: its name (a table column), unit and one-line definition. */
    public record Outcome(String name, String unit, String description, ToDoubleFunction<RunResult> value) {
        public double of(RunResult r) {
            return value.applyAsDouble(r);
        }
    }

    private static final List<Outcome> ALL = List.of(
            new Outcome("pl_peak_final_nm", "nm", "film PL peak wavelength at the last output time (NaN without output.pl)",
                    Outcomes::plPeakFinal),
            new Outcome("pl_peak_shift_nm", "nm", "PL peak at t = 0 minus PL peak at the last output time (> 0: blue shift)",
                    Outcomes::plPeakShift),
            new Outcome("mixed_pl_fraction_final", "1", "share of the last PL spectrum's weight at wavelengths ≥ the midpoint "
                    + "between the initial PL peak and the CsPbBr3 end-member peak (" + (int) BandGap.PEAK_BR + " nm): "
                    + "emission from the mixed (and I-rich) phase rather than the Br-rich one", Outcomes::mixedPlFractionFinal),
            new Outcome("time_to_segregate_s", "s", "first output time at which |PL peak − initial peak| reaches "
                    + (int) (100 * SEGREGATION_FRACTION) + " % of its largest value in the run; NaN if it never shifts by more than "
                    + (int) SEGREGATION_MIN_SHIFT_NM + " nm", Outcomes::timeToSegregate),
            new Outcome("x_I_final", "1", "I site fraction (over active sites, vacancies included) at the last output time",
                    r -> last(r).fractions()[Species.I]),
            new Outcome("vacancies_final", "1", "vacancies in the lattice at the last output time", r -> last(r).vacancies()),
            new Outcome("reservoir_I_final", "1", "iodides held in the surface reservoir at the last output time",
                    r -> last(r).reservoir()[Species.I]),
            new Outcome("order_final", "1", "segregation order parameter (Warren–Cowley, 0 mixed, → 1 segregated) at the last output time",
                    r -> last(r).order()),
            new Outcome("events", "1", "hops and surface events fired in the whole run", r -> r.events()),
            // the nanowire device's own observables (/wire), as its run line prints them; NaN for any other run
            new Outcome("wire_front_final_nm", "nm", "wire devices: position along z of the x_Br = 0.55 front (smoothed over ±3 nm) "
                    + "at the last wire frame, physical nm", r -> lastWire(r, WireOutcome.FRONT)),
            new Outcome("wire_migration_final_nm", "nm", "wire devices: how far the front has moved into the Br-rich end segment "
                    + "at the last wire frame, physical nm", r -> lastWire(r, WireOutcome.MIGRATION)),
            new Outcome("wire_stored_charge_final_e", "e", "wire devices: halides taken into both electrode stores since t = 0 "
                    + "(Cl + Br + I, low and high contact), each one elementary charge held by the metal", r -> lastWire(r, WireOutcome.STORED)));

    private enum WireOutcome { FRONT, MIGRATION, STORED }

    private Outcomes() {}

    public static List<Outcome> all() {
        return ALL;
    }

    /** The outcome of this name, or null. */
    public static Outcome byName(String name) {
        for (Outcome o : ALL) if (o.name().equals(name)) return o;
        return null;
    }

    public static List<String> names() {
        return ALL.stream().map(Outcome::name).toList();
    }

    private static Frame last(RunResult r) {
        return r.frames().getLast();
    }

    /** A wire outcome at the last wire frame; NaN for a run without wire frames (no wire device). */
    private static double lastWire(RunResult r, WireOutcome which) {
        if (r.wire().isEmpty()) return Double.NaN;
        var last = r.wire().getLast();
        return switch (which) {
            case FRONT -> last.frontNm();
            case MIGRATION -> last.migrationNm();
            case STORED -> {
                long[][] s0 = r.wire().getFirst().stored(), s1 = last.stored();
                long n = 0;
                for (int e = 0; e < 2; e++) for (int x = Species.CL; x <= Species.I; x++) n += s1[e][x] - s0[e][x];
                yield n;
            }
        };
    }

    static double plPeakFinal(RunResult r) {
        double[] p = r.plPeaks();
        return p.length == 0 ? Double.NaN : p[p.length - 1];
    }

    static double plPeakShift(RunResult r) {
        double[] p = r.plPeaks();
        return p.length == 0 ? Double.NaN : p[0] - p[p.length - 1];
    }

    /**
     * The split wavelength sits halfway between where the mixed phase emits at the start and
     * where a Br-rich phase would emit (001's blue-shifted core emission approaches CsPbBr3), so
     * emission counted as "mixed" is the part not yet shifted halfway toward the Br end.
     */
    static double mixedPlFractionFinal(RunResult r) {
        if (r.plSpectra().isEmpty()) return Double.NaN;
        double[] w = r.plWavelengths();
        double split = 0.5 * (r.plPeaks()[0] + BandGap.PEAK_BR);
        double[] s = r.plSpectra().getLast();
        double total = 0, mixed = 0;
        for (int k = 0; k < s.length; k++) {
            total += s[k];
            if (w[k] >= split) mixed += s[k];
        }
        return total > 0 ? mixed / total : Double.NaN;
    }

    /** PL spectra are recorded at every output time, so peak k belongs to frame k. */
    static double timeToSegregate(RunResult r) {
        double[] p = r.plPeaks();
        if (p.length == 0) return Double.NaN;
        double largest = 0;
        for (double v : p) if (Double.isFinite(v)) largest = Math.max(largest, Math.abs(v - p[0]));
        if (!(largest > SEGREGATION_MIN_SHIFT_NM)) return Double.NaN;
        for (int k = 0; k < p.length; k++) {
            if (Math.abs(p[k] - p[0]) >= SEGREGATION_FRACTION * largest) return r.frames().get(k).time();
        }
        return Double.NaN;
    }
}
