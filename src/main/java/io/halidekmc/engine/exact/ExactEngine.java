package io.halidekmc.engine.exact;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.KmcEngine;
import io.halidekmc.engine.PhiloxBlock;
import io.halidekmc.engine.RateBackend;
import io.halidekmc.engine.SumTree;
import io.halidekmc.engine.Tracers;
import io.halidekmc.engine.event.PhaseEvents;
import io.halidekmc.engine.event.SurfaceEvents;
import io.halidekmc.engine.event.WireDeviceState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Segment;
import io.halidekmc.physics.CarrierFunnel;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.FunnelState;
import io.halidekmc.physics.LightRelease;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.Polaron;
import io.halidekmc.physics.RateTable;
import io.halidekmc.physics.Strain;
import io.halidekmc.physics.PhaseConversion;
import io.halidekmc.physics.SurfaceExchange;
import io.halidekmc.physics.WireDevice;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.List;

/**
 * BKL (n-fold way) KMC with a vacancy-centred event list (DESIGN §5): one selector item per
 * vacancy holding the sum of its 8 hop rates, the hop picked by a short scan, the rates kept
 * current incrementally after each hop ({@link VacancyRates}). Events that create or fill
 * vacancies (a nanocrystal's surface exchange, a wire's electrodes) are
 * {@link io.halidekmc.engine.event.SourceEvents} registered beside the hops ({@link EventSources}).
 *
 * <p>Two selectors, the same physics ({@link TrialLoop}): {@link Selection#SUM_TREE},
 * rejection-free with a binary {@link SumTree} (O(log n) select and update, the reference), and
 * {@link Selection#COMPOSITION_REJECTION} (default, {@link RateClasses}): O(1) update and a short
 * class scan, exact through thinning, where each trial advances time by Exp(B), B ≥ total rate,
 * and rejected trials change nothing. Both pick each hop with probability rate/total and give
 * exponential waiting times of rate total; the trajectories for one seed differ between them.
 *
 * <p>Drives are piecewise constant (DESIGN §4, {@link DrivePieces}): at each drive-grid point the
 * rate tables are rebuilt and every rate refreshed in bulk.
 */
public final class ExactEngine implements KmcEngine {
    /** Event selection structure. */
    public enum Selection { SUM_TREE, COMPOSITION_REJECTION }

    private final Lattice lattice;
    private final Occupancy occ;
    private final Material material;
    private final List<EnergyTerm> terms;
    private final Selection selection;
    private final VacancyRates rates;
    private final EventSources sources;
    private final DrivePieces drive;
    private final TrialLoop loop;

    /** Surface release/refill events of a nanocrystal (null when off). */
    private SurfaceEvents surface;
    /** Octahedra converting between perovskite and the N phase (null when off). */
    private PhaseEvents phase;
    /** A biased wire device (potential profile, electrode sources), or null. */
    private WireDeviceState device;
    /** Strain of this nanocrystal (null when off), see {@link #enableStrain}. */
    private NanocrystalStrain strain;

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
        // one Philox block per trial: u0 the waiting time, u1 the selection (seeded from the run's provider)
        PhiloxBlock block = new PhiloxBlock(rng);
        this.selection = selection;
        this.rates = new VacancyRates(occupancy, selection);
        this.sources = new EventSources(occupancy, rates);
        this.drive = new DrivePieces(drive, material, this.terms, rates, sources);
        this.loop = new TrialLoop(rates, sources, this.drive, block);
        this.drive.apply(0);
    }

    /** Tests: switches to the reference difference-form kernel (as if the tables did not factorise). */
    void useDifferenceForm() {
        drive.differenceFormOnly = true;
        rates.factors.valid = false;
        refreshAllRates();
    }

    /** Runs the bulk refresh on {@code b} from now on, and refreshes every rate with it at once. */
    public void useRateBackend(RateBackend b) {
        rates.rateBackend = b;
        refreshAllRates();
    }

    /** Follows every halide's unwrapped displacement (tests and diffusion observables). */
    public void trackTracers() {
        if (surface != null) throw new IllegalStateException("tracers follow a fixed set of halides: no surface exchange");
        rates.tracers = new Tracers(occ);
    }

    public Tracers tracers() {
        return rates.tracers;
    }

    /**
     * Switches on halide exchange between surface sites and a surface reservoir holding
     * {@code initialReservoir[species]} halides: vacancies are then created and filled at the
     * surface and their number follows temperature. Not combinable with tracers.
     */
    public void enableSurfaceExchange(SurfaceExchange params, long[] initialReservoir) {
        if (rates.funnel != null) throw new IllegalStateException("carrier funnelling with surface exchange is not supported yet");
        if (rates.tracers != null) throw new IllegalStateException("tracers follow a fixed set of halides: no surface exchange");
        surface = new SurfaceEvents(occ, mixing() ? material : material.withoutMixing(), params, initialReservoir);
        if (strain != null) surface.enableStrain(strain.nc);
        surface.setConditions(drive.conditions);
        sources.register(surface);
    }

    /**
     * Switches on the P ⇄ N conversion of octahedra ({@link PhaseConversion}): registered after
     * every other source, so trajectories without it stay bit for bit.
     */
    public void enablePhaseConversion(PhaseConversion params) {
        if (rates.funnel != null) throw new IllegalStateException("carrier funnelling with phase conversion is not supported yet");
        if (phase != null) throw new IllegalStateException("phase conversion is already on");
        phase = new PhaseEvents(occ, mixing() ? material : material.withoutMixing(), params);
        phase.setConditions(drive.conditions);
        sources.register(phase);
    }

    /** The octahedra's phase events (null when off). */
    public PhaseEvents phase() {
        return phase;
    }

    private boolean mixing() {
        return terms.stream().anyMatch(t -> t instanceof MixingTerm);
    }

    /**
     * Adds the light-driven (non-equilibrium) release of surface halides; needs surface exchange,
     * which supplies the reservoir and the thermal refilling.
     */
    public void enableLightRelease(LightRelease light) {
        if (surface == null) throw new IllegalStateException("light-driven release needs surface exchange on");
        surface.enableLight(light);
        surface.setConditions(drive.conditions);
    }

    /**
     * Makes this a biased wire device (DESIGN §3 field term with contacts and space charge):
     * from now on hop rates read the device's potential profile instead of the uniform field
     * table (leave {@link FieldTerm} out of the terms), and with sources on
     * the electrodes create and fill vacancies under the contacts.
     *
     * @param timeScale    physical seconds per simulated second (F·s²)
     * @param vacancyScale F, simulated over physical vacancy fraction (1 when not rescaled)
     */
    public void enableWireDevice(WireDevice d, double vacancyFraction, double timeScale, double vacancyScale,
                                 List<Segment> segments) {
        if (rates.funnel != null || surface != null || rates.tracers != null) {
            throw new IllegalStateException("a wire device does not combine with surface exchange, funnelling or tracers");
        }
        if (terms.stream().anyMatch(t -> t instanceof FieldTerm)) {
            throw new IllegalStateException("a wire device applies the field itself: leave FieldTerm out of the terms");
        }
        device = new WireDeviceState(occ, mixing() ? material : material.withoutMixing(), d, vacancyFraction, timeScale,
                vacancyScale, segments, drive.conditions);
        rates.layerSites3 = device.potential.layerSites3;
        drive.device = device;
        if (device.electrodes != null) sources.register(device);
        drive.apply(loop.time);
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
        return device == null ? 0 : device.total();
    }

    /**
     * Switches on carrier funnelling (a light-driven free-energy term, {@link CarrierFunnel}).
     * With it on, every hop re-weighs all rates (Z changes globally): O(vacancies) per hop, meant for
     * the small funnelling problems; not combinable with surface exchange yet.
     */
    public void enableCarrierFunnel(CarrierFunnel f, LightRelease light) {
        enableLightCarriers(f, null, light);
    }

    /**
     * Switches on the light-driven carrier free energy: funnelling ({@code f}), the polaron strain
     * term ({@code p}, {@link Polaron}) or both, one carrier population
     * (funnelling's carrier number when it is on). Same cost model as {@link #enableCarrierFunnel}.
     */
    public void enableLightCarriers(CarrierFunnel f, Polaron p, LightRelease light) {
        if (surface != null) throw new IllegalStateException("carrier funnelling / polaron with surface exchange is not supported yet");
        FunnelState funnel = new FunnelState(occ, f, p, light, material.latticeConstant());
        funnel.setConditions(drive.conditions);
        rates.funnel = funnel;
        refreshAllRates();
    }

    /**
     * Switches on the strain terms ({@link Strain}): the collective elastic
     * energy enters the surface exchange rates (the only events that change the lattice
     * composition), the surface site energies every hop between a surface and an interior site and
     * the exchange rates. Reference: the present lattice composition and temperature unless the
     * parameters fix them. Off (never called), nothing on the hop path changes.
     */
    public void enableStrain(Strain params) {
        long cells = (long) lattice.cellsX() * lattice.cellsY() * lattice.cellsZ();
        Conditions c = drive.conditions;
        strain = new NanocrystalStrain(params.resolve(occ.census(), c.temperature(), cells), c.kT());
        rates.surfaceStrain = strain.hasSurfaceTerm() ? strain : null;
        if (surface != null) {
            surface.enableStrain(strain.nc);
            surface.setConditions(c);
        }
        refreshAllRates();
    }

    /** The NC's misfit strain ε = ā/a_ref − 1 now (NaN without the strain term). */
    @Override
    public double strain() {
        if (strain == null) return Double.NaN;
        long[] n = occ.census();
        return strain.nc.epsilon(n, drive.conditions.temperature());
    }

    /** Collective elastic energy now, eV (0 without the strain term; tests). */
    public double elasticEnergy() {
        return strain == null ? 0 : strain.nc.energy(occ.census(), drive.conditions.temperature());
    }

    /** Halides of a species on the lattice as kept by the surface events (tests: bookkeeping). */
    long keptLatticeHalides(int species) {
        return surface == null ? occ.census()[species] : surface.latticeHalides(species);
    }

    /** Photocarriers in the sample under the current conditions (0 without funnelling). */
    public double carriers() {
        return rates.funnel == null ? 0 : rates.funnel.carriers();
    }

    /** Halides of a species held in the surface reservoir (0 without surface exchange). */
    public long reservoir(int species) {
        return surface == null ? 0 : surface.reservoir(species);
    }

    /** Source events (surface or electrode) fired so far. */
    public long surfaceEvents() {
        return sources.fired;
    }

    /** Reservoir energy, eV (tests). */
    double reservoirEnergy() {
        return surface == null ? 0 : surface.reservoirEnergy();
    }

    /** Total rate of surface events, 1/s (tests). */
    double surfaceRate() {
        return surface == null ? 0 : surface.total();
    }

    /** Bulk refresh of every rate from the current tables (the GPU-offloaded kernel). */
    public void refreshAllRates() {
        rates.refreshAll();
    }

    /**
     * Runs until simulated time reaches tStop or maxEvents hops have fired, whichever first.
     * Returns the number of hops fired.
     */
    public long advance(double tStop, long maxEvents) {
        return loop.advance(tStop, maxEvents);
    }

    public String name() { return "exact"; }
    public double time() { return loop.time; }
    public long events() { return loop.events; }
    /** Selection trials so far, accepted or not (composition–rejection; equals events for the tree). */
    public long trials() { return rates.tree != null ? loop.events : loop.trials; }
    public long driveRefreshes() { return drive.refreshes; }
    public long netHalideDz() { return rates.netHalideDz; }
    public Conditions conditions() { return drive.conditions; }
    public Occupancy occupancy() { return occ; }
    public Material material() { return material; }
    public Selection selection() { return selection; }
    public RateTable table() { return rates.table; }

    /** Total hop rate Σ over all vacancies and slots, 1/s. O(vacancies) with composition–rejection. */
    public double totalRate() {
        return rates.tree != null ? rates.tree.total() : rates.classes.sum();
    }

    /** Current rate of slot j of vacancy id (tests). */
    public double rate(int id, int j) {
        return rates.rates[id * Lattice.Z + j];
    }

    /** Bytes held per stored site by the lattice, occupancy and engine together. */
    public double bytesPerSite() {
        long b = (long) lattice.neighbours().length * 4 + lattice.flags().length
                + occ.species.length + occ.counts.length * 4L + occ.vacancyAt.length * 4L
                + occ.vacancySite.length * 4L + rates.bytes();
        return (double) b / lattice.sites();
    }
}
