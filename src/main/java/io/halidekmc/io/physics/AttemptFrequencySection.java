package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.physics.Material;

/** physics.attempt_frequency: ν0 of every hop, s⁻¹, in place of the material's. */
record AttemptFrequencySection() implements PhysicsSection {
    @Override
    public String key() {
        return "attempt_frequency";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        if (!physics.has(key())) return;
        double nu = physics.number(key(), null, 0, 1e16, true);
        Material m = build.material;
        build.material = new Material(m.name(), m.fractions(), m.latticeConstant(), m.barriers(), m.pairEnergies(), nu);
    }
}
