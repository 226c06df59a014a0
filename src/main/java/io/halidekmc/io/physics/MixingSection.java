package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.YamlNode;

/** physics.mixing: true/false, the halide pair energies (DESIGN §3); on unless switched off. */
record MixingSection() implements PhysicsSection {
    @Override
    public String key() {
        return "mixing";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        build.mixing = physics.bool(key(), true);
    }
}
