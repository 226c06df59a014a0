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
 * release rate of a surface halide X is k_X·(n/n_ref)·exp(−(E_X/k)(1/T − 1/T_ref)), n_ref = 10¹⁷ cm⁻³:
 * bond breaking by a trapped carrier is still thermally assisted (TARGETS §A: segregation speeds up
 * ≈ 6.7× from 23.5 to 35 °C). E_X is an apparent activation about T_ref, written in this form so
 * that k_X is the rate near room temperature rather than an extrapolated prefactor.
 *
 * @param wavelengthNm        excitation wavelength, nm (001: 405 nm)
 * @param absorptionPerCm     α at that wavelength, cm⁻¹
 * @param lifetime            carrier lifetime τ, s
 * @param rateAtReference     k_X per species code, s⁻¹ per surface site at n = n_ref and T_ref
 * @param activation          E_X per species code, eV (0: no temperature dependence)
 * @param referenceTemperature T_ref, K
 */
public record LightRelease(double wavelengthNm, double absorptionPerCm, double lifetime, double[] rateAtReference,
                           double[] activation, double referenceTemperature) {
    /** Reference carrier density, cm⁻³. */
    public static final double N_REF = 1e17;

    public LightRelease {
        if (!(wavelengthNm > 0) || !(absorptionPerCm > 0) || !(lifetime > 0)) {
            throw new IllegalArgumentException("wavelength, absorption and lifetime must be > 0");
        }
        if (rateAtReference.length != Species.COUNT) throw new IllegalArgumentException("rates per species code");
        for (double k : rateAtReference) if (!(k >= 0)) throw new IllegalArgumentException("release rates must be ≥ 0");
        if (activation.length != Species.COUNT || !(referenceTemperature > 0)) {
            throw new IllegalArgumentException("activation per species code and T_ref > 0");
        }
    }

    /** Temperature-independent release (E_X = 0). */
    public LightRelease(double wavelengthNm, double absorptionPerCm, double lifetime, double[] rateAtReference) {
        this(wavelengthNm, absorptionPerCm, lifetime, rateAtReference, new double[Species.COUNT], 300);
    }

    /** Steady photocarrier density for an intensity in W/cm², cm⁻³. */
    public double carrierDensity(double wattsPerCm2) {
        double photonEnergyJ = 1239.841984 / wavelengthNm * Constants.E_CHARGE;
        return wattsPerCm2 / photonEnergyJ * absorptionPerCm * lifetime;
    }

    /** Release rate per surface site of halide x under the given intensity at T_ref, s⁻¹. */
    public double rate(int x, double wattsPerCm2) {
        return rateAtReference[x] * carrierDensity(wattsPerCm2) / N_REF;
    }

    /** Release rate per surface site of halide x under the given intensity and temperature, s⁻¹. */
    public double rate(int x, double wattsPerCm2, double temperature) {
        double r = rate(x, wattsPerCm2);
        if (activation[x] == 0 || r == 0) return r;
        return r * Math.exp(-activation[x] / Constants.K_B * (1 / temperature - 1 / referenceTemperature));
    }

    /** The same release with every rate multiplied by f (coarse-grained lattices). */
    public LightRelease scaled(double f) {
        double[] k = rateAtReference.clone();
        for (int i = 0; i < k.length; i++) k[i] *= f;
        return new LightRelease(wavelengthNm, absorptionPerCm, lifetime, k, activation, referenceTemperature);
    }
}
