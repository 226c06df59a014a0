package io.halidekmc.io.yaml;

import io.halidekmc.lattice.Species;

import java.util.Arrays;

/** Values given per halide in a scenario file: a composition, or one number per halide. */
public final class HalideValues {
    private static final String[] HALIDES = {"Cl", "Br", "I"};

    private HalideValues() {}

    /** {Cl, Br, I} fractions (missing ones 0) that must sum to 1, by species code. */
    public static double[] composition(YamlNode c) {
        double[] f = new double[Species.COUNT];
        double sum = 0;
        for (String h : HALIDES) {
            double x = c.number(h, 0.0, 0, 1, false);
            f[Species.halideCode(h)] = x;
            sum += x;
        }
        c.rejectUnknown("Cl", "Br", "I");
        if (Math.abs(sum - 1) > 1e-6) {
            throw InputException.at(c.file(), c.key("").replaceAll("\\.$", ""),
                    "halide fractions Cl + Br + I sum to " + sum + "; they must sum to 1");
        }
        return f;
    }

    /** A number for every halide, or a mapping {Cl, Br, I} (missing ones take def, or are required). */
    public static double[] perHalide(YamlNode n, String key, Double def, double min, double max) {
        double[] out = new double[Species.COUNT];
        if (!n.has(key)) {
            if (def == null) throw n.missing(key, "missing (eV, a number or a mapping {Cl, Br, I})");
            Arrays.fill(out, def);
            return out;
        }
        Object v = n.raw(key);
        if (v instanceof Number) {
            double d = n.asNumber(n.key(key), v, min, max, false);
            for (int x = Species.CL; x <= Species.I; x++) out[x] = d;
            return out;
        }
        YamlNode m = YamlNode.of(n.file(), n.key(key), v);
        for (String h : HALIDES) out[Species.halideCode(h)] = m.number(h, def, min, max, false);
        m.rejectUnknown("Cl", "Br", "I");
        return out;
    }
}
