package io.halidekmc.run;

import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.engine.ensemble.EnsembleEngine;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.KmcEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.engine.sector.SectorEngine;
import io.halidekmc.engine.uniformized.UniformizedFilmEngine;
import io.halidekmc.engine.uniformized.UniformizedSectorEngine;

import io.halidekmc.Version;
import io.halidekmc.drive.TimeScale;
import io.halidekmc.io.Scenario;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.observe.Frame;
import io.halidekmc.observe.Observer;
import io.halidekmc.observe.Profile;
import io.halidekmc.observe.Snapshot;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.MixingTerm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Runs one scenario from its initial state to its end time, recording observables at every
 * output time and snapshots when asked. Stream 0 of the seed builds the initial state, stream 1
 * drives the engine, so the initial state does not depend on the engine's RNG use.
 */
public final class Simulation {
    /** Hops per engine call between checks of the stop flag and progress. */
    private static final long CHUNK = 1L << 20;

    private final Scenario scenario;
    private final Lattice lattice;
    private final KmcEngine engine;
    /** transient: a request to this process, not state a checkpoint carries (so for the other transient fields here). */
    private transient volatile boolean stopRequested;
    private transient SafePoint safePoint;
    /** Hops per engine call: {@link #CHUNK}, smaller in tests so safe points fall inside an output interval. */
    private transient long chunk = CHUNK;
    /** Where the run has got to: fields, not locals, so a checkpoint ({@link RunCheckpoints}) holds them. */
    private final List<Frame> frames = new ArrayList<>();
    private final List<Profile> profiles = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final TreeSet<Double> snapTimes = new TreeSet<>();
    /** The next output frame's index; 0 before the first frame is recorded. */
    private int k;
    private Instant start;
    /** Synthetic PL (null when the scenario asks for none). */
    private final io.halidekmc.physics.GapBlocks gapBlocks;
    private final io.halidekmc.physics.BandGap bandGap;
    /** The regions model's size–PL curve (null for the other models). */
    private final io.halidekmc.physics.ConfinementCurve confinement;
    private final double[] plGrid = io.halidekmc.observe.PlSpectrum.grid(380, 760, 381);
    private final List<double[]> plSpectra = new ArrayList<>();
    /** Wire-device observables (null without a device). */
    private io.halidekmc.observe.WireObserver wireObserver;
    private final List<io.halidekmc.observe.WireFrame> wireFrames = new ArrayList<>();
    /** Core → surface profiles, recorded for nanocrystals and films only (a bulk box or wire has no centre). */
    private final boolean radial;
    private final List<io.halidekmc.observe.RadialProfile> radialProfiles = new ArrayList<>();
    /** The terms the engine runs, kept so each frame can report their total energy. */
    private final List<EnergyTerm> terms = new ArrayList<>();

    public interface Progress {
        void update(double fraction, double simTime, long events);
    }

    /**
     * Called between engine steps at points where the run could stop and be continued exactly
     * (the loop re-entered from its top finds the same next stop); {@code stopping} when the run
     * is about to end early (a signal).
     */
    public interface SafePoint {
        void reached(Simulation sim, boolean stopping);

        /** The run reached run.until (not a signal, not max-events): a safe point a longer run passes too. */
        default void finished(Simulation sim) {}
    }

    /** Calls {@code p} at every safe point from now on (a checkpoint writer; tests). */
    public void onSafePoint(SafePoint p) {
        safePoint = p;
    }

    /** Tests: engine calls of at most {@code hops} hops, so safe points fall inside an output interval. */
    void chunkHops(long hops) {
        chunk = hops;
    }

    /**
     * Continues from a checkpoint of this scenario (checked by the caller): every engine and
     * observer state as captured, over this freshly built twin.
     */
    public void restore(io.halidekmc.checkpoint.CheckpointFile.Loaded c) {
        engine.materialize();
        c.restoreInto(this, RunCheckpoints.CONFIGURATION);
    }

    public Scenario scenario() {
        return scenario;
    }

    /**
     * After {@link #restore} from a finished run's final state, this run's later end: its snapshot
     * times beyond the time reached join those left, as a run to the new end holds them there.
     */
    public void extendSnapshots() {
        double f = scenario.timeScale();
        for (double t : scenario.snapshots()) {
            if (t / f > engine.time()) snapTimes.add(t / f);
        }
    }

    /**
     * Whether the restored run ended exactly (bitwise) where this scenario's output grid puts a
     * frame: only then is continuing it the same trajectory as one run to the later end.
     */
    public boolean endsOnOutputGrid() {
        return k > 0 && engine.time() == (k - 1) * (scenario.interval() / scenario.timeScale());
    }

    /** Backend name as recorded in /meta. */
    public String backendName() {
        return backend.name();
    }

    public Simulation(Scenario scenario) {
        this.scenario = scenario;
        this.bandGap = scenario.parameters().bandGap();
        this.lattice = scenario.geometry().lattice();
        this.radial = scenario.film() != null || scenario.geometry() instanceof io.halidekmc.lattice.Geometry.Nanocrystal;
        Occupancy occ = scenario.initial().build(lattice, scenario.segments(), scenario.vacancyFraction(),
                Rng.stream(scenario.seed(), 0));
        if (scenario.mixing()) terms.add(new MixingTerm());
        // a wire device applies the field itself, through its potential profile
        if (scenario.field() && scenario.wire() == null) terms.add(new FieldTerm());
        this.engine = scenario.film() != null ? filmEngine(scenario, terms) : createEngine(scenario, occ, terms);
        this.gapBlocks = scenario.pl() == null ? null : new io.halidekmc.physics.GapBlocks(lattice, scenario.pl().blockCells());
        this.confinement = scenario.pl() == null || scenario.pl().model() != io.halidekmc.observe.PlSpectrum.Model.REGIONS
                ? null : io.halidekmc.physics.ConfinementCurve.named(scenario.pl().confinement());
        PhysicsSwitches.enable(scenario, engine);
        if (scenario.wire() != null) {
            wireObserver = new io.halidekmc.observe.WireObserver(scenario.segments(), lattice.cellsZ(),
                    scenario.wire().contactCells(), scenario.material().latticeConstant(), scenario.wire().lengthScale());
        }
    }

    private io.halidekmc.engine.RateBackend backend = io.halidekmc.engine.RateBackend.CPU;
    private String backendReason = "cpu (default)";

    /** Runs the engine's bulk refresh on the chosen backend (DESIGN §6); recorded in /meta. */
    public void useBackend(io.halidekmc.backend.Backends.Choice c) {
        useBackend(c, List.of(0));
    }

    /**
     * Runs the engine's bulk refresh on the chosen backend (DESIGN §6), and with cuda or tornado
     * the uniformized sector engine's sector steps on the first of {@code devices}, or a uniformized
     * film's trials split over all of them; recorded in /meta. A device that cannot take them
     * leaves them on the CPU, with the reason.
     */
    public void useBackend(io.halidekmc.backend.Backends.Choice c, List<Integer> devices) {
        backend = c.backend();
        backendReason = c.reason();
        if (engine instanceof ExactEngine exact) exact.useRateBackend(backend);
        if (engine instanceof UniformizedFilmEngine film) {
            if (c.name().equals("cuda") || c.name().equals("tornado")) {
                try {
                    film.start((lat, n, nv, seed) -> {
                        try {
                            return io.halidekmc.backend.Backends.openEnsemble(c.name(), devices, lat, n, nv, seed);
                        } catch (io.halidekmc.engine.BackendUnavailable e) {
                            throw new IllegalStateException(e.getMessage(), e);
                        }
                    });
                } catch (RuntimeException e) {   // no device, or a driver error while loading the film
                    backendReason += "; film trials stay on the cpu: " + e.getMessage();
                    System.err.println("halide-kmc: film trials stay on the cpu: " + e.getMessage());
                }
            }
            backendReason += "; film trials on " + film.runnerDescription();
        }
        if (engine instanceof UniformizedSectorEngine u && (c.name().equals("cuda") || c.name().equals("tornado"))) {
            try {
                u.moveTo(st -> {
                    try {
                        return io.halidekmc.backend.Backends.openSectors(c.name(), devices, st);
                    } catch (io.halidekmc.engine.BackendUnavailable e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
                backendReason += "; sector steps on " + u.runnerDescription();
            } catch (RuntimeException e) {   // no device, or a driver error while loading the lattice
                backendReason += "; sector steps stay on the cpu: " + e.getMessage();
                System.err.println("halide-kmc: sector steps stay on the cpu: " + e.getMessage());
            }
        }
    }

    private String backendReason() {
        String r = backend instanceof io.halidekmc.backend.FallbackRateBackend f && f.fallbackReason() != null
                ? backendReason + "; " + f.fallbackReason() : backendReason;
        return engine.fallbackReason() != null ? r + "; " + engine.fallbackReason() : r;
    }

    /**
     * A film: one exact engine per nanocrystal (streams 2i+2, 2i+3 of the seed), surface exchange on
     * each; or with engine: uniformized, equal nanocrystals run by uniformization (the same streams).
     */
    private static KmcEngine filmEngine(Scenario s, List<EnergyTerm> terms) {
        var drive = TimeScale.toSimulated(s.drive(), s.timeScale());
        var f = s.film();
        var spec = new Ensemble.Spec(f.count(), f.meanEdgeNm(), f.spreadNm(), s.segments().getFirst().fractions(),
                s.vacancyFraction(), s.material(), terms, drive, s.surfaceExchange(), f.coarseGrain());
        if (s.engine().equals("uniformized")) return new UniformizedFilmEngine(spec, s.seed(), f.threads());
        return new EnsembleEngine(new Ensemble(spec, s.seed(), f.threads()));
    }

    /**
     * The scenario's engine: "exact" (stream 1 of the seed), "sector" (one stream per sector) or
     * "sector-uniformized" (the same sectors run by uniformization: CPU threads, or a GPU when the
     * run's backend is cuda).
     */
    static KmcEngine createEngine(Scenario scenario, Occupancy occ, List<EnergyTerm> terms) {
        var drive = TimeScale.toSimulated(scenario.drive(), scenario.timeScale());
        return switch (scenario.engine()) {
            case "sector" -> new SectorEngine(occ, scenario.material(), terms, drive, scenario.seed(), scenario.sector());
            case "sector-uniformized" -> UniformizedSectorEngine.onCpu(occ, scenario.material(), terms, drive, scenario.seed(), scenario.sector());
            default -> new ExactEngine(occ, scenario.material(), terms, drive, Rng.stream(scenario.seed(), 1));
        };
    }

    public KmcEngine engine() {
        return engine;
    }

    /** Asks a running {@link #run} to stop after the current chunk of hops and record where it got to. */
    public void requestStop() {
        stopRequested = true;
    }

    public RunResult run(Progress progress) {
        try {
            return runEngine(progress);
        } finally {
            engine.close();
        }
    }

    private RunResult runEngine(Progress progress) {
        double f = scenario.timeScale();
        double until = scenario.until() / f;
        double interval = scenario.interval() / f;
        long maxEvents = scenario.maxEvents();
        if (k == 0) {   // a fresh run; a restored one carries on from its checkpoint's k
            start = Instant.now();
            for (double t : scenario.snapshots()) snapTimes.add(t / f);
            record(frames, profiles, snapshots, snapTimes);
            k = 1;
        }
        boolean interrupted = false;
        outer:
        while (engine.time() < until && engine.events() < maxEvents) {
            if (safePoint != null) safePoint.reached(this, false);
            double target = k * interval;
            // k·interval can land an ulp short of the end: snap it so the last frame is not doubled
            if (target > until - 1e-9 * interval) target = until;
            Double nextSnap = snapTimes.ceiling(engine.time());
            boolean snapStop = nextSnap != null && nextSnap < target;
            double stop = snapStop ? nextSnap : target;
            while (engine.time() < stop) {
                long left = maxEvents - engine.events();
                if (left <= 0) break;
                engine.advance(stop, Math.min(chunk, left));
                if (progress != null) {
                    double frac = Math.max(engine.time() / until, maxEvents == Long.MAX_VALUE ? 0 : (double) engine.events() / maxEvents);
                    progress.update(Math.min(1, frac), engine.time() * f, engine.events());
                }
                // here the loop, re-entered from the top, would compute this same stop: a safe point
                boolean resumable = engine.time() < stop && engine.events() < maxEvents;
                if (stopRequested) {
                    if (resumable && safePoint != null) safePoint.reached(this, true);
                    interrupted = true;
                    record(frames, profiles, snapshots, snapTimes);
                    break outer;
                }
                if (resumable && safePoint != null) safePoint.reached(this, false);
            }
            if (snapStop && engine.time() >= nextSnap) {
                snapshots.add(Observer.snapshot(engine.occupancy(), engine.time() * f));
                snapTimes.remove(nextSnap);
                continue;
            }
            record(frames, profiles, snapshots, snapTimes);
            k++;
        }
        if (!interrupted && engine.time() >= until && safePoint != null) safePoint.finished(this);
        return new RunResult(scenario, Version.VERSION, engine.name(), backend.name(), backendReason(), scenario.seed(), start, Instant.now(), engine.time() * f,
                engine.events(), interrupted, lattice.sites(), lattice.activeSites(),
                scenario.material().latticeConstant(), List.copyOf(frames), List.copyOf(profiles), List.copyOf(snapshots),
                gapBlocks == null ? new double[0] : plGrid, List.copyOf(plSpectra), List.copyOf(wireFrames),
                List.copyOf(radialProfiles));
    }

    private void record(List<Frame> frames, List<Profile> profiles, List<Snapshot> snapshots, TreeSet<Double> snapTimes) {
        double ts = engine.time();
        double t = ts * scenario.timeScale();
        double dzMetres = engine.netHalideDz() * scenario.material().latticeConstant() * 1e-10 / 2;
        long[] reservoir = new long[io.halidekmc.lattice.Species.COUNT];
        for (int x = 1; x < reservoir.length; x++) reservoir[x] = engine.reservoir(x);
        long[] counts = engine.frameCounts();
        Frame f = counts != null
                ? Observer.frame(counts, t, engine.events(), engine.conditions().temperature(), engine.conditions().field(), dzMetres)
                : Observer.frame(engine.occupancies(), t, engine.events(), engine.conditions().temperature(), engine.conditions().field(), dzMetres);
        f = f.withReservoir(reservoir).withLight(engine.conditions().light()).withStrain(engine.strain());
        if (radial) {
            var rp = io.halidekmc.observe.RadialProfile.of(engine.occupancies(), reservoir, t);
            radialProfiles.add(rp);
            f = f.withRadialContrast(rp.contrast());
        }
        double peak = Double.NaN;
        // a GPU film keeps its lattices on the device: recomputing the energy would copy them all back
        double energy = engine instanceof UniformizedFilmEngine u && u.onDevice() ? Double.NaN : energy();
        if (scenario.profiles()) profiles.add(Observer.profile(engine.occupancy(), t));
        if (wireObserver != null && engine instanceof ExactEngine exact) {
            long[][] stored = new long[2][io.halidekmc.lattice.Species.COUNT];
            for (int e = 0; e < 2; e++) {
                for (int x = 1; x < io.halidekmc.lattice.Species.COUNT; x++) stored[e][x] = exact.electrodeStore(e, x);
            }
            wireFrames.add(wireObserver.frame(engine.occupancy(), t, stored, exact.wirePotential()));
        }
        if (gapBlocks != null) {
            // film PL: each nanocrystal's normalised spectrum weighted by its volume (absorbed light)
            // one pass over the samples (a GPU film hands them over one at a time), normalised at the end
            double[] spectrum = new double[plGrid.length];
            long total = 0;
            for (Occupancy o : engine.occupancies()) {
                var blocks = o.lattice == lattice ? gapBlocks : new io.halidekmc.physics.GapBlocks(o.lattice, scenario.pl().blockCells());
                if (scenario.pl().model() == io.halidekmc.observe.PlSpectrum.Model.REGIONS) {
                    regionsPl(o, blocks, spectrum);
                } else {
                    io.halidekmc.observe.PlSpectrum.accumulate(blocks.counts(o), bandGap, scenario.pl().model(),
                            engine.conditions().temperature(), o.lattice.activeSites(), plGrid, spectrum);
                }
                total += o.lattice.activeSites();
            }
            for (int i = 0; i < spectrum.length; i++) spectrum[i] /= total;
            plSpectra.add(spectrum);
            peak = io.halidekmc.observe.PlSpectrum.peak(plGrid, spectrum);
        }
        frames.add(f.withDiagnostics(energy, peak));
        Double due = snapTimes.floor(ts);
        if (due != null && (snapshots.isEmpty() || snapshots.getLast().time() < t)) {
            snapshots.add(Observer.snapshot(engine.occupancy(), t));
            snapTimes.remove(due);
        }
    }

    /** As SPPARKS's energy diagnostic: a full recomputation, so it also checks nothing drifts in the incremental ΔE. */
    private double energy() {
        double e = 0;
        for (Occupancy o : engine.occupancies()) {
            for (EnergyTerm term : terms) e += term.total(o, scenario.material(), engine.conditions());
        }
        return e;
    }

    /**
     * One crystal's regions-model PL, brightness ∝ its volume; every site emissive until a phase flag
     * exists (REBUILD-PLAN S4 hands its flags to {@link io.halidekmc.observe.EmissiveRegions} here).
     */
    /**
     * Blocks on each side that an exciton of output.pl.exciton_nm spans: (2r + 1) blocks ≈ its
     * diameter; 0 (each block its own composition) without the key.
     */
    private int excitonReach() {
        double blockNm = scenario.pl().blockCells() * scenario.coarseGrain() * scenario.material().latticeConstant() / 10;
        return (int) Math.max(0, Math.round((scenario.pl().excitonNm() / blockNm - 1) / 2));
    }

    private void regionsPl(Occupancy o, io.halidekmc.physics.GapBlocks blocks, double[] spectrum) {
        var regions = new io.halidekmc.observe.EmissiveRegions(o, blocks, io.halidekmc.observe.EmissiveRegions.allSites(o.lattice));
        var levels = io.halidekmc.observe.RegionEmission.levels(regions, bandGap, confinement, scenario.coarseGrain(),
                engine.conditions().temperature(), excitonReach(), scenario.parameters().latticeConstant());
        io.halidekmc.observe.RegionEmission.accumulate(levels, o.lattice.activeSites(), plGrid, spectrum);
    }
}
