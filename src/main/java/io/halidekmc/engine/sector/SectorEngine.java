package io.halidekmc.engine.sector;

import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.PhiloxBlock;
import io.halidekmc.engine.Rng;
import io.halidekmc.engine.SumTree;
import io.halidekmc.engine.Tracers;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.RateTable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

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
 * BKL for the window τ from its own event list (rates from {@link HopKernel}; at the start of its
 * phase it recomputes those that neighbouring sectors may have changed, all after a drive-grid
 * change); the waiting time that would cross τ is discarded (memoryless). Every site's events get
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
 */
public final class SectorEngine extends WindowedEngine implements AutoCloseable {
    /** Narrowest slab allowed, cells: two same-colour sectors are then ≥ 2 cells apart (see the class comment). */
    public static final int MIN_SECTOR_CELLS = 2;
    /** Slab width the automatic split aims at, cells. */
    public static final int AUTO_SECTOR_CELLS = 8;
    /** Automatic window: this many hops per vacancy on average (from the mean rate at the drive-grid point). */
    public static final double AUTO_HOPS_PER_WINDOW = 0.5;
    /** Sector stream ids start here (streams 0 and 1 are the initial state and the exact engine). */
    public static final long SECTOR_STREAMS = 1L << 20;

    private static final int SPECIES = Occupancy.SPECIES_MASK;
    private static final int VACANCY_COUNT_SHIFT = Occupancy.COUNT_SHIFT;

    private static final int[] HALIDE_MOVE = HopKernel.HALIDE_MOVE;
    private static final int[] REVERSE_SLOT = io.halidekmc.lattice.ReverseSlots.TABLE;

    private final Lattice lattice;
    private final Occupancy occ;
    private final Material material;
    private final List<EnergyTerm> terms;
    private final DriveProgram drive;
    private final RateTable table = new RateTable();
    private final HopKernel.Factors factors = new HopKernel.Factors();
    private final int[] off;
    private final int[] nb;
    private final int sink;
    private final int[] blocks;
    /** Sector of each site (−1 for the sink). Immutable. */
    private final int[] sectorOf;
    private final Sector[] sectors;
    /** Sector ids of each colour, ascending. */
    private final int[][] colourSectors;
    /** All sector ids in phase order (colour, then id): the order threads take them in. */
    private final int[] order;
    /** Per sector: the position of its colour in the sweep. */
    private final int[] rank;
    /** Per sector: the touching sectors of earlier colours, ascending (its phase waits for them, then empties their outboxes). */
    private final int[][] before;
    /** Per sector: the touching sectors of later colours (they wait for it). */
    private final int[][] after;
    /** Per sector: all touching sectors, ascending (whose outboxes it takes its new vacancies from). */
    private final int[][] touching;
    /**
     * Per site: whether a site of another sector (or the sink) lies within three neighbour steps.
     * Only a vacancy at such a site can have rates that other sectors' hops changed (see
     * {@link Sector#refresh}). Immutable.
     */
    private final boolean[] nearBorder;
    /** Whether every sector must recompute all its rates at the start of its next phase (after a drive-grid change). */
    private boolean fullRefresh;
    /** Tests: check every sector's cached rates against a fresh recompute after its refresh and after each phase. */
    boolean verifyRates;
    /** Per vacancy id: its 8 hop rates. Written only by the sector that holds the id. */
    private final double[] rates;
    /** Per vacancy id: its index in its sector's list. */
    private final int[] localIndex;
    private final double fixedWindow;
    private final int threads;
    /** Threads − 1 helpers (the caller is the last worker), created on first use, released by {@link #close()}. */
    private Workers pool;

    private Conditions conditions;
    private long events;
    private long netHalideDz;
    private long sweeps;
    private long driveRefreshes;
    private Tracers tracers;

    public SectorEngine(Occupancy occupancy, Material material, List<EnergyTerm> terms, DriveProgram drive,
                        long seed, SectorConfig config) {
        this.lattice = occupancy.lattice;
        this.occ = occupancy;
        this.material = material;
        this.terms = List.copyOf(terms);
        this.drive = drive;
        this.off = lattice.regularOffsets();
        this.nb = lattice.neighbours();
        this.sink = lattice.sink();
        SectorGrid grid = new SectorGrid(lattice, config.blocks());
        this.blocks = grid.blocks;
        this.sectorOf = grid.sectorOf;
        this.colourSectors = grid.colourSectors;
        this.order = grid.order;
        this.rank = grid.rank;
        this.before = grid.before;
        this.after = grid.after;
        this.touching = grid.touching;
        int nSectors = grid.count();
        this.sectors = new Sector[nSectors];
        for (int id = 0; id < nSectors; id++) sectors[id] = new Sector(id, new PhiloxBlock(Rng.stream(seed, SECTOR_STREAMS + id)));
        this.nearBorder = nearBorder(3);
        int cap = Math.max(1, occ.vacancies);
        this.rates = new double[cap * Lattice.Z];
        this.localIndex = new int[cap];
        for (int id = 0; id < occ.vacancies; id++) sectors[sectorOf[occ.vacancySite[id]]].add(id);
        this.fixedWindow = config.window();
        this.threads = config.threads();
        applyDrive(0);
    }

    /**
     * Sectors per worker, each list in phase order: the sectors are split into {@code workers}
     * contiguous groups of slabs along the slowest-varying axis with enough slabs (z, else y, else
     * x; site indices run x fastest), so that each worker keeps its part of the lattice in its own
     * core's caches from sweep to sweep and only the group borders move between cores. Which
     * worker runs a sector does not change the result.
     */
    int[][] homes(int workers) {
        int axis = blocks[2] >= workers ? 2 : blocks[1] >= workers ? 1 : blocks[0] >= workers ? 0 : -1;
        int[][] lists = new int[workers][];
        for (int w = 0; w < workers; w++) {
            final int worker = w;
            lists[w] = java.util.Arrays.stream(order).filter(id -> homeOf(id, axis, workers) == worker).toArray();
        }
        return lists;
    }

    private int homeOf(int id, int axis, int workers) {
        if (axis < 0) return id % workers;   // fewer slabs than workers along every axis
        int i = axis == 0 ? id % blocks[0] : axis == 1 ? (id / blocks[0]) % blocks[1] : id / (blocks[0] * blocks[1]);
        return (int) ((long) i * workers / blocks[axis]);
    }

    /**
     * Per site: whether a site of another sector or the sink is at most {@code steps} neighbour
     * steps away (the first such site on a shortest path is reached through the site's own sector).
     */
    private boolean[] nearBorder(int steps) {
        int sites = lattice.sites();
        boolean[] within = new boolean[sites + 1];
        for (int k = 1; k <= steps; k++) {
            boolean[] next = new boolean[sites + 1];
            for (int s = 0; s < sites; s++) {
                int own = sectorOf[s];
                for (int i = 0; i < Lattice.Z; i++) {
                    int m = nb[s * Lattice.Z + i];
                    if (sectorOf[m] != own || within[m]) {
                        next[s] = true;
                        break;
                    }
                }
            }
            within = next;
        }
        return within;
    }

    /** Sectors per axis: slabs of about {@link #AUTO_SECTOR_CELLS} cells, an even count, or 1 where too thin to split. */
    static int[] autoBlocks(int[] layers) {
        int[] b = new int[3];
        for (int a = 0; a < 3; a++) {
            int n = 2 * (layers[a] / (2 * AUTO_SECTOR_CELLS));
            if (n < 2) n = layers[a] >= 2 * MIN_SECTOR_CELLS ? 2 : 1;
            b[a] = n;
        }
        return b;
    }

    /**
     * Why sector counts b do not fit a lattice of the given stored cell layers per axis (periodic:
     * the cell count; open: cells + 1), or null when they do.
     */
    public static String blocksProblem(int[] b, int[] layers, boolean[] periodic) {
        for (int a = 0; a < 3; a++) {
            String axis = "xyz".substring(a, a + 1);
            if (b[a] < 1) return "sector blocks along " + axis + " must be ≥ 1";
            if (b[a] > 1 && layers[a] / b[a] < MIN_SECTOR_CELLS) {
                return "sector blocks along " + axis + ": " + b[a] + " slabs of " + layers[a]
                        + " cell layers are thinner than " + MIN_SECTOR_CELLS + " cells";
            }
            if (b[a] > 1 && periodic[a] && b[a] % 2 != 0) {
                return "sector blocks along periodic " + axis + " must be 1 or even, got " + b[a];
            }
        }
        return null;
    }

    /** Follows every halide's unwrapped displacement (tests and diffusion observables). */
    public void trackTracers() {
        tracers = new Tracers(occ);
    }

    public Tracers tracers() {
        return tracers;
    }

    @Override
    protected void applyDrive(double t) {
        conditions = drive.at(t);
        nextDriveChange = drive.nextChange(t);
        table.build(material, terms, conditions);
        factors.build(table);
        driveRefreshes++;
        fullRefresh = true;
        if (fixedWindow > 0) {
            window = fixedWindow;
        } else {
            double total = totalRate();
            window = total > 0 ? AUTO_HOPS_PER_WINDOW * occ.vacancies / total : Double.POSITIVE_INFINITY;
        }
    }

    /** Rates of vacancy id into {@link #rates}; returns their sum. */
    private double recompute(int id) {
        int site = occ.vacancySite[id];
        return factors.valid
                ? HopKernel.vacancyRatesFactored(site, occ.counts, nb, off, factors.fv, factors.gh, table.field, rates, id * Lattice.Z)
                : HopKernel.vacancyRates(site, occ.counts, nb, table.base, table.field, table.mix, rates, id * Lattice.Z);
    }

    @Override
    protected int vacancies() {
        return occ.vacancies;
    }

    /** Total hop rate Σ over all vacancies, freshly computed (O(vacancies); call between advances). */
    public double totalRate() {
        double sum = 0;
        for (int id = 0; id < occ.vacancies; id++) sum += recompute(id);
        return sum;
    }

    /** One sweep: every sector runs its phase for dt, in colour order where sectors touch. Returns the hops fired. */
    @Override
    protected long sweep(double dt) {
        if (threads == 1 || order.length == 1) {
            for (int s : order) phase(s, dt);
        } else {
            if (pool == null) pool = new Workers(threads - 1);
            pool.run(dt);
        }
        long fired = 0;
        for (int s : order) {
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
     * Sector s's phase: take the vacancies that entered it since its last phase from the outboxes
     * of its touching sectors (earlier colours: this sweep's; later colours: the last sweep's,
     * which they have not yet cleared), clear its own outbox (every touching sector has emptied
     * it by now), run for dt.
     */
    private void phase(int s, double dt) {
        Sector sec = sectors[s];
        for (int from : touching[s]) {
            Sector src = sectors[from];
            // by the sector it entered, recorded at the hop: the vacancy may since have moved on
            for (int i = 0; i < src.nOut; i++) if (src.outboxTo[i] == s) sec.add(src.outbox[i]);
        }
        sec.nOut = 0;
        sec.run(dt);
        if (verifyRates) sec.verify("end of phase");
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdown();
        pool = null;
    }

    /**
     * Threads − 1 helper threads that, with the caller, run one sweep: each worker runs its own
     * sectors ({@link #homes}) in phase order, starting one when its count of unfinished earlier
     * touching sectors is 0; finishing it counts down those of its later touching sectors. The
     * wait always ends: a worker waiting at sector s waits for a sector of lower colour, which its
     * worker reaches before anything of s's colour or later. Count-downs and reads are volatile
     * (the happens-before edges between touching sectors); the sweep starts with a volatile write
     * of {@code generation} and ends when every helper has counted itself done. Waits spin
     * briefly, then park (helpers) or yield.
     */
    private final class Workers {
        private static final int SPINS = 1 << 14;
        private final Thread[] helpers;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicIntegerArray waiting = new AtomicIntegerArray(sectors.length);
        private volatile int generation;
        private volatile boolean closed;
        private volatile Throwable failure;
        private double dt;

        /** Per worker (0: the caller): its sectors in phase order. */
        private final int[][] home;

        Workers(int n) {
            home = homes(n + 1);
            helpers = new Thread[n];
            for (int t = 0; t < n; t++) {
                int worker = t + 1;
                Thread th = new Thread(() -> helperLoop(worker), "sector-worker");
                th.setDaemon(true);
                helpers[t] = th;
                th.start();
            }
        }

        void run(double dt) {
            this.dt = dt;
            for (int s = 0; s < before.length; s++) waiting.setPlain(s, before[s].length);
            done.set(0);
            failure = null;
            generation++;   // publishes the fields above
            for (Thread t : helpers) LockSupport.unpark(t);
            work(0);
            for (int spin = 0; done.get() < helpers.length; spin++) {
                if (spin < SPINS) Thread.onSpinWait();
                else Thread.yield();
            }
            Throwable f = failure;
            if (f != null) throw new IllegalStateException("sector worker failed", f);
        }

        /** Runs the worker's sectors in phase order, each when its earlier touching sectors are done; stops when a worker failed. */
        private void work(int worker) {
            try {
                for (int s : home[worker]) {
                    for (int spin = 0; waiting.get(s) > 0; spin++) {
                        if (failure != null) return;
                        if (spin < SPINS) Thread.onSpinWait();
                        else Thread.yield();
                    }
                    phase(s, dt);
                    for (int l : after[s]) waiting.decrementAndGet(l);
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        private void helperLoop(int worker) {
            int seen = 0;
            while (true) {
                for (int spin = 0; generation == seen && !closed; spin++) {
                    if (spin < SPINS) Thread.onSpinWait();
                    else LockSupport.parkNanos(100_000);
                }
                if (closed) return;
                seen = generation;
                work(worker);
                done.incrementAndGet();
            }
        }

        void shutdown() {
            closed = true;
            for (Thread t : helpers) LockSupport.unpark(t);
        }
    }

    /** One sector: its vacancy list, selection tree, RNG stream and scratch. Touched by one thread per phase. */
    private final class Sector {
        final int id;
        final PhiloxBlock rng;
        int[] ids = new int[16];
        int n;
        final SumTree tree = new SumTree(16);
        int[] outbox = new int[16];
        /** The sector each outbox vacancy entered. */
        int[] outboxTo = new int[16];
        int nOut;
        long fired;
        long dz;
        final int[] nbV = new int[Lattice.Z];
        final int[] nbH = new int[Lattice.Z];
        final int[] nbS = new int[Lattice.Z];
        final int[] affected = new int[2 * Lattice.Z * (Lattice.Z + 1) + 1];
        int nAffected;
        /** Partial updates of one hop: vacancy id, its slot through a changed halide site, that site. */
        final int[] partialId = new int[2 * Lattice.Z * Lattice.Z];
        final int[] partialSlot = new int[2 * Lattice.Z * Lattice.Z];
        final int[] partialSite = new int[2 * Lattice.Z * Lattice.Z];
        int nPartial;
        final double[] scratch = new double[Lattice.Z];

        Sector(int id, PhiloxBlock rng) {
            this.id = id;
            this.rng = rng;
        }

        /** Appends vacancy id (its rates are computed at the start of this sector's next phase). */
        void add(int vid) {
            if (n == ids.length) ids = java.util.Arrays.copyOf(ids, 2 * n);
            tree.ensureCapacity(n + 1);
            ids[n] = vid;
            localIndex[vid] = n;
            tree.set(n, 0);
            n++;
        }

        /** Swap-removes vacancy id from the list and the tree. */
        void remove(int vid) {
            int k = localIndex[vid];
            int last = n - 1;
            if (k != last) {
                int moved = ids[last];
                ids[k] = moved;
                localIndex[moved] = k;
                tree.set(k, tree.leaf(last));
            }
            tree.set(last, 0);
            n--;
        }

        void run(double dt) {
            refresh();
            if (verifyRates) verify("start of phase");
            double t = 0;
            while (true) {
                double total = tree.total();
                if (!(total > 0)) break;
                rng.next();
                t += -Math.log(1.0 - rng.u0) / total;
                if (t >= dt) break;   // memoryless: the overshooting wait is discarded
                double u = rng.u1;
                int k;
                int j;
                while (true) {
                    k = tree.find(u * total);
                    j = k < n ? pick(ids[k], tree.residual()) : -1;
                    if (j >= 0) break;
                    rng.next();   // rounding miss past the last leaf: redraw the selection
                    u = rng.u1;
                }
                hop(ids[k], j);
                fired++;
            }
        }

        /**
         * Brings the cached rates up to date: all of them after a drive-grid change, else only those
         * of vacancies near the border. A hop in another sector writes words at most two neighbour
         * steps from its vacancy, and a vacancy's rates read words at most one step from it, so a
         * vacancy more than three steps from every other sector's sites keeps its rates; a
         * handed-over vacancy (leaf 0) is one step from its old sector.
         */
        private void refresh() {
            boolean all = fullRefresh;
            for (int k = 0; k < n; k++) {
                int vid = ids[k];
                if (all || nearBorder[occ.vacancySite[vid]]) tree.setLeafOnly(k, recompute(vid));
            }
            tree.rebuild();
        }

        /** Tests: throws unless every cached rate and leaf equals a fresh recompute, bit for bit. */
        void verify(String when) {
            for (int k = 0; k < tree.capacity(); k++) {
                if (k >= n) {
                    if (tree.leaf(k) != 0) throw new IllegalStateException("sector " + id + ", " + when + ": leaf " + k + " past the list is " + tree.leaf(k));
                    continue;
                }
                int vid = ids[k];
                int site = occ.vacancySite[vid];
                double sum = factors.valid
                        ? HopKernel.vacancyRatesFactored(site, occ.counts, nb, off, factors.fv, factors.gh, table.field, scratch, 0)
                        : HopKernel.vacancyRates(site, occ.counts, nb, table.base, table.field, table.mix, scratch, 0);
                for (int j = 0; j < Lattice.Z; j++) {
                    if (Double.doubleToLongBits(scratch[j]) != Double.doubleToLongBits(rates[vid * Lattice.Z + j])) {
                        throw new IllegalStateException("sector " + id + ", " + when + ": vacancy " + vid + " at site " + site
                                + " slot " + j + " cached " + rates[vid * Lattice.Z + j] + ", fresh " + scratch[j]);
                    }
                }
                if (Double.doubleToLongBits(sum) != Double.doubleToLongBits(tree.leaf(k))) {
                    throw new IllegalStateException("sector " + id + ", " + when + ": vacancy " + vid + " leaf " + tree.leaf(k) + ", fresh " + sum);
                }
            }
        }

        private int pick(int vid, double u) {
            return HopKernel.pickSlot(rates, vid * Lattice.Z, u);
        }

        private void hop(int vid, int j) {
            byte[] sp = occ.species;
            int[] w = occ.counts;
            int v = occ.vacancySite[vid];
            int kV = v % 3;
            neighboursOf(v, w[v], nbV);
            int h = nbV[j];
            int wh = w[h];
            int x = wh & SPECIES;
            neighboursOf(h, wh, nbH);

            sp[v] = (byte) x;
            sp[h] = Species.VACANCY;
            w[v] += x - Species.VACANCY;
            w[h] -= x - Species.VACANCY;
            int delta = Occupancy.countUnit(x) - Occupancy.countUnit(Species.VACANCY);
            for (int i = 0; i < Lattice.Z; i++) {
                int s = nbV[i];
                if (s != sink) w[s] += delta;
            }
            occ.vacancySite[vid] = h;
            occ.vacancyAt[h] = vid;
            occ.vacancyAt[v] = -1;
            int move = (kV * Lattice.Z + j) * 3;
            dz += HALIDE_MOVE[move + 2];
            if (tracers != null) tracers.move(h, v, HALIDE_MOVE[move], HALIDE_MOVE[move + 1], HALIDE_MOVE[move + 2]);

            nAffected = 0;
            nPartial = 0;
            if (sectorOf[h] == id) {
                affected[nAffected++] = vid;
            } else {
                remove(vid);
                if (nOut == outbox.length) {
                    outbox = java.util.Arrays.copyOf(outbox, 2 * nOut);
                    outboxTo = java.util.Arrays.copyOf(outboxTo, 2 * nOut);
                }
                outboxTo[nOut] = sectorOf[h];
                outbox[nOut++] = vid;
            }
            // v's neighbours first, before h's are updated: their vacancy counts then exclude v and
            // do not yet include h, so they count exactly the other vacancies (as in ExactEngine)
            collect(nbV, h, 0);
            for (int i = 0; i < Lattice.Z; i++) {
                int s = nbH[i];
                if (s != sink) w[s] -= delta;
            }
            collect(nbH, h, 1);   // final counts, which include h
            for (int a = 0; a < nAffected; a++) {
                int u = affected[a];
                tree.set(localIndex[u], recompute(u));
            }
            // a vacancy next to a changed halide, not recomputed above: only its slot through that halide changed
            double[] fv = factors.fv, gh = factors.gh, field = table.field;
            outer:
            for (int p = 0; p < nPartial; p++) {
                int u = partialId[p];
                for (int a = 0; a < nAffected; a++) if (affected[a] == u) continue outer;
                int slot = partialSlot[p];
                int site = occ.vacancySite[u];
                int o = u * Lattice.Z;
                int ws = w[partialSite[p]];
                int t = ((ws & SPECIES) - Species.CL) << HopKernel.HALIDE_BITS;   // a halide: scans start only from halides
                rates[o + slot] = fv[t + HopKernel.halideCounts(w[site])] * gh[t + HopKernel.halideCounts(ws)]
                        * field[HopKernel.SLOT_DZ[(site % 3) * Lattice.Z + slot]];
                double su = 0;
                for (int i = 0; i < Lattice.Z; i++) su += rates[o + i];
                tree.set(localIndex[u], su);
            }
        }


        /**
         * Records the vacancies of this sector whose rates read a word in list: vacancies in the
         * list, and vacancies next to a halide in the list. Sites outside the sector are read only
         * within the one-cell border (the list is within two half steps of the hop). {@code self}:
         * how many of a list site's vacancy neighbours are h (skipped) in its current word.
         */
        private void collect(int[] list, int h, int self) {
            int[] w = occ.counts;
            for (int i = 0; i < Lattice.Z; i++) {
                int s = list[i];
                if (s == sink) continue;
                int ws = w[s];
                int ss = ws & SPECIES;
                if (ss == Species.VACANCY) {
                    if (s != h && sectorOf[s] == id) mark(occ.vacancyAt[s]);
                } else if (ss != Species.WALL && ((ws >>> VACANCY_COUNT_SHIFT) & 0xF) > self) {
                    neighboursOf(s, ws, nbS);
                    int r = (s % 3) * Lattice.Z;
                    for (int m = 0; m < Lattice.Z; m++) {
                        int u = nbS[m];
                        // ownership first: w[u] is read only at this sector's own sites
                        if (u != h && u != sink && sectorOf[u] == id && (w[u] & SPECIES) == Species.VACANCY) {
                            if (factors.valid) {
                                // a partial update, unless the vacancy is recomputed in full anyway
                                int q = nPartial++;
                                partialId[q] = occ.vacancyAt[u];
                                partialSlot[q] = REVERSE_SLOT[r + m];
                                partialSite[q] = s;
                            } else {
                                mark(occ.vacancyAt[u]);
                            }
                        }
                    }
                }
            }
        }

        private void mark(int vid) {
            for (int a = 0; a < nAffected; a++) if (affected[a] == vid) return;
            affected[nAffected++] = vid;
        }
    }

    /** The 8 neighbours of site s (packed word ws) into out: computed when REGULAR, else the table row. */
    private void neighboursOf(int s, int ws, int[] out) {
        if ((ws & Occupancy.REGULAR) != 0) {
            int r = (s % 3) * Lattice.Z;
            for (int i = 0; i < Lattice.Z; i++) out[i] = s + off[r + i];
        } else {
            System.arraycopy(nb, s * Lattice.Z, out, 0, Lattice.Z);
        }
    }

    @Override
    public String name() { return "sector"; }
    @Override
    public long events() { return events; }
    @Override
    public long netHalideDz() { return netHalideDz; }
    @Override
    public Conditions conditions() { return conditions; }
    @Override
    public Occupancy occupancy() { return occ; }
    public Material material() { return material; }
    public long sweeps() { return sweeps; }
    public long driveRefreshes() { return driveRefreshes; }
    /** The current window τ, simulated seconds. */
    public double window() { return window; }
    /** Sectors per axis. */
    public int[] blocks() { return blocks.clone(); }
    public int sectorCount() { return sectors.length; }
    public int colours() { return colourSectors.length; }
    public int threads() { return threads; }

    /**
     * Whether every vacancy is held exactly once, by the sector that owns its site: in its list, or
     * waiting in a touching sector's outbox for that sector's next phase (tests).
     */
    boolean listsConsistent() {
        int[] held = new int[occ.vacancies];
        for (Sector s : sectors) {
            for (int k = 0; k < s.n; k++) {
                int vid = s.ids[k];
                if (localIndex[vid] != k || sectorOf[occ.vacancySite[vid]] != s.id) return false;
                held[vid]++;
            }
            for (int i = 0; i < s.nOut; i++) {
                int to = s.outboxTo[i];
                if (rank[to] > rank[s.id]) continue;   // already taken by a later colour in this sweep
                if (sectorOf[occ.vacancySite[s.outbox[i]]] != to) return false;
                held[s.outbox[i]]++;
            }
        }
        for (int h : held) if (h != 1) return false;
        return true;
    }
}
