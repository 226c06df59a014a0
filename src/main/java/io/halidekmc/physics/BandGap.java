package io.halidekmc.physics;

import io.halidekmc.lattice.Species;

/**
 * Band gap of CsPb(Cl,Br,I)3 from composition: end members from their PL peaks and a quadratic
 * bowing per halide pair, E_g = Σ x_i E_i − Σ_{i<j} b_ij x_i x_j, with the bowing parameters
 * fitted by linear least squares to the mixed-composition PL peaks of TARGETS §D
 * ({@link #fitToTargets()}). Energies in eV, wavelengths in nm.
 */
public record BandGap(double[] endMember, double bClBr, double bClI, double bBrI) {

    /** hc in eV·nm. */
    public static final double HC = 1239.841984;

    /** TARGETS §D (000): PL peaks of the pure compounds, nm: CsPbCl3 410, CsPbBr3 520, CsPbI3 690. */
    public static final double PEAK_CL = 410, PEAK_BR = 520, PEAK_I = 690;

    /** A measured mixed composition: fractions (Cl, Br, I) and its PL peak, nm. */
    public record Point(double cl, double br, double in, double peakNm, String source) {}

    /** TARGETS §D: CsPbBr1.2I1.8 ≈ 626 nm (001); CsPb(Br0.5Cl0.5)3 ≈ 471 nm and 36 % Cl ≈ 480 nm (000). */
    public static final Point[] TARGET_POINTS = {
            new Point(0, 0.4, 0.6, 626, "001"),
            new Point(0.5, 0.5, 0, 471, "000"),
            new Point(0.36, 0.64, 0, 480, "000"),
    };

    /**
     * Fits b_BrI (one point: exact) and b_ClBr (two points: least squares). No mixed Cl/I point
     * exists in our sources (the pair hardly mixes); b_ClI is set to the mean of the other two, an
     * assumption that only matters for Cl/I alloys.
     */
    public static BandGap fitToTargets() {
        double[] e = endMembers();
        double num = 0, den = 0, bBrI = Double.NaN;
        for (Point p : TARGET_POINTS) {
            double linear = p.cl() * e[Species.CL] + p.br() * e[Species.BR] + p.in() * e[Species.I];
            double residual = linear - HC / p.peakNm();
            if (p.cl() == 0) {
                bBrI = residual / (p.br() * p.in());
            } else {
                double w = p.cl() * p.br();
                num += w * residual;
                den += w * w;
            }
        }
        double bClBr = num / den;
        return new BandGap(e, bClBr, (bClBr + bBrI) / 2, bBrI);
    }

    static double[] endMembers() {
        double[] e = new double[Species.COUNT];
        e[Species.CL] = HC / PEAK_CL;
        e[Species.BR] = HC / PEAK_BR;
        e[Species.I] = HC / PEAK_I;
        return e;
    }

    /** Gap of a composition given as halide fractions (need not be normalised: it is). */
    public double gap(double cl, double br, double in) {
        double s = cl + br + in;
        cl /= s;
        br /= s;
        in /= s;
        return cl * endMember[Species.CL] + br * endMember[Species.BR] + in * endMember[Species.I]
                - bClBr * cl * br - bClI * cl * in - bBrI * br * in;
    }

    public double peakNm(double cl, double br, double in) {
        return HC / gap(cl, br, in);
    }
}
