package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.Failures;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.engine.sector.SectorEngine;
import io.halidekmc.engine.sector.SectorGrid;
import io.halidekmc.engine.sector.WindowedEngine;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.RateTable;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.Arrays;
import java.util.List;

/**
 * Synchronous-sublattice KMC for one large lattice with uniformized sectors: the sector engine's
 * splitting (sectors of one colour advance a window τ independently, colours in turn; {@link
 * SectorEngine} explains why it is exact as τ → 0 and the O(τ) error), each sector's window run by
 * uniformization ({@link SectorTrialKernel}) instead of BKL. Each sector's phase is then a fixed
 * number of independent-looking trials over a list fixed at the phase start — no rate tree, no
 * cached rates — the shape a GPU runs a warp per sector on (kernels/sector_steps.cu), with the
 * Java kernel as its CPU twin. Only hops whose rates factorise (mixing, uniform field) are
 * modelled, as in the uniformized ensemble.
 *
 * <p>Random numbers: sector s draws its Poisson trial counts from {@code Rng.stream(seed,
 * SECTOR_STREAMS + s)} and its trials from Philox blocks at counter (trial, s, "sect") under the
 * seed: the result does not depend on the runner or its thread count.
 */
public final class UniformizedSectorEngine extends WindowedEngine implements AutoCloseable {
    /** Opens the runner on the initial state (CPU threads or a GPU). */
    public interface RunnerFactory {
        SectorRunner open(SectorState state);
    }

    private final Occupancy occ;
    private final Material material;
    private final List<EnergyTerm> terms;
    private final RateTable table = new RateTable();
    private final boolean[] present;
    private final SectorGrid grid;
    private SectorRunner runner;
    private final long seed;
    private final UniformRandomProvider[] countStreams;
    private final long[] trialStart;
    private UniformizedKernel.Tables tables;
    private long trials, sweeps;
    /** Hops the runner had fired at the end of the last sweep. */
    private long eventsSeen;
    /** Whether {@link #occ} lags the runner's state. */
    private boolean stale;
    private final int cpuThreads;
    /** The state the steps left the CPU from ({@link #moveTo}); null while they run on the CPU. */
    private Saved initial;

    private record Saved(byte[] species, int[] counts, int[] vacancySite, int[] vacancyAt, int vacancies) {}
    /** Every advance so far: what a replay on the CPU goes through. */
    private final List<Advance> calls = new java.util.ArrayList<>();
    /** Depth of {@link #guarded} calls: a failure inside a nested one is handled by the outermost. */
    private int guardDepth;

    private record Advance(double tStop, long maxEvents) {}
    private String fallbackReason;

    public UniformizedSectorEngine(Occupancy occupancy, Material material, List<EnergyTerm> terms, DriveProgram drive,
                                   long seed, SectorConfig config, RunnerFactory factory) {
        super(drive, config.window());
        this.occ = occupancy;
        this.material = material;
        this.terms = List.copyOf(terms);
        long[] census = occ.census();
        this.present = new boolean[] {census[Species.CL] > 0, census[Species.BR] > 0, census[Species.I] > 0};
        this.grid = new SectorGrid(occ.lattice, config.blocks());
        int n = grid.count();
        countStreams = new UniformRandomProvider[n];
        for (int s = 0; s < n; s++) countStreams[s] = sectorStream(seed, s);
        trialStart = new long[n];
        this.seed = seed;
        this.cpuThreads = config.threads();
        applyDrive(0);   // checks that the rates factorise before a runner is opened
        runner = factory.open(new SectorState(occ, grid, seed));
    }

    /**
     * Advances as {@link WindowedEngine#advance}; if the device running the sector steps fails
     * (a driver error), the engine goes back to the state it left the CPU in, replays every
     * advance so far on CPU threads — the same trajectory bit for bit: same Poisson counts, same
     * trials, kernels equal to the Java one — and goes on there ({@link #fallbackReason}).
     */
    @Override
    public long advance(double tStop, long maxEvents) {
        long n = guarded(() -> super.advance(tStop, maxEvents));
        calls.add(new Advance(tStop, maxEvents));
        return n;
    }

    /** Runs op; if the device running the steps fails in it, replays on the CPU and runs op there. */
    private <T> T guarded(java.util.function.Supplier<T> op) {
        if (guardDepth > 0) return op.get();   // e.g. a download during a sweep: the advance around it replays
        guardDepth++;
        try {
            return op.get();
        } catch (RuntimeException e) {
            if (initial == null) throw e;
            fallBack(e);
            return op.get();
        } finally {
            guardDepth--;
        }
    }

    private void fallBack(RuntimeException e) {
        String where;
        try {
            where = runner.describe();
        } catch (RuntimeException ignored) {
            where = "the device";
        }
        fallbackReason = "sector steps failed mid-run on " + where + " (" + Failures.message(e) + "); replayed on the cpu to simulated t = "
                + time + " s (same trajectory) and continued there";
        System.err.println("halide-kmc: " + fallbackReason);
        try {
            runner.close();
        } catch (RuntimeException ignored) {
            // the device is already in trouble; nothing more to free
        }
        System.arraycopy(initial.species(), 0, occ.species, 0, occ.species.length);
        System.arraycopy(initial.counts(), 0, occ.counts, 0, occ.counts.length);
        occ.vacancySite = initial.vacancySite().clone();
        System.arraycopy(initial.vacancyAt(), 0, occ.vacancyAt, 0, occ.vacancyAt.length);
        occ.vacancies = initial.vacancies();
        for (int s = 0; s < countStreams.length; s++) countStreams[s] = sectorStream(seed, s);
        Arrays.fill(trialStart, 0);
        time = 0;
        trials = 0;
        sweeps = 0;
        eventsSeen = 0;
        stale = false;
        initial = null;
        applyDrive(0);
        runner = new CpuSectorRunner(new SectorState(occ, grid, seed), cpuThreads);
        for (Advance c : calls) super.advance(c.tStop(), c.maxEvents());
    }

    /** Null while the steps run where they started; else why and where they moved to the CPU. */
    @Override
    public String fallbackReason() {
        return fallbackReason;
    }

    /** The engine on CPU threads. */
    public static UniformizedSectorEngine onCpu(Occupancy occupancy, Material material, List<EnergyTerm> terms, DriveProgram drive,
                                                long seed, SectorConfig config) {
        return new UniformizedSectorEngine(occupancy, material, terms, drive, seed, config, st -> new CpuSectorRunner(st, config.threads()));
    }

    @Override
    protected void buildRates(Conditions conditions) {
        table.build(material, terms, conditions);
        tables = UniformizedKernel.Tables.of(table, present);
    }

    /** Total hop rate over all vacancies at the current tables (O(vacancies), from the host copy). */
    @Override
    public double totalRate() {
        Occupancy o = occupancy();
        int[] nb = o.lattice.neighbours(), off = o.lattice.regularOffsets();
        double[] r = new double[Lattice.Z];
        double sum = 0;
        for (int id = 0; id < o.vacancies; id++) {
            sum += HopKernel.vacancyRatesFactored(o.vacancySite[id], o.counts, nb, off, tables.fv(), tables.gh(), tables.field(), r, 0);
        }
        return sum;
    }

    /** Sectors of a colour from which the Poisson draws are shared among the CPU's cores. */
    private static final int PARALLEL_DRAWS = 512;

    /** One sweep: the colours in turn, every sector of a colour for dt. */
    @Override
    protected long sweep(double dt) {
        for (int[] colour : grid.colourSectors) {
            int[] len = runner.begin(colour);
            long[] start = new long[colour.length], count = new long[colour.length];
            // one Poisson draw per sector from its own stream (≈ 0.5 µs each): thousands of sectors
            // per colour on a GPU-sized box would otherwise keep the device waiting on one core
            java.util.stream.IntStream ids = java.util.stream.IntStream.range(0, colour.length);
            (colour.length >= PARALLEL_DRAWS ? ids.parallel() : ids).forEach(i ->
                    count[i] = UniformizedEnsemble.poisson(countStreams[colour[i]], 8.0 * len[i] * tables.rmax() * dt));
            for (int i = 0; i < colour.length; i++) {
                int s = colour[i];
                start[i] = trialStart[s];
                trialStart[s] += count[i];
                trials += count[i];
            }
            runner.run(colour, start, count, tables);
        }
        sweeps++;
        stale = true;
        long now = runner.events();   // one read per sweep (a device copy on a GPU)
        long fired = now - eventsSeen;
        eventsSeen = now;
        return fired;
    }

    @Override
    protected int vacancies() {
        return occ.vacancies;
    }

    @Override
    public long events() {
        return guarded(() -> runner.events());
    }

    /** Trials run so far (accepted or not). */
    public long trials() {
        return trials;
    }

    public long sweeps() {
        return sweeps;
    }

    @Override
    public long netHalideDz() {
        return guarded(() -> runner.netDz());
    }

    /** The lattice state, brought up to date from the runner when it has moved on. */
    @Override
    public Occupancy occupancy() {
        if (stale) {
            guarded(() -> {
                runner.download(occ.counts, occ.vacancySite);
                return null;
            });
            int sites = occ.lattice.sites();
            Arrays.fill(occ.vacancyAt, -1);
            for (int s = 0; s < sites; s++) occ.species[s] = (byte) (occ.counts[s] & Occupancy.SPECIES_MASK);
            for (int id = 0; id < occ.vacancies; id++) occ.vacancyAt[occ.vacancySite[id]] = id;
            stale = false;
        }
        return occ;
    }

    @Override
    public String name() {
        return "sector-uniformized";
    }

    /** The frame sums from the runner: no copy of the lattice for a frame. */
    @Override
    public long[] frameCounts() {
        return guarded(() -> runner.frameCounts());
    }

    /**
     * Moves the sector steps to another runner (a GPU found after the engine was built). Only
     * before the first sweep: the new runner starts from the initial state.
     */
    public void moveTo(RunnerFactory factory) {
        if (sweeps > 0) throw new IllegalStateException("the sector steps can move to another runner only before the first sweep");
        SectorRunner next = factory.open(new SectorState(occ, grid, seed));
        runner.close();
        runner = next;
        // kept for a replay on the CPU should the device fail (one host copy of the lattice)
        initial = new Saved(occ.species.clone(), occ.counts.clone(), occ.vacancySite.clone(), occ.vacancyAt.clone(), occ.vacancies);
    }

    /** Where the sector steps run. */
    public String runnerDescription() {
        return runner.describe();
    }

    public int[] blocks() {
        return grid.blocks.clone();
    }

    @Override
    public void close() {
        runner.close();
    }
}
