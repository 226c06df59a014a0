package io.halidekmc.physics;

import io.halidekmc.lattice.Species;

import java.util.Arrays;
import java.util.List;

/**
 * The material parameters a run uses, resolved: a library entry's values ({@link #library}) with
 * whatever the scenario's {@code material:} section replaced. The mixture of one composition is
 * built from it ({@link #mixture}); the band gap law ({@link #bandGap}) feeds the synthetic PL and the carrier terms.
 * Parameters of the switchable terms (surface exchange, light release, strain, polaron) stay with
 * their terms; {@link MaterialTable} lists them all with units and sources.
 *
 * @param name             the library entry the defaults came from
 * @param barriers         E_m per species code, eV (0 in the vacancy slot)
 * @param wBrI             Br–I mixing energy w per unlike nearest-neighbour pair, eV
 * @param wClBr            Cl–Br mixing energy, eV
 * @param wClI             Cl–I mixing energy, eV
 * @param attemptFrequency ν0 of the hops, s⁻¹
 * @param gapPeakNm        PL peak of each end member per species code, nm: the band gap law's end points
 * @param bowing           band gap bowing b_ClBr, b_ClI, b_BrI, eV ({@link BandGap})
 * @param expansionPerK    linear thermal expansion of each end member, 1/K, by species code (physics.strain)
 * @param ionicRadiusPm    ionic radius of each halide, pm, by species code (physics.strain's size mismatch)
 * @param latticeConstant  pseudo-cubic lattice constant of each end member at 300 K, Å, by species code (Vegard, C8)
 */
public record MaterialParameters(String name, double[] barriers, double wBrI, double wClBr, double wClI,
                                 double attemptFrequency, double[] gapPeakNm, double[] bowing,
                                 double[] expansionPerK, double[] ionicRadiusPm, double[] latticeConstant) {

    /** The one library entry today: CsPb(Cl,Br,I)3 with the values of {@link Materials}. */
    public static final String CS_PB_X3 = "CsPbX3";

    public MaterialParameters {
        if (barriers.length != Species.COUNT) throw new IllegalArgumentException("barriers per species code");
        for (int x = Species.CL; x <= Species.I; x++) {
            if (!(barriers[x] > 0) || !Double.isFinite(barriers[x])) throw new IllegalArgumentException("migration barriers must be > 0 eV");
        }
        if (!Double.isFinite(wBrI) || !Double.isFinite(wClBr) || !Double.isFinite(wClI)) {
            throw new IllegalArgumentException("mixing energies must be finite");
        }
        if (!(attemptFrequency > 0) || !Double.isFinite(attemptFrequency)) throw new IllegalArgumentException("attempt frequency must be > 0");
        if (gapPeakNm.length != Species.COUNT || bowing.length != 3) throw new IllegalArgumentException("peaks per species code, three bowings");
        for (int x = Species.CL; x <= Species.I; x++) {
            if (!(gapPeakNm[x] > 0)) throw new IllegalArgumentException("end-member PL peaks must be > 0 nm");
        }
        if (expansionPerK.length != Species.COUNT || ionicRadiusPm.length != Species.COUNT || latticeConstant.length != Species.COUNT) {
            throw new IllegalArgumentException("per species code");
        }
        for (int x = Species.CL; x <= Species.I; x++) {
            if (!(latticeConstant[x] > 0) || !(ionicRadiusPm[x] > 0)) throw new IllegalArgumentException("lattice constants and radii must be > 0");
        }
        barriers = barriers.clone();
        gapPeakNm = gapPeakNm.clone();
        bowing = bowing.clone();
        expansionPerK = expansionPerK.clone();
        ionicRadiusPm = ionicRadiusPm.clone();
        latticeConstant = latticeConstant.clone();
    }

    /** The names {@link #library} knows. */
    public static List<String> names() {
        return List.of(CS_PB_X3);
    }

    /** A library entry by name (IllegalArgumentException for any other name: callers check against {@link #names}). */
    public static MaterialParameters library(String name) {
        if (!CS_PB_X3.equals(name)) throw new IllegalArgumentException("no material " + name + "; known: " + names());
        double[] b = new double[Species.COUNT];
        for (int x = Species.CL; x <= Species.I; x++) b[x] = Materials.endMember(x).migrationBarrier();
        double[] peaks = new double[Species.COUNT];
        peaks[Species.CL] = BandGap.PEAK_CL;
        peaks[Species.BR] = BandGap.PEAK_BR;
        peaks[Species.I] = BandGap.PEAK_I;
        BandGap fit = BandGap.fitToTargets();
        return new MaterialParameters(CS_PB_X3, b, Materials.W_BR_I, Materials.W_CL_BR, Materials.W_CL_I,
                Materials.ATTEMPT_FREQUENCY, peaks, new double[] {fit.bClBr(), fit.bClI(), fit.bBrI()},
                Strain.libraryExpansion(), Strain.libraryRadii(), Strain.libraryLatticeConstants());
    }

    public static MaterialParameters defaults() {
        return library(CS_PB_X3);
    }

    /** E_g(composition) from the end-member peaks (E = hc/λ, as {@link BandGap#fitToTargets} has them) and the bowing. */
    public BandGap bandGap() {
        double[] e = new double[Species.COUNT];
        for (int x = Species.CL; x <= Species.I; x++) e[x] = BandGap.HC / gapPeakNm[x];
        return new BandGap(e, bowing[0], bowing[1], bowing[2]);
    }

    /** V[a][b] over species codes: w for unlike halides, 0 otherwise (Material's convention). */
    public double[][] pairEnergies() {
        double[][] v = new double[Species.COUNT][Species.COUNT];
        Materials.set(v, Species.BR, Species.I, wBrI);
        Materials.set(v, Species.CL, Species.BR, wClBr);
        Materials.set(v, Species.CL, Species.I, wClI);
        return v;
    }

    /** The mixture of mean halide fractions f (by species code), lattice constant by Vegard's law (C8). */
    public Material mixture(double[] f) {
        double a = 0;
        for (int x = Species.CL; x <= Species.I; x++) a += f[x] * latticeConstant[x];
        return new Material(Material.formula(f), f.clone(), a, barriers.clone(), pairEnergies(), attemptFrequency);
    }

    public MaterialParameters withBarriers(double[] b) {
        return new MaterialParameters(name, b, wBrI, wClBr, wClI, attemptFrequency, gapPeakNm, bowing, expansionPerK, ionicRadiusPm, latticeConstant);
    }

    public MaterialParameters withMixing(double brI, double clBr, double clI) {
        return new MaterialParameters(name, barriers, brI, clBr, clI, attemptFrequency, gapPeakNm, bowing, expansionPerK, ionicRadiusPm, latticeConstant);
    }

    public MaterialParameters withAttemptFrequency(double nu) {
        return new MaterialParameters(name, barriers, wBrI, wClBr, wClI, nu, gapPeakNm, bowing, expansionPerK, ionicRadiusPm, latticeConstant);
    }

    public MaterialParameters withBandGap(double[] peakNm, double[] b) {
        return new MaterialParameters(name, barriers, wBrI, wClBr, wClI, attemptFrequency, peakNm, b, expansionPerK, ionicRadiusPm, latticeConstant);
    }

    public MaterialParameters withStrainData(double[] expansion, double[] radii) {
        return new MaterialParameters(name, barriers, wBrI, wClBr, wClI, attemptFrequency, gapPeakNm, bowing, expansion, radii, latticeConstant);
    }

    public MaterialParameters withLatticeConstants(double[] a) {
        return new MaterialParameters(name, barriers, wBrI, wClBr, wClI, attemptFrequency, gapPeakNm, bowing, expansionPerK, ionicRadiusPm, a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaterialParameters p && name.equals(p.name) && Arrays.equals(barriers, p.barriers)
                && wBrI == p.wBrI && wClBr == p.wClBr && wClI == p.wClI && attemptFrequency == p.attemptFrequency
                && Arrays.equals(gapPeakNm, p.gapPeakNm) && Arrays.equals(bowing, p.bowing)
                && Arrays.equals(expansionPerK, p.expansionPerK) && Arrays.equals(ionicRadiusPm, p.ionicRadiusPm)
                && Arrays.equals(latticeConstant, p.latticeConstant);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(barriers);
    }

    @Override
    public String toString() {
        return MaterialTable.yaml(this);
    }
}
