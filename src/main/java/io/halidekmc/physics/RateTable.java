package io.halidekmc.physics;

import io.halidekmc.lattice.Species;

import java.util.Arrays;
import java.util.List;

/**
 * Hop rates in factored form, Γ = base[X] · field[dz+1] · Π_s mix[X][s][Δn_s], so that the
 * kernel turns the kinetically-resolved-activation law
 * Γ = ν0·exp(−[E_m(X) + ΔE/2]/kT) (DESIGN §3) into a few table look-ups and multiplies, with no
 * exp per hop. Every factor is exp(−ΔE_term/2kT), so forward/backward rate ratios are
 * exp(−ΔE/kT) exactly as detailed balance needs. Rebuilt at every drive-grid point.
 */
public final class RateTable {
    public static final int DIFFS = 17;                         // Δn in −8..8

    /** Per species code 0..4; zero for vacancy and wall so such hops never fire. */
    public final double[] base = new double[Species.COUNT + 1];
    /** Per slot z offset dz+1 (dz ∈ −1, 0, 1 in half lattice constants). */
    public final double[] field = new double[3];
    /** Per (X, s, Δn): see {@link #mixIndex}. */
    public final double[] mix = new double[Species.COUNT * Species.COUNT * DIFFS];

    public static int mixIndex(int x, int s, int d) {
        return (x * Species.COUNT + s) * DIFFS + d + 8;
    }

    public void build(Material m, List<EnergyTerm> terms, Conditions c) {
        Arrays.fill(base, 0);
        double kT = c.kT();
        for (int x = Species.CL; x <= Species.I; x++) {
            base[x] = m.attemptFrequency() / c.quasiStatic() * Math.exp(-m.barriers()[x] / kT);
        }
        Arrays.fill(field, 1);
        Arrays.fill(mix, 1);
        for (EnergyTerm t : terms) {
            t.contribute(this, m, c);
        }
    }
}
