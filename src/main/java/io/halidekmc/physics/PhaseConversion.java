package io.halidekmc.physics;

/**
 * Conversion of Pb octahedra between the perovskite (P) and a wide-gap, non-emissive,
 * non-perovskite phase (N: δ-CsPbI3 / Cs4PbX6-like) that keeps its halides in place — the "AC"
 * picture of validation/REBUILD-PLAN.md §2: under light a trapped hole breaks Pb–I bonds (001) and
 * an iodide-rich boundary octahedron converts; in the dark N reconverts epitaxially from the
 * perovskite it borders. N is a stated hypothesis (no direct observation in these NCs,
 * SEGREGATION-NOTES §1); its negative controls are in REBUILD-PLAN §6.
 *
 * <p>Events per octahedron b (engine/event/PhaseEvents), all at the P/N or crystal boundary: b
 * needs a P neighbour (a template) and either an N neighbour or an open face, and no vacancy on
 * its X sites — a condition flipping b itself does not change, so the thermal pair below obeys
 * detailed balance exactly:
 * <ul>
 *   <li>PC (driven, light only): P → N at ν_L·I·exp(−E_L/kT) if at least {@code minIodideFraction}
 *       of b's X sites hold iodide; no reverse (it exists only under light);</li>
 *   <li>TC / RV (thermal pair): P → N at ν_R·exp(−(E_R + max(ΔG, 0))/kT), N → P at
 *       ν_R·exp(−(E_R + max(−ΔG, 0))/kT), ΔG = g_N + g_Br·n_Br(b) + γ·(n_P − n_N) + ΔE_pair, where
 *       n_P, n_N count b's P and N neighbours, the crystal's outside counted as N (each P–N
 *       contact and each perovskite face costs γ: the surface octahedra then convert as a flat
 *       P/N front does) and ΔE_pair is the change of
 *       the pair energy as b's X sites shared with N freeze (their bonds are cut).</li>
 * </ul>
 *
 * @param lightPrefactor     ν_L, s⁻¹ per W/cm² per eligible octahedron: kT/h times the hole
 *                           occupancy of a boundary site per W/cm² (REBUILD-PLAN §0: 1.4e-4 at
 *                           50 W/cm² for a 23 nm NC, so ≈ 1.7e7 s⁻¹ per W/cm² at ΔS = 0)
 * @param lightBarrier       E_L, eV
 * @param minIodideFraction  iodide share of b's X sites needed for PC (0..1; 5/6 = 5 of 6)
 * @param reconversionPrefactor ν_R, s⁻¹ (≤ 10¹³·e⁵: |ΔS| ≤ 5 k, issue 24)
 * @param reconversionBarrier   E_R, eV
 * @param formationEnergy    g_N, eV per N octahedron (> 0 keeps N out of the dark ground state)
 * @param bromideCost        g_Br, eV per bromide held by an N octahedron (N is an iodide phase)
 * @param interfaceEnergy    γ, eV per contact between a P and an N octahedron (sharing an X site):
 *                           the P/N interface energy that keeps the N phase a compact shell growing
 *                           layer by layer; without it N grows as fingers through the crystal along
 *                           iodide-rich octahedra (issue 24 finding). It enters ΔG of the thermal
 *                           pair, and the PC rate as exp(−ΔG_int/2kT) (half the change, as the
 *                           kinetically resolved hop rates take ΔE/2)
 */
public record PhaseConversion(double lightPrefactor, double lightBarrier, double minIodideFraction,
                              double reconversionPrefactor, double reconversionBarrier,
                              double formationEnergy, double bromideCost, double interfaceEnergy) {
    /** The transition-state bound on a prefactor with |ΔS| ≤ 5 k: 10¹³ s⁻¹ · e⁵. */
    public static final double MAX_PREFACTOR = 1e13 * Math.exp(5);

    public PhaseConversion {
        if (!(lightPrefactor >= 0) || !(reconversionPrefactor >= 0) || Double.isInfinite(reconversionPrefactor)) {
            throw new IllegalArgumentException("phase conversion prefactors must be finite and ≥ 0");
        }
        if (!(minIodideFraction >= 0 && minIodideFraction <= 1)) {
            throw new IllegalArgumentException("min_iodide_fraction must lie in [0, 1]");
        }
        if (!Double.isFinite(lightBarrier) || !Double.isFinite(reconversionBarrier) || !Double.isFinite(formationEnergy)
                || !Double.isFinite(bromideCost) || !Double.isFinite(interfaceEnergy)) {
            throw new IllegalArgumentException("phase conversion energies must be finite");
        }
    }

    /**
     * The physical parameters within the transition-state bound of issue 24: ν_R ≤ 10¹³·e⁵ s⁻¹
     * (|ΔS| ≤ 5 k). Checked on the physical record, before {@link #perSimulatedSecond}.
     */
    public PhaseConversion requirePhysicalPrefactors() {
        if (reconversionPrefactor > MAX_PREFACTOR) {
            throw new IllegalArgumentException("reconversion prefactor " + reconversionPrefactor + " s⁻¹ exceeds 10¹³·e⁵ = "
                    + MAX_PREFACTOR + " s⁻¹ (|ΔS| ≤ 5 k)");
        }
        return this;
    }

    /**
     * The same conversion in simulated time when the simulated vacancy fraction is F times the
     * physical one (DESIGN §3): a simulated second then stands for F physical seconds of hopping,
     * so an event that is not a hop must fire F times as often per simulated second.
     */
    public PhaseConversion perSimulatedSecond(double timeScale) {
        return new PhaseConversion(lightPrefactor * timeScale, lightBarrier, minIodideFraction,
                reconversionPrefactor * timeScale, reconversionBarrier, formationEnergy, bromideCost, interfaceEnergy);
    }

    /** PC rate per eligible octahedron, s⁻¹, at light intensity I (W/cm²). */
    public double lightRate(double intensity, double kT) {
        return intensity <= 0 ? 0 : lightPrefactor * intensity * Math.exp(-lightBarrier / kT);
    }

    /** Rate of the thermal flip P → N (forward) or N → P, s⁻¹, for ΔG = G(N) − G(P) of that octahedron. */
    public double thermalRate(boolean toN, double deltaG, double kT) {
        double uphill = toN ? Math.max(deltaG, 0) : Math.max(-deltaG, 0);
        return reconversionPrefactor * Math.exp(-(reconversionBarrier + uphill) / kT);
    }

    /** Iodides needed on an octahedron with n X sites for PC. */
    public int iodideThreshold(int n) {
        return (int) Math.ceil(minIodideFraction * n - 1e-9);
    }
}
