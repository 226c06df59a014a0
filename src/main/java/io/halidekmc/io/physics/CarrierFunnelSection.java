package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.physics.CarrierFunnel;

/**
 * physics.carrier_funnel: {block_cells, carriers | from_light: true with absorption_per_cm,
 * lifetime_s, wavelength_nm}; photocarriers lowering the free energy of low-gap local states
 * (DESIGN §3), a non-equilibrium term.
 */
record CarrierFunnelSection() implements PhysicsSection {
    @Override
    public String key() {
        return "carrier_funnel";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        if (!physics.has(key())) return;
        YamlNode cf = physics.child(key());
        if (build.surface != null) {
            throw physics.error(key(), "cannot yet be combined with physics.surface_exchange; use one of them");
        }
        int block = (int) cf.integer("block_cells", 4L, 1, 64);
        boolean fromLight = cf.bool("from_light", false);
        if (fromLight == cf.has("carriers")) {
            throw cf.error("carriers", "give either carriers (a number per sample) or from_light: true");
        }
        double carriers = fromLight ? 0 : cf.number("carriers", null, 0, 1e9, false);
        if (fromLight) build.carriersFromLight(cf);
        cf.rejectUnknown("block_cells", "carriers", "from_light", "absorption_per_cm", "lifetime_s", "wavelength_nm");
        build.funnel = new CarrierFunnel(block, carriers, fromLight, build.parameters.bandGap());
    }
}
