package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.engine.Rng;

import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.RateTable;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A film of equal nanocrystals advanced by uniformization ({@link UniformizedKernel}): the
 * ensemble engine of the GPU backend, with a CPU twin. Member c starts from the same random alloy
 * as member c of {@link Ensemble} (stream 2c + 2 of the seed); its Poisson trial counts come from
 * stream 2c + 3. Only bulk hops whose rates factorise (mixing, uniform field) are modelled: no
 * surface exchange, no light terms, equal edge lengths (one lattice for all, shared on the GPU).
 *
 * <p>Which runner runs the trials does not change the trajectory: counts are drawn here, and the
 * CPU and CUDA kernels share their arithmetic and random numbers.
 */
public final class UniformizedEnsemble implements AutoCloseable {
    /** Opens the runner for {@code members} members on one lattice. */
    public interface RunnerFactory {
        /** {@code vacancies}: the vacancy count of every member (the initial state draws it exactly). */
        TrialRunner open(Lattice lattice, int members, int vacancies, long seed);
    }

    /** Members from which the Poisson draws of a step are shared among the CPU's cores. */
    private static final int PARALLEL_DRAWS = 512;

    /** Largest Poisson mean drawn in one piece (the sampler's limit is 2^30). */
    private static final double MAX_MEAN = 1e9;

    private final Ensemble.Spec spec;
    private final Lattice lattice;
    private final TrialRunner runner;
    private final UniformRandomProvider[] countStreams;
    private final int[] vacancies;
    private final long[] start, count;
    private final RateTable table = new RateTable();
    private double time;
    private long trials;
    /** Steps as run (tables, and start/count of every member), kept when {@link #keepHistory} is on. */
    private final java.util.List<Step> history = new java.util.ArrayList<>();
    private boolean keepHistory;
    private final long seed;

    private record Step(UniformizedKernel.Tables tables, long[] start, long[] count) {}

    public UniformizedEnsemble(Ensemble.Spec spec, long seed, RunnerFactory factory, int buildThreads) {
        if (spec.count() < 1) throw new IllegalArgumentException("need ≥ 1 member");
        if (spec.spreadNm() != 0) throw new IllegalArgumentException("the uniformized ensemble needs equal nanocrystals (spread 0)");
        if (spec.surface() != null) throw new IllegalArgumentException("the uniformized ensemble models bulk hops only (no surface exchange)");
        this.spec = spec;
        this.seed = seed;
        double a = spec.material().latticeConstant() / 10 * spec.coarseGrain();
        int edge = Math.max(2, (int) Math.round(spec.meanEdgeNm() / a));
        lattice = new Geometry.Nanocrystal(edge).lattice();
        int members = spec.count();
        runner = factory.open(lattice, members, (int) Math.round(spec.vacancyFraction() * lattice.activeSites()), seed);
        countStreams = new UniformRandomProvider[members];
        vacancies = new int[members];
        start = new long[members];
        count = new long[members];
        Runnable build = () -> IntStream.range(0, members).parallel().forEach(c -> {
            Occupancy occ = InitialState.randomAlloy(lattice, spec.fractions(), spec.vacancyFraction(), Rng.stream(seed, 2L * c + 2));
            vacancies[c] = occ.vacancies;
            runner.load(c, occ.counts, occ.vacancySite, occ.vacancies);
            countStreams[c] = Rng.stream(seed, 2L * c + 3);
        });
        try (ForkJoinPool pool = new ForkJoinPool(Math.max(1, buildThreads))) {
            pool.submit(build).join();
        } catch (RuntimeException e) {
            runner.close();     // a GPU runner that failed while loading must not keep its device memory
            throw e;
        }
    }

    public Lattice lattice() {
        return lattice;
    }

    public TrialRunner runner() {
        return runner;
    }

    public int members() {
        return vacancies.length;
    }

    public int vacancies(int member) {
        return vacancies[member];
    }

    public double time() {
        return time;
    }

    /** Trials run so far, all members. */
    public long trials() {
        return trials;
    }

    /** The tables at these conditions (the trial bound Rmax among them). */
    public UniformizedKernel.Tables tables(Conditions c) {
        table.build(spec.material(), spec.terms(), c);
        double[] f = spec.fractions();
        return UniformizedKernel.Tables.of(table, new boolean[] {f[Species.CL] > 0, f[Species.BR] > 0, f[Species.I] > 0});
    }

    /** Advances every member to simulated time tStop, piecewise between drive changes; returns the hops fired. */
    public long advance(double tStop) {
        long before = events();
        while (time < tStop) {
            double next = Math.min(tStop, spec.drive().nextChange(time));
            if (!(next > time)) next = tStop;
            UniformizedKernel.Tables t = tables(spec.drive().at(time));
            double span = next - time;
            // one draw per member from its own stream (≈ 1–5 µs each): 10⁴ crystals on one core would
            // take longer than the GPU's step, so large films draw on every core (same result)
            IntStream members = IntStream.range(0, count.length);
            (count.length >= PARALLEL_DRAWS ? members.parallel() : members).forEach(c ->
                    count[c] = poisson(countStreams[c], 8.0 * vacancies[c] * t.rmax() * span));
            for (long n : count) trials += n;
            runner.run(start, count, t);
            if (keepHistory) history.add(new Step(t, start.clone(), count.clone()));
            for (int c = 0; c < count.length; c++) start[c] += count[c];
            time = next;
        }
        return events() - before;
    }

    /** Keep every step's tables and trial counts, so that members can be replayed ({@link #replay}). */
    public void keepHistory(boolean on) {
        if (on && trials > 0) throw new IllegalStateException("history must be kept from the start");
        keepHistory = on;
    }

    /**
     * Member c run again from its initial state on this thread with the Java kernel, through every
     * step kept since {@link #keepHistory} was switched on at the start: its packed words, then its
     * vacancy list, its hop count and net dz, to compare with {@link #runner()}'s.
     */
    public Replay replay(int c) {
        if (!keepHistory) throw new IllegalStateException("history was not kept from the start");
        Occupancy occ = InitialState.randomAlloy(lattice, spec.fractions(), spec.vacancyFraction(), Rng.stream(seed, 2L * c + 2));
        int[] w = occ.counts.clone();
        int[] v = java.util.Arrays.copyOf(occ.vacancySite, occ.vacancies);
        long events = 0;
        long[] dz = new long[1];
        for (Step st : history) {
            events += UniformizedKernel.runTrials(w, v, v.length, lattice.neighbours(), lattice.regularOffsets(), st.tables(),
                    (int) seed, (int) (seed >>> 32), c, st.start()[c], st.count()[c], dz);
        }
        return new Replay(w, v, events, dz[0]);
    }

    public record Replay(int[] words, int[] vacancies, long events, long netDz) {}

    static long poisson(UniformRandomProvider rng, double mean) {
        long n = 0;
        while (mean > 0) {
            double m = Math.min(mean, MAX_MEAN);
            n += PoissonSampler.of(rng, m).sample();
            mean -= m;
        }
        return n;
    }

    /** Hops fired so far, all members (one read of the runner: a device copy on a GPU). */
    public long events() {
        return runner.totalEvents(count.length);
    }

    /** Net halide z displacement of all members, half lattice constants. */
    public long netDz() {
        return runner.totalNetDz(count.length);
    }

    @Override
    public void close() {
        runner.close();
    }
}
