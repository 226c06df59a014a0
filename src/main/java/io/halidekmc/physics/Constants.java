package io.halidekmc.physics;

/** Physical constants in the units the simulator uses (eV, K, m, s). CODATA 2018 exact values. */
public final class Constants {
    /** Boltzmann constant, eV/K. */
    public static final double K_B = 8.617333262e-5;
    /** Elementary charge, C. */
    public static final double E_CHARGE = 1.602176634e-19;
    /** Vacuum permittivity, F/m (CODATA 2018). */
    public static final double EPSILON_0 = 8.8541878128e-12;

    private Constants() {}
}
