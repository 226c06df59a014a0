package io.halidekmc.cli;

import io.halidekmc.Version;
import io.halidekmc.io.yaml.InputException;
import io.halidekmc.validate.CaseRunner;
import io.halidekmc.validate.Calibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code calibrate}: fits the nanocrystal model to A1–A4 and writes the values back into the case scenarios. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit the nanocrystal model's rate parameters to TARGETS A1–A4 (writes validation/CALIBRATION.md).")
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "folder of case files (default: validation)")
    Path dir = Path.of("validation");

    @Option(names = "--count", paramLabel = "N", description = "nanocrystals per film while fitting (default 32, the film of the A1–A4 cases)")
    int count = 32;

    @Option(names = "--iterations", paramLabel = "N", description = "Newton iterations at most (default 8)")
    int iterations = 8;

    @Option(names = "--tolerance", paramLabel = "F", description = "stop when every time is within this fraction (default 0.05)")
    double tolerance = 0.05;

    @Option(names = "--replicas", paramLabel = "N", description = "runs with other seeds for the uncertainty (default 2)")
    int replicas = 2;

    @Option(names = "--threads", paramLabel = "N", description = "runs in parallel (default: available cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--checkpoint-every", paramLabel = "SECONDS", description = "wall seconds between each trial run's restart files "
            + "(out/calibration/restart; default 600; 0: none); a calibration killed and run again with the same arguments replays "
            + "its iterations from them")
    double checkpointEvery = io.halidekmc.run.RunCheckpoints.DEFAULT_EVERY_S;

    @Option(names = "--dry-run", description = "fit and report, but leave the scenario files as they are")
    boolean dryRun;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count < 1) throw new InputException("--count: " + count + " is out of range; allowed: ≥ 1");
        if (iterations < 1) throw new InputException("--iterations: " + iterations + " is out of range; allowed: ≥ 1");
        if (!(tolerance > 0)) throw new InputException("--tolerance: " + tolerance + " is out of range; allowed: > 0");
        if (replicas < 0) throw new InputException("--replicas: " + replicas + " is out of range; allowed: ≥ 0");
        PrintWriter o = spec.commandLine().getOut();
        if (!(checkpointEvery >= 0) || Double.isInfinite(checkpointEvery)) {
            throw new InputException("--checkpoint-every: " + checkpointEvery + " is out of range; allowed: 0 (off) or > 0 s");
        }
        Calibration cal = new Calibration(CaseRunner.discover(dir, List.of()));
        io.halidekmc.validate.RestartFolder restart = checkpointEvery > 0
                ? new io.halidekmc.validate.RestartFolder(Path.of("out", "calibration", "restart"), checkpointEvery) : null;
        cal.useRestartFolder(restart);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("film.count", count);
        Calibration.Result r = cal.fit(iterations, tolerance, replicas, extra, threads, line -> {
            synchronized (o) {
                o.println(line);
                o.flush();
            }
        });
        String cmd = "halide-kmc calibrate --count " + count + " --iterations " + iterations + " --tolerance " + tolerance
                + " --replicas " + replicas;
        Path md = io.halidekmc.validate.CalibrationReport.write(dir.resolve("CALIBRATION.md"), r, cmd, Version.VERSION, extra);
        o.println("wrote " + md);
        if (restart != null) restart.clear();
        if (!dryRun) {
            cal.writeBack(r.params());
            for (Path f : cal.files()) o.println("updated " + f);
        }
        return r.converged() ? 0 : 1;
    }
}
