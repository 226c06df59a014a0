package io.halidekmc.physics;

import io.halidekmc.lattice.Species;

/**
 * The CsPb(Cl,Br,I)3 family: end-member data with their sources, and the pair energies that
 * give the mixtures their miscibility gaps.
 */
public final class Materials {
    /**
     * CsPbCl3. Lattice constant 5.605 Å (cubic phase, Møller, Nature 182, 1436, 1958). Formation
     * energy 1.44 eV (TARGETS C1, 003 citing Lai et al. PNAS 2018). Migration barrier: no source
     * in TARGETS gives one for Cl; 0.29 eV is an assumption (the measured I value of C5, between the
     * Br and I barriers) until the wire issue calibrates the halide mobility to B1.
     */
    public static final EndMember CS_PB_CL3 = new EndMember("CsPbCl3", Species.CL, 5.605, 0.29, 1.44, 181);
    /**
     * CsPbBr3. Lattice constant 5.802 Å at 300 K (TARGETS C8, 001). Br-vacancy migration barrier
     * 0.25 eV (TARGETS C4, Mizusaki et al. 1983). Formation energy 1.32 eV (TARGETS C1).
     */
    public static final EndMember CS_PB_BR3 = new EndMember("CsPbBr3", Species.BR, 5.802, 0.25, 1.32, 196);
    /**
     * CsPbI3. Lattice constant 6.075 Å at 300 K (TARGETS C8, 001). I-vacancy barrier 0.29 eV, the
     * measured value of TARGETS C5 (Futscher et al. 2019; DFT gives 0.58 eV). No formation energy
     * in our sources: NaN until one is calibrated.
     */
    public static final EndMember CS_PB_I3 = new EndMember("CsPbI3", Species.I, 6.075, 0.29, Double.NaN, 220);

    /**
     * Mixing energy per unlike nearest-neighbour pair, w = V_AB − (V_AA + V_BB)/2, eV, for the Cs
     * compound CsPb(Br,I)3. Bound: 001 sees its CsPbBr1.2I1.8 nanocrystals stay mixed in the dark
     * at 23.5 and 35 °C (TARGETS A2, 001 Fig. S3), and Yin, Yan & Wei (JPCL 5, 1391, 2014; 001
     * ref. 25) find CsPb(I,Br)3 alloys easy to form at room temperature with small or negative
     * formation energies; on this lattice kTc = 3.075 w (REFERENCE.md), so a mixed dark state at
     * 296.65 K needs w < 8.31 meV (the binodal at x_Br = 0.4 lies within 1.4 % of Tc). Chosen:
     * 6.0 meV, Tc = 214 K — an estimate inside that bound, not a measurement
     * (validation/REBUILD-PLAN.md §5), which leaves this composition mixed with short-range order
     * at room temperature and demixing below ≈ 210 K.
     */
    public static final double W_BR_I = 0.0060;
    /**
     * The Br–I mixing energy of MAPb(I,Br)3, whose miscibility gap closes at Tc ≈ 343 K
     * (TARGETS C7): w = k·343 K / 3.075 = 9.61 meV. Kept as the reference the Cl pairs are scaled
     * from, so that the CsPbBr3/CsPbCl3 wire cases (B1–B5) keep their parameters.
     */
    public static final double W_BR_I_MA = K_B() * 343.0 / 3.075;
    /**
     * Cl–Br and Cl–I: no measured gap; the elastic part of a regular-solution interaction scales
     * as the square of the size mismatch, so w is scaled from the MA Br–I value by (Δr/Δr_BrI)²
     * with the ionic radii of C9: Cl–Br (15/24)² and Cl–I (39/24)². Estimates, to be replaced by
     * measurements.
     */
    public static final double W_CL_BR = W_BR_I_MA * sq(15.0 / 24.0);
    public static final double W_CL_I = W_BR_I_MA * sq(39.0 / 24.0);

    /** Attempt frequency ν0, s⁻¹: the conventional phonon scale; the wire issue calibrates mobility (B1). */
    public static final double ATTEMPT_FREQUENCY = 1.0e13;

    private Materials() {}

    private static double K_B() {
        return Constants.K_B;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** End member whose anion is the given halide code. */
    public static EndMember endMember(int halide) {
        return switch (halide) {
            case Species.CL -> CS_PB_CL3;
            case Species.BR -> CS_PB_BR3;
            case Species.I -> CS_PB_I3;
            default -> throw new IllegalArgumentException("not a halide: " + halide);
        };
    }

    /** Default pair-energy matrix V[a][b] over species codes 0..3: w for unlike halides, 0 otherwise. */
    public static double[][] defaultPairEnergies() {
        double[][] v = new double[Species.COUNT][Species.COUNT];
        set(v, Species.BR, Species.I, W_BR_I);
        set(v, Species.CL, Species.BR, W_CL_BR);
        set(v, Species.CL, Species.I, W_CL_I);
        return v;
    }

    static void set(double[][] v, int a, int b, double w) {
        v[a][b] = w;
        v[b][a] = w;
    }
}
