package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.CarrierFunnel;
import io.halidekmc.physics.LightRelease;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.Polaron;
import io.halidekmc.physics.Strain;
import io.halidekmc.physics.SurfaceExchange;
import io.halidekmc.physics.WireDevice;

/**
 * The physics of one scenario file while its {@code physics:} sections are read. Mutable on
 * purpose: a section checks itself against the terms read before it (light_release needs
 * surface_exchange, polaron takes its carriers from carrier_funnel), so each one both reads what
 * is here and adds to it. Lives for one {@code parse} call only.
 */
public final class PhysicsBuild {
    final YamlNode root;
    final Geometry geometry;
    final String geometryType;
    final int coarse;
    final double timeScale;
    int contactCells;
    Material material;
    boolean mixing = true;
    boolean field = true;
    WireDevice.ElectrodeSources electrodes;
    WireDevice.SpaceCharge spaceCharge;
    boolean spaceChargeAsked;
    SurfaceExchange surface;
    final long[] reservoir = new long[Species.COUNT];
    LightRelease lightRelease;
    CarrierFunnel funnel;
    Strain strain;
    Polaron polaron;
    io.halidekmc.physics.PhaseConversion phaseConversion;
    /** The scenario's material: (band gap law for the carrier terms, end-member data for strain). */
    io.halidekmc.physics.MaterialParameters parameters = io.halidekmc.physics.MaterialParameters.defaults();

    /**
     * @param root         the file's top level (some checks name a key outside physics:)
     * @param geometryType geometry.type as written, for the messages
     * @param coarse       cells per site along an edge (1: atomistic)
     * @param timeScale    physical per simulated second from the vacancy fractions
     * @param contactCells wire contact width in cells, or −1 when the file has no contacts
     * @param material     the mixture of the initial composition
     */
    public PhysicsBuild(YamlNode root, Geometry geometry, String geometryType, int coarse, double timeScale,
                        int contactCells, Material material) {
        this.root = root;
        this.geometry = geometry;
        this.geometryType = geometryType;
        this.coarse = coarse;
        this.timeScale = timeScale;
        this.contactCells = contactCells;
        this.material = material;
    }

    /**
     * The engines a term can run on, checked once the engine is known (after all of physics:);
     * the sector engines keep a fixed vacancy count and have no per-sample carrier state.
     */
    public void requireEngine(String engine) {
        if ((surface != null || funnel != null) && !engine.equals("exact")) {
            throw root.error("engine", "physics.surface_exchange runs on engine: exact only (the sector engine keeps a fixed vacancy count)");
        }
        if (phaseConversion != null && !engine.equals("exact")) {
            throw root.error("engine", "physics.phase_conversion runs on engine: exact only (films of exact crystals included)");
        }
        if ((strain != null || polaron != null) && !engine.equals("exact")) {
            throw root.error("engine", "physics.strain and physics.polaron run on engine: exact only");
        }
    }

    /** The scenario's material parameters, set before physics: is read (the terms take their material data from it). */
    public void useParameters(io.halidekmc.physics.MaterialParameters p) {
        parameters = p;
    }

    /** The wire's contact width in cells; 0 once a wire term asked for contacts the file did not give. */
    public int contactCells() {
        return contactCells;
    }

    public Material material() {
        return material;
    }

    public boolean mixing() {
        return mixing;
    }

    public boolean field() {
        return field;
    }

    public WireDevice.ElectrodeSources electrodes() {
        return electrodes;
    }

    public WireDevice.SpaceCharge spaceCharge() {
        return spaceCharge;
    }

    /** Whether the file named space_charge at all (false: the wire gets the default Poisson term). */
    public boolean spaceChargeAsked() {
        return spaceChargeAsked;
    }

    public SurfaceExchange surface() {
        return surface;
    }

    public long[] reservoir() {
        return reservoir;
    }

    public LightRelease lightRelease() {
        return lightRelease;
    }

    public CarrierFunnel funnel() {
        return funnel;
    }

    public Strain strain() {
        return strain;
    }

    public Polaron polaron() {
        return polaron;
    }

    public io.halidekmc.physics.PhaseConversion phaseConversion() {
        return phaseConversion;
    }

    /** Photocarriers from the light drive: shares the light_release optics when that term is on. */
    void carriersFromLight(YamlNode n) {
        double alpha = n.number("absorption_per_cm", null, 0, 1e8, true);
        double tau = n.number("lifetime_s", null, 0, 1, true);
        double wl = n.number("wavelength_nm", 405.0, 100, 2000, false);
        lightRelease = lightRelease != null ? lightRelease : new LightRelease(wl, alpha, tau, new double[Species.COUNT]);
    }
}
