package io.halidekmc.validate;

import io.halidekmc.io.InputException;
import io.halidekmc.io.OutputFiles;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.physics.Constants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fits the four rate parameters of the nanocrystal model to TARGETS A1–A4 and writes them back
 * into the scenario lines marked {@code # fitted: NAME}.
 *
 * <p>Procedure (Newton iteration with the Arrhenius Jacobian): with y = ln(τ_sim/τ_target), the
 * segregation times of A1 and A3 depend on the light-release rate k_I(T_ref) and its activation
 * E_L as ∂y/∂ln k = −1, ∂y/∂E_L = 1/kT − 1/kT_ref; the remixing times of A2 and A4 on the
 * exchange attempt frequency ν and barrier E_a as ∂y/∂ln ν = −1, ∂y/∂E_a = 1/kT. Each block is a
 * 2 × 2 linear system solved exactly per iteration; the cross terms (refilling also shortens the
 * segregation time) are left to the iteration, which converges because they are small. Steps are
 * damped (|Δln| ≤ 1.5, |ΔE| ≤ 0.15 eV). It stops when all four times are within {@code tolerance}.
 * The uncertainty comes from replica runs with other seeds at the fitted values: the spread of y
 * per case, propagated through the inverse Jacobians.
 */
public final class Calibration {
    /** Marker name → scenario key path. */
    public static final Map<String, String> PARAMETERS = Map.of(
            "light_rate_I", "physics.light_release.rate.I",
            "light_activation_I", "physics.light_release.activation.I",
            "exchange_attempt_frequency", "physics.surface_exchange.attempt_frequency",
            "exchange_activation", "physics.surface_exchange.activation");
    private static final Pattern MARKED = Pattern.compile("^(.*?)([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(\\s*[}\\]]*\\s*#\\s*fitted:\\s*(\\w+)\\s*)$");

    public record Step(int iteration, Map<String, Double> params, Map<String, Double> times) {}

    public record Result(Map<String, Double> params, Map<String, Double> sigma, List<Step> steps, Map<String, List<Double>> replicas,
                         boolean converged) {}

    private final List<ValidationCase> cases;
    private final Map<String, Double> temperature = new LinkedHashMap<>();
    private final double tRef;
    private final Set<Path> files = new LinkedHashSet<>();

    /** cases: all validation cases; A1–A4 (two segregation, two remixing times) are fitted. */
    public Calibration(List<ValidationCase> cases) {
        this.cases = cases;
        for (String id : List.of("A1", "A2", "A3", "A4")) {
            ValidationCase c = byId(id);
            Path run = c.runs().values().iterator().next();
            files.add(run);
            temperature.put(id, ScenarioLoader.load(run).drive().temperature().valueAt(0));
        }
        // every other case's scenario that carries the markers (A5–A7) gets the fitted values too
        for (ValidationCase c : cases) {
            for (Path run : c.runs().values()) {
                if (lines(run).stream().anyMatch(l -> MARKED.matcher(l).matches())) files.add(run);
            }
        }
        tRef = ScenarioLoader.load(byId("A1").runs().values().iterator().next()).lightRelease().referenceTemperature();
    }

    private ValidationCase byId(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new InputException("calibrate: needs case " + id + " in the validation folder"));
    }

    /** The current values of the marked parameters, read from the scenario files. */
    public Map<String, Double> current() {
        Map<String, Double> p = new LinkedHashMap<>();
        for (Path f : files) {
            for (String line : lines(f)) {
                Matcher m = MARKED.matcher(line);
                if (m.matches()) {
                    double v = Double.parseDouble(m.group(2));
                    Double old = p.put(m.group(4), v);
                    if (old != null && old != v) {
                        throw new InputException(f + ": fitted parameter " + m.group(4) + " is " + v + " here but " + old + " elsewhere");
                    }
                }
            }
        }
        if (!p.keySet().equals(PARAMETERS.keySet())) {
            throw new InputException("calibrate: the A-case scenarios must mark " + PARAMETERS.keySet() + " with '# fitted: NAME'; found " + p.keySet());
        }
        return p;
    }

    public Result fit(int maxIterations, double tolerance, int replicas, Map<String, Object> extra, int threads, Consumer<String> log) {
        Map<String, Double> p = current();
        List<Step> steps = new ArrayList<>();
        boolean converged = false;
        for (int it = 1; it <= maxIterations; it++) {
            Map<String, Double> y = logRatios(p, extra, threads, log);
            steps.add(new Step(it, new LinkedHashMap<>(p), times(y)));
            log.accept(String.format(Locale.ROOT, "iteration %d: %s -> %s", it, p, times(y)));
            converged = y.values().stream().allMatch(v -> Double.isFinite(v) && Math.abs(Math.expm1(v)) <= tolerance);
            if (converged || it == maxIterations) break;
            p = update(p, y);
        }
        Map<String, List<Double>> reps = new LinkedHashMap<>();
        for (String id : temperature.keySet()) reps.put(id, new ArrayList<>());
        for (int r = 1; r <= replicas; r++) {
            Map<String, Object> o = new LinkedHashMap<>(extra);
            o.put("seed", 1000 + r);
            Map<String, Double> y = logRatios(p, o, threads, log);
            for (var e : y.entrySet()) reps.get(e.getKey()).add(e.getValue());
            log.accept(String.format(Locale.ROOT, "replica %d: %s", r, times(y)));
        }
        return new Result(p, sigma(reps), steps, reps, converged);
    }

    private Map<String, Double> logRatios(Map<String, Double> p, Map<String, Object> extra, int threads, Consumer<String> log) {
        Map<String, Object> o = new LinkedHashMap<>(extra);
        for (var e : p.entrySet()) o.put(PARAMETERS.get(e.getKey()), e.getValue());
        List<ValidationCase> fitted = cases.stream().filter(c -> temperature.containsKey(c.id())).toList();
        List<CaseRunner.Row> rows = CaseRunner.run(fitted, true, o, threads, log);
        Map<String, Double> y = new LinkedHashMap<>();
        for (CaseRunner.Row r : rows) y.put(r.c().id(), Math.log(r.value() / r.c().target()));
        return y;
    }

    private Map<String, Double> times(Map<String, Double> y) {
        Map<String, Double> t = new LinkedHashMap<>();
        for (var e : y.entrySet()) t.put(e.getKey(), Math.round(byId(e.getKey()).target() * Math.exp(e.getValue()) * 10) / 10.0);
        return t;
    }

    private double inv(String id) {
        return 1 / (Constants.K_B * temperature.get(id));
    }

    /** One damped Newton step per block; a NaN time (never segregated / remixed) pushes the rate up. */
    Map<String, Double> update(Map<String, Double> p, Map<String, Double> y) {
        Map<String, Double> q = new LinkedHashMap<>(p);
        double[] seg = solve(finite(y.get("A1")), finite(y.get("A3")), inv("A1") - 1 / (Constants.K_B * tRef), inv("A3") - 1 / (Constants.K_B * tRef));
        q.put("light_rate_I", p.get("light_rate_I") * Math.exp(clamp(seg[0], 1.5)));
        q.put("light_activation_I", Math.max(0, p.get("light_activation_I") + clamp(seg[1], 0.15)));
        double[] rem = solve(finite(y.get("A2")), finite(y.get("A4")), inv("A2"), inv("A4"));
        q.put("exchange_attempt_frequency", p.get("exchange_attempt_frequency") * Math.exp(clamp(rem[0], 1.5)));
        q.put("exchange_activation", Math.max(0, p.get("exchange_activation") + clamp(rem[1], 0.15)));
        return q;
    }

    /** Solves −a + b·g1 = −y1, −a + b·g2 = −y2 for (a = Δln rate, b = ΔE). */
    static double[] solve(double y1, double y2, double g1, double g2) {
        double b = (y2 - y1) / (g1 - g2);
        double a = y1 + b * g1;
        return new double[] {a, b};
    }

    private static double finite(Double v) {
        return v == null || !Double.isFinite(v) ? 1.5 : v;
    }

    private static double clamp(double v, double max) {
        return Math.max(-max, Math.min(max, v));
    }

    /** σ of each parameter from the replica spread of y, through the inverse Jacobians. */
    private Map<String, Double> sigma(Map<String, List<Double>> reps) {
        Map<String, Double> sy = new LinkedHashMap<>();
        for (var e : reps.entrySet()) sy.put(e.getKey(), sd(e.getValue()));
        double gRef = 1 / (Constants.K_B * tRef);
        double[] seg = propagate(sy.get("A1"), sy.get("A3"), inv("A1") - gRef, inv("A3") - gRef);
        double[] rem = propagate(sy.get("A2"), sy.get("A4"), inv("A2"), inv("A4"));
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("light_rate_I", seg[0]);           // of ln k
        s.put("light_activation_I", seg[1]);
        s.put("exchange_attempt_frequency", rem[0]);
        s.put("exchange_activation", rem[1]);
        return s;
    }

    private static double[] propagate(double s1, double s2, double g1, double g2) {
        // b = (y2 − y1)/(g1 − g2), a = y1 + b·g1, with y1, y2 independent
        double d = g1 - g2;
        double sb = Math.sqrt(s1 * s1 + s2 * s2) / Math.abs(d);
        double sa = Math.sqrt(Math.pow(s1 * (1 - g1 / d), 2) + Math.pow(s2 * g1 / d, 2));
        return new double[] {sa, sb};
    }

    private static double sd(List<Double> v) {
        if (v.size() < 2) return Double.NaN;
        double m = v.stream().mapToDouble(Double::doubleValue).average().orElse(0), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.size() - 1));
    }

    /** Writes the fitted values into the marked lines of every A-case scenario. */
    public void writeBack(Map<String, Double> p) throws IOException {
        for (Path f : files) {
            List<String> out = new ArrayList<>();
            for (String line : lines(f)) {
                Matcher m = MARKED.matcher(line);
                if (m.matches() && p.containsKey(m.group(4))) {
                    line = m.group(1) + String.format(Locale.ROOT, "%.4g", p.get(m.group(4))) + m.group(3);
                }
                out.add(line);
            }
            OutputFiles.writeAtomically(f, tmp -> Files.write(tmp, out));
        }
    }

    public Set<Path> files() {
        return files;
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            throw new InputException(f + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
