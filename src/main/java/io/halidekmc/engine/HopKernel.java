package io.halidekmc.engine;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.RateTable;

/**
 * The hop-rate kernel: the 8 hop rates of one vacancy from the species and packed neighbour
 * counts, and the bulk refresh over all vacancies run at every drive-grid point. Kernel style
 * (static, flat arrays, no allocation): this is the code the GPU backends mirror.
 */
public final class HopKernel {
    private HopKernel() {}

    /** dz+1 index of slot j for sublattice k, flattened [k*8 + j]. */
    static final byte[] SLOT_DZ = new byte[3 * Lattice.Z];

    static {
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < Lattice.Z; j++) {
                SLOT_DZ[k * Lattice.Z + j] = (byte) (Lattice.offset(k, j, 2) + 1);
            }
        }
    }

    /** Writes the 8 rates of the vacancy at site v into rates[out..out+8) and returns their sum. */
    public static double vacancyRates(int v, byte[] species, int[] counts, int[] nb,
                                      double[] base, double[] field, double[] mix,
                                      double[] rates, int out) {
        int cv = counts[v];
        int row = v * Lattice.Z;
        int dzRow = (v % 3) * Lattice.Z;
        double sum = 0;
        for (int j = 0; j < Lattice.Z; j++) {
            int h = nb[row + j];
            int x = species[h];
            double r = 0;
            if (x >= Species.CL && x <= Species.I) {
                int ch = counts[h];
                int mx = x * Species.COUNT * RateTable.DIFFS + 8;
                int dCl = ((cv >>> 8) & 0xFF) - ((ch >>> 8) & 0xFF);
                int dBr = ((cv >>> 16) & 0xFF) - ((ch >>> 16) & 0xFF);
                int dI = (cv >>> 24) - (ch >>> 24);
                r = base[x] * field[SLOT_DZ[dzRow + j]]
                        * mix[mx + RateTable.DIFFS + dCl]
                        * mix[mx + 2 * RateTable.DIFFS + dBr]
                        * mix[mx + 3 * RateTable.DIFFS + dI];
            }
            rates[out + j] = r;
            sum += r;
        }
        return sum;
    }

    /** Bulk refresh: every vacancy's 8 rates and its leaf sum (tree parents rebuilt by the caller). */
    public static void refreshAll(int[] vacancySite, int vacancies, byte[] species, int[] counts, int[] nb,
                                  double[] base, double[] field, double[] mix, double[] rates, double[] leafSums) {
        for (int id = 0; id < vacancies; id++) {
            leafSums[id] = vacancyRates(vacancySite[id], species, counts, nb, base, field, mix, rates, id * Lattice.Z);
        }
    }
}
