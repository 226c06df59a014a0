package io.halidekmc.observe;

import io.halidekmc.lattice.Species;
import io.halidekmc.physics.BandGap;
import io.halidekmc.physics.ConfinementCurve;
import io.halidekmc.physics.Constants;

/**
 * The {@code regions} emission model (issue 24 "what must work" 2; REBUILD-PLAN §4): PL from the
 * emissive regions of one nanocrystal, with confinement per region and carriers that find the
 * lowest level of the whole crystal.
 *
 * <p>Each emissive block i emits at E_i = E_g(x_i) + ΔE_conf(L_r, x_r), its own gap
 * ({@link BandGap}) plus the confinement of the region r it belongs to, where L_r = (sites/3)^{1/3}·a(x_r)
 * is the cube-equivalent edge (3 X sites per cell; a by Vegard, times the coarse-grain factor).
 * Carriers thermalise over all emissive blocks of the crystal before they recombine, because their
 * diffusion length, 0.2–1 µm [src: Penzo et al., ACS Nano 2020; Giovanni et al., Light Sci. Appl.
 * 2021; SEGREGATION-NOTES §3], is ≫ a 23 nm crystal, also across region boundaries inside it (a
 * region boundary here is a non-emissive gap of one block or less): w_i ∝ V_i·exp(−(E_i − E_min)/kT),
 * normalised to 1. A low-gap emissive region therefore always wins; a Br core turns blue only if the
 * I-rich material around it stops being emissive (SEGREGATION-NOTES §3), which is the caller's
 * emissive set, not a choice made here.
 *
 * <p>Brightness is ∝ the crystal's volume (absorbed photons; a non-emissive phase still absorbs and
 * hands its carriers on, REBUILD-PLAN §4.1) and zero when nothing is emissive. A film is the sum of
 * its crystals without energy transfer between them: 001 sees the 505 nm peak dominant next to a
 * residual mixed-phase peak, which complete transfer to the lower-gap crystals would invert
 * (REBUILD-PLAN §4.5).
 *
 * <p>The gap law at full size (RegionEmissionTest#fullSizeMixedCrystalNearTheGapLaw, one random
 * alloy, 296.65 K): {@link BandGap#fitToTargets()} puts CsPbBr1.2I1.8 at 626.0 nm. A 23 nm crystal
 * (39 cells) is one region of 23.6 nm whose Bohr diameter, 10 nm at x_I = 0.6, makes it read as a
 * 16.5 nm CsPbBr3 cube: ΔE_conf = 7.5 meV, alone 623.7 nm. Thermalisation over the blocks' random-alloy
 * composition scatter pulls the other way, by ≈ σ_E²/kT: 627.9 nm with 4-cell blocks (the default;
 * today's funnel model 630.3 nm), 624.4 nm with 8-cell blocks, but 653.6 nm with 2-cell blocks
 * (24 X sites, σ_x ≈ 0.1: the carriers find alloy fluctuations far smaller than an exciton, a block
 * size below what a local gap means). No refit of the bowing was made for any of these.
 */
public final class RegionEmission {
    /** Per emissive block: emission energy (eV) and weight (sum 1); both empty when nothing emits. */
    public record Levels(double[] energy, double[] weight) {}

    private RegionEmission() {}

    /** Cube-equivalent edge of {@code sites} X sites of halide counts {@code counts}, nm, with the library's lattice constants. */
    public static double edgeNm(long sites, long[] counts, int coarseGrain) {
        return edgeNm(sites, counts, coarseGrain, io.halidekmc.physics.Strain.libraryLatticeConstants());
    }

    /** The same with end-member lattice constants a (Å, by species code; the scenario's material:). */
    public static double edgeNm(long sites, long[] counts, int coarseGrain, double[] latticeConstant) {
        double a = 0;
        long halides = 0;
        for (int x = Species.CL; x <= Species.I; x++) {
            a += counts[x] * latticeConstant[x];
            halides += counts[x];
        }
        return Math.cbrt(sites / 3.0) * (a / halides) / 10 * coarseGrain;
    }

    /** ΔE_conf of every region, eV (0 for a region extended along a periodic axis). */
    public static double[] confinement(EmissiveRegions r, ConfinementCurve curve, int coarseGrain) {
        return confinement(r, curve, coarseGrain, io.halidekmc.physics.Strain.libraryLatticeConstants());
    }

    static double[] confinement(EmissiveRegions r, ConfinementCurve curve, int coarseGrain, double[] latticeConstant) {
        double[] de = new double[r.regions()];
        for (int k = 0; k < de.length; k++) {
            if (r.extended[k]) continue;
            long[] c = r.regionCounts[k];
            de[k] = curve.shift(edgeNm(r.regionSites[k], c, coarseGrain, latticeConstant), c[Species.CL], c[Species.BR], c[Species.I]);
        }
        return de;
    }

    public static Levels levels(EmissiveRegions r, BandGap gap, ConfinementCurve curve, int coarseGrain, double temperature) {
        return levels(r, gap, curve, coarseGrain, temperature, 0);
    }

    /**
     * As {@link #levels(EmissiveRegions, BandGap, ConfinementCurve, int, double)}, each block's gap
     * from the composition within {@code reach} blocks of it in its region
     * ({@link EmissiveRegions#neighbourhoodCounts}): an exciton (Bohr diameter 7–12 nm, Protesescu
     * 2015) samples the alloy over its extent, so a composition fluctuation smaller than it is
     * averaged, not a trap of its own (the virtual-crystal picture of alloy excitons).
     */
    public static Levels levels(EmissiveRegions r, BandGap gap, ConfinementCurve curve, int coarseGrain, double temperature,
                                int reach) {
        return levels(r, gap, curve, coarseGrain, temperature, reach, io.halidekmc.physics.Strain.libraryLatticeConstants());
    }

    /** The same with the region sizes from end-member lattice constants a (Å, by species code; the scenario's material:). */
    public static Levels levels(EmissiveRegions r, BandGap gap, ConfinementCurve curve, int coarseGrain, double temperature,
                                int reach, double[] latticeConstant) {
        double[] de = confinement(r, curve, coarseGrain, latticeConstant);
        int n = 0;
        for (int b = 0; b < r.blocks(); b++) if (r.regionOf(b) >= 0) n++;
        double[] e = new double[n], w = new double[n];
        double min = Double.POSITIVE_INFINITY;
        int i = 0;
        for (int b = 0; b < r.blocks(); b++) {
            if (r.regionOf(b) < 0) continue;
            long[] c = reach == 0 ? r.counts[b] : r.neighbourhoodCounts(b, reach);
            e[i] = gap.gap(c[Species.CL], c[Species.BR], c[Species.I]) + de[r.regionOf(b)];
            w[i] = r.volume[b];
            min = Math.min(min, e[i]);
            i++;
        }
        double kT = Constants.K_B * temperature, sum = 0;
        for (int k = 0; k < n; k++) {
            w[k] *= Math.exp(-(e[k] - min) / kT);
            sum += w[k];
        }
        for (int k = 0; k < n; k++) w[k] /= sum;
        return new Levels(e, w);
    }

    /** Adds {@code brightness}·(the normalised spectrum of these levels) to {@code out} on the wavelength grid. */
    public static void accumulate(Levels levels, double brightness, double[] wavelengths, double[] out) {
        double[] energy = PlSpectrum.energies(wavelengths);
        for (int k = 0; k < levels.energy().length; k++) {
            PlSpectrum.addLine(levels.energy()[k], brightness * levels.weight()[k], energy, out);
        }
    }
}
