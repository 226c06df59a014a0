package io.halidekmc.engine.sector;

import io.halidekmc.engine.PhiloxBlock;
import io.halidekmc.engine.Tracers;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;

import java.util.List;

/**
 * Synchronous-sublattice parallel KMC (Shim &amp; Amar, PRB 71, 125432, 2005; SPPARKS' "sector"
 * mode; DESIGN §5) for one large lattice, on CPU threads.
 *
 * <p><b>Sectors.</b> The stored cell layers along each axis are cut into {@code b} slabs
 * (cell x goes to slab ⌊x·b/L⌋), giving b_x·b_y·b_z box-shaped sectors; a sector's colour is the
 * parity of its three slab indices (up to 8 colours). A site belongs to the sector of its cell.
 * Every slab is at least {@link #MIN_SECTOR_CELLS} cells wide, and on a periodic axis b is 1 or
 * even, so two sectors that touch (also across the periodic seam) always differ in colour and
 * two sectors of one colour are at least 2 cells apart.
 *
 * <p><b>Border rule.</b> An event belongs to the sector that owns the vacancy's site. During its
 * colour's phase a sector fires every hop of its own vacancies, including hops whose halide
 * site h lies in a neighbouring sector (which is inactive, of another colour); a vacancy that so
 * leaves the sector drops out of its event list for the rest of the window and joins its new
 * sector's list at that sector's next phase (see Scheduling). One hop writes species at v and h and the
 * packed words of v's and h's neighbours: at most two half-lattice steps from v, i.e. at most one
 * cell outside the sector. The rates of the sector's vacancies read words at most one cell
 * outside it, and the search for vacancies whose rates a hop changed reads further only at sites
 * the sector owns. So one sector's reads and writes stay within one cell of it, and two sectors of
 * one colour, ≥ 2 cells apart, never touch a common site (the sink of cut bonds, shared by all,
 * is never written: its counts are scratch nobody reads); nor do two sectors that do not touch,
 * whatever their colours (a whole slab, ≥ 2 cells, lies between them). The shared arrays
 * ({@link Occupancy#species}, {@link Occupancy#counts}, {@code vacancyAt}, {@code vacancySite},
 * the rates of a vacancy id, tracers) are therefore written by concurrent phases only at disjoint
 * sites or ids; the ordering of touching sectors is in Scheduling below.
 *
 * <p><b>Windows.</b> One sweep runs the colours 0..7 in turn, each sector of the colour running
 * BKL for the window τ from its own event list (rates from {@link io.halidekmc.engine.HopKernel};
 * at the start of its phase it recomputes those that neighbouring sectors may have changed, all
 * after a drive-grid change); the waiting time that would cross τ is discarded (memoryless). Every site's events get
 * τ of time per sweep and the clock advances τ per sweep: a Lie–Trotter splitting of the master equation by colour, exact as τ → 0, with an
 * O(τ) error (events across a border see their neighbour sector's state up to τ old).
 *
 * <p><b>Scheduling.</b> The colour order only matters between sectors that touch: a sector's phase
 * must follow the phases of its touching sectors of earlier colours and precede those of later
 * colours, while sectors that do not touch (≥ 2 cells apart) never share a site. So within a sweep
 * the phases run as a dataflow, not colour by colour behind a barrier: each thread owns a block of
 * sectors (contiguous slabs, so that its part of the lattice stays in its core's caches), runs
 * them in colour order and starts one as soon as its touching sectors of earlier colours have
 * finished (a count per sector). A thread that finishes a colour early goes on with the next one
 * instead of waiting for the slowest; there is one barrier per sweep. A vacancy that leaves its
 * sector goes to an outbox, tagged with the sector it entered, which takes it at the start of its
 * next phase (nothing is handed over serially).
 *
 * <p><b>Random numbers.</b> Each sector has its own Philox4x32-10 stream {@code Rng.stream(seed,
 * SECTOR_STREAMS + sector id)}, persisting across windows. A sector's phase depends only on its
 * stream, on sites no other running sector touches and on its touching sectors' outboxes, read
 * in a fixed order (ascending sector id): the result is the same for any thread count and any
 * assignment of sectors to threads.
 *
 * <p>{@link #advance} stops at whole sweeps ({@link WindowedEngine}): the last window ends on
 * tStop or a drive-grid point, and a maxEvents limit is checked after each sweep.
 *
 * <p>Parts: {@link SectorGrid} and {@link SectorBlocks} cut the lattice; {@link Sector} is one
 * sector's state and phase, {@link Outbox} its hand-over of leaving vacancies; {@link
 * VacancyRates} caches the hop rates; {@link SweepWorkers} runs a sweep's phases as a dataflow.
 */
public final class SectorEngine extends WindowedEngine implements AutoCloseable {
    /** Narrowest slab allowed, cells: two same-colour sectors are then ≥ 2 cells apart (see the class comment). */
    public static final int MIN_SECTOR_CELLS = SectorBlocks.MIN_SECTOR_CELLS;
    /** Slab width the automatic split aims at, cells. */
    public static final int AUTO_SECTOR_CELLS = SectorBlocks.AUTO_SECTOR_CELLS;
    /** Automatic window: this many hops per vacancy on average (from the mean rate at the drive-grid point). */
    public static final double AUTO_HOPS_PER_WINDOW = WindowedEngine.AUTO_HOPS_PER_WINDOW;
    /** Sector stream ids start here (streams 0 and 1 are the initial state and the exact engine). */
    public static final long SECTOR_STREAMS = WindowedEngine.SECTOR_STREAMS;

    private final Occupancy occ;
    private final Material material;
    private final List<EnergyTerm> terms;
    private final SectorGrid grid;
    private final Sector[] sectors;
    private final VacancyRates rates;
    /** Whether every sector must recompute all its rates at the start of its next phase (after a drive-grid change). */
    private boolean fullRefresh;
    /** Tests: check every sector's cached rates against a fresh recompute after its refresh and after each phase. */
    boolean verifyRates;
    private final int threads;
    /** Threads − 1 helpers (the caller is the last worker), created on first use, released by {@link #close()}. */
    /** transient: threads are not state (a checkpoint leaves them out; a resumed run starts its own). */
    private transient SweepWorkers pool;

    private long events;
    private long netHalideDz;
    private long sweeps;
    private long driveRefreshes;
    private Tracers tracers;

    public SectorEngine(Occupancy occupancy, Material material, List<EnergyTerm> terms, DriveProgram drive,
                        long seed, SectorConfig config) {
        super(drive, config.window());
        this.occ = occupancy;
        this.material = material;
        this.terms = List.copyOf(terms);
        this.grid = new SectorGrid(occ.lattice, config.blocks());
        this.rates = new VacancyRates(occ);
        boolean[] nearBorder = grid.nearBorder(occ.lattice, 3);
        int[] localIndex = new int[Math.max(1, occ.vacancies)];
        this.sectors = new Sector[grid.count()];
        for (int id = 0; id < sectors.length; id++) {
            sectors[id] = new Sector(id, new PhiloxBlock(sectorStream(seed, id)), occ, grid.sectorOf, nearBorder, rates, localIndex);
        }
        for (int id = 0; id < occ.vacancies; id++) sectors[grid.sectorOf[occ.vacancySite[id]]].add(id);
        this.threads = config.threads();
        applyDrive(0);
    }

    /** Sectors per axis: slabs of about {@link #AUTO_SECTOR_CELLS} cells, an even count, or 1 where too thin to split. */
    static int[] autoBlocks(int[] layers) {
        return SectorBlocks.auto(layers);
    }

    /**
     * Why sector counts b do not fit a lattice of the given stored cell layers per axis (periodic:
     * the cell count; open: cells + 1), or null when they do.
     */
    public static String blocksProblem(int[] b, int[] layers, boolean[] periodic) {
        return SectorBlocks.problem(b, layers, periodic);
    }

    /** Follows every halide's unwrapped displacement (tests and diffusion observables). */
    public void trackTracers() {
        tracers = new Tracers(occ);
        for (Sector s : sectors) s.tracers = tracers;
    }

    public Tracers tracers() {
        return tracers;
    }

    @Override
    protected void buildRates(Conditions conditions) {
        rates.build(material, terms, conditions);
        driveRefreshes++;
        fullRefresh = true;
    }

    @Override
    protected int vacancies() {
        return occ.vacancies;
    }

    /** Total hop rate Σ over all vacancies, freshly computed (O(vacancies); call between advances). */
    @Override
    public double totalRate() {
        return rates.total();
    }

    /** One sweep: every sector runs its phase for dt, in colour order where sectors touch. Returns the hops fired. */
    @Override
    protected long sweep(double dt) {
        if (threads == 1 || grid.order.length == 1) {
            for (int s : grid.order) phase(s, dt);
        } else {
            if (pool == null) pool = new SweepWorkers(grid, threads - 1, this::phase);
            pool.run(dt);
        }
        long fired = 0;
        for (int s : grid.order) {
            Sector sec = sectors[s];
            fired += sec.fired;
            netHalideDz += sec.dz;
            sec.fired = 0;
            sec.dz = 0;
        }
        fullRefresh = false;   // every sector has now refreshed all its rates once
        sweeps++;
        events += fired;
        return fired;
    }

    /**
     * Sector s's phase: take the vacancies that entered it since its last phase, clear its own
     * outbox ({@link Sector#receive}), run for dt.
     */
    private void phase(int s, double dt) {
        Sector sec = sectors[s];
        sec.receive(sectors, grid.touching[s]);
        sec.run(dt, fullRefresh, verifyRates);
        if (verifyRates) sec.verify("end of phase");
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdown();
        pool = null;
    }

    @Override
    public String name() { return "sector"; }
    @Override
    public long events() { return events; }
    @Override
    public long netHalideDz() { return netHalideDz; }
    @Override
    public Occupancy occupancy() { return occ; }
    public Material material() { return material; }
    public long sweeps() { return sweeps; }
    public long driveRefreshes() { return driveRefreshes; }
    /** Sectors per axis. */
    public int[] blocks() { return grid.blocks.clone(); }
    public int sectorCount() { return sectors.length; }
    public int colours() { return grid.colourSectors.length; }
    public int threads() { return threads; }

    /**
     * Whether every vacancy is held exactly once, by the sector that owns its site: in its list, or
     * waiting in a touching sector's outbox for that sector's next phase (tests).
     */
    boolean listsConsistent() {
        int[] sectorOf = grid.sectorOf, rank = grid.rank;
        int[] held = new int[occ.vacancies];
        for (Sector s : sectors) {
            for (int k = 0; k < s.n; k++) {
                int vid = s.ids[k];
                if (s.indexOf(vid) != k || sectorOf[occ.vacancySite[vid]] != s.id) return false;
                held[vid]++;
            }
            Outbox out = s.outbox;
            for (int i = 0; i < out.size(); i++) {
                int to = out.destination(i);
                if (rank[to] > rank[s.id]) continue;   // already taken by a later colour in this sweep
                if (sectorOf[occ.vacancySite[out.vacancy(i)]] != to) return false;
                held[out.vacancy(i)]++;
            }
        }
        for (int h : held) if (h != 1) return false;
        return true;
    }
}
