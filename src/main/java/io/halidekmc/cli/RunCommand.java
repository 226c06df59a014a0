package io.halidekmc.cli;

import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import io.halidekmc.output.CsvWriter;
import io.halidekmc.output.Hdf5Writer;
import io.halidekmc.io.yaml.InputException;
import io.halidekmc.output.OutputFiles;
import io.halidekmc.output.Provenance;
import io.halidekmc.output.RunPlots;
import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.checkpoint.CheckpointException;
import io.halidekmc.checkpoint.CheckpointFile;
import io.halidekmc.run.RunCheckpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code run}: simulates one scenario and writes its HDF5 file and CSV summary. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {"Run a scenario file and write <out>/<file>.h5 and .csv.",
        "<file> is the scenario file's name without .yaml; its name: key is the label written inside the outputs."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "scenario YAML file (optional with --resume)")
    Path scenarioFile;

    @Option(names = "--checkpoint-every", paramLabel = "SECONDS", description = "wall-clock seconds between restart files "
            + "(<out>/<file>.checkpoint; default 600, so a shorter run writes none; 0: none)")
    double checkpointEvery = RunCheckpoints.DEFAULT_EVERY_S;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run whose checkpoint is in DIR "
            + "(as rerunning its command with --out DIR does); without SCENARIO, the checkpoint's own scenario file and options")
    Path resume;

    @Option(names = "--extend-until", paramLabel = "SECONDS", description = "continue the finished run in --out (or --resume) DIR "
            + "to this later end time, physical s: the files become those of one run to it (from <out>/<file>.final-checkpoint)")
    Double extendUntil;

    @Option(names = "--seed", description = "override the scenario's seed")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: out/<file>)")
    Path out;

    @Option(names = "--until", paramLabel = "SECONDS", description = "override run.until, the end time in physical s (the time axis of every output)")
    Double until;

    @Option(names = "--max-events", paramLabel = "N", description = "stop after N hops")
    Long maxEvents;

    @Option(names = "--threads", paramLabel = "N", description = "sector engines and films: worker threads (the result does not depend on it)")
    Integer threads;

    @Option(names = "--quiet", description = "no progress bar or summary")
    boolean quiet;

    @Option(names = "--strict", description = "a setting with no effect (printed as a warning) is an error: exit 2, nothing written")
    boolean strict;

    @Option(names = "--backend", paramLabel = "NAME", description = "auto, cpu, cuda or tornado (default auto: the fastest available, "
            + "timed on this lattice); an unavailable one falls back to cpu with the reason logged and kept in /meta")
    String backend = "auto";

    @Option(names = "--devices", paramLabel = "LIST", description = "CUDA device ordinals, e.g. 0 or 0,1 (default 0)")
    String devices;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!(checkpointEvery >= 0) || Double.isInfinite(checkpointEvery)) {
            throw new InputException("--checkpoint-every: " + checkpointEvery + " is out of range; allowed: 0 (off) or > 0 s");
        }
        if (resume != null && out != null && !resume.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new InputException("--resume " + resume + " and --out " + out + " name different folders; give one of them");
        }
        if (extendUntil != null) {
            if (until != null) throw new InputException("--until and --extend-until: give one (--extend-until is the new end)");
            if (!(extendUntil > 0) || extendUntil.isInfinite()) {
                throw new InputException("--extend-until: " + extendUntil + " is out of range; allowed: > 0 s");
            }
            if (out == null && resume == null) throw new InputException("--extend-until: name the finished run's folder with --out DIR or --resume DIR");
        }
        CheckpointFile.Loaded resumed = null;
        boolean extending = false;
        if (scenarioFile == null) {
            if (resume == null) throw new InputException("run: missing SCENARIO (a scenario YAML file), or --resume DIR");
            // an extension killed mid-way left its own checkpoint: that one goes first
            extending = extendUntil != null && !Resume.hasCheckpoint(resume);
            resumed = extending ? Extension.onlyFinalIn(resume) : Resume.read(Resume.onlyCheckpointIn(resume));
            adoptOptionsOf(resumed.header());
        }
        if (extendUntil != null) until = extendUntil;
        if (resume != null) out = resume;
        Scenario s = ScenarioLoader.load(scenarioFile);
        if (seed != null) {
            if (seed < 0) throw new InputException("--seed: " + seed + " is out of range; allowed: ≥ 0");
            s = s.withSeed(seed);
        }
        if (until != null || maxEvents != null) {
            if (until != null && !(until > 0)) throw new InputException("--until: " + until + " is out of range; allowed: > 0 s");
            if (maxEvents != null && maxEvents < 1) throw new InputException("--max-events: " + maxEvents + " is out of range; allowed: ≥ 1");
            s = s.withLimits(until != null ? until : s.until(), maxEvents != null ? maxEvents : s.maxEvents());
        }
        if (threads != null) {
            if (threads < 1 || threads > 1024) throw new InputException("--threads: " + threads + " is out of range; allowed: [1, 1024]");
            s = s.withThreads(threads);
        }
        java.util.List<String> warnings = RunWarnings.of(s, threads);
        RunWarnings.enforce(warnings, strict);
        String stem = stem(scenarioFile);
        if (extendUntil != null && !Files.isDirectory(out)) {
            throw new InputException("--extend-until: no finished run to extend in " + out + " (no such folder)");
        }
        Path dir = OutputFiles.prepareFolder(out != null ? out : defaultFolder(scenarioFile));
        Path checkpointFile = RunCheckpoints.fileFor(dir, stem);
        Path finalFile = RunCheckpoints.finalFileFor(dir, stem);
        if (resumed == null && Files.exists(checkpointFile)) resumed = Resume.read(checkpointFile);
        if (resumed != null && !extending && extendUntil != null) Extension.unfinishedIsThisExtension(resumed, s);
        if (resumed == null && extendUntil != null) {
            resumed = Extension.finalOf(dir, stem);
            extending = true;
        }
        if (resumed == null && resume != null) {
            throw new InputException("--resume " + resume + ": no checkpoint " + checkpointFile.getFileName() + " here (a run that finished removed its own)");
        }
        if (resumed != null) {
            if (extending) Extension.check(resumed, s, null);
            else checked(resumed, s, null);
            if (backend.equals("auto")) backend = resumed.header().backend();   // the trajectory's backend, not a new timing
        }
        RunLog log = new RunLog(spec.commandLine().getOut(), spec.commandLine().getErr());
        // a kill -9 mid-write leaves a hidden temporary; it never became an output, so it goes
        int stale = io.halidekmc.checkpoint.AtomicFiles.removeStale(dir, stem) + io.halidekmc.checkpoint.AtomicFiles.removeStale(dir, "run.log");
        String commandLine = commandLine();
        String commit = io.halidekmc.output.BuildInfo.commit();
        log.note("# " + commandLine);
        log.note("# commit " + commit + ", host " + Provenance.localHost() + ", start " + java.time.Instant.now());
        for (String w : warnings) log.err(RunWarnings.PREFIX + w);
        if (stale > 0) log.note("# removed " + stale + " unfinished temporary file(s) left by an earlier run");

        Simulation sim = new Simulation(s);
        // auto times one bulk refresh on each backend; the uniformized engines' GPU work is their
        // trials instead (sector steps, film members), so auto gives them CUDA whenever a device is there (untimed)
        boolean trialsOnDevice = sim.engine() instanceof io.halidekmc.engine.uniformized.UniformizedSectorEngine
                || sim.engine() instanceof io.halidekmc.engine.uniformized.UniformizedFilmEngine;
        io.halidekmc.backend.Backends.Choice choice = BackendOptions.choose(backend, devices,
                trialsOnDevice ? null : b -> sim.engine().useRateBackend(b));
        sim.useBackend(choice, io.halidekmc.backend.Backends.parseDevices(devices));
        if (resumed != null) {
            if (extending) Extension.check(resumed, s, sim.backendName());
            else checked(resumed, s, sim.backendName());
            try {
                sim.restore(resumed);
            } catch (CheckpointException e) {
                throw new InputException(e.getMessage());
            }
            if (Files.exists(dir.resolve("run.log"))) log.continues(dir.resolve("run.log"));
            var h = resumed.header();
            if (extending) {
                String offGrid = Extension.offGrid(sim, resumed);
                if (offGrid != null) RunWarnings.enforce(java.util.List.of(offGrid), strict);
                log.err(Extension.continued(sim, resumed));
                if (offGrid != null) log.err(RunWarnings.PREFIX + offGrid);
            } else log.err(String.format(Locale.ROOT, "halide-kmc: resuming from %s: t = %.6g s, %d hops (written %s)", resumed.file(),
                    h.simTime(), h.events(), h.written()));
        }
        RunCheckpoints checkpoints = null;
        if (checkpointEvery > 0) {
            if (RunCheckpoints.supported(sim, choice.name())) {
                var given = new RunCheckpoints.Given(seed != null ? seed : -1, until != null ? until : Double.NaN,
                        maxEvents != null ? maxEvents : 0, threads != null ? threads : 0);
                checkpoints = new RunCheckpoints(checkpointFile, checkpointEvery, given,
                        line -> {
                            if (line.startsWith("halide-kmc:")) {
                                log.err(line);
                            } else {
                                log.note(line);
                                log.write(dir);   // the log up to the checkpoint survives a kill -9 with it
                            }
                        }).keepingFinalIn(finalFile);
                sim.onSafePoint(checkpoints);
            } else {
                log.note("# no checkpoints: this engine's state lives on the " + choice.name() + " device");
            }
        }
        CountDownLatch written = new CountDownLatch(1);
        // Ctrl-C: finish the current chunk, record where the run got to, write complete files, then let the JVM go
        Thread hook = new Thread(() -> {
            sim.requestStop();
            try {
                written.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "halide-kmc-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // said once the stop hook and the signal-name handler are in place, so a line on stdout means a
        // signal from now on writes complete files that name it
        Signals signals = new Signals();
        String backendLine = "backend: " + choice.name() + " (" + choice.reason() + ")";
        if (quiet) log.note(backendLine);
        else log.out(backendLine);
        ProgressBar bar = ProgressBar.forTerminal(quiet);
        RunResult r = null;
        java.util.List<Path> plots;
        Path h5 = dir.resolve(stem + ".h5");
        Path csv = dir.resolve(stem + ".csv");
        String stop = null;
        // the stop hook waits for everything this run writes, run.log included: once it returns the
        // JVM halts, and a log written after that would be cut short
        try {
            try (signals) {
                r = sim.run(bar);
                if (bar != null) bar.finish();
                stop = Provenance.stopReason(r, signals.caught());
                Provenance prov = new Provenance(commandLine, commit, Provenance.localHost(), Provenance.threads(r), stop);
                Hdf5Writer.write(r, h5, prov);
                CsvWriter.write(r, csv, prov);
                try {
                    plots = RunPlots.write(r, dir, stem);
                } catch (NoClassDefFoundError e) {
                    // a runtime without java.desktop (the small jlink image used on GPU nodes): data files only
                    plots = java.util.List.of();
                    log.err("halide-kmc: plots skipped, this Java runtime lacks java.desktop (" + e.getMessage() + ")");
                } catch (IllegalStateException e) {
                    // after a signal the JVM is shutting down and AWT may refuse to start; the data files are written
                    if (!r.interrupted()) throw e;
                    plots = java.util.List.of();
                    log.err("halide-kmc: plots skipped, the JVM is shutting down (" + e.getMessage() + ")");
                }
            } catch (RuntimeException | IOException | Error e) {
                // the folder should still say the run failed and how far it got, not just stop short
                log.err("halide-kmc: stopped: error: " + e.getMessage());
                log.note("# end " + java.time.Instant.now());
                log.write(dir);
                throw e;
            } finally {
                choice.backend().close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it returns now that the files are written
                }
            }
            double wall = (r.wallEnd().toEpochMilli() - r.wallStart().toEpochMilli()) / 1000.0;
            String summary = String.format(Locale.ROOT, "%s: %d hops to t = %.4g s in %.1f s wall (%.3g hops/s)%s",
                    s.name(), r.events(), r.endTime(), wall, r.events() / Math.max(wall, 1e-9), r.interrupted() ? ", interrupted" : "");
            if (quiet) log.note(summary);
            else log.out(summary);
            if (!quiet && !r.wire().isEmpty()) {
                var w = r.wire().getLast();
                var wd = s.wire();
                log.out(String.format(Locale.ROOT,
                        "wire: front %.0f nm, migration %.0f nm, Cl into Br segment %+.4f, stored Cl/Br low %d/%d high %d/%d, "
                                + "contact x_V %.2e/%.2e (length scale %.3g, vacancy scale %.3g, time scale %.3g)",
                        w.frontNm(), w.migrationNm(), w.clInBr(), w.stored()[0][1] - r.wire().getFirst().stored()[0][1],
                        w.stored()[0][2] - r.wire().getFirst().stored()[0][2], w.stored()[1][1] - r.wire().getFirst().stored()[1][1],
                        w.stored()[1][2] - r.wire().getFirst().stored()[1][2], w.contactVacancy()[0], w.contactVacancy()[1],
                        wd.lengthScale(), s.vacancyScale(), s.timeScale()));
            }
            // a finished run needs no restart; an interrupted one keeps its checkpoint, so the same command continues it
            if (!r.interrupted()) Files.deleteIfExists(checkpointFile);
            else if (Files.exists(checkpointFile)) log.err("halide-kmc: checkpoint kept: " + checkpointFile + "; the same command continues the run");
            // a final state is kept only beside the outputs it ended: these replaced the ones an older one belonged to
            if (checkpoints == null || !checkpoints.finalWritten()) Files.deleteIfExists(finalFile);
            java.util.List<Path> written2 = new java.util.ArrayList<>(java.util.List.of(h5, csv));
            written2.addAll(plots);
            written2.add(dir.resolve("run.log"));
            for (Path p : written2) {
                if (quiet) log.note("wrote " + p);
                else log.out("wrote " + p);
            }
            // --quiet hides a normal end; a run cut short (max-events, a signal) is always said, since the file alone would not show it
            String stopLine = String.format(Locale.ROOT, "halide-kmc: stopped: %s (t = %.4g s, %d hops)", stop, r.endTime(), r.events());
            if (quiet && stop.equals("until")) log.note(stopLine);
            else log.err(stopLine);
            log.note("# end " + r.wallEnd());
            log.write(dir);
            return 0;
        } finally {
            written.countDown();
        }
    }

    /** A checkpoint this run cannot continue is refused with its one line, exit 2, before anything is written. */
    private static void checked(CheckpointFile.Loaded c, Scenario s, String backendName) {
        try {
            RunCheckpoints.check(c, s, backendName);
        } catch (CheckpointException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** {@code run --resume DIR} alone: the scenario file and command-line values the checkpoint's run had. */
    private void adoptOptionsOf(io.halidekmc.checkpoint.CheckpointHeader h) {
        scenarioFile = Path.of(h.scenarioFile());
        if (seed == null && h.seed() >= 0) seed = h.seed();
        if (until == null && !Double.isNaN(h.until())) until = h.until();
        if (maxEvents == null && h.maxEvents() > 0) maxEvents = h.maxEvents();
        if (threads == null && h.threads() > 0) threads = h.threads();
    }

    /** The command as typed, arguments with spaces quoted, so it can be pasted back into a shell. */
    private String commandLine() {
        StringBuilder b = new StringBuilder("halide-kmc");
        for (String a : spec.root().commandLine().getParseResult().originalArgs()) {
            b.append(' ').append(a.isEmpty() || a.matches(".*[\\s'\"$`\\\\].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return b.toString();
    }

    /** One rule for every output name: the file given on the command line, without its extension. */
    static Path defaultFolder(Path inputFile) {
        return Path.of("out", stem(inputFile));
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
