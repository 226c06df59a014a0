package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.physics.WireDevice;

/**
 * physics.space_charge: true/false or {relative_permittivity: 25, refresh_interval: s (physical)};
 * the wire's 1D Poisson correction (DESIGN §3, ε = 25 ε0 as in 003).
 */
record SpaceChargeSection() implements PhysicsSection {
    @Override
    public String key() {
        return "space_charge";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        if (!physics.has(key())) return;
        ElectrodesSection.requireWire(physics, key(), build);
        build.spaceChargeAsked = true;
        build.spaceCharge = spaceCharge(physics);
    }

    private static WireDevice.SpaceCharge spaceCharge(YamlNode ph) {
        if (ph.raw("space_charge") instanceof Boolean b) {
            return b ? new WireDevice.SpaceCharge(25, Double.MAX_VALUE) : null;
        }
        YamlNode sc = ph.child("space_charge");
        double eps = sc.number("relative_permittivity", 25.0, 0, 1e4, true);
        double dt = sc.number("refresh_interval", Double.MAX_VALUE, 0, Double.MAX_VALUE, true);
        sc.rejectUnknown("relative_permittivity", "refresh_interval");
        return new WireDevice.SpaceCharge(eps, dt);
    }
}
