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
        // the first thing a user tries for a stronger w (issue 21): say where the pair energies are set
        if (physics.has(key()) && physics.raw(key()) instanceof java.util.Map<?, ?>) {
            throw physics.error(key(), "expected true or false (the term on or off); the pair energies are "
                    + "material.mixing: {w_BrI, w_ClBr, w_ClI} (eV)");
        }
        build.mixing = physics.bool(key(), true);
    }
}
