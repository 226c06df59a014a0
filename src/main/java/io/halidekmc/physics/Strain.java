package io.halidekmc.physics;

import io.halidekmc.lattice.Species;

/**
 * Strain of a nanocrystal (DESIGN §3, issue 3 item 3): ionic size mismatch (TARGETS C9) against a
 * reference lattice parameter with thermal expansion (C8), and the NC surface strain (C10). Two
 * equilibrium energy terms, each switchable, resolved for one nanocrystal by {@link #resolve}:
 *
 * <p><b>Collective (per-NC, mean-field) elastic term.</b> The NC's lattice parameter follows
 * Vegard's law over the halides on its lattice, ā = Σ_X x_X·a_X(T), with a_X(T) linear in T
 * (C8: CsPbBr3 5.807 → 5.802 Å and CsPbI3 6.080 → 6.075 Å from 310 → 300 K). The NC is held by
 * its ligand shell, neighbours and substrate at a reference parameter
 * a_ref(T) = ā(x_ref, T_ref)·[1 + α_m·(T − T_ref)]: the composition and temperature at which it was
 * made (default: its initial composition at the initial temperature), expanding with the matrix
 * coefficient α_m. Hydrostatic misfit ε = ā/a_ref − 1 in each direction is a volumetric strain 3ε,
 * so E_el = ½·K·V·(3ε)² = (9/2)·K·V·ε². Hops conserve the lattice composition; only surface
 * exchange (release/refill, {@link SurfaceExchange}) changes it, so its ΔE is an O(1) difference
 * of E_el over kept counts. A temperature change moves ā and a_ref differently (α_NC ≈ 8.5·10⁻⁵/K
 * against α_m) and so changes ε and the exchange rates: cooling compresses the NC (ε < 0) and
 * favours taking the larger I back into the lattice, the strain-relief refilling of 001's Fig. 4c.
 * Scale: a 23 nm NC at ε = 0.08 % holds ≈ 3 eV; per exchanged I the bias is ≈ 2.6 eV·ε (≈ 2 meV).
 *
 * <p><b>Surface strain site energy.</b> Surface X sites sit in a strain field ε_s (C10, 0.05–0.17 %
 * in CsPbI3 NCs; tensile taken positive). An ion of radius r_X in a site sized for r̄ is a misfit
 * centre of extra volume ΔV_X = Ω·3(r_X − r̄)/r̄ (Ω = a³/3 per X site); in a hydrostatic strain ε_s
 * the pressure is p = −3K·ε_s, and the interaction energy p·ΔV_X gives
 * E_X = −9·K·Ω·ε_s·(r_X − r̄)/r̄ on every surface site (a vacancy: 0). r̄ is the mean radius of the
 * reference composition. With ε_s = 0.1 % and K = 15 GPa, E_I − E_Br ≈ −7 meV: tensile surfaces
 * attract iodide, the "freed iodide migrates to the strained NC surface" of 001.
 *
 * @param bulkModulusGPa      K, GPa. Literature estimate, to be calibrated: computed bulk moduli of
 *                            CsPbBr3 span ≈ 10–24 GPa, ≈ 11 GPa for an NC core and 15.5 GPa for the
 *                            bulk (J. Phys. Chem. C 126, 9898 (2022), Table 2); DESIGN §3 takes 15 GPa
 * @param matrixExpansionPerK α_m, 1/K: linear expansion of what holds the NC. Default 9·10⁻⁶/K, a
 *                            literature estimate for the glass substrate (soda-lime/ITO glass ≈ 8–9·10⁻⁶/K);
 *                            a free parameter, to be calibrated
 * @param referenceFractions  x_ref per species code (Cl, Br, I; sums to 1), or null: the NC's initial composition
 * @param referenceTemperature T_ref, K, or NaN: the initial temperature
 * @param surfaceStrain       ε_s (C10; default 0.1 %, the middle of 0.05–0.17 %), to be calibrated; 0 switches the surface term off
 * @param collective          whether the collective elastic term is on
 * @param expansionPerK       linear thermal expansion of each end member, 1/K, by species code (library: {@link #expansion})
 * @param ionicRadiusPm       ionic radius of each halide, pm, by species code (library: {@link Materials}, C9)
 * @param latticeConstant     end-member lattice constants at 300 K, Å, by species code (library: {@link Materials}, C8)
 */
public record Strain(double bulkModulusGPa, double matrixExpansionPerK, double[] referenceFractions,
                     double referenceTemperature, double surfaceStrain, boolean collective,
                     double[] expansionPerK, double[] ionicRadiusPm, double[] latticeConstant) {

    public static final double DEFAULT_BULK_MODULUS_GPA = 15.0;
    public static final double DEFAULT_MATRIX_EXPANSION = 9e-6;
    public static final double DEFAULT_SURFACE_STRAIN = 1e-3;
    /** Temperature of the tabled lattice constants ({@link Materials}), K. */
    static final double T0 = 300.0;

    public Strain {
        if (!(bulkModulusGPa >= 0) || !Double.isFinite(bulkModulusGPa)) throw new IllegalArgumentException("bulk modulus must be ≥ 0 GPa");
        if (!Double.isFinite(matrixExpansionPerK) || !Double.isFinite(surfaceStrain)) throw new IllegalArgumentException("finite coefficients");
        if (!(referenceTemperature > 0) && !Double.isNaN(referenceTemperature)) throw new IllegalArgumentException("T_ref > 0 K");
        if (referenceFractions != null && referenceFractions.length != Species.COUNT) throw new IllegalArgumentException("fractions per species code");
        if (expansionPerK.length != Species.COUNT || ionicRadiusPm.length != Species.COUNT || latticeConstant.length != Species.COUNT) {
            throw new IllegalArgumentException("per species code");
        }
        for (int x = Species.CL; x <= Species.I; x++) {
            if (!(ionicRadiusPm[x] > 0) || !Double.isFinite(expansionPerK[x])) throw new IllegalArgumentException("radii > 0, finite expansion");
        }
    }

    /** The terms with the library's end-member expansion and radii. */
    public Strain(double bulkModulusGPa, double matrixExpansionPerK, double[] referenceFractions, double referenceTemperature,
                  double surfaceStrain, boolean collective) {
        this(bulkModulusGPa, matrixExpansionPerK, referenceFractions, referenceTemperature, surfaceStrain, collective,
                libraryExpansion(), libraryRadii(), libraryLatticeConstants());
    }

    /** The same terms with other end-member data (the scenario's material:). */
    public Strain withEndMembers(double[] expansion, double[] radii, double[] a) {
        return new Strain(bulkModulusGPa, matrixExpansionPerK, referenceFractions, referenceTemperature, surfaceStrain, collective,
                expansion.clone(), radii.clone(), a.clone());
    }

    /** The lattice constants of {@link Materials} per species code, Å. */
    public static double[] libraryLatticeConstants() {
        double[] a = new double[Species.COUNT];
        for (int x = Species.CL; x <= Species.I; x++) a[x] = Materials.endMember(x).latticeConstant();
        return a;
    }

    /** {@link #expansion} per species code (0 in the vacancy slot). */
    public static double[] libraryExpansion() {
        double[] e = new double[Species.COUNT];
        for (int x = Species.CL; x <= Species.I; x++) e[x] = expansion(x);
        return e;
    }

    /** The Shannon radii of {@link Materials} per species code, pm. */
    public static double[] libraryRadii() {
        double[] r = new double[Species.COUNT];
        for (int x = Species.CL; x <= Species.I; x++) r[x] = Materials.endMember(x).ionicRadius();
        return r;
    }

    public static Strain defaults() {
        return new Strain(DEFAULT_BULK_MODULUS_GPA, DEFAULT_MATRIX_EXPANSION, null, Double.NaN, DEFAULT_SURFACE_STRAIN, true);
    }

    /**
     * Linear expansion coefficient of end member X, 1/K, from C8 (001's first-principles values):
     * Br (5.807 − 5.802)/5.802/10 K = 8.6·10⁻⁵, I (6.080 − 6.075)/6.075/10 K = 8.2·10⁻⁵. No source
     * gives Cl: Br's value is assumed.
     */
    public static double expansion(int halide) {
        return switch (halide) {
            case Species.I -> (6.080 - 6.075) / 6.075 / 10;
            case Species.BR, Species.CL -> (5.807 - 5.802) / 5.802 / 10;
            default -> throw new IllegalArgumentException("not a halide: " + halide);
        };
    }

    /** a_X(T) with the library's data, Å. */
    public static double latticeConstant(int halide, double kelvin) {
        return Materials.endMember(halide).latticeConstant() * (1 + expansion(halide) * (kelvin - T0));
    }

    /** Vegard lattice parameter over the halides counted in n (by species code) with the library's data, Å. */
    public static double vegard(double[] n, double kelvin) {
        return vegard(n, kelvin, libraryExpansion(), libraryLatticeConstants());
    }

    /** The same with end-member expansion and lattice constants a300 (by species code). */
    static double vegard(double[] n, double kelvin, double[] expansion, double[] a300) {
        double sum = 0, a = 0;
        for (int x = Species.CL; x <= Species.I; x++) {
            sum += n[x];
            a += n[x] * (a300[x] * (1 + expansion[x] * (kelvin - T0)));
        }
        return a / sum;
    }

    /**
     * The strain of one nanocrystal of {@code cells} unit cells whose lattice holds
     * {@code initialHalides} (by species code) at {@code initialKelvin}.
     */
    public Nc resolve(long[] initialHalides, double initialKelvin, long cells) {
        double[] ref = new double[Species.COUNT];
        if (referenceFractions != null) {
            System.arraycopy(referenceFractions, 0, ref, 0, Species.COUNT);
        } else {
            for (int x = Species.CL; x <= Species.I; x++) ref[x] = initialHalides[x];
        }
        double tRef = Double.isNaN(referenceTemperature) ? initialKelvin : referenceTemperature;
        double aRef = vegard(ref, tRef, expansionPerK, latticeConstant);
        double total = ref[Species.CL] + ref[Species.BR] + ref[Species.I];
        double rBar = 0;
        for (int x = Species.CL; x <= Species.I; x++) rBar += ref[x] / total * ionicRadiusPm[x];
        double k = bulkModulusGPa * 1e9 / Constants.E_CHARGE;          // eV/m³
        double a3 = Math.pow(aRef * 1e-10, 3);
        double[] site = new double[Species.COUNT];
        for (int x = Species.CL; x <= Species.I; x++) {
            double r = ionicRadiusPm[x];
            site[x] = -9 * k * (a3 / 3) * surfaceStrain * (r - rBar) / rBar;
        }
        return new Nc(aRef, tRef, matrixExpansionPerK, collective ? 4.5 * k * cells * a3 : 0, site, expansionPerK.clone(), latticeConstant.clone());
    }

    /**
     * One nanocrystal's strain: reference parameter a_ref(T_ref), matrix expansion, the collective
     * stiffness (9/2)·K·V (eV, 0 when that term is off) and the surface site energies E_X (eV).
     */
    public record Nc(double aRef0, double tRef, double alphaM, double stiffness, double[] surfaceSiteEnergy, double[] expansion,
                     double[] a300) {
        /** a_ref(T), Å. */
        public double reference(double kelvin) {
            return aRef0 * (1 + alphaM * (kelvin - tRef));
        }

        /** ε = ā/a_ref − 1 for lattice halide counts n (by species code). */
        public double epsilon(long[] n, double kelvin) {
            double[] d = {0, n[Species.CL], n[Species.BR], n[Species.I]};
            return vegard(d, kelvin, expansion, a300) / reference(kelvin) - 1;
        }

        /** Collective elastic energy (9/2)·K·V·ε², eV. */
        public double energy(long[] n, double kelvin) {
            if (stiffness == 0) return 0;
            double e = epsilon(n, kelvin);
            return stiffness * e * e;
        }

        /** E_el after one halide of species x leaves (sign −1) or joins (+1) the lattice, minus before, eV. */
        public double delta(long[] n, int x, int sign, double kelvin) {
            if (stiffness == 0) return 0;
            double before = energy(n, kelvin);
            n[x] += sign;
            double after = n[Species.CL] + n[Species.BR] + n[Species.I] == 0 ? before : energy(n, kelvin);
            n[x] -= sign;
            return after - before;
        }

        /** Σ over surface sites of E_X for the halide there, eV (tests: the reference energy). */
        public double surfaceEnergy(io.halidekmc.lattice.Occupancy o) {
            double e = 0;
            for (int s = 0; s < o.lattice.sites(); s++) {
                if ((o.lattice.flags()[s] & io.halidekmc.lattice.Lattice.SURFACE) != 0 && Species.isHalide(o.species[s])) {
                    e += surfaceSiteEnergy[o.species[s]];
                }
            }
            return e;
        }

        public boolean hasSurfaceTerm() {
            for (double v : surfaceSiteEnergy) if (v != 0) return true;
            return false;
        }
    }
}
