package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.YamlNode;

/**
 * One key of a scenario's {@code physics:} mapping: reads its value into the {@link PhysicsBuild}
 * and checks it against the geometry and the terms read before it. The loader knows the keys only
 * through {@link PhysicsSections#REGISTRY}, so a term is added without touching the loader.
 *
 * <p>To add a physics term:
 * <ol>
 *   <li>its parameter record in {@code io.halidekmc.physics}, checked in its compact constructor
 *       (DESIGN §9), and its energy or rate code beside it;</li>
 *   <li>its kernel function in {@code kernels/} if a GPU engine is to run it;</li>
 *   <li>a section here: {@code record XSection() implements PhysicsSection}, added to the
 *       {@code permits} list, reading {@code physics.x} (every error naming its key path) into a
 *       new field of {@link PhysicsBuild}, which the loader passes on to {@code Scenario};</li>
 *   <li>one line in {@link PhysicsSections#REGISTRY}, after every section it reads from;</li>
 *   <li>its test: the value read, each rejected value with its message (see
 *       {@code StrainScenarioTest}), and the README's "Scenario files" entry.</li>
 * </ol>
 * The unknown-key check of {@code physics:} lists the registered keys, so nothing else changes.
 */
public sealed interface PhysicsSection
        permits MixingSection, FieldSection, AttemptFrequencySection, ElectrodesSection, SpaceChargeSection,
                SurfaceExchangeSection, LightReleaseSection, CarrierFunnelSection, StrainSection, PolaronSection,
                PhaseConversionSection {

    /** The key under {@code physics:}. */
    String key();

    /**
     * Reads {@code physics.<key>} into the build, or leaves the build's default when the key is
     * absent. Called once per file, in registry order.
     */
    void read(YamlNode physics, PhysicsBuild build);
}
