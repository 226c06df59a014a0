package io.halidekmc.physics;

import io.halidekmc.lattice.Species;

/**
 * Light-driven release of surface halides into the reservoir: the bond-breaking picture of 001
 * (photocarriers trapped at the surface break Pb–X bonds; the weaker Pb–I bond breaks more
 * often), one of the light terms of DESIGN §3. **Non-equilibrium**: it has no reverse channel of
 * its own (freed halides return only through thermal refilling, {@link SurfaceExchange}), so it
 * drives the nanocrystal away from equilibrium while the light is on and never acts in the dark.
 *
 * <p>Photocarrier density n = G·τ with G = I·α/(hν) (steady state, low injection): intensity I
 * from the drive, absorption coefficient α and wavelength λ of the excitation, lifetime τ. The
 * release rate of a surface halide X is k_X·n/n_ref, n_ref = 10¹⁷ cm⁻³.
 *
 * @param wavelengthNm        excitation wavelength, nm (001: 405 nm)
 * @param absorptionPerCm     α at that wavelength, cm⁻¹
 * @param lifetime            carrier lifetime τ, s
 * @param rateAtReference     k_X per species code, s⁻¹ per surface site at n = n_ref
 */
public record LightRelease(double wavelengthNm, double absorptionPerCm, double lifetime, double[] rateAtReference) {
    /** Reference carrier density, cm⁻³. */
    public static final double N_REF = 1e17;

    public LightRelease {
        if (!(wavelengthNm > 0) || !(absorptionPerCm > 0) || !(lifetime > 0)) {
            throw new IllegalArgumentException("wavelength, absorption and lifetime must be > 0");
        }
        if (rateAtReference.length != Species.COUNT) throw new IllegalArgumentException("rates per species code");
        for (double k : rateAtReference) if (!(k >= 0)) throw new IllegalArgumentException("release rates must be ≥ 0");
    }

    /** Steady photocarrier density for an intensity in W/cm², cm⁻³. */
    public double carrierDensity(double wattsPerCm2) {
        double photonEnergyJ = 1239.841984 / wavelengthNm * Constants.E_CHARGE;
        return wattsPerCm2 / photonEnergyJ * absorptionPerCm * lifetime;
    }

    /** Release rate per surface site of halide x under the given intensity, s⁻¹. */
    public double rate(int x, double wattsPerCm2) {
        return rateAtReference[x] * carrierDensity(wattsPerCm2) / N_REF;
    }
}
