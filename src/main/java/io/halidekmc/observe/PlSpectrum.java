package io.halidekmc.observe;

import io.halidekmc.physics.BandGap;

import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Constants;

/**
 * Synthetic photoluminescence (issue: nanocrystal PL, TARGETS §D). Each local state (a
 * {@link GapBlocks} block) has a gap from its composition; the spectrum is a sum of Gaussians
 * in energy with the homogeneous linewidth of a single-composition emitter.
 *
 * <p>Two emission models, switchable because the papers read them differently:
 * <ul>
 *   <li>{@link Model#FUNNEL}: carriers thermalise over the local states before emitting, so a
 *   state emits with weight exp(−E_g/kT) (the non-degenerate limit of carrier funnelling,
 *   Draguta/Kuno 2017; Chen et al. 2021): a small I-rich region dominates.</li>
 *   <li>{@link Model#CORE}: every local state emits with its own volume weight, read out where
 *   carriers recombine before they move (001's blue-shifted Br-rich core emission).</li>
 *   <li>{@link Model#REGIONS}: emissive regions with confinement, carriers thermalised over the
 *   whole crystal ({@link RegionEmission}; issue 24, REBUILD-PLAN §4).</li>
 * </ul>
 */
public final class PlSpectrum {
    /** REGIONS needs the lattice, not only block counts: {@link RegionEmission}. */
    public enum Model { FUNNEL, CORE, REGIONS }

    /**
     * Homogeneous FWHM, eV: the 18.4 nm linewidth of the single-phase segregated peak at 505 nm
     * (001, TARGETS §A), hc·Δλ/λ² = 0.0895 eV. Fitted to that one number.
     */
    public static final double FWHM_EV = BandGap.HC * 18.4 / (505.0 * 505.0);

    private PlSpectrum() {}

    /** Wavelength grid, nm: from..to in n points. */
    public static double[] grid(double from, double to, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = from + (to - from) * i / (n - 1);
        return w;
    }

    /**
     * Adds (with the given overall weight) the normalised spectrum of one sample to {@code out}
     * on the wavelength grid; block counts as from {@link GapBlocks#counts}.
     */
    public static void accumulate(long[][] blockCounts, BandGap gap, Model model, double temperature, double weight,
                                  double[] wavelengths, double[] out) {
        if (model == Model.REGIONS) throw new IllegalArgumentException("the regions model reads the lattice: use RegionEmission");
        int nb = blockCounts.length;
        double[] eg = new double[nb];
        double[] w = new double[nb];
        double kT = Constants.K_B * temperature;
        double minGap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < nb; i++) {
            long cl = blockCounts[i][Species.CL], br = blockCounts[i][Species.BR], in = blockCounts[i][Species.I];
            long halides = cl + br + in;
            if (halides == 0) {
                eg[i] = Double.NaN;
                continue;
            }
            eg[i] = gap.gap(cl, br, in);
            w[i] = halides;
            minGap = Math.min(minGap, eg[i]);
        }
        double sum = 0;
        for (int i = 0; i < nb; i++) {
            if (Double.isNaN(eg[i])) continue;
            if (model == Model.FUNNEL) w[i] *= Math.exp(-(eg[i] - minGap) / kT);
            sum += w[i];
        }
        if (sum == 0) return;
        double[] energy = energies(wavelengths);
        for (int i = 0; i < nb; i++) {
            if (Double.isNaN(eg[i]) || w[i] == 0) continue;
            addLine(eg[i], weight * w[i] / sum, energy, out);
        }
    }

    /** Photon energies of a wavelength grid, eV. */
    static double[] energies(double[] wavelengths) {
        double[] energy = new double[wavelengths.length];
        for (int k = 0; k < energy.length; k++) energy[k] = BandGap.HC / wavelengths[k];
        return energy;
    }

    /** One emitter's Gaussian of height {@code amplitude} at {@code e0} (eV), with the homogeneous FWHM. */
    static void addLine(double e0, double amplitude, double[] energy, double[] out) {
        double sigma = FWHM_EV / (2 * Math.sqrt(2 * Math.log(2)));
        for (int k = 0; k < energy.length; k++) {
            double d = (energy[k] - e0) / sigma;
            if (d > -8 && d < 8) out[k] += amplitude * Math.exp(-0.5 * d * d);
        }
    }

    /** Wavelength of the spectrum's maximum, nm (NaN for an empty spectrum). */
    public static double peak(double[] wavelengths, double[] spectrum) {
        int best = -1;
        for (int k = 0; k < spectrum.length; k++) if (spectrum[k] > 0 && (best < 0 || spectrum[k] > spectrum[best])) best = k;
        if (best < 0) return Double.NaN;
        if (best == 0 || best == spectrum.length - 1) return wavelengths[best];
        // parabolic refinement through the three points around the maximum
        double y0 = spectrum[best - 1], y1 = spectrum[best], y2 = spectrum[best + 1];
        double den = y0 - 2 * y1 + y2;
        double shift = den == 0 ? 0 : 0.5 * (y0 - y2) / den;
        return wavelengths[best] + shift * (wavelengths[best + 1] - wavelengths[best]);
    }
}
