package io.halidekmc.physics;

import io.halidekmc.lattice.Species;

import java.util.Arrays;

/**
 * The parameters one run uses: a CsPb(Cl,Br,I)3 mixture with its mean composition.
 *
 * <p>The like-pair energies are zero and the unlike ones equal the mixing energy w: only w enters
 * the miscibility gap, and setting V_AA = 0 puts the cohesive part of the energy into the
 * migration barriers and formation energies where it is measured.
 *
 * @param fractions        mean halide fractions indexed by species code (0 for the vacancy slot)
 * @param latticeConstant  Vegard average of the end members at 300 K, Å (TARGETS C8)
 * @param barriers         E_m per species code, eV (0 for vacancy)
 * @param pairEnergies     V[a][b] per species code pair, eV
 * @param attemptFrequency ν0, s⁻¹
 */
public record Material(String name, double[] fractions, double latticeConstant, double[] barriers,
                       double[][] pairEnergies, double attemptFrequency) {

    public Material {
        if (!(latticeConstant > 0) || !(attemptFrequency > 0)) {
            throw new IllegalArgumentException("lattice constant and attempt frequency must be > 0");
        }
    }

    /** A mixture with the library defaults for the given mean halide fractions (Cl, Br, I). */
    public static Material mixture(double cl, double br, double in) {
        double[] f = new double[Species.COUNT];
        f[Species.CL] = cl;
        f[Species.BR] = br;
        f[Species.I] = in;
        return MaterialParameters.defaults().mixture(f);
    }

    /** The same material with a different barrier for one halide (tests, calibration). */
    public Material withBarrier(int halide, double eV) {
        double[] b = barriers.clone();
        b[halide] = eV;
        return new Material(name, fractions, latticeConstant, b, pairEnergies, attemptFrequency);
    }

    /** The same material with every unlike-pair energy scaled to w (a binary test alloy). */
    public Material withPairEnergy(int a, int b, double eV) {
        double[][] v = new double[Species.COUNT][];
        for (int i = 0; i < v.length; i++) v[i] = pairEnergies[i].clone();
        Materials.set(v, a, b, eV);
        return new Material(name, fractions, latticeConstant, barriers, v, attemptFrequency);
    }

    public Material withoutMixing() {
        return new Material(name, fractions, latticeConstant, barriers, new double[Species.COUNT][Species.COUNT], attemptFrequency);
    }

    /** Hop length d = a/√2, m. */
    public double hopLength() {
        return latticeConstant * 1e-10 / Math.sqrt(2);
    }

    static String formula(double[] f) {
        StringBuilder sb = new StringBuilder("CsPb");
        String[] sym = {"", "Cl", "Br", "I"};
        for (int x = Species.CL; x <= Species.I; x++) {
            double n = 3 * f[x];
            if (n > 1e-9) {
                sb.append(sym[x]);
                if (Math.abs(n - 1) > 1e-9) sb.append(trim(n));
            }
        }
        return sb.toString();
    }

    private static String trim(double n) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", n);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Material m && name.equals(m.name) && Arrays.equals(fractions, m.fractions)
                && latticeConstant == m.latticeConstant && Arrays.equals(barriers, m.barriers)
                && Arrays.deepEquals(pairEnergies, m.pairEnergies) && attemptFrequency == m.attemptFrequency;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(barriers);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The same material with another hop attempt frequency ν0. */
    public Material withAttemptFrequency(double nu) {
        return new Material(name, fractions, latticeConstant, barriers, pairEnergies, nu);
    }
}
