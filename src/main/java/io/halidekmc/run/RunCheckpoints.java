package io.halidekmc.run;

import io.halidekmc.Version;
import io.halidekmc.checkpoint.CheckpointException;
import io.halidekmc.checkpoint.CheckpointFile;
import io.halidekmc.checkpoint.CheckpointHeader;
import io.halidekmc.io.Scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code run --checkpoint-every S}: at the first safe point after every S seconds of wall time
 * (and when a signal stops the run), the whole run — engine, RNG, drive position, the frames
 * recorded so far — goes to one restart file beside the outputs ({@link CheckpointFile}).
 * A run restored from it continues bit for bit as the uninterrupted run would have: nothing is
 * recomputed on load, and safe points lie where the loop re-entered finds the same next stop.
 */
public final class RunCheckpoints implements Simulation.SafePoint {
    /** Default interval: a killed job loses at most this much, and a run shorter than it writes none. */
    public static final double DEFAULT_EVERY_S = 600;

    /**
     * Built from the scenario alone, identical in the run that resumes: left out of the file.
     * The lattice's neighbour tables alone would be 32 bytes per site.
     */
    static final Set<Class<?>> CONFIGURATION = Set.of(Scenario.class, io.halidekmc.lattice.Lattice.class,
            io.halidekmc.lattice.Octahedra.class, io.halidekmc.physics.Material.class, io.halidekmc.drive.DriveProgram.class,
            io.halidekmc.physics.GapBlocks.class, io.halidekmc.physics.BandGap.class, io.halidekmc.physics.ConfinementCurve.class,
            io.halidekmc.engine.RateBackend.class);

    /** The command-line values a resumed run needs to rebuild the scenario: -1 / NaN / 0 where not given. */
    public record Given(long seed, double until, long maxEvents, int threads) {
        public static final Given NONE = new Given(-1, Double.NaN, 0, 0);
    }

    private final Path file;
    /** Where the state at the run's end goes, for {@code run --extend-until}; null: nowhere. */
    private Path finalFile;
    private final long everyNanos;
    private final Given given;
    private final Consumer<String> log;
    private long last = System.nanoTime();
    private boolean failed;
    private int written;
    private boolean finalWritten;

    public RunCheckpoints(Path file, double everySeconds, Given given, Consumer<String> log) {
        this.file = file;
        this.everyNanos = (long) (everySeconds * 1e9);
        this.given = given;
        this.log = log;
    }

    /** The restart file of a run writing {@code stem}.h5 into dir. */
    public static Path fileFor(Path dir, String stem) {
        return dir.resolve(stem + ".checkpoint");
    }

    /**
     * The state of a run that reached its end, beside its outputs, which {@code run --extend-until}
     * continues. Not {@code *.checkpoint}: a finished run is no restart, and the same command run
     * again starts over rather than finding it.
     */
    public static Path finalFileFor(Path dir, String stem) {
        return dir.resolve(stem + ".final-checkpoint");
    }

    /** Also writes the state at the run's end (reached {@code run.until}) to {@code f}. */
    public RunCheckpoints keepingFinalIn(Path f) {
        finalFile = f;
        return this;
    }

    public Path file() {
        return file;
    }

    /** Checkpoints written so far by this process. */
    public int written() {
        return written;
    }

    @Override
    public void reached(Simulation sim, boolean stopping) {
        if (failed || !(stopping || System.nanoTime() - last >= everyNanos)) return;
        write(sim);
    }

    /**
     * The run reached its end: its state there, with the effective end time as its until (an
     * extension checks the scenario against it), goes to the final file.
     */
    @Override
    public void finished(Simulation sim) {
        if (finalFile == null || failed) return;
        write(sim, finalFile, new Given(given.seed(), sim.scenario().until(), given.maxEvents(), given.threads()));
        finalWritten = !failed;
    }

    /** Whether this run's end state is in the final file (else a final file there is of other outputs). */
    public boolean finalWritten() {
        return finalWritten;
    }

    /** Writes a checkpoint now; a failure is logged and ends checkpointing, never the run. */
    public void write(Simulation sim) {
        write(sim, file, given);
    }

    private void write(Simulation sim, Path file, Given given) {
        long t0 = System.nanoTime();
        var e = sim.engine();
        var h = new CheckpointHeader(Version.VERSION, scenarioHash(sim.scenario()), e.name(), sim.backendName(),
                java.nio.file.Path.of(sim.scenario().source()).toAbsolutePath().toString(), given.seed(), given.until(), given.maxEvents(), given.threads(),
                e.time() * sim.scenario().timeScale(), e.events(), java.time.Instant.now().toString());
        try {
            CheckpointFile.write(file, h, sim, CONFIGURATION);
            written++;
            log.accept(String.format(Locale.ROOT, "# checkpoint %s: t = %.6g s, %d hops, %d bytes in %.3f s", file.getFileName(),
                    h.simTime(), h.events(), java.nio.file.Files.size(file), (System.nanoTime() - t0) / 1e9));
        } catch (IOException | RuntimeException ex) {
            // a checkpoint is insurance: whatever goes wrong writing it (a full disk, an object the
            // codec cannot capture) must not cost the run itself
            failed = true;
            log.accept("halide-kmc: checkpoints stopped, the run goes on without them: " + ex.getMessage());
        }
        last = System.nanoTime();
    }

    /**
     * Refuses a checkpoint this run cannot continue: another version, scenario text or
     * command-line values, or another backend (null: not checked yet). One line, naming the file.
     */
    public static void check(CheckpointFile.Loaded c, Scenario s, String backend) {
        CheckpointHeader h = c.header();
        if (!h.version().equals(Version.VERSION)) {
            throw new CheckpointException(c.file() + ": checkpoint written by halide-kmc " + h.version() + ", this is "
                    + Version.VERSION + "; resume with that version, or delete the checkpoint to start over");
        }
        if (!h.scenarioHash().equals(scenarioHash(s))) {
            throw new CheckpointException(c.file() + ": checkpoint is of another scenario (its text or --seed/--until/--max-events/"
                    + "--threads differ); rerun the command that wrote it, or delete the checkpoint to start over");
        }
        if (backend != null && !h.backend().equals(backend)) {
            throw new CheckpointException(c.file() + ": checkpoint written on backend " + h.backend() + ", this run chose "
                    + backend + "; add --backend " + h.backend());
        }
    }

    /**
     * Refuses a finished run's final state that cannot be continued to {@code s.until()}: another
     * version or backend, an end not before the new one, or another scenario (text, seed,
     * max-events, threads: {@code s} with the finished run's end must be the run that wrote it).
     */
    public static void checkExtension(CheckpointFile.Loaded c, Scenario s, String backend) {
        CheckpointHeader h = c.header();
        if (!(s.until() > h.until())) {
            throw new CheckpointException(String.format(Locale.ROOT, "--extend-until: %s is not beyond the end of the finished run in %s, %s s",
                    Double.toString(s.until()), c.file().getParent(), Double.toString(h.until())));
        }
        Scenario finished = s.withLimits(h.until(), s.maxEvents());
        if (h.version().equals(Version.VERSION) && !h.scenarioHash().equals(scenarioHash(finished))) {
            throw new CheckpointException(c.file() + ": the finished run is of another scenario (its text or --seed/--max-events/"
                    + "--threads differ); extend it with the scenario file and options it ran with");
        }
        check(c, finished, backend);
    }

    /**
     * A sweep point's or a validation run's resume: {@code sim} continued from {@code file} when
     * the file holds this very run (same version, scenario and backend); else, a stale or torn
     * one (an edited sweep, a crash mid-copy, other code) is said and removed and the run starts
     * from zero, as a point whose result no longer matches is rerun. A restore that fails half-way
     * leaves {@code sim} unusable, so then the run starts on {@code fresh} instead.
     */
    public static Simulation resumeIfValid(Simulation sim, java.util.function.Supplier<Simulation> fresh, Path file,
                                           Consumer<String> log) {
        if (!java.nio.file.Files.exists(file)) return sim;
        boolean touched = false;
        try {
            CheckpointFile.Loaded c = CheckpointFile.read(file);
            check(c, sim.scenario(), sim.backendName());
            touched = true;
            sim.restore(c);
            log.accept(String.format(Locale.ROOT, "halide-kmc: resuming from %s: t = %.6g s, %d hops", file, c.header().simTime(),
                    c.header().events()));
            return sim;
        } catch (CheckpointException | IOException e) {
            log.accept("halide-kmc: " + e.getMessage() + "; the run starts from zero");
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a checkpoint that cannot be removed is overwritten by the next one
            }
            return touched ? fresh.get() : sim;
        }
    }

    /** Whether the whole state lives on the host, where a checkpoint can see it (not a GPU-resident film or lattice). */
    public static boolean supported(Simulation sim, String backend) {
        var e = sim.engine();
        boolean deviceEngine = e instanceof io.halidekmc.engine.uniformized.UniformizedSectorEngine
                || e instanceof io.halidekmc.engine.uniformized.UniformizedFilmEngine;
        return !deviceEngine || backend.equals("cpu");
    }

    /** SHA-256 of the scenario text with the effective seed, limits and threads: what must match to continue. */
    public static String scenarioHash(Scenario s) {
        int threads = s.film() != null ? s.film().threads() : s.sector() != null ? s.sector().threads() : 1;
        String identity = s.text() + String.format(Locale.ROOT, "\n# seed: %d, until: %s, max_events: %d, threads: %d, engine: %s%n",
                s.seed(), Double.toString(s.until()), s.maxEvents(), threads, s.engine());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
