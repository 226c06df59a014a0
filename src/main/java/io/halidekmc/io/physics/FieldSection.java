package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.YamlNode;

/** physics.field: true/false, the applied-bias energy of every hop; on unless switched off. */
record FieldSection() implements PhysicsSection {
    @Override
    public String key() {
        return "field";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        build.field = physics.bool(key(), true);
    }
}
