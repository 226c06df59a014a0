package io.halidekmc.engine.exact;

import io.halidekmc.physics.FunnelState;
import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.KmcEngine;
import io.halidekmc.engine.PhiloxBlock;
import io.halidekmc.engine.SumTree;
import io.halidekmc.engine.event.SurfaceEvents;
import io.halidekmc.engine.Tracers;
import io.halidekmc.engine.event.WireDeviceState;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.ReverseSlots;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.RateTable;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.List;

/**
 * BKL (n-fold way) KMC with a vacancy-centred event list (DESIGN §5): one selector item per
 * vacancy holding the sum of its 8 hop rates, the hop picked by a short scan. After a hop only
 * the neighbour counts of the two sites' neighbours change; the vacancies whose rates read those
 * counts are found through the vacancy nibble of the same packed words, in the same pass that
 * updates them, so the usual case (no other vacancy within two shells) recomputes one vacancy.
 *
 * <p>Two selectors, the same physics: {@link Selection#SUM_TREE}, rejection-free with a binary
 * {@link SumTree} (O(log n) select and update, the reference), and
 * {@link Selection#COMPOSITION_REJECTION} (default, {@link RateClasses}): O(1) update and a short
 * class scan, exact through thinning, where each trial advances time by Exp(B), B ≥ total rate,
 * and rejected trials change nothing. Both pick each hop with probability rate/total and give
 * exponential waiting times of rate total; the trajectories for one seed differ between them.
 *
 * <p>Drives are piecewise constant (DESIGN §4): at each drive-grid point the rate tables are
 * rebuilt and every rate refreshed in bulk; a waiting time that would cross a grid point, an
 * output time or the end is discarded and redrawn from there, exact because waiting times are
 * memoryless.
 */
public final class ExactEngine implements KmcEngine {
    /** Event selection structure. */
    public enum Selection { SUM_TREE, COMPOSITION_REJECTION }

    private final Lattice lattice;
    private final Occupancy occ;
    private final Material material;
    private final List<EnergyTerm> terms;
    private final DriveProgram drive;
    /** One Philox block per trial: u0 the waiting time, u1 the selection (seeded from the run's provider). */
    private final PhiloxBlock rng;
    private final RateTable table = new RateTable();
    private final HopKernel.Factors factors = new HopKernel.Factors();
    private final Selection selection;
    private final SumTree tree;
    private final RateClasses classes;
    private double[] rates;
    /** Lattice.regularOffsets(): neighbour index differences of REGULAR sites, [k*8 + j]. */
    private final int[] off;
    private final int[] nbV = new int[Lattice.Z];
    private final int[] nbH = new int[Lattice.Z];
    /** Single-slot updates of one hop: vacancy id, its slot, the halide site behind it (≤ 16 scans × 8). */
    private final int[] partialId = new int[16 * Lattice.Z];
    private final int[] partialSlot = new int[16 * Lattice.Z];
    private final int[] partialSite = new int[16 * Lattice.Z];
    private int nPartial;
    private double[] leafSums;
    private int[] stamp;
    /** Per vacancy id: whether its site is REGULAR (a copy of that bit of its packed word). */
    private boolean[] vacancyRegular;
    private int[] affected;
    private int epoch;

    private double time;
    private double nextDriveChange;
    private Conditions conditions;
    private long events;
    private long trials;
    private long driveRefreshes;
    /** Net halide displacement along z summed over all hops, half lattice constants. */
    private long netHalideDz;

    private Tracers tracers;
    /** Surface release/refill events of a nanocrystal (null when off). */
    private SurfaceEvents surface;
    /** Carrier funnelling (null when off). */
    private FunnelState funnel;
    private long surfaceEvents;
    /** A biased wire device (potential profile, electrode sources), or null. */
    private WireDeviceState device;
    /** Field factors per half-layer from the device's potential, or null for the uniform table. */
    private double[] fieldZ;
    /** 3·sites per cell layer when fieldZ is set, else 0 (see HopKernel.fieldRow). */
    private int layerSites3;
    private int lastHopFrom;
    /** Vacancies fully recomputed inside the last hopCore (affected[0..n)); the strain pass reads it. */
    private int lastAffected;
    /** Strain of this nanocrystal (null when off), see {@link #enableStrain}. */
    private io.halidekmc.physics.Strain.Nc strain;
    /** Surface-strain hop factors exp(∓E_X/2kT) by species code: onto a surface site from the interior, and back. */
    private double[] toSurface, fromSurface;
    /** Tests: use the difference-form kernel even where the tables factorise. */
    private boolean differenceFormOnly;

    private static final int[] HALIDE_MOVE = HopKernel.HALIDE_MOVE;

    private static final int[] REVERSE_SLOT = ReverseSlots.TABLE;

    private static final int SPECIES = Occupancy.SPECIES_MASK;
    private static final int VACANCY_COUNT_SHIFT = Occupancy.COUNT_SHIFT;

    public ExactEngine(Occupancy occupancy, Material material, List<EnergyTerm> terms, DriveProgram drive,
                       UniformRandomProvider rng) {
        this(occupancy, material, terms, drive, rng, Selection.COMPOSITION_REJECTION);
    }

    public ExactEngine(Occupancy occupancy, Material material, List<EnergyTerm> terms, DriveProgram drive,
                       UniformRandomProvider rng, Selection selection) {
        this.lattice = occupancy.lattice;
        this.occ = occupancy;
        this.material = material;
        this.terms = List.copyOf(terms);
        this.drive = drive;
        this.rng = new PhiloxBlock(rng);
        this.selection = selection;
        this.off = lattice.regularOffsets();
        int cap;
        if (selection == Selection.SUM_TREE) {
            tree = new SumTree(Math.max(1, occ.vacancies));
            classes = null;
            cap = tree.capacity();
        } else {
            tree = null;
            classes = new RateClasses(Math.max(1, occ.vacancies));
            cap = classes.capacity();
        }
        this.rates = new double[cap * Lattice.Z];
        this.leafSums = new double[cap];
        this.stamp = new int[cap];
        this.vacancyRegular = new boolean[cap];
        this.affected = new int[cap];
        applyDrive(0);
    }

    /** Tests: switches to the reference difference-form kernel (as if the tables did not factorise). */
    void useDifferenceForm() {
        differenceFormOnly = true;
        factors.valid = false;
        refreshAllRates();
    }

    /** Where the bulk refresh runs (DESIGN §6); the CPU kernels (HopKernel) unless a backend is set. */
    private io.halidekmc.engine.RateBackend rateBackend = io.halidekmc.engine.RateBackend.CPU;

    /** Runs the bulk refresh on {@code b} from now on, and refreshes every rate with it at once. */
    public void useRateBackend(io.halidekmc.engine.RateBackend b) {
        rateBackend = b;
        refreshAllRates();
    }

    /** Follows every halide's unwrapped displacement (tests and diffusion observables). */
    public void trackTracers() {
        if (surface != null) throw new IllegalStateException("tracers follow a fixed set of halides: no surface exchange");
        tracers = new Tracers(occ);
    }

    public Tracers tracers() {
        return tracers;
    }

    /**
     * Switches on halide exchange between surface sites and a surface reservoir holding
     * {@code initialReservoir[species]} halides: vacancies are then created and filled at the
     * surface and their number follows temperature. Not combinable with tracers.
     */
    public void enableSurfaceExchange(io.halidekmc.physics.SurfaceExchange params, long[] initialReservoir) {
        if (funnel != null) throw new IllegalStateException("carrier funnelling with surface exchange is not supported yet");
        if (tracers != null) throw new IllegalStateException("tracers follow a fixed set of halides: no surface exchange");
        boolean mixing = terms.stream().anyMatch(t -> t instanceof io.halidekmc.physics.MixingTerm);
        surface = new SurfaceEvents(occ, mixing ? material : material.withoutMixing(), params, initialReservoir);
        if (strain != null) surface.enableStrain(strain);
        surface.setConditions(conditions);
    }

    /**
     * Adds the light-driven (non-equilibrium) release of surface halides; needs surface exchange,
     * which supplies the reservoir and the thermal refilling.
     */
    public void enableLightRelease(io.halidekmc.physics.LightRelease light) {
        if (surface == null) throw new IllegalStateException("light-driven release needs surface exchange on");
        surface.enableLight(light);
        surface.setConditions(conditions);
    }

    /**
     * Makes this a biased wire device (DESIGN §3 field term with contacts and space charge):
     * from now on hop rates read the device's potential profile instead of the uniform field
     * table (leave {@link io.halidekmc.physics.FieldTerm} out of the terms), and with sources on
     * the electrodes create and fill vacancies under the contacts.
     *
     * @param timeScale    physical seconds per simulated second (F·s²)
     * @param vacancyScale F, simulated over physical vacancy fraction (1 when not rescaled)
     */
    public void enableWireDevice(io.halidekmc.physics.WireDevice d, double vacancyFraction, double timeScale, double vacancyScale,
                                 java.util.List<io.halidekmc.lattice.Segment> segments) {
        if (funnel != null || surface != null || tracers != null) {
            throw new IllegalStateException("a wire device does not combine with surface exchange, funnelling or tracers");
        }
        if (terms.stream().anyMatch(t -> t instanceof io.halidekmc.physics.FieldTerm)) {
            throw new IllegalStateException("a wire device applies the field itself: leave FieldTerm out of the terms");
        }
        boolean mixing = terms.stream().anyMatch(t -> t instanceof io.halidekmc.physics.MixingTerm);
        device = new WireDeviceState(occ, mixing ? material : material.withoutMixing(), d, vacancyFraction, timeScale,
                vacancyScale, segments, conditions);
        layerSites3 = device.potential.layerSites3;
        applyDrive(time);
    }

    /** Potential per cell layer along the wire, V (null without a wire device). */
    public double[] wirePotential() {
        return device == null ? null : device.potential.potential();
    }

    /** Halides of a species stored in electrode e (0 low-z, 1 high-z); 0 without sources. */
    public long electrodeStore(int e, int species) {
        return device == null ? 0 : device.stored(e, species);
    }

    /** Poisson solves so far (0 without space charge). */
    public int poissonSolves() {
        return device == null ? 0 : device.potential.solves();
    }

    /** The device state (tests). */
    WireDeviceState device() {
        return device;
    }

    /** Total rate of electrode events, 1/s simulated (tests). */
    double electrodeRate() {
        return device == null ? 0 : device.sourceTotal();
    }

    /**
     * Switches on carrier funnelling (a light-driven free-energy term, {@link io.halidekmc.physics.CarrierFunnel}).
     * With it on, every hop re-weighs all rates (Z changes globally): O(vacancies) per hop, meant for
     * the small funnelling problems; not combinable with surface exchange yet.
     */
    public void enableCarrierFunnel(io.halidekmc.physics.CarrierFunnel f, io.halidekmc.physics.LightRelease light) {
        enableLightCarriers(f, null, light);
    }

    /**
     * Switches on the light-driven carrier free energy: funnelling ({@code f}), the polaron strain
     * term ({@code p}, {@link io.halidekmc.physics.Polaron}) or both, one carrier population
     * (funnelling's carrier number when it is on). Same cost model as {@link #enableCarrierFunnel}.
     */
    public void enableLightCarriers(io.halidekmc.physics.CarrierFunnel f, io.halidekmc.physics.Polaron p,
                                    io.halidekmc.physics.LightRelease light) {
        if (surface != null) throw new IllegalStateException("carrier funnelling / polaron with surface exchange is not supported yet");
        funnel = new FunnelState(occ, f, p, light, material.latticeConstant());
        funnel.setConditions(conditions);
        refreshAllRates();
    }

    /**
     * Switches on the strain terms ({@link io.halidekmc.physics.Strain}): the collective elastic
     * energy enters the surface exchange rates (the only events that change the lattice
     * composition), the surface site energies every hop between a surface and an interior site and
     * the exchange rates. Reference: the present lattice composition and temperature unless the
     * parameters fix them. Off (never called), nothing on the hop path changes.
     */
    public void enableStrain(io.halidekmc.physics.Strain params) {
        long cells = (long) lattice.cellsX() * lattice.cellsY() * lattice.cellsZ();
        strain = params.resolve(occ.census(), conditions.temperature(), cells);
        if (strain.hasSurfaceTerm()) {
            toSurface = new double[Species.COUNT + 1];
            fromSurface = new double[Species.COUNT + 1];
            buildSurfaceStrainFactors();
        } else {
            toSurface = fromSurface = null;
        }
        if (surface != null) {
            surface.enableStrain(strain);
            surface.setConditions(conditions);
        }
        refreshAllRates();
    }

    /** The NC's misfit strain ε = ā/a_ref − 1 now (NaN without the strain term). */
    @Override
    public double strain() {
        if (strain == null) return Double.NaN;
        long[] n = occ.census();
        return strain.epsilon(n, conditions.temperature());
    }

    /** Collective elastic energy now, eV (0 without the strain term; tests). */
    public double elasticEnergy() {
        return strain == null ? 0 : strain.energy(occ.census(), conditions.temperature());
    }

    /** Halides of a species on the lattice as kept by the surface events (tests: bookkeeping). */
    long keptLatticeHalides(int species) {
        return surface == null ? occ.census()[species] : surface.latticeHalides(species);
    }

    private void buildSurfaceStrainFactors() {
        double kT = conditions.kT();
        for (int x = Species.CL; x <= Species.I; x++) {
            double e = strain.surfaceSiteEnergy()[x];
            toSurface[x] = Math.exp(-e / (2 * kT));
            fromSurface[x] = Math.exp(e / (2 * kT));
        }
    }

    /**
     * Multiplies the surface-strain factor into vacancy id's 8 rates (just recomputed without it)
     * and resets its weight: a hop of X from h into v changes the energy by E_X·(S(v) − S(h)).
     */
    private double applySurfaceStrain(int id) {
        int[] w = occ.counts;
        int[] nb = lattice.neighbours();
        int v = occ.vacancySite[id];
        int sv = w[v] & Occupancy.SURFACE;
        int o = id * Lattice.Z;
        double sum = 0;
        for (int j = 0; j < Lattice.Z; j++) {
            double r = rates[o + j];
            if (r > 0) {
                int wh = w[nb[v * Lattice.Z + j]];
                if ((wh & Occupancy.SURFACE) != sv) {
                    r *= sv != 0 ? toSurface[wh & SPECIES] : fromSurface[wh & SPECIES];
                    rates[o + j] = r;
                }
            }
            sum += r;
        }
        return sum;
    }

    /** Photocarriers in the sample under the current conditions (0 without funnelling). */
    public double carriers() {
        return funnel == null ? 0 : funnel.carriers();
    }

    private void applyFunnel() {
        int[] nb = lattice.neighbours();
        for (int id = 0; id < occ.vacancies; id++) {
            int v = occ.vacancySite[id];
            double sum = 0;
            for (int j = 0; j < Lattice.Z; j++) {
                int k = id * Lattice.Z + j;
                if (rates[k] > 0) {
                    int h = nb[v * Lattice.Z + j];
                    rates[k] *= funnel.factor(v, h, occ.species[h]);
                }
                sum += rates[k];
            }
            leafSums[id] = sum;
        }
    }

    /** Halides of a species held in the surface reservoir (0 without surface exchange). */
    public long reservoir(int species) {
        return surface == null ? 0 : surface.reservoir(species);
    }

    public long surfaceEvents() {
        return surfaceEvents;
    }

    /** Reservoir energy, eV (tests). */
    double reservoirEnergy() {
        return surface == null ? 0 : surface.reservoirEnergy();
    }

    /** Total rate of surface events, 1/s (tests). */
    double surfaceRate() {
        return surface == null ? 0 : surface.total();
    }

    private void applyDrive(double t) {
        conditions = drive.at(t);
        nextDriveChange = drive.nextChange(t);
        table.build(material, terms, conditions);
        factors.build(table);
        if (differenceFormOnly) factors.valid = false;
        if (device != null) {
            device.apply(conditions, occ);
            fieldZ = device.potential.table();
            nextDriveChange = Math.min(nextDriveChange, device.potential.nextRefresh(t));
        }
        if (funnel != null) funnel.setConditions(conditions);
        if (toSurface != null) buildSurfaceStrainFactors();
        refreshAllRates();
        if (surface != null) surface.setConditions(conditions);
        driveRefreshes++;
    }

    /** Bulk refresh of every rate from the current tables (the GPU-offloaded kernel). */
    public void refreshAllRates() {
        for (int id = 0; id < occ.vacancies; id++) {
            vacancyRegular[id] = (occ.counts[occ.vacancySite[id]] & Occupancy.REGULAR) != 0;
        }
        if (fieldZ != null) {
            // a potential profile: the CPU kernels with per-half-layer field rows (no GPU twin yet)
            for (int id = 0; id < occ.vacancies; id++) {
                int v = occ.vacancySite[id];
                leafSums[id] = factors.valid
                        ? HopKernel.vacancyRatesFactored(v, occ.counts, lattice.neighbours(), off, factors.fv, factors.gh,
                        fieldZ, rates, id * Lattice.Z, layerSites3)
                        : HopKernel.vacancyRates(v, occ.counts, lattice.neighbours(), table.base, fieldZ, table.mix,
                        rates, id * Lattice.Z, layerSites3);
            }
        } else if (factors.valid) {
            rateBackend.refreshAllFactored(occ.vacancySite, occ.vacancies, occ.counts, lattice.neighbours(),
                    off, factors.fv, factors.gh, table.field, rates, leafSums);
        } else {
            rateBackend.refreshAll(occ.vacancySite, occ.vacancies, occ.counts, lattice.neighbours(),
                    table.base, table.field, table.mix, rates, leafSums);
        }
        if (toSurface != null) {
            for (int id = 0; id < occ.vacancies; id++) leafSums[id] = applySurfaceStrain(id);
        }
        if (funnel != null) applyFunnel();
        if (tree != null) {
            for (int id = 0; id < tree.capacity(); id++) {
                tree.setLeafOnly(id, id < occ.vacancies ? leafSums[id] : 0);
            }
            tree.rebuild();
        } else {
            for (int id = 0; id < classes.capacity(); id++) {
                classes.set(id, id < occ.vacancies ? leafSums[id] : 0);
            }
        }
    }

    /**
     * Runs until simulated time reaches tStop or maxEvents hops have fired, whichever first.
     * Returns the number of hops fired.
     */
    public long advance(double tStop, long maxEvents) {
        long fired = tree != null ? advanceTree(tStop, maxEvents) : advanceClasses(tStop, maxEvents);
        // stopping exactly on a drive change: enter the new piece now, so conditions() and the
        // rates read between calls (output frames) belong to the time reached
        if (time >= nextDriveChange) applyDrive(nextDriveChange);
        return fired;
    }

    private long advanceTree(double tStop, long maxEvents) {
        long fired = 0;
        while (fired < maxEvents) {
            if (time >= nextDriveChange) {
                applyDrive(nextDriveChange);
            }
            double limit = Math.min(tStop, nextDriveChange);
            double surf = sourceTotal();
            double total = tree.total() + surf;
            if (!(total > 0)) {
                time = Math.max(time, limit);
                if (limit >= tStop) break;
                continue;
            }
            rng.next();
            double dt = -Math.log(1.0 - rng.u0) / total;
            if (time + dt >= limit) {
                time = limit;
                if (limit >= tStop) break;
                continue;
            }
            time += dt;
            double u = rng.u1;
            if (u * total < surf) {
                if (fireSurface(u * total)) fired++;
                continue;
            }
            u = (u * total - surf) / (total - surf);
            int id;
            int j;
            while (true) {
                id = tree.find(u * (total - surf));
                j = id < occ.vacancies ? pick(id, tree.residual()) : -1;
                if (j >= 0) break;
                rng.next();   // rounding miss past the last leaf: redraw the selection
                u = rng.u1;
            }
            hop(id, j);
            fired++;
        }
        events += fired;
        return fired;
    }

    private long advanceClasses(double tStop, long maxEvents) {
        long fired = 0;
        long tried = 0;
        RateClasses cls = classes;
        while (fired < maxEvents) {
            if (time >= nextDriveChange) {
                applyDrive(nextDriveChange);
            }
            double limit = Math.min(tStop, nextDriveChange);
            double surf = sourceTotal();
            double b = cls.bound() + surf;
            if (!(b > 0)) {
                time = Math.max(time, limit);
                if (limit >= tStop) break;
                continue;
            }
            // thinning: every trial, accepted or not, is a point of a Poisson process of rate B
            rng.next();
            double dt = -Math.log(1.0 - rng.u0) / b;
            if (time + dt >= limit) {
                time = limit;
                if (limit >= tStop) break;
                continue;
            }
            time += dt;
            tried++;
            double x = rng.u1 * b;
            if (x < surf) {
                if (fireSurface(x)) fired++;
                continue;
            }
            int id = cls.trial(x - surf);
            if (id < 0) continue;
            int j = pick(id, cls.residual());
            if (j < 0) continue;   // cannot happen for an accepted item (weight > 0); kept as a guard
            hop(id, j);
            fired++;
        }
        trials += tried;
        events += fired;
        return fired;
    }

    /** Slot whose cumulative rate interval holds u, the last non-zero one after a rounding miss, or -1. */
    private int pick(int id, double u) {
        return HopKernel.pickSlot(rates, id * Lattice.Z, u);
    }

    private void hop(int id, int j) {
        hopCore(id, j);
        if (toSurface != null && funnel == null) {
            // surface strain: every vacancy hopCore touched is recomputed whole, with the factor
            recomputeVacancy(id);
            for (int a = 0; a < lastAffected; a++) recomputeVacancy(affected[a]);
            for (int p = 0; p < nPartial; p++) recomputeVacancy(partialId[p]);
        }
        if (funnel != null) {
            funnel.moved(lastHopFrom, occ.vacancySite[id], occ.species[lastHopFrom]);
            refreshAllRates();
        }
        if (surface != null || (device != null && device.electrodes != null)) {
            // the moved vacancy's old and new sites and their neighbours carry changed words
            touchAround(occ.vacancySite[id]);
            touchAround(lastHopFrom);
        }
    }

    private void touchAround(int s) {
        if (device != null && device.electrodes != null) {
            int[] nb = lattice.neighbours();
            for (SurfaceEvents e : device.electrodes) {
                e.touch(s);
                for (int i = 0; i < Lattice.Z; i++) e.touch(nb[s * Lattice.Z + i]);
            }
            return;
        }
        int[] w = occ.counts;
        if ((w[s] & Occupancy.SURFACE) != 0) surface.touch(s);
        int[] nb = lattice.neighbours();
        for (int i = 0; i < Lattice.Z; i++) {
            int m = nb[s * Lattice.Z + i];
            if ((w[m] & Occupancy.SURFACE) != 0 && m != lattice.sink()) surface.touch(m);
        }
    }

    private double sourceTotal() {
        double t = surface == null ? 0 : surface.total();
        return device == null ? t : t + device.sourceTotal();
    }

    /** Fires the surface or electrode event at u ∈ [0, sourceTotal()); false after a rounding miss. */
    private boolean fireSurface(double u) {
        if (device != null && device.electrodes != null) {
            double t0 = device.electrodes[0].total();
            return fireSource(u < t0 ? device.electrodes[0] : device.electrodes[1], u < t0 ? u : u - t0);
        }
        return fireSource(surface, u);
    }

    private boolean fireSource(SurfaceEvents surface, double u) {
        if (!surface.select(u)) return false;
        int s = surface.selectedSite;
        int x = surface.selectedHalide;
        if (surface.selectedKind != SurfaceEvents.REFILL) {
            occ.setSpecies(s, Species.VACANCY);
            addVacancy(s);
        } else {
            removeVacancy(occ.vacancyAt[s]);
            occ.setSpecies(s, x);
        }
        surface.fired(surface.selectedKind, x);
        refreshAround(s);
        surfaceEvents++;
        return true;
    }

    /** After a species change at s: every vacancy within two shells recomputed, surface leaves touched. */
    private void refreshAround(int s) {
        int[] nb = lattice.neighbours();
        epoch++;
        int n = 0;
        if (occ.species[s] == Species.VACANCY) n = mark(occ.vacancyAt[s], n);
        for (int i = 0; i < Lattice.Z; i++) {
            int a = nb[s * Lattice.Z + i];
            if (a == lattice.sink()) continue;
            if (occ.species[a] == Species.VACANCY) n = mark(occ.vacancyAt[a], n);
            for (int k = 0; k < Lattice.Z; k++) {
                int b = nb[a * Lattice.Z + k];
                if (b != lattice.sink() && occ.species[b] == Species.VACANCY) n = mark(occ.vacancyAt[b], n);
            }
        }
        for (int a = 0; a < n; a++) recomputeVacancy(affected[a]);
        touchAround(s);
    }

    private void recomputeVacancy(int id) {
        int site = occ.vacancySite[id];
        vacancyRegular[id] = (occ.counts[site] & Occupancy.REGULAR) != 0;
        double[] field = fieldZ != null ? fieldZ : table.field;
        double su = factors.valid
                ? HopKernel.vacancyRatesFactored(site, occ.counts, lattice.neighbours(), off, factors.fv, factors.gh,
                field, rates, id * Lattice.Z, layerSites3)
                : HopKernel.vacancyRates(site, occ.counts, lattice.neighbours(), table.base, field, table.mix,
                rates, id * Lattice.Z, layerSites3);
        if (toSurface != null) su = applySurfaceStrain(id);
        setWeight(id, su);
    }

    private void addVacancy(int s) {
        int id = occ.vacancies;
        ensureVacancyCapacity(id + 1);
        occ.vacancySite[id] = s;
        occ.vacancyAt[s] = id;
        occ.vacancies++;
        stamp[id] = 0;
        recomputeVacancy(id);
    }

    /** Swap-remove: the last vacancy takes the freed id, its rates and weight with it. */
    private void removeVacancy(int id) {
        int last = occ.vacancies - 1;
        int s = occ.vacancySite[id];
        if (id != last) {
            int ls = occ.vacancySite[last];
            occ.vacancySite[id] = ls;
            occ.vacancyAt[ls] = id;
            System.arraycopy(rates, last * Lattice.Z, rates, id * Lattice.Z, Lattice.Z);
            vacancyRegular[id] = vacancyRegular[last];
            stamp[id] = stamp[last];
            setWeight(id, weightOf(last));
        }
        setWeight(last, 0);
        java.util.Arrays.fill(rates, last * Lattice.Z, last * Lattice.Z + Lattice.Z, 0);
        occ.vacancyAt[s] = -1;
        occ.vacancies--;
    }

    private double weightOf(int id) {
        return tree != null ? tree.leaf(id) : classes.weight(id);
    }

    private void ensureVacancyCapacity(int n) {
        if (occ.vacancySite.length < n) occ.vacancySite = java.util.Arrays.copyOf(occ.vacancySite, Math.max(n, 2 * occ.vacancySite.length));
        int cap = tree != null ? tree.capacity() : classes.capacity();
        if (n <= cap) return;
        int newCap = Math.max(n, 2 * cap);
        if (tree != null) {
            tree.ensureCapacity(newCap);
            newCap = tree.capacity();
        } else {
            classes.ensureCapacity(newCap);
        }
        rates = java.util.Arrays.copyOf(rates, newCap * Lattice.Z);
        leafSums = java.util.Arrays.copyOf(leafSums, newCap);
        stamp = java.util.Arrays.copyOf(stamp, newCap);
        vacancyRegular = java.util.Arrays.copyOf(vacancyRegular, newCap);
        affected = java.util.Arrays.copyOf(affected, newCap);
    }

    private void hopCore(int id, int j) {
        byte[] sp = occ.species;
        int[] w = occ.counts;
        int v = occ.vacancySite[id];
        lastHopFrom = v;
        int kV = v % 3;
        // regularity from the per-vacancy copy, not w[v]: the neighbour words can then be
        // loaded in parallel with v's own instead of after it (one cache miss fewer in series)
        int[] sv = neighboursOf(v, kV, vacancyRegular[id] ? Occupancy.REGULAR : 0, nbV);
        int h = sv[j];
        int kH = h % 3;
        int wh = w[h];
        int x = wh & SPECIES;
        int[] sh = neighboursOf(h, kH, wh, nbH);
        vacancyRegular[id] = (wh & Occupancy.REGULAR) != 0;

        sp[v] = (byte) x;
        sp[h] = Species.VACANCY;
        w[v] += x;
        w[h] -= x;
        occ.vacancySite[id] = h;
        occ.vacancyAt[h] = id;
        occ.vacancyAt[v] = -1;
        int move = (kV * Lattice.Z + j) * 3;
        netHalideDz += HALIDE_MOVE[move + 2];
        if (tracers != null) tracers.move(h, v, HALIDE_MOVE[move], HALIDE_MOVE[move + 1], HALIDE_MOVE[move + 2]);

        // Count updates fused with the search for vacancies whose rates read a changed word.
        // v's neighbours lose a vacancy neighbour and gain an x; h's the reverse. A vacancy among
        // them has new counts itself: all its rates change ("full"). A halide neighbour s matters
        // only if it has another vacancy neighbour u: u's one hop through s reads s's counts
        // ("partial", the slot recorded and recomputed alone). "Another" means other than h, the
        // moved vacancy, recomputed here anyway. In the first loop s's vacancy count already
        // excludes v and does not yet include h; in the second it is final and includes h.
        int delta = Occupancy.countUnit(x) - Occupancy.countUnit(Species.VACANCY);
        int n = 0;
        nPartial = 0;
        epoch++;
        stamp[id] = epoch;
        for (int i = 0; i < Lattice.Z; i++) {
            int s = sv[i];
            int ws = w[s] + delta;
            w[s] = ws;
            if (s == h) continue;
            int si = ws & SPECIES;
            if (si == Species.VACANCY) {
                n = mark(occ.vacancyAt[s], n);
            } else if (si != Species.WALL) {
                int others = (ws >>> VACANCY_COUNT_SHIFT) & 0xF;
                if (others > 0) scan(s, h, others);
            }
        }
        boolean fast = factors.valid;
        double[] fv = factors.fv, gh = factors.gh, field = fieldZ != null ? fieldZ : table.field;
        int ls3 = layerSites3;
        int fh = HopKernel.fieldRow(h, ls3);
        int ivH = HopKernel.halideCounts(w[h]);   // final: h's word changed only in the first loop
        int dzRow = kH * Lattice.Z;
        int out = id * Lattice.Z;
        double sum = 0;
        for (int i = 0; i < Lattice.Z; i++) {
            int s = sh[i];
            int ws = w[s] - delta;
            w[s] = ws;
            int si = ws & SPECIES;
            // the moved vacancy's rate through slot i, from s's final word (fast form only)
            int xs = si - Species.CL;
            double r = 0;
            if (xs >= 0 && xs < 3) {
                int t = xs << HopKernel.HALIDE_BITS;
                r = fv[t + ivH] * gh[t + HopKernel.halideCounts(ws)] * field[fh + HopKernel.SLOT_DZ[dzRow + i]];
            }
            rates[out + i] = r;
            sum += r;
            if (s == v) continue;
            if (si == Species.VACANCY) {
                n = mark(occ.vacancyAt[s], n);
            } else if (si != Species.WALL) {
                int others = ((ws >>> VACANCY_COUNT_SHIFT) & 0xF) - 1;
                if (others > 0) scan(s, h, others);
            }
        }
        int[] nb = lattice.neighbours();
        if (fast) {
            setWeight(id, sum);
        } else {
            affected[n++] = id;
        }
        lastAffected = n;
        for (int a = 0; a < n; a++) {
            int u = affected[a];
            int site = occ.vacancySite[u];
            double su = fast
                    ? HopKernel.vacancyRatesFactored(site, w, nb, off, fv, gh, field, rates, u * Lattice.Z, ls3)
                    : HopKernel.vacancyRates(site, w, nb, table.base, field, table.mix, rates, u * Lattice.Z, ls3);
            setWeight(u, su);
        }
        for (int p = 0; p < nPartial; p++) {
            int u = partialId[p];
            if (stamp[u] == epoch) continue;        // fully recomputed above
            int slot = partialSlot[p];
            int site = occ.vacancySite[u];
            int ku = site % 3;
            int o = u * Lattice.Z;
            if (fast) {
                int ws = w[partialSite[p]];
                int xs = (ws & SPECIES) - Species.CL;   // a halide: scans start only from halides
                int t = xs << HopKernel.HALIDE_BITS;
                rates[o + slot] = fv[t + HopKernel.halideCounts(w[site])] * gh[t + HopKernel.halideCounts(ws)]
                        * field[HopKernel.fieldRow(site, ls3) + HopKernel.SLOT_DZ[ku * Lattice.Z + slot]];
                double su = 0;
                for (int i = 0; i < Lattice.Z; i++) su += rates[o + i];
                setWeight(u, su);
            } else {
                setWeight(u, HopKernel.vacancyRates(site, w, nb, table.base, field, table.mix, rates, o, ls3));
            }
        }
    }

    private void setWeight(int id, double w) {
        if (tree != null) tree.set(id, w);
        else classes.set(id, w);
    }

    /** The 8 neighbours of site s (sublattice k, packed word ws) into out: computed when REGULAR, else the table row. */
    private int[] neighboursOf(int s, int k, int ws, int[] out) {
        if ((ws & Occupancy.REGULAR) != 0) {
            int r = k * Lattice.Z;
            for (int i = 0; i < Lattice.Z; i++) out[i] = s + off[r + i];
        } else {
            System.arraycopy(lattice.neighbours(), s * Lattice.Z, out, 0, Lattice.Z);
        }
        return out;
    }

    /**
     * Records, for each of the {@code count} vacancies next to halide site s other than
     * {@code exclude}, the slot of its hop through s (recomputed after the count updates).
     */
    private void scan(int s, int exclude, int count) {
        int[] nb = lattice.neighbours();
        int[] w = occ.counts;
        int row = s * Lattice.Z;
        boolean regular = (w[s] & Occupancy.REGULAR) != 0;
        int r = (s % 3) * Lattice.Z;
        for (int i = 0; i < Lattice.Z; i++) {
            int m = regular ? s + off[r + i] : nb[row + i];
            if (m != exclude && (w[m] & SPECIES) == Species.VACANCY) {
                int p = nPartial++;
                partialId[p] = occ.vacancyAt[m];
                partialSlot[p] = REVERSE_SLOT[r + i];
                partialSite[p] = s;
                if (--count == 0) return;
            }
        }
    }

    private int mark(int id, int n) {
        if (stamp[id] != epoch) {
            stamp[id] = epoch;
            affected[n++] = id;
        }
        return n;
    }

    public String name() { return "exact"; }
    public double time() { return time; }
    public long events() { return events; }
    /** Selection trials so far, accepted or not (composition–rejection; equals events for the tree). */
    public long trials() { return tree != null ? events : trials; }
    public long driveRefreshes() { return driveRefreshes; }
    public long netHalideDz() { return netHalideDz; }
    public Conditions conditions() { return conditions; }
    public Occupancy occupancy() { return occ; }
    public Material material() { return material; }
    public Selection selection() { return selection; }
    public RateTable table() { return table; }

    /** Total hop rate Σ over all vacancies and slots, 1/s. O(vacancies) with composition–rejection. */
    public double totalRate() {
        return tree != null ? tree.total() : classes.sum();
    }

    /** Current rate of slot j of vacancy id (tests). */
    public double rate(int id, int j) {
        return rates[id * Lattice.Z + j];
    }

    /** Bytes held per stored site by the lattice, occupancy and engine together. */
    public double bytesPerSite() {
        long sel = tree != null ? 2L * tree.capacity() * 8 : classes.capacity() * (8L + 4 + 4 + 4);
        long b = (long) lattice.neighbours().length * 4 + lattice.flags().length
                + occ.species.length + occ.counts.length * 4L + occ.vacancyAt.length * 4L
                + occ.vacancySite.length * 4L + rates.length * 8L + leafSums.length * 8L + sel
                + stamp.length * 4L + affected.length * 4L
                + (factors.fv.length + factors.gh.length) * 8L;
        return (double) b / lattice.sites();
    }
}
