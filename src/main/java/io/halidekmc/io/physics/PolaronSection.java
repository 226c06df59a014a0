package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.physics.Polaron;

/**
 * physics.polaron: {range_nm, binding, carriers | from_light: true with absorption_per_cm,
 * lifetime_s, wavelength_nm}; the polaron strain term of Bischak/Limmer 2017 (DESIGN §3), a
 * non-equilibrium term. With carrier_funnel on, both share the funnel's carriers and blocks.
 */
record PolaronSection() implements PhysicsSection {
    @Override
    public String key() {
        return "polaron";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        if (!physics.has(key())) return;
        YamlNode po = physics.child(key());
        if (build.surface != null) {
            throw physics.error(key(), "cannot yet be combined with physics.surface_exchange; use one of them");
        }
        double range = po.number("range_nm", Polaron.DEFAULT_RANGE_NM, 0, 1000, true);
        double g = po.number("binding", Polaron.DEFAULT_BINDING, -5, 5, false);
        double carriers = 0;
        boolean fromLight = false;
        if (build.funnel != null) {
            if (po.has("carriers") || po.has("from_light")) {
                throw po.error(po.has("carriers") ? "carriers" : "from_light",
                        "the carriers come from physics.carrier_funnel when it is on; remove this key");
            }
        } else {
            fromLight = po.bool("from_light", false);
            if (fromLight == po.has("carriers")) {
                throw po.error("carriers", "give either carriers (a number per sample) or from_light: true");
            }
            carriers = fromLight ? 0 : po.number("carriers", null, 0, 1e9, false);
            if (fromLight) build.carriersFromLight(po);
        }
        po.rejectUnknown("range_nm", "binding", "carriers", "from_light", "absorption_per_cm", "lifetime_s", "wavelength_nm");
        int block = build.funnel != null ? build.funnel.blockCells() : 1;
        build.polaron = new Polaron(Polaron.regionCells(range, build.material.latticeConstant(), block), g, carriers, fromLight);
    }
}
