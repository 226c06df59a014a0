package io.halidekmc.engine.event;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Segment;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.SurfaceExchange;
import io.halidekmc.physics.WireDevice;

import java.util.List;

/**
 * A wire device inside the exact engine: the potential profile ({@link WirePotential}) and, with
 * sources on, one {@link SurfaceEvents} list per electrode (index 0 the low-z contact, 1 the
 * high-z one), each with its own halide store. Updated at every drive-grid point, Poisson
 * refreshes included.
 *
 * <p>Time rescaling: the engine runs in simulated time, T = F·s² physical seconds each (F the
 * vacancy rescaling, s the length scale). A physical rate per contact site k becomes k·T per
 * simulated second: the store equilibrium (the vacancy fraction the contact holds) is set by the
 * energies, already at the simulated fraction, and the relaxation towards it keeps its physical
 * time constant — tested in {@code WireDeviceTest}.
 *
 * <p>As a {@link SourceEvents} the device is its two electrodes, one event list after the other
 * (low-z first); the engine registers it only when sources are on.
 */
public final class WireDeviceState implements SourceEvents {
    public final WirePotential potential;
    public final SurfaceEvents[] electrodes;
    private final WireDevice device;
    private final double timeScale;
    private final double[] epsilon = new double[Species.COUNT];
    private final double initialFree;
    private final double[] mult = new double[3];
    /** The electrode that holds the event last selected. */
    private SurfaceEvents selected;

    public WireDeviceState(Occupancy occ, Material material, WireDevice device, double vacancyFraction, double timeScale,
                    double vacancyScale, List<Segment> segments, Conditions initial) {
        this.device = device;
        this.timeScale = timeScale;
        this.potential = new WirePotential(occ.lattice, device, material.latticeConstant(), vacancyFraction, timeScale, vacancyScale);
        var src = device.sources();
        if (src == null) {
            electrodes = null;
            initialFree = 1;
            return;
        }
        // ε_X: a pure-X contact in equilibrium with the store at its initial filling holds the
        // scenario's vacancy fraction c: c/(1−c) = exp(−ε/kT)·(1−f)/f; other halides shifted by ΔE_f (C1)
        double kT0 = initial.kT();
        double c = vacancyFraction;
        double f = src.storeFill();
        double base = kT0 * Math.log((1 - c) / c * (1 - f) / f);
        double efRef = src.formationEnergy()[Species.BR];
        for (int x = Species.CL; x <= Species.I; x++) {
            double ef = src.formationEnergy()[x];
            epsilon[x] = base + (Double.isNaN(ef) || Double.isNaN(efRef) ? 0 : ef - efRef);
        }
        this.initialFree = 1 - f;
        double[] act = new double[Species.COUNT];
        var params = new SurfaceExchange(1.0, act, epsilon.clone(), 0, src.storeSitesPerSite());
        Lattice l = occ.lattice;
        int w = device.contactCells();
        int cellsZ = l.cellsZ();
        electrodes = new SurfaceEvents[2];
        for (int e = 0; e < 2; e++) {
            int count = 0;
            for (int s = 0; s < l.sites(); s++) if (inContact(l, occ, s, e, w, cellsZ)) count++;
            int[] sites = new int[count];
            count = 0;
            for (int s = 0; s < l.sites(); s++) if (inContact(l, occ, s, e, w, cellsZ)) sites[count++] = s;
            double[] comp = (e == 0 ? segments.getFirst() : segments.getLast()).fractions();
            long[] store = new long[Species.COUNT];
            double places = src.storeSitesPerSite() * count;
            for (int x = Species.CL; x <= Species.I; x++) store[x] = Math.round(f * places * comp[x]);
            electrodes[e] = new SurfaceEvents(occ, material, params, store, sites);
        }
    }

    private static boolean inContact(Lattice l, Occupancy occ, int s, int electrode, int w, int cellsZ) {
        if (occ.species[s] == Species.WALL) return false;
        // by half-layer, so that the two contacts are mirror images (z-edge sites between layers included symmetrically)
        int zh = l.zHalf(s);
        return electrode == 0 ? zh < 2 * w : zh > 2 * (cellsZ - w);
    }

    /** New drive piece or Poisson refresh: the potential (the electrodes follow in {@link #setConditions}). */
    public void updatePotential(Conditions c, Occupancy occ) {
        potential.update(c, occ);
    }

    /** New drive piece or Poisson refresh: the electrodes' rates. */
    @Override
    public void setConditions(Conditions c) {
        if (electrodes == null) return;
        var src = device.sources();
        double fieldVPerUm = Math.abs(c.field()) * 1e-6;
        boolean lowAnode = WirePotential.lowIsAnode(c);
        double kT = c.kT();
        for (int e = 0; e < 2; e++) {
            boolean anode = (e == 0) == lowAnode;
            boolean active = c.field() != 0 && switch (src.active()) {
                case "anode" -> anode;
                case "cathode" -> !anode;
                default -> true;
            };
            for (int x = Species.CL; x <= Species.I; x++) {
                double rate = src.thermalRate() + (active ? src.alpha()[x] * fieldVPerUm : 0);
                // so that a pure-X contact site releases at `rate` (physical) with the store at its initial filling
                mult[x - 1] = rate * timeScale * Math.exp(epsilon[x] / (2 * kT)) / initialFree;
            }
            electrodes[e].setConditions(c);
            electrodes[e].setMultipliers(mult);
        }
    }

    @Override
    public double total() {
        if (electrodes == null) return 0;
        return electrodes[0].total() + electrodes[1].total();
    }

    @Override
    public boolean select(double u) {
        double t0 = electrodes[0].total();
        selected = u < t0 ? electrodes[0] : electrodes[1];
        return selected.select(u < t0 ? u : u - t0);
    }

    @Override
    public int selectedKind() {
        return selected.selectedKind();
    }

    @Override
    public int selectedHalide() {
        return selected.selectedHalide();
    }

    @Override
    public int selectedSite() {
        return selected.selectedSite();
    }

    @Override
    public void fired(int kind, int halide) {
        selected.fired(kind, halide);
    }

    @Override
    public void touchAround(int s) {
        if (electrodes == null) return;
        for (SurfaceEvents e : electrodes) e.touchAround(s);
    }

    /** Halides of a species in electrode e's store. */
    public long stored(int e, int species) {
        return electrodes == null ? 0 : electrodes[e].reservoir(species);
    }
}
