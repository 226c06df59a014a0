package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.HalideValues;
import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.SurfaceExchange;

/**
 * physics.surface_exchange: {attempt_frequency, activation: eV or {Cl, Br, I}, reservoir_energy:
 * eV or {Cl, Br, I}, repulsion: eV, reservoir_sites_per_surface_site, initial_reservoir: {Cl, Br, I}}.
 */
record SurfaceExchangeSection() implements PhysicsSection {
    @Override
    public String key() {
        return "surface_exchange";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        if (!physics.has(key())) return;
        if (!(build.geometry instanceof Geometry.Nanocrystal)) {
            throw physics.error(key(), "only a nanocrystal has a surface reservoir; geometry.type is " + build.geometryType);
        }
        if (build.timeScale != 1) {
            throw build.root.error("vacancy_fraction_physical", "time rescaling assumes a fixed vacancy fraction; "
                    + "with physics.surface_exchange the vacancy population is simulated, so remove this key");
        }
        build.surface = surfaceExchange(physics.child(key()), build).coarse(build.coarse);
    }

    private static SurfaceExchange surfaceExchange(YamlNode sx, PhysicsBuild build) {
        // up to 1e20: a fitted apparent prefactor can exceed a phonon frequency (activation entropy; CALIBRATION.md)
        double nu = sx.number("attempt_frequency", build.material.attemptFrequency(), 0, 1e20, true);
        double[] act = HalideValues.perHalide(sx, "activation", null, 0, 5);
        double[] eps = HalideValues.perHalide(sx, "reservoir_energy", null, -5, 5);
        double u = sx.number("repulsion", 0.0, 0, 5, false);
        double per = sx.number("reservoir_sites_per_surface_site", 1.0, 0, 1000, true);
        if (sx.has("initial_reservoir")) {
            YamlNode r = sx.child("initial_reservoir");
            for (String h : new String[] {"Cl", "Br", "I"}) {
                build.reservoir[Species.halideCode(h)] = r.integer(h, 0L, 0, Integer.MAX_VALUE);
            }
            r.rejectUnknown("Cl", "Br", "I");
        }
        sx.rejectUnknown("attempt_frequency", "activation", "reservoir_energy", "repulsion", "reservoir_sites_per_surface_site",
                "initial_reservoir");
        return new SurfaceExchange(nu, act, eps, u, per);
    }
}
