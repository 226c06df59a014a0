package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.HalideValues;
import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.physics.LightRelease;

/**
 * physics.light_release: {wavelength_nm, absorption_per_cm, lifetime_s, rate: s⁻¹ or {Cl, Br, I},
 * activation: eV or {Cl, Br, I}, reference_temperature: K}; light-driven release of halides to
 * the surface reservoir (001), a non-equilibrium term.
 */
record LightReleaseSection() implements PhysicsSection {
    @Override
    public String key() {
        return "light_release";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        if (!physics.has(key())) return;
        if (build.surface == null) {
            throw physics.error(key(), "needs physics.surface_exchange (the reservoir that takes the released halides)");
        }
        YamlNode lr = physics.child(key());
        double wl = lr.number("wavelength_nm", 405.0, 100, 2000, false);
        double alpha = lr.number("absorption_per_cm", null, 0, 1e8, true);
        double tau = lr.number("lifetime_s", null, 0, 1, true);
        double[] k = HalideValues.perHalide(lr, "rate", 0.0, 0, 1e15);
        double[] ea = HalideValues.perHalide(lr, "activation", 0.0, 0, 5);
        double tRef = lr.number("reference_temperature", 300.0, 0, 5000, true);
        lr.rejectUnknown("wavelength_nm", "absorption_per_cm", "lifetime_s", "rate", "activation", "reference_temperature");
        build.lightRelease = new LightRelease(wl, alpha, tau, k, ea, tRef).scaled(1.0 / build.coarse);
    }
}
