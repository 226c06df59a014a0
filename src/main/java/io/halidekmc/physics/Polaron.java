package io.halidekmc.physics;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/**
 * Polaron strain term (Bischak, Limmer et al., Nano Lett 17, 1028 (2017); TARGETS C11), a
 * **light-driven** term of DESIGN §3: a photocarrier localised as a polaron distorts the lattice
 * over a range R ≈ 8 nm, and its strain field is relieved by the larger iodide, so the polaron
 * binds more strongly in an I-rich region: binding −g·x_I,P in a region P of edge ≈ R. The
 * carriers are spread thermally over the local states (the {@link CarrierFunnel} blocks b, each
 * inside one region), so the carrier free energy becomes
 * F = −n_c·kT·ln Σ_P exp(g·x_I,P/kT)·Σ_{b∈P} exp(−E_g,b/kT)
 * (with funnelling off, E_g,b is dropped and every non-empty block counts 1). A polaron in an
 * I-rich region lowers F further when more I gathers there: the feedback that nucleates I-rich
 * domains of the polaron size under light. Like funnelling it is an equilibrium free energy for a
 * fixed carrier number (detailed balance holds with respect to exp(−(E + F)/kT), tested), and it
 * exists only while carriers do, i.e. under light.
 *
 * <p>Incremental: the engine keeps per region the sum Z_P = Σ_{b∈P} exp(−E_g,b/kT) and the halide
 * counts, so a hop that crosses a block or region boundary changes at most two blocks and two
 * regions: ΔF in O(1), never a recomputation over the sample. A single region edge R is a coarse
 * stand-in for the polaron's smooth strain profile (a Gaussian of width R would cost O((R/b)³)
 * per move); regions are aligned cubes, so an I-rich domain straddling a region boundary binds
 * less than a centred one.
 *
 * @param regionCells edge of the polaron regions, cells (R / a; a multiple of the funnel block edge)
 * @param binding     g, eV per carrier for x_I = 1 vs 0. No measured value in our sources: a free
 *                    parameter (default 0.1 eV, of the order of the polaron binding energies
 *                    quoted for lead halides), to be calibrated
 * @param carriers    n_c per sample when carrier funnelling is off (with it on, its carriers are used)
 * @param fromLight   carriers from the light drive instead (n·V)
 */
public record Polaron(int regionCells, double binding, double carriers, boolean fromLight) {
    /** TARGETS C11: I-rich domain / polaron size ≈ 8 nm. */
    public static final double DEFAULT_RANGE_NM = 8.0;
    public static final double DEFAULT_BINDING = 0.1;

    public Polaron {
        if (regionCells < 1 || !(carriers >= 0) || !Double.isFinite(binding)) {
            throw new IllegalArgumentException("polaron: region ≥ 1 cell, carriers ≥ 0, finite binding");
        }
    }

    /** Region edge in cells for a range in nm and lattice constant a (Å), rounded to a multiple of {@code blockCells}. */
    public static int regionCells(double rangeNm, double latticeConstantAngstrom, int blockCells) {
        double cells = rangeNm * 10 / latticeConstantAngstrom;
        return (int) Math.max(1, Math.round(cells / blockCells)) * blockCells;
    }

    /** F for a configuration, eV, by full recomputation (tests; the engine keeps it incrementally). */
    public double freeEnergy(Occupancy o, GapBlocks blocks, GapBlocks regions, CarrierFunnel funnel, double nc, double kT) {
        long[][] b = blocks.counts(o);
        long[][] r = regions.counts(o);
        int[] regionOfBlock = regionOfBlock(o, blocks, regions);
        double[] zp = new double[r.length];
        for (int i = 0; i < b.length; i++) {
            long hal = b[i][Species.CL] + b[i][Species.BR] + b[i][Species.I];
            if (hal == 0 || regionOfBlock[i] < 0) continue;
            zp[regionOfBlock[i]] += funnel == null ? 1 : Math.exp(-funnel.blockGap(b[i][Species.CL], b[i][Species.BR], b[i][Species.I]) / kT);
        }
        double z = 0;
        for (int p = 0; p < r.length; p++) {
            long hal = r[p][Species.CL] + r[p][Species.BR] + r[p][Species.I];
            if (hal == 0) continue;
            z += Math.exp(binding * r[p][Species.I] / hal / kT) * zp[p];
        }
        return -nc * kT * Math.log(z);
    }

    /** Region of every block (−1 for a block holding no site). */
    public static int[] regionOfBlock(Occupancy o, GapBlocks blocks, GapBlocks regions) {
        int[] map = new int[blocks.blocks()];
        java.util.Arrays.fill(map, -1);
        for (int s = 0; s < o.lattice.sites(); s++) {
            int b = blocks.blockOf(s);
            int p = regions.blockOf(s);
            if (map[b] >= 0 && map[b] != p) throw new IllegalArgumentException("a block straddles two polaron regions");
            map[b] = p;
        }
        return map;
    }
}
