package io.halidekmc.cli;

import io.halidekmc.Version;
import io.halidekmc.io.yaml.InputException;
import io.halidekmc.validate.CaseRunner;
import io.halidekmc.validate.Report;
import io.halidekmc.validate.ValidationCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code validate}: runs every case under validation/ and writes REPORT.md with its plots. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run the validation cases (validation/*.yaml) and write REPORT.md and plots.")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "folder of case files (default: validation)")
    Path dir = Path.of("validation");

    @Option(names = "--out", paramLabel = "DIR", description = "where REPORT.md and plots/ go (default: the case folder; "
            + "out/validation-reduced with --reduced)")
    Path out;

    @Option(names = "--reduced", description = "the reduced form of every case (smaller ensembles, same physics), as CI runs it")
    boolean reduced;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "run only these case ids, e.g. A1,A2")
    List<String> only = List.of();

    @Option(names = "--threads", paramLabel = "N", description = "runs in parallel (default: available cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--checkpoint-every", paramLabel = "SECONDS", description = "wall seconds between each run's restart files (default 600; "
            + "0: none); a validation killed and run again with the same arguments reuses its finished runs and continues the others")
    double checkpointEvery = io.halidekmc.run.RunCheckpoints.DEFAULT_EVERY_S;

    @Option(names = "--strict", description = "exit code 1 when a case fails")
    boolean strict;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || threads > 1024) throw new InputException("--threads: " + threads + " is out of range; allowed: [1, 1024]");
        if (!(checkpointEvery >= 0) || Double.isInfinite(checkpointEvery)) {
            throw new InputException("--checkpoint-every: " + checkpointEvery + " is out of range; allowed: 0 (off) or > 0 s");
        }
        PrintWriter o = spec.commandLine().getOut();
        List<ValidationCase> cases = CaseRunner.discover(dir, only);
        o.println("validate: " + cases.size() + " cases" + (reduced ? " (reduced form)" : ""));
        o.flush();
        Path target = out != null ? out : reduced ? Path.of("out", "validation-reduced") : dir;
        // the full form writes its report into validation/; its restart files stay out of the source tree
        io.halidekmc.validate.RestartFolder restart = checkpointEvery > 0
                ? new io.halidekmc.validate.RestartFolder((out != null || reduced ? target : Path.of("out", "validation")).resolve("restart"), checkpointEvery)
                : null;
        List<CaseRunner.Row> rows = CaseRunner.run(cases, reduced, java.util.Map.of(), threads, restart, line -> {
            synchronized (o) {
                o.println(line);
                o.flush();
            }
        });
        io.halidekmc.output.OutputFiles.prepareFolder(target);
        Path report = Report.write(target, rows, reduced, Version.VERSION, dir.resolve("CALIBRATION.md"));
        long failed = 0;
        for (CaseRunner.Row r : rows) {
            o.println(String.format(Locale.ROOT, "%-4s %-5s %s: %s (target %s)", r.c().id(), r.verdict() ? "pass" : "FAIL", r.c().title(),
                    String.format(Locale.ROOT, "%.4g", r.value()), r.c().targetText()));
            for (var k : r.failed()) o.println("       " + k.line().replace("**", ""));
            if (!r.verdict()) failed++;
        }
        o.println("wrote " + report);
        if (restart != null) restart.clear();
        return strict && failed > 0 ? 1 : 0;
    }
}
