package io.halidekmc.physics;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/**
 * The sample cut into cubic blocks of b×b×b cells, each a "local state" with its own halide
 * composition and band gap. One decomposition serves the synthetic PL (emission from local gaps)
 * and the carrier-funnelling energy (carriers spread over local states). The block edge is of
 * the order of the exciton size (a few nm), where a local composition has a meaningful gap.
 */
public final class GapBlocks {
    private final Lattice lattice;
    private final int b, bx, by, bz;
    private final int[] blockOf;

    public GapBlocks(Lattice lattice, int blockCells) {
        if (blockCells < 1) throw new IllegalArgumentException("block edge must be ≥ 1 cell");
        this.lattice = lattice;
        this.b = blockCells;
        int nx = lattice.cellsX() + (lattice.periodic(0) ? 0 : 1);
        int ny = lattice.cellsY() + (lattice.periodic(1) ? 0 : 1);
        int nz = lattice.layersZ();
        bx = (nx + b - 1) / b;
        by = (ny + b - 1) / b;
        bz = (nz + b - 1) / b;
        blockOf = new int[lattice.sites() + 1];
        int[] p = new int[3];
        for (int s = 0; s < lattice.sites(); s++) {
            lattice.position(s, p);
            blockOf[s] = (p[0] / 2 / b) + bx * ((p[1] / 2 / b) + by * (p[2] / 2 / b));
        }
        blockOf[lattice.sink()] = -1;
    }

    public int blocks() {
        return bx * by * bz;
    }

    /** Blocks along x, y, z; block index = x + bx·(y + by·z). */
    public int[] dims() {
        return new int[] {bx, by, bz};
    }

    public int blockOf(int site) {
        return blockOf[site];
    }

    /** Halide counts per block: [block][species code 0..3]. */
    public long[][] counts(Occupancy o) {
        long[][] c = new long[blocks()][Species.COUNT];
        for (int s = 0; s < lattice.sites(); s++) {
            int sp = o.species[s];
            if (sp < Species.COUNT) c[blockOf[s]][sp]++;
        }
        return c;
    }
}
