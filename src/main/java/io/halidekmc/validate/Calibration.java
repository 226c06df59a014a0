package io.halidekmc.validate;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.output.OutputFiles;
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
 * <p>Procedure (Broyden iteration from the Arrhenius Jacobian). Coordinates u = (ln k_I, E_L,
 * ln r_f, E_a), where r_f = ν·exp(−E_a/kT_ref) is the exchange rate scale at T_ref, so that each pair
 * (rate at T_ref, activation) is well conditioned. Residuals y = ln(τ_sim/τ_target) for A1, A3
 * (segregation) and A2, A4 (remixing). The starting Jacobian is the Arrhenius one: ∂y/∂ln(rate) =
 * −1 and ∂y/∂E = 1/kT − 1/kT_ref within each pair, plus a coupling of the segregation times to the
 * refill rate at their temperature (faster refilling stops segregation earlier, −0.13, measured
 * from the first fitting runs). Each iteration solves J·Δu = −y, scales the whole step down when
 * it exceeds 1.0 in a log-rate or 0.12 eV, runs A1–A4, and updates J by Broyden's rank-one rule.
 * A time that is never reached (NaN) counts as ln(run length/target) + ln 2, a lower bound. It
 * stops when all four times are within {@code tolerance}, or else keeps the iterate whose worst
 * residual is smallest. The uncertainty comes from replica runs
 * with other seeds at the fitted values: the spread of y propagated through J⁻¹.
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

    /** chosen: the iteration whose parameters were kept. */
    public record Result(Map<String, Double> params, Map<String, Double> sigma, List<Step> steps, Map<String, List<Double>> replicas,
                         boolean converged, int chosen) {}

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

    /** Restart files of the trial runs (null: none): a killed fit run again replays its iterations from them. */
    private RestartFolder restart;

    /**
     * Keeps every trial run's checkpoint in {@code r}: the fit is deterministic given its runs, so
     * the same calibration run again after a kill retraces its iterations, reusing each finished
     * run and continuing the killed one.
     */
    public void useRestartFolder(RestartFolder r) {
        restart = r;
    }

    public Result fit(int maxIterations, double tolerance, int replicas, Map<String, Object> extra, int threads, Consumer<String> log) {
        Map<String, Double> p = current();
        List<Step> steps = new ArrayList<>();
        boolean converged = false;
        double[][] jac = initialJacobian();
        double[] u = toU(p), y = null;
        for (int it = 1; it <= maxIterations; it++) {
            Map<String, Double> times = runTimes(fromU(u), extra, threads, log);
            double[] yNew = residuals(times);
            steps.add(new Step(it, fromU(u), times));
            log.accept(String.format(Locale.ROOT, "iteration %d: %s -> %s", it, fromU(u), times));
            if (y != null) broyden(jac, lastStep, yNew, y);
            y = yNew;
            double worst = 0;
            for (double v : yNew) worst = Math.max(worst, Math.abs(v));
            if (worst < bestWorst) {
                // the runs are noisy: keep the best iterate, not the last
                bestWorst = worst;
                best = u.clone();
            }
            converged = true;
            for (String id : ORDER) {
                double t = times.get(id);
                converged &= Double.isFinite(t) && Math.abs(t / byId(id).target() - 1) <= tolerance;
            }
            if (converged || it == maxIterations) break;
            double[] du = solve(jac, y);
            for (int i = 0; i < 4; i++) du[i] = -du[i];
            double scale = 1;
            for (int i = 0; i < 4; i++) scale = Math.max(scale, Math.abs(du[i]) / (i % 2 == 0 ? 1.0 : 0.12));
            for (int i = 0; i < 4; i++) {
                du[i] /= scale;
                u[i] += du[i];
            }
            lastStep = du;
        }
        this.jacobian = jac;
        Map<String, Double> fitted = fromU(converged ? u : best);
        Map<String, List<Double>> reps = new LinkedHashMap<>();
        for (String id : ORDER) reps.put(id, new ArrayList<>());
        for (int r = 1; r <= replicas; r++) {
            Map<String, Object> o = new LinkedHashMap<>(extra);
            o.put("seed", 1000 + r);
            Map<String, Double> times = runTimes(fitted, o, threads, log);
            double[] yr = residuals(times);
            for (int i = 0; i < 4; i++) reps.get(ORDER.get(i)).add(yr[i]);
            log.accept(String.format(Locale.ROOT, "replica %d: %s", r, times));
        }
        int chosen = steps.size();
        for (Step st : steps) if (st.params().equals(fitted)) chosen = st.iteration();
        return new Result(fitted, sigma(reps, jac), steps, reps, converged, chosen);
    }

    /** Residual order: A1, A3 (segregation), A2, A4 (remixing); coordinate order ln k_I, E_L, ln r_f, E_a. */
    static final List<String> ORDER = List.of("A1", "A3", "A2", "A4");
    private double[] lastStep, best;
    private double bestWorst = Double.POSITIVE_INFINITY;
    private double[][] jacobian;

    private double g(String id) {
        return 1 / (Constants.K_B * temperature.get(id)) - 1 / (Constants.K_B * tRef);
    }

    double[][] initialJacobian() {
        double c = -0.13;
        double[][] j = new double[4][4];
        for (int i = 0; i < 2; i++) {
            String id = ORDER.get(i);
            j[i] = new double[] {-1, g(id), c, -c * g(id)};
        }
        for (int i = 2; i < 4; i++) {
            String id = ORDER.get(i);
            j[i] = new double[] {0, 0, -1, g(id)};
        }
        return j;
    }

    double[] toU(Map<String, Double> p) {
        double ea = p.get("exchange_activation");
        return new double[] {Math.log(p.get("light_rate_I")), p.get("light_activation_I"),
                Math.log(p.get("exchange_attempt_frequency")) - ea / (Constants.K_B * tRef), ea};
    }

    Map<String, Double> fromU(double[] u) {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("light_rate_I", Math.exp(u[0]));
        p.put("light_activation_I", u[1]);
        p.put("exchange_attempt_frequency", Math.exp(u[2] + u[3] / (Constants.K_B * tRef)));
        p.put("exchange_activation", u[3]);
        return p;
    }

    private Map<String, Double> runTimes(Map<String, Double> p, Map<String, Object> extra, int threads, Consumer<String> log) {
        Map<String, Object> o = new LinkedHashMap<>(extra);
        for (var e : p.entrySet()) o.put(PARAMETERS.get(e.getKey()), e.getValue());
        List<ValidationCase> fitted = cases.stream().filter(c -> temperature.containsKey(c.id())).toList();
        List<CaseRunner.Row> rows = CaseRunner.run(fitted, true, o, threads, restart, log);
        Map<String, Double> t = new LinkedHashMap<>();
        for (CaseRunner.Row r : rows) {
            double v = r.value();
            t.put(r.c().id(), Double.isFinite(v) ? Math.round(v * 10) / 10.0 : Double.NaN);
            if (!Double.isFinite(v)) bound.put(r.c().id(), observable(r));
        }
        return t;
    }

    /** Longest time the run could have measured, for a time never reached. */
    private final Map<String, Double> bound = new LinkedHashMap<>();

    private static double observable(CaseRunner.Row r) {
        var run = r.runs().values().iterator().next();
        var f = run.frames();
        int[] iv = PlTimes.lightInterval(f);
        boolean remix = r.c().evaluator().startsWith("remixing");
        double end = f.get(f.size() - 1).time();
        if (remix) return iv[1] < f.size() ? end - f.get(iv[1]).time() : end;
        return (iv[1] < f.size() ? f.get(iv[1]).time() : end) - (iv[0] >= 0 ? f.get(iv[0]).time() : 0);
    }

    private double[] residuals(Map<String, Double> times) {
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            String id = ORDER.get(i);
            double t = times.get(id);
            double target = byId(id).target();
            y[i] = Double.isFinite(t) ? Math.log(t / target) : Math.log(Math.max(bound.getOrDefault(id, target), 1e-9) / target) + Math.log(2);
        }
        return y;
    }

    /** Broyden's rank-one update: J += (Δy − J·Δu) Δuᵀ / (Δu·Δu). */
    static void broyden(double[][] j, double[] du, double[] yNew, double[] yOld) {
        if (du == null) return;
        double dd = 0;
        for (double v : du) dd += v * v;
        if (dd == 0) return;
        for (int i = 0; i < 4; i++) {
            double pred = 0;
            for (int k = 0; k < 4; k++) pred += j[i][k] * du[k];
            double r = (yNew[i] - yOld[i]) - pred;
            for (int k = 0; k < 4; k++) j[i][k] += r * du[k] / dd;
        }
    }

    /** Solves J·x = b by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] jac, double[] b) {
        int n = b.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(jac[i], 0, a[i], 0, n);
            a[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            if (a[c][c] == 0) throw new IllegalStateException("singular Jacobian");
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) a[r][k] -= f * a[c][k];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = a[i][n];
            for (int k = i + 1; k < n; k++) s -= a[i][k] * x[k];
            x[i] = s / a[i][i];
        }
        return x;
    }

    /** σ of each parameter: the replica spread of y (independent per case) through J⁻¹. */
    private Map<String, Double> sigma(Map<String, List<Double>> reps, double[][] jac) {
        double[] sy = new double[4];
        for (int i = 0; i < 4; i++) sy[i] = sd(reps.get(ORDER.get(i)));
        double[] var = new double[4];
        for (int i = 0; i < 4; i++) {
            double[] e = new double[4];
            e[i] = 1;
            double[] col = solve(jac, e);              // column i of J⁻¹
            for (int k = 0; k < 4; k++) var[k] += col[k] * col[k] * sy[i] * sy[i];
        }
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("light_rate_I", Math.sqrt(var[0]));            // of ln k_I
        s.put("light_activation_I", Math.sqrt(var[1]));
        s.put("exchange_attempt_frequency", Math.sqrt(var[2])); // of ln r_f (the rate at T_ref)
        s.put("exchange_activation", Math.sqrt(var[3]));
        return s;
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
                    // full precision: the reduced cases then repeat the fitting runs exactly
                    line = m.group(1) + p.get(m.group(4)) + m.group(3);
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
