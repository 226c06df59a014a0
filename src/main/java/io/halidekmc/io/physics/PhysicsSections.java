package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.YamlNode;

import java.util.List;

/** The registered {@code physics:} keys and the loop that reads them. */
public final class PhysicsSections {
    /**
     * Read in this order: a section may check or use what those above it built (surface_exchange
     * takes attempt_frequency's ν as its default; light_release, carrier_funnel and polaron look
     * at surface_exchange; polaron at carrier_funnel), and the order in which errors fire follows it.
     */
    public static final List<PhysicsSection> REGISTRY = List.of(
            new MixingSection(),
            new FieldSection(),
            new AttemptFrequencySection(),
            new ElectrodesSection(),
            new SpaceChargeSection(),
            new SurfaceExchangeSection(),
            new LightReleaseSection(),
            new CarrierFunnelSection(),
            new StrainSection(),
            new PolaronSection(),
            new PhaseConversionSection());

    /** material: keys a user may look for under physics: (issue 21), named with where they belong. */
    private static final List<String> MATERIAL_KEYS = List.of("migration_barrier", "band_gap", "expansion_per_K", "ionic_radius_pm");

    private PhysicsSections() {}

    /** Every registered section over the {@code physics:} mapping, then any key none of them read. */
    public static void read(YamlNode physics, PhysicsBuild build) {
        // a material key is no misspelling: say where it belongs before the unknown-key check does
        for (String k : MATERIAL_KEYS) {
            if (physics.has(k)) throw physics.error(k, "a material parameter: set it as material." + k + " (halide-kmc materials lists them)");
        }
        physics.rejectUnknownFirst(keys());
        for (PhysicsSection s : REGISTRY) s.read(physics, build);
        physics.rejectUnknown(keys());
    }

    public static String[] keys() {
        return REGISTRY.stream().map(PhysicsSection::key).toArray(String[]::new);
    }
}
