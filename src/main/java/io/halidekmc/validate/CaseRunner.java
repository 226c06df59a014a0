package io.halidekmc.validate;

import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import io.halidekmc.io.yaml.InputException;
import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs validation cases: loads every case and scenario first (so bad input fails before any run),
 * runs each distinct (scenario, overrides) once even when several cases read it (A1 and A2 share
 * their light-then-dark run), on a pool of threads, and evaluates the cases.
 */
public final class CaseRunner {
    /**
     * One evaluated case. pass: its main criterion (target or pass_if); checks: its further
     * criteria and the invariants of its nanocrystal runs; seconds: wall time of the runs it read.
     */
    public record Row(ValidationCase c, double value, boolean pass, double seconds, Map<String, RunResult> runs, List<Check> checks) {
        public Row(ValidationCase c, double value, boolean pass, double seconds, Map<String, RunResult> runs) {
            this(c, value, pass, seconds, runs, List.of());
        }

        /** The case's verdict: its main criterion and every check. */
        public boolean verdict() {
            return pass && checks.stream().allMatch(Check::pass);
        }

        /** The checks that failed. */
        public List<Check> failed() {
            return checks.stream().filter(k -> !k.pass()).toList();
        }
    }

    private CaseRunner() {
    }

    /** Case files directly in dir (not its scenarios/ folder), sorted by name. */
    public static List<ValidationCase> discover(Path dir, List<String> only) {
        if (!Files.isDirectory(dir)) throw new InputException(dir + ": validation folder not found");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list validation cases (" + e.getMessage() + ")");
        }
        List<ValidationCase> cases = new ArrayList<>();
        for (Path f : files) {
            ValidationCase c = ValidationCaseLoader.load(f, Evaluators::known, Evaluators.names());
            if (only.isEmpty() || only.contains(c.id())) cases.add(c);
        }
        for (String id : only) {
            if (cases.stream().noneMatch(c -> c.id().equals(id))) {
                throw new InputException("--only: no case '" + id + "' in " + dir + "; cases: "
                        + String.join(", ", files.stream().map(p -> ValidationCaseLoader.load(p, Evaluators::known, Evaluators.names()).id()).toList()));
            }
        }
        return cases;
    }

    public static List<Row> run(List<ValidationCase> cases, boolean reduced, int threads, Consumer<String> log) {
        return run(cases, reduced, Map.of(), threads, log);
    }

    /** extra: overrides applied last, to every run (calibration trial values, seeds of replicas). */
    public static List<Row> run(List<ValidationCase> cases, boolean reduced, Map<String, Object> extra, int threads,
                                Consumer<String> log) {
        return run(cases, reduced, extra, threads, null, log);
    }

    /**
     * As above, each run checkpointing into {@code restart} (null: none): a run killed mid-way
     * continues from its checkpoint and a finished one is reused, when the same validation is run
     * again before it completes.
     */
    public static List<Row> run(List<ValidationCase> cases, boolean reduced, Map<String, Object> extra, int threads,
                                RestartFolder restart, Consumer<String> log) {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        Map<ValidationCase, Map<String, String>> keys = new LinkedHashMap<>();
        for (ValidationCase c : cases) {
            Map<String, String> k = new LinkedHashMap<>();
            for (var run : c.runs().entrySet()) {
                Map<String, Object> o = new TreeMap<>(c.overrides());
                o.putAll(c.runOverrides().getOrDefault(run.getKey(), Map.of()));
                if (reduced) o.putAll(c.reduced());
                o.putAll(extra);
                String key = run.getValue() + " " + o;
                k.put(run.getKey(), key);
                if (!scenarios.containsKey(key)) scenarios.put(key, ScenarioLoader.load(run.getValue(), o));
            }
            keys.put(c, k);
        }
        Map<String, RunResult> results = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "halide-kmc-validate");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<RunResult>> futures = new LinkedHashMap<>();
            for (var e : scenarios.entrySet()) {
                futures.put(e.getKey(), pool.submit(() -> {
                    RunResult r = restart == null ? new Simulation(e.getValue()).run(null) : restart.run(e.getValue(), log);
                    log.accept(String.format(java.util.Locale.ROOT, "  ran %s: %d events in %.1f s", e.getValue().name(), r.events(), wall(r)));
                    return r;
                }));
            }
            for (var e : futures.entrySet()) results.put(e.getKey(), e.getValue().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("validation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Row> rows = new ArrayList<>();
        for (ValidationCase c : cases) {
            Map<String, RunResult> runs = new LinkedHashMap<>();
            double seconds = 0;
            for (var e : keys.get(c).entrySet()) {
                RunResult r = results.get(e.getValue());
                runs.put(e.getKey(), r);
                seconds += wall(r);
            }
            double v = Evaluators.get(c.evaluator()).evaluate(runs);
            rows.add(new Row(c, v, c.passes(v), seconds, runs, checks(c, runs)));
        }
        return rows;
    }

    /** The case's further criteria, then the invariants of each run that has radial profiles (a nanocrystal or film). */
    static List<Check> checks(ValidationCase c, Map<String, RunResult> runs) {
        List<Check> out = new ArrayList<>();
        for (ValidationCase.Criterion k : c.criteria()) {
            double v = Evaluators.get(k.evaluator()).evaluate(runs);
            out.add(new Check(k.evaluator(), k.passIf() + (k.unit().isEmpty() ? "" : " " + k.unit()), v,
                    Double.isFinite(v) && k.passIf().test(v), ""));
        }
        for (var e : runs.entrySet()) out.addAll(Invariants.of(e.getKey(), e.getValue()));
        return out;
    }

    static double wall(RunResult r) {
        return (r.wallEnd().toEpochMilli() - r.wallStart().toEpochMilli()) / 1000.0;
    }
}
