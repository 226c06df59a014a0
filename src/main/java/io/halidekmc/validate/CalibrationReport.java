package io.halidekmc.validate;

import io.halidekmc.output.OutputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** validation/CALIBRATION.md: the procedure, the iteration log and the fitted values with their uncertainty. */
public final class CalibrationReport {
    private CalibrationReport() {
    }

    public static Path write(Path file, Calibration.Result r, String command, String version, Map<String, Object> extra) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# Calibration of the nanocrystal model to TARGETS A1–A4\n\n");
        b.append(String.format(Locale.ROOT, "Written by `%s` (halide-kmc %s, %s). Do not edit by hand; rerun the command.\n\n",
                command, version, java.time.LocalDate.now()));
        b.append("""
                Fitted: the light-release rate of surface iodide k_I at T_ref = 296.65 K and 50 W/cm² (per coarse surface site),
                its apparent activation E_L, and the attempt frequency ν and barrier E_a of thermal exchange with the surface
                reservoir. Only A1–A4 are used. Procedure: Broyden iteration on y = ln(τ_sim/τ_target), starting from
                the Arrhenius Jacobian (javadoc of `validate/Calibration`), on the reduced ensemble given below, until
                all four times are within the tolerance; then replica runs with other seeds give the spread of y,
                propagated through the final Jacobian to the parameters. σ of k_I is of ln k_I; σ of ν is of the
                natural logarithm of the exchange rate scale at T_ref, ν·exp(−E_a/kT_ref), which is what the data fix
                (ν and E_a alone are strongly correlated).

                """);
        b.append("Settings: ").append(extra.isEmpty() ? "reduced case forms" : "reduced case forms, overrides " + extra).append(".\n\n");
        b.append("| iteration | k_I (s⁻¹) | E_L (eV) | ν (s⁻¹) | E_a (eV) | A1 τ (s) | A2 τ (s) | A3 τ (s) | A4 τ (s) |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Calibration.Step s : r.steps()) {
            var p = s.params();
            var t = s.times();
            b.append(String.format(Locale.ROOT, "| %d | %.4g | %.4g | %.4g | %.4g | %s | %s | %s | %s |\n", s.iteration(),
                    p.get("light_rate_I"), p.get("light_activation_I"), p.get("exchange_attempt_frequency"), p.get("exchange_activation"),
                    t.get("A1"), t.get("A2"), t.get("A3"), t.get("A4")));
        }
        b.append("\nIteration 1 runs the values the scenario files held when the command started. ");
        b.append("Targets: A1 600 s, A2 7200 s, A3 90 s, A4 1500 s. ")
                .append(r.converged() ? "Converged." : "**Not converged** within the iteration limit; kept iteration "
                        + r.chosen() + ", whose worst |τ_sim/τ_target − 1| is the smallest.").append("\n\n");
        b.append("## Fitted values\n\n| parameter | value | σ |\n| --- | --- | --- |\n");
        for (var e : r.params().entrySet()) {
            double s = r.sigma().get(e.getKey());
            boolean log = e.getKey().equals("light_rate_I") || e.getKey().equals("exchange_attempt_frequency");
            b.append(String.format(Locale.ROOT, "| %s | %.4g | %s |\n", e.getKey(), e.getValue(),
                    Double.isFinite(s) ? (log ? String.format(Locale.ROOT, "×/÷ %.3g (σ of ln = %.3g)", Math.exp(s), s)
                            : String.format(Locale.ROOT, "%.3g", s)) : "n.a. (no replicas)"));
        }
        int reps = r.replicas().values().iterator().next().size();
        int updates = r.steps().size() - 1;
        if (reps >= 2) {
            b.append(String.format(Locale.ROOT, "%nσ: the spread of y over %d replicas (seeds 1001–%d), propagated through the Jacobian %s. "
                            + "A standard deviation from %d values is itself uncertain by ≈ %.0f %% (1/√(2(R − 1))).%n",
                    reps, 1000 + reps, updates == 0 ? "the fit started from (Arrhenius, no Broyden update: one iteration was run)"
                            : "after " + updates + " Broyden update" + (updates == 1 ? "" : "s"),
                    reps, 100 / Math.sqrt(2.0 * (reps - 1))));
        }
        b.append("\nReplica values of y = ln(τ_sim/τ_target): ").append(r.replicas()).append("\n");
        OutputFiles.writeAtomically(file, tmp -> Files.writeString(tmp, b.toString()));
        return file;
    }
}
