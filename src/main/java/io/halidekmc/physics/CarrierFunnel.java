package io.halidekmc.physics;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/**
 * Carrier funnelling (Draguta/Kuno 2017; Chen, Brocks, Tao, Bobbert, Nat Commun 12, 2687, 2021),
 * a light term of DESIGN §3: n_c photocarriers spread over the local states i (the
 * {@link GapBlocks} blocks) of gap E_g,i lower the free energy by
 * F = −n_c·kT·ln Σ_i exp(−E_g,i/kT), which favours small I-rich (low-gap) regions. It is an
 * equilibrium free energy for a given carrier number (detailed balance holds with respect to
 * exp(−(E + F)/kT)), but it exists only under light: a **light-driven** term.
 *
 * <p>Only a hop that moves a halide between two blocks changes F, by −n_c·kT·ln(Z′/Z) with
 * Z = Σ_i exp(−E_g,i/kT) kept up to date: O(1) per move, never a re-solve over all states
 * (DESIGN §3). Validity: the non-degenerate (Boltzmann) limit, i.e. the expected carrier number in
 * the deepest block, n_c·p_i, stays well below that block's number of band-edge states (of order
 * its number of unit cells). Beyond it carriers fill the low-gap blocks and Fermi–Dirac statistics
 * apply; this version does not treat that regime, and {@link #degeneracy} reports how close a
 * configuration is to it.
 *
 * @param blockCells edge of the local-state blocks, cells
 * @param carriers   n_c per sample (≥ 0); with {@code fromLight} the carrier number follows the
 *                   light drive instead (n·V from {@link LightRelease#carrierDensity})
 * @param gap        band gap law
 */
public record CarrierFunnel(int blockCells, double carriers, boolean fromLight, BandGap gap) {
    public CarrierFunnel {
        if (blockCells < 1 || !(carriers >= 0)) throw new IllegalArgumentException("block ≥ 1 cell, carriers ≥ 0");
    }

    /** Gap of a block with these halide counts, eV (NaN when it holds no halide). */
    public double blockGap(long cl, long br, long in) {
        return cl + br + in == 0 ? Double.NaN : gap.gap(cl, br, in);
    }

    /** F for a configuration, eV (tests; the engine keeps it incrementally). */
    public double freeEnergy(Occupancy o, GapBlocks blocks, double nc, double kT) {
        long[][] c = blocks.counts(o);
        double z = 0;
        for (long[] b : c) {
            double g = blockGap(b[Species.CL], b[Species.BR], b[Species.I]);
            if (!Double.isNaN(g)) z += Math.exp(-g / kT);
        }
        return -nc * kT * Math.log(z);
    }

    /** Largest n_c·p_i over blocks divided by the block's cell count: ≪ 1 in the valid regime. */
    public double degeneracy(Occupancy o, GapBlocks blocks, double nc, double kT) {
        long[][] c = blocks.counts(o);
        double z = 0, max = 0;
        double[] w = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            double g = blockGap(c[i][Species.CL], c[i][Species.BR], c[i][Species.I]);
            w[i] = Double.isNaN(g) ? 0 : Math.exp(-g / kT);
            z += w[i];
        }
        double cells = (double) blockCells * blockCells * blockCells;
        for (double wi : w) max = Math.max(max, nc * wi / z / cells);
        return max;
    }
}
