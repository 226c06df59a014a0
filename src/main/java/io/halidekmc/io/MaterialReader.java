package io.halidekmc.io;

import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.MaterialParameters;

/**
 * The scenario's optional {@code material:} section: a library entry by name, and any of its
 * parameters replaced (README, "Scenario files"). A key left out keeps the entry's value, so a
 * file without the section runs exactly the library material.
 */
final class MaterialReader {
    private static final String[] HALIDES = {"Cl", "Br", "I"};
    private static final String[] PAIRS = {"ClBr", "ClI", "BrI"};
    /**
     * |w| up to 0.2 eV: kTc = 3.075 w puts Tc at 7100 K there, far past any perovskite; negative w
     * (ordering) is allowed, since nothing in the lattice model forbids it.
     */
    static final double MAX_W = 0.2;
    /** Barriers of halide hops in perovskites are 0.1–0.6 eV (C4, C5; DFT up to ≈ 0.6); 3 eV allows any test. */
    static final double MAX_BARRIER = 3;

    /** CsPbX3 end members span 5.6–6.1 Å, halide perovskites ≈ 5.5–6.5 Å; (3, 10] Å takes any of them. */
    static final double MIN_A = 3, MAX_A = 10;

    private MaterialReader() {}

    static MaterialParameters read(YamlNode root) {
        if (!root.has("material")) return MaterialParameters.defaults();
        YamlNode m = root.child("material");
        String name = m.choice("name", MaterialParameters.CS_PB_X3, MaterialParameters.names().toArray(String[]::new));
        MaterialParameters p = MaterialParameters.library(name);
        if (m.has("mixing")) {
            YamlNode w = m.child("mixing");
            p = p.withMixing(w.number("w_BrI", p.wBrI(), -MAX_W, MAX_W, false),
                    w.number("w_ClBr", p.wClBr(), -MAX_W, MAX_W, false),
                    w.number("w_ClI", p.wClI(), -MAX_W, MAX_W, false));
            w.rejectUnknown("w_BrI", "w_ClBr", "w_ClI");
        }
        if (m.has("migration_barrier")) p = p.withBarriers(perHalide(m, "migration_barrier", p.barriers(), 0, MAX_BARRIER));
        if (m.has("attempt_frequency")) p = p.withAttemptFrequency(m.number("attempt_frequency", null, 0, 1e16, true));
        if (m.has("band_gap")) {
            YamlNode g = m.child("band_gap");
            double[] peaks = g.has("peak_nm") ? perHalide(g, "peak_nm", p.gapPeakNm(), 300, 1000) : p.gapPeakNm();
            double[] bowing = p.bowing();
            if (g.has("bowing")) {
                YamlNode b = g.child("bowing");
                for (int i = 0; i < PAIRS.length; i++) bowing[i] = b.number(PAIRS[i], bowing[i], -2, 2, false);
                b.rejectUnknown(PAIRS);
            }
            g.rejectUnknown("peak_nm", "bowing");
            p = p.withBandGap(peaks, bowing);
        }
        if (m.has("lattice_constant_angstrom")) {
            p = p.withLatticeConstants(perHalide(m, "lattice_constant_angstrom", p.latticeConstant(), MIN_A, MAX_A));
        }
        if (m.has("expansion_per_K") || m.has("ionic_radius_pm")) {
            double[] e = m.has("expansion_per_K") ? perHalide(m, "expansion_per_K", p.expansionPerK(), -1e-3, 1e-3) : p.expansionPerK();
            double[] r = m.has("ionic_radius_pm") ? perHalide(m, "ionic_radius_pm", p.ionicRadiusPm(), 0, 500) : p.ionicRadiusPm();
            p = p.withStrainData(e, r);
        }
        m.rejectUnknown("name", "mixing", "migration_barrier", "attempt_frequency", "band_gap", "lattice_constant_angstrom", "expansion_per_K",
                "ionic_radius_pm");
        return p;
    }

    /** One number for every halide, or {Cl, Br, I} with the missing ones kept from defaults; (min, max]. */
    private static double[] perHalide(YamlNode n, String key, double[] defaults, double min, double max) {
        double[] out = defaults.clone();
        Object v = n.raw(key);
        if (v instanceof Number) {
            double d = n.asNumber(n.key(key), v, min, max, true);
            for (int x = Species.CL; x <= Species.I; x++) out[x] = d;
            return out;
        }
        YamlNode h = n.child(key);
        for (String x : HALIDES) out[Species.halideCode(x)] = h.number(x, out[Species.halideCode(x)], min, max, true);
        h.rejectUnknown(HALIDES);
        return out;
    }
}
