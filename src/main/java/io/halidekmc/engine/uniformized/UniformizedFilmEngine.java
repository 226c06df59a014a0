package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.engine.Failures;
import io.halidekmc.engine.KmcEngine;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.observe.FrameCounts;
import io.halidekmc.physics.Conditions;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A film of equal nanocrystals run by uniformization ({@link UniformizedEnsemble}), seen as one
 * engine by {@link Simulation}: scenario {@code engine: uniformized} with {@code film:}. It is the
 * film engine a GPU can run (DESIGN §6 "ensemble"): {@link #start} opens its trials on CUDA
 * devices or TornadoVM; used without it, they run on {@code film.threads} CPU threads. Which
 * runner runs them does not change the trajectory. The output times do: each call draws its
 * Poisson trial counts over its own span, so another {@code output.interval} gives another
 * (statistically equal) trajectory.
 *
 * <p>The members are built when the runner is opened, on the runner itself (a GPU film of 10⁴
 * crystals would not fit a CPU heap twice). Frames are summed from the members' packed words
 * ({@link FrameCounts}); member occupancies are rebuilt only for observers that need the lattice
 * (PL), one at a time.
 *
 * <p>A device that fails mid-run (a driver error) does not fail the run: the film is rebuilt on
 * CPU threads from its initial state and advanced through the same stop times, which gives the
 * same trajectory bit for bit (same Poisson counts, same trials, kernels equal to the Java one),
 * then the run goes on there; {@link #fallbackReason} says so.
 */
public final class UniformizedFilmEngine implements KmcEngine {
    private final Ensemble.Spec spec;
    private final long seed;
    private final int threads;
    private UniformizedEnsemble ensemble;
    /** The stop times of every advance so far: what a replay on the CPU goes through. */
    private final java.util.List<Double> stops = new java.util.ArrayList<>();
    private String fallbackReason;

    public UniformizedFilmEngine(Ensemble.Spec spec, long seed, int threads) {
        if (threads < 1) throw new IllegalArgumentException("need ≥ 1 thread");
        this.spec = spec;
        this.seed = seed;
        this.threads = threads;
    }

    /** Opens the trials on the runner {@code factory} makes, with every member's initial state; once, before any step. */
    public void start(UniformizedEnsemble.RunnerFactory factory) {
        if (ensemble != null) throw new IllegalStateException("the film's trials are already running on " + runnerDescription());
        ensemble = new UniformizedEnsemble(spec, seed, factory, Math.max(threads, Runtime.getRuntime().availableProcessors()));
    }

    private UniformizedEnsemble ensemble() {
        if (ensemble == null) start(this::cpuRunner);
        return ensemble;
    }

    private TrialRunner cpuRunner(io.halidekmc.lattice.Lattice lattice, int members, int vacancies, long s) {
        return new CpuTrialRunner(lattice, members, s, threads);
    }

    /** Runs op; if the trials' device fails in it, replays the film on the CPU and runs op there. */
    private <T> T guarded(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            if (ensemble == null || ensemble.runner() instanceof CpuTrialRunner) throw e;
            fallBack(e);
            return op.get();
        }
    }

    private void fallBack(RuntimeException e) {
        String where;
        try {
            where = ensemble.runner().describe();
        } catch (RuntimeException ignored) {
            where = "the device";
        }
        fallbackReason = "film trials failed mid-run on " + where + " (" + Failures.message(e) + "); replayed on the cpu to simulated t = "
                + (stops.isEmpty() ? 0 : stops.getLast()) + " s (same trajectory) and continued there";
        System.err.println("halide-kmc: " + fallbackReason);
        try {
            ensemble.close();
        } catch (RuntimeException ignored) {
            // the device is already in trouble; nothing more to free
        }
        ensemble = null;
        for (double t : stops) ensemble().advance(t);
    }

    /** Null while the trials run where they started; else why and where they moved to the CPU. */
    @Override
    public String fallbackReason() {
        return fallbackReason;
    }

    @Override
    public void materialize() {
        ensemble();
    }

    /** Whether the members live on a device, where reading them back copies every crystal. */
    public boolean onDevice() {
        return !(ensemble().runner() instanceof CpuTrialRunner);
    }

    /** Where the trials run ("cpu (2 threads)", "cuda:0 …"). */
    public String runnerDescription() {
        return ensemble().runner().describe();
    }

    /** Every member advances to tStop (the event limit is applied per call, as for the exact film). */
    @Override
    public long advance(double tStop, long maxEvents) {
        long n = guarded(() -> ensemble().advance(tStop));
        stops.add(tStop);
        return n;
    }

    @Override
    public double time() {
        return ensemble == null ? 0 : ensemble.time();
    }

    @Override
    public long events() {
        return guarded(() -> ensemble().events());
    }

    /** Hops fired so far by member c. */
    long memberEvents(int c) {
        return ensemble().runner().events(c);
    }

    @Override
    public long netHalideDz() {
        return guarded(() -> ensemble().netDz());
    }

    @Override
    public Conditions conditions() {
        return spec.drive().at(time());
    }

    @Override
    public long[] frameCounts() {
        return guarded(() -> {
            UniformizedEnsemble u = ensemble();
            int sites = u.lattice().sites();
            return IntStream.range(0, u.members()).parallel()
                    .mapToObj(c -> FrameCounts.of(u.runner().words(c), sites))
                    .reduce(new long[FrameCounts.LENGTH], UniformizedFilmEngine::sum);
        });
    }

    private static long[] sum(long[] a, long[] b) {
        long[] s = a.clone();
        for (int i = 0; i < s.length; i++) s[i] += b[i];
        return s;
    }

    @Override
    public Occupancy occupancy() {
        return occupancies().getFirst();
    }

    /**
     * Every member's lattice now, rebuilt from its packed words when the list is read: one member
     * at a time, so that a GPU film of 10⁴ crystals does not need 10⁴ lattices on the heap.
     */
    @Override
    public List<Occupancy> occupancies() {
        UniformizedEnsemble u = ensemble();
        return new java.util.AbstractList<>() {
            @Override
            public Occupancy get(int c) {
                int sites = u.lattice().sites();   // the same lattice on a replay
                int[] w = guarded(() -> ensemble().runner().words(c));
                byte[] species = new byte[sites + 1];
                for (int s = 0; s < sites; s++) species[s] = (byte) (w[s] & Occupancy.SPECIES_MASK);
                return new Occupancy(u.lattice(), species);
            }

            @Override
            public int size() {
                return u.members();
            }
        };
    }

    @Override
    public String name() {
        return "uniformized-ensemble";
    }

    @Override
    public void close() {
        if (ensemble != null) ensemble.close();
    }
}
