package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.HalideValues;
import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.WireDevice;

/**
 * physics.electrodes: true (TARGETS B2/C1 defaults) or {thermal_rate: s⁻¹, alpha: µm/V/s or
 * {Cl, Br, I}, formation_energy: eV or {Cl, Br, I}, active: anode|cathode|both,
 * store_sites_per_site, store_fill}.
 */
record ElectrodesSection() implements PhysicsSection {
    @Override
    public String key() {
        return "electrodes";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        if (!physics.has(key())) return;
        requireWire(physics, key(), build);
        build.electrodes = electrodes(physics);
    }

    /** Electrodes and space charge belong to a wire device, which then has contacts (0 cells unless given). */
    static void requireWire(YamlNode physics, String key, PhysicsBuild build) {
        if (!(build.geometry instanceof Geometry.Nanowire)) {
            throw physics.error(key, "needs geometry.type nanowire; geometry.type is " + build.geometryType);
        }
        if (build.contactCells < 0) build.contactCells = 0;
    }

    private static WireDevice.ElectrodeSources electrodes(YamlNode ph) {
        var d = WireDevice.ElectrodeSources.targets();
        if (ph.raw("electrodes") instanceof Boolean b) {
            return b ? d : null;
        }
        YamlNode e = ph.child("electrodes");
        double r0 = e.number("thermal_rate", d.thermalRate(), 0, 1e6, true);
        double[] alpha = d.alpha().clone();
        if (e.has("alpha")) {
            double[] given = HalideValues.perHalide(e, "alpha", null, 0, 1e3);
            for (int x = Species.CL; x <= Species.I; x++) alpha[x] = given[x];
        }
        double[] ef = d.formationEnergy().clone();
        if (e.has("formation_energy")) {
            double[] given = HalideValues.perHalide(e, "formation_energy", Double.NaN, 0, 10);
            for (int x = Species.CL; x <= Species.I; x++) ef[x] = given[x];
        }
        String active = e.choice("active", "anode", "anode", "cathode", "both");
        double per = e.number("store_sites_per_site", d.storeSitesPerSite(), 0, 1e6, true);
        double fill = e.number("store_fill", d.storeFill(), 0, 1, true);
        if (!(fill < 1)) throw e.error("store_fill", fill + " is out of range; allowed: (0, 1)");
        e.rejectUnknown("thermal_rate", "alpha", "formation_energy", "active", "store_sites_per_site", "store_fill");
        return new WireDevice.ElectrodeSources(r0, alpha, ef, active, per, fill);
    }
}
