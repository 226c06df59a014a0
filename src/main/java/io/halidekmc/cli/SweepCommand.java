package io.halidekmc.cli;

import io.halidekmc.cluster.ClusterProvider;
import io.halidekmc.cluster.ClusterProviders;
import io.halidekmc.io.yaml.InputException;
import io.halidekmc.output.OutputFiles;
import io.halidekmc.sweep.SweepLoader;
import io.halidekmc.sweep.SweepSpec;
import io.halidekmc.run.Outcomes;
import io.halidekmc.sweep.Grid;
import io.halidekmc.sweep.LocalThreadRunner;
import io.halidekmc.sweep.SimulatePoint;
import io.halidekmc.sweep.Sweep;
import io.halidekmc.sweep.SweepPoint;
import io.halidekmc.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sweep}: runs a scenario over a grid of parameter values (one independent run per point,
 * in parallel), writing one table and a plot of the chosen outcome. Exit 1 when any point failed
 * (the table still has every point, the failed ones with their error).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a scenario over a grid of parameters; write <out>/sweep.csv, sweep.h5 and sweep-<outcome>.png.")
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP", description = "sweep YAML file")
    Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: out/<file>, the sweep file's name without .yaml); "
            + "re-running with the same folder runs only the points not finished there")
    Path out;

    @Option(names = "--checkpoint-every", paramLabel = "SECONDS", description = "wall seconds between a running point's restart files "
            + "(DIR/points/point-NNNNN.checkpoint; default 600; 0: none): a re-run continues a half-finished point from it")
    double checkpointEvery = io.halidekmc.run.RunCheckpoints.DEFAULT_EVERY_S;

    @Option(names = "--threads", paramLabel = "N", description = "points run in parallel (default: all cores); results do not depend on it")
    Integer threads;

    @Option(names = "--runner", paramLabel = "NAME", description = "where points run: local (threads of this JVM; the default) "
            + "or spark (one Spark task per point; needs the Spark module: bin/halide-kmc-spark)")
    String runner = "local";

    @Option(names = "--master", paramLabel = "URL", description = "--runner spark: the Spark master (default: what spark-submit set, "
            + "else local[*]), e.g. local[4], local-cluster[2,1,1024], spark://host:7077")
    String master;

    @Option(names = "--backend", paramLabel = "NAME", description = "rate backend of each point: cpu (default), auto, cuda or tornado; "
            + "with --runner spark a task that holds no GPU runs on the CPU (the backend and device columns say so)")
    String backend = "cpu";

    @Option(names = "--keep-runs", description = "also write each point's HDF5 file, <out>/runs/point-NNNNN.h5")
    boolean keepRuns;

    @Option(names = "--list-outcomes", description = "list the outcomes a sweep can tabulate, and exit")
    boolean listOutcomes;

    @Option(names = "--quiet", description = "no progress lines or summary")
    boolean quiet;

    @Option(names = "--strict", description = "a setting with no effect in a grid point (printed as a warning) is an error: exit 2, nothing run")
    boolean strict;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter o = spec.commandLine().getOut();
        if (listOutcomes) {
            for (Outcomes.Outcome oc : io.halidekmc.sweep.SweepOutcomes.listed()) o.printf("%-24s %s [%s]%n", oc.name(), oc.description(), oc.unit());
            o.println("(any /timeseries column also at a time: timeseries:<column>@<t in s>, the last output frame at or before t)");
            return 0;
        }
        if (sweepFile == null) throw new InputException("sweep: missing SWEEP file (see --help)");
        if (!(checkpointEvery >= 0) || Double.isInfinite(checkpointEvery)) {
            throw new InputException("--checkpoint-every: " + checkpointEvery + " is out of range; allowed: 0 (off) or > 0 s");
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 1024) throw new InputException("--threads: " + n + " is out of range; allowed: [1, 1024]");
        BackendOptions.checkName(backend);
        if (master != null && runner.equals("local")) throw new InputException("--master: only with --runner spark");
        if (threads != null && !runner.equals("local")) throw new InputException("--threads: only with --runner local; Spark's master sets the parallelism");
        // a missing Spark module is bad input (exit 2) before the sweep file is even read
        ClusterProvider cluster = runner.equals("local") ? null : ClusterProviders.find("--runner", runner);

        SweepSpec sweep = SweepLoader.load(sweepFile);
        // every point is loaded before anything runs or any folder is made: a bad point costs nothing
        List<SweepPoint> points = Grid.expand(sweep);
        List<String> warnings = io.halidekmc.sweep.SweepWarnings.of(sweep, points);
        RunWarnings.enforce(warnings, strict);
        for (String w : warnings) spec.commandLine().getErr().println(RunWarnings.PREFIX + w);
        long t0 = System.nanoTime();
        // a cluster runner starts here, so a master it cannot reach is reported before any folder is made
        try (SweepRunner r = cluster == null ? new LocalThreadRunner(n) : cluster.sweepRunner(master)) {
            return run(sweep, points, r, o, t0);
        }
    }

    private int run(SweepSpec sweep, List<SweepPoint> points, SweepRunner r, PrintWriter o, long t0) throws IOException, InterruptedException {
        Path dir = OutputFiles.prepareFolder(out != null ? out : RunCommand.defaultFolder(sweepFile));
        String runsDir = null;
        if (keepRuns) {
            Path runs = dir.resolve("runs");
            Files.createDirectories(runs);
            runsDir = runs.toAbsolutePath().toString();
        }
        boolean plots = true;
        try {
            Class.forName("java.awt.Color");
        } catch (ClassNotFoundException | LinkageError e) {
            // a runtime without java.desktop (the small jlink image used on GPU nodes): data files only
            plots = false;
            System.err.println("halide-kmc: plots skipped, this Java runtime lacks java.desktop");
        }
        String size = sweep.replicas() == 1 ? points.size() + " points"
                : sweep.points() + " points × " + sweep.replicas() + " replicas = " + points.size() + " runs";
        if (!quiet) o.println(sweep.name() + ": " + size + ", runner " + r.name());
        Sweep.Summary s = Sweep.run(sweep, points, dir, r, new SimulatePoint(sweep.outcomes(), runsDir, backend.toLowerCase(Locale.ROOT), null, false,
                        checkpointEvery > 0 ? Files.createDirectories(dir.resolve("points")).toAbsolutePath().toString() : null, checkpointEvery),
                quiet ? null : line -> {
                    o.println(line);
                    o.flush();
                }, plots);
        double wall = (System.nanoTime() - t0) * 1e-9;
        if (!quiet) {
            o.println(String.format(Locale.ROOT, "%s: %s (%d run now, %d already finished, %d failed) in %.1f s wall",
                    sweep.name(), size, s.ran(), s.reused(), s.failed(), wall));
            for (Path p : s.written()) o.println("wrote " + p);
        }
        if (s.failed() > 0) {
            spec.commandLine().getErr().println("halide-kmc: " + s.failed() + " of " + points.size()
                    + (sweep.replicas() == 1 ? " points" : " runs") + " failed; their errors are in " + dir.resolve("sweep.csv"));
            return 1;
        }
        return 0;
    }
}
