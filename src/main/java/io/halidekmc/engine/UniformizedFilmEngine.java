package io.halidekmc.engine;

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
 */
public final class UniformizedFilmEngine implements KmcEngine {
    private final Ensemble.Spec spec;
    private final long seed;
    private final int threads;
    private UniformizedEnsemble ensemble;

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
        if (ensemble == null) start((lattice, members, vacancies, s) -> new CpuTrialRunner(lattice, members, s, threads));
        return ensemble;
    }

    /** Where the trials run ("cpu (2 threads)", "cuda:0 …"). */
    public String runnerDescription() {
        return ensemble().runner().describe();
    }

    /** Every member advances to tStop (the event limit is applied per call, as for the exact film). */
    @Override
    public long advance(double tStop, long maxEvents) {
        return ensemble().advance(tStop);
    }

    @Override
    public double time() {
        return ensemble == null ? 0 : ensemble.time();
    }

    @Override
    public long events() {
        return ensemble().events();
    }

    /** Hops fired so far by member c. */
    long memberEvents(int c) {
        return ensemble().runner().events(c);
    }

    @Override
    public long netHalideDz() {
        return ensemble().netDz();
    }

    @Override
    public Conditions conditions() {
        return spec.drive().at(time());
    }

    @Override
    public long[] frameCounts() {
        UniformizedEnsemble u = ensemble();
        int sites = u.lattice().sites();
        return IntStream.range(0, u.members()).parallel()
                .mapToObj(c -> FrameCounts.of(u.runner().words(c), sites))
                .reduce(new long[FrameCounts.LENGTH], UniformizedFilmEngine::sum);
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
                int sites = u.lattice().sites();
                int[] w = u.runner().words(c);
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
