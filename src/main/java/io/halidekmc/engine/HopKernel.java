package io.halidekmc.engine;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.RateTable;

/**
 * The hop-rate kernel: the 8 hop rates of one vacancy from the packed per-site words of
 * {@link Occupancy#counts} (species + neighbour counts), and the bulk refresh over all vacancies
 * run at every drive-grid point. Kernel style (static, flat arrays, no allocation): this is the
 * code the GPU backends mirror.
 *
 * <p>Two forms of the same rate law Γ = base[X]·field[dz+1]·Π_s mix[X][s][n_v(s) − n_h(s)]:
 * <ul>
 * <li>{@link #vacancyRates}, the difference form read straight from {@link RateTable} (reference);
 * <li>{@link #vacancyRatesFactored}, the fast form. Every mix factor is exp(−c·Δn), so
 *     mix[X][s][a − b] = mix[X][s][a]·mix[X][s][−b] and the product splits into a factor of the
 *     vacancy's neighbourhood and one of the halide's: Γ = F[X][n_v]·G[X][n_h]·field, F and G
 *     indexed directly by the 12 bits of Cl/Br/I counts in the packed word ({@link Factors}).
 *     Two loads and two multiplies per hop instead of five loads, four multiplies and three
 *     count differences. The split is checked when the tables are built; where it does not hold
 *     (a future term that is not exponential in Δn) the engine uses the difference form.
 * </ul>
 */
public final class HopKernel {
    private HopKernel() {}

    /** dz+1 index of slot j for sublattice k, flattened [k*8 + j]. */
    public static final byte[] SLOT_DZ = new byte[3 * Lattice.Z];

    static {
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < Lattice.Z; j++) {
                SLOT_DZ[k * Lattice.Z + j] = (byte) (Lattice.offset(k, j, 2) + 1);
            }
        }
    }

    private static final int CL_SHIFT = Occupancy.COUNT_SHIFT + 4 * Species.CL;
    private static final int BR_SHIFT = Occupancy.COUNT_SHIFT + 4 * Species.BR;
    private static final int I_SHIFT = Occupancy.COUNT_SHIFT + 4 * Species.I;
    /** Bits of the Cl, Br, I count nibbles in a packed word (contiguous, Cl lowest). */
    public static final int HALIDE_BITS = 12;

    /** The 12-bit Cl/Br/I count index of a packed word. */
    public static int halideCounts(int word) {
        return (word >>> CL_SHIFT) & ((1 << HALIDE_BITS) - 1);
    }

    /**
     * Difference form (reference): writes the 8 rates of the vacancy at site v into
     * rates[out..out+8) and returns their sum.
     */
    public static double vacancyRates(int v, int[] words, int[] nb,
                                      double[] base, double[] field, double[] mix,
                                      double[] rates, int out) {
        return vacancyRates(v, words, nb, base, field, mix, rates, out, 0);
    }

    /**
     * The field factor's row for a vacancy at site v: 0 for a uniform field (a 3-entry table), or
     * 3·z_half(v) for a potential profile along z (a wire device), whose table holds 3 entries per
     * half-layer; {@code layerSites3} = 3·nx·ny sites per cell layer, 0 for the uniform table.
     */
    public static int fieldRow(int v, int layerSites3) {
        if (layerSites3 == 0) return 0;
        return 3 * (2 * (v / layerSites3) + (v % 3 == 2 ? 1 : 0));
    }

    /** Difference form with a field table per half-layer ({@link #fieldRow}). */
    public static double vacancyRates(int v, int[] words, int[] nb,
                                      double[] base, double[] field, double[] mix,
                                      double[] rates, int out, int layerSites3) {
        int cv = words[v];
        int row = v * Lattice.Z;
        int dzRow = (v % 3) * Lattice.Z;
        int fo = fieldRow(v, layerSites3);
        double sum = 0;
        for (int j = 0; j < Lattice.Z; j++) {
            int ch = words[nb[row + j]];
            int x = ch & Occupancy.SPECIES_MASK;
            double r = 0;
            if (x >= Species.CL && x <= Species.I) {
                int mx = x * Species.COUNT * RateTable.DIFFS + 8;
                int dCl = ((cv >>> CL_SHIFT) & 0xF) - ((ch >>> CL_SHIFT) & 0xF);
                int dBr = ((cv >>> BR_SHIFT) & 0xF) - ((ch >>> BR_SHIFT) & 0xF);
                int dI = ((cv >>> I_SHIFT) & 0xF) - ((ch >>> I_SHIFT) & 0xF);
                r = base[x] * field[fo + SLOT_DZ[dzRow + j]]
                        * mix[mx + RateTable.DIFFS + dCl]
                        * mix[mx + 2 * RateTable.DIFFS + dBr]
                        * mix[mx + 3 * RateTable.DIFFS + dI];
            }
            rates[out + j] = r;
            sum += r;
        }
        return sum;
    }

    /**
     * Factorised form (fast path), same contract as {@link #vacancyRates}; tables from
     * {@link Factors}. Neighbours of a {@link Occupancy#REGULAR} site are computed as
     * v + off[k·8 + j] ({@link Lattice#regularOffsets()}) without reading the table.
     */
    public static double vacancyRatesFactored(int v, int[] words, int[] nb, int[] off, double[] fv, double[] gh,
                                              double[] field, double[] rates, int out) {
        return vacancyRatesFactored(v, words, nb, off, fv, gh, field, rates, out, 0);
    }

    /** Factorised form with a field table per half-layer ({@link #fieldRow}). */
    public static double vacancyRatesFactored(int v, int[] words, int[] nb, int[] off, double[] fv, double[] gh,
                                              double[] field, double[] rates, int out, int layerSites3) {
        int fo = fieldRow(v, layerSites3);
        int cv = words[v];
        int iv = halideCounts(cv);
        boolean regular = (cv & Occupancy.REGULAR) != 0;
        int row = v * Lattice.Z;
        int dzRow = (v % 3) * Lattice.Z;
        double sum = 0;
        for (int j = 0; j < Lattice.Z; j++) {
            int ch = words[regular ? v + off[dzRow + j] : nb[row + j]];
            int x = (ch & Occupancy.SPECIES_MASK) - Species.CL;
            double r = 0;
            if (x >= 0 && x < 3) {
                int t = x << HALIDE_BITS;
                r = fv[t + iv] * gh[t + halideCounts(ch)] * field[fo + SLOT_DZ[dzRow + j]];
            }
            rates[out + j] = r;
            sum += r;
        }
        return sum;
    }

    /**
     * F and G of the factorised form: F[X][n] = base[X]·Π_s mix[X][s][+n_s] (the vacancy's side),
     * G[X][n] = Π_s mix[X][s][−n_s] (the halide's side), X = Cl, Br, I, n the 12-bit count index.
     * Entries whose nibbles exceed 8 never occur and stay 0.
     */
    public static final class Factors {
        public final double[] fv = new double[3 << HALIDE_BITS];
        public final double[] gh = new double[3 << HALIDE_BITS];
        /** Whether the difference-form table factorises (see the class comment of HopKernel). */
        public boolean valid;

        public void build(RateTable t) {
            valid = factorises(t.mix);
            for (int x = Species.CL; x <= Species.I; x++) {
                for (int nCl = 0; nCl <= Lattice.Z; nCl++) {
                    for (int nBr = 0; nBr <= Lattice.Z - nCl; nBr++) {
                        for (int nI = 0; nI <= Lattice.Z - nCl - nBr; nI++) {
                            int idx = ((x - Species.CL) << HALIDE_BITS) | nCl | nBr << 4 | nI << 8;
                            fv[idx] = t.base[x] * t.mix[RateTable.mixIndex(x, Species.CL, nCl)]
                                    * t.mix[RateTable.mixIndex(x, Species.BR, nBr)]
                                    * t.mix[RateTable.mixIndex(x, Species.I, nI)];
                            gh[idx] = t.mix[RateTable.mixIndex(x, Species.CL, -nCl)]
                                    * t.mix[RateTable.mixIndex(x, Species.BR, -nBr)]
                                    * t.mix[RateTable.mixIndex(x, Species.I, -nI)];
                        }
                    }
                }
            }
        }

        /** mix[x][s][a − b] = mix[x][s][a]·mix[x][s][−b] for all counts a, b, to 1e-12 relative. */
        static boolean factorises(double[] mix) {
            for (int x = Species.CL; x <= Species.I; x++) {
                for (int s = Species.CL; s <= Species.I; s++) {
                    for (int a = 0; a <= Lattice.Z; a++) {
                        for (int b = 0; b <= Lattice.Z; b++) {
                            double d = mix[RateTable.mixIndex(x, s, a - b)];
                            double p = mix[RateTable.mixIndex(x, s, a)] * mix[RateTable.mixIndex(x, s, -b)];
                            if (!(Math.abs(d - p) <= 1e-12 * Math.abs(d))) return false;
                        }
                    }
                }
            }
            return true;
        }
    }

    /**
     * The signature before the packed words (species byte array + counts): kept so that callers
     * written against it still compile. The species argument is redundant now (the packed word
     * holds the species) and ignored.
     */
    public static double vacancyRates(int v, byte[] species, int[] words, int[] nb,
                                      double[] base, double[] field, double[] mix,
                                      double[] rates, int out) {
        return vacancyRates(v, words, nb, base, field, mix, rates, out);
    }

    /** Old signature of {@link #refreshAll(int[], int, int[], int[], double[], double[], double[], double[], double[])}; species ignored. */
    public static void refreshAll(int[] vacancySite, int vacancies, byte[] species, int[] words, int[] nb,
                                  double[] base, double[] field, double[] mix, double[] rates, double[] leafSums) {
        refreshAll(vacancySite, vacancies, words, nb, base, field, mix, rates, leafSums);
    }

    /** Bulk refresh, difference form: every vacancy's 8 rates and its sum. */
    public static void refreshAll(int[] vacancySite, int vacancies, int[] words, int[] nb,
                                  double[] base, double[] field, double[] mix, double[] rates, double[] leafSums) {
        for (int id = 0; id < vacancies; id++) {
            leafSums[id] = vacancyRates(vacancySite[id], words, nb, base, field, mix, rates, id * Lattice.Z);
        }
    }

    /** Bulk refresh, factorised form. */
    public static void refreshAllFactored(int[] vacancySite, int vacancies, int[] words, int[] nb, int[] off,
                                          double[] fv, double[] gh, double[] field, double[] rates, double[] leafSums) {
        for (int id = 0; id < vacancies; id++) {
            leafSums[id] = vacancyRatesFactored(vacancySite[id], words, nb, off, fv, gh, field, rates, id * Lattice.Z);
        }
    }

    /**
     * The slot of the 8 rates at rates[base..base+8) whose cumulative interval holds u, the last
     * non-zero one after a rounding miss, or −1 when all are zero.
     */
    public static int pickSlot(double[] rates, int base, double u) {
        int last = -1;
        for (int j = 0; j < Lattice.Z; j++) {
            double r = rates[base + j];
            if (r > 0) {
                if (u < r) return j;
                u -= r;
                last = j;
            }
        }
        return last;
    }

    /** [(k*8 + j)*3 + axis]: −offset, the displacement of the halide for a hop through slot j of a site on sublattice k. */
    public static final int[] HALIDE_MOVE = new int[3 * Lattice.Z * 3];

    static {
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < Lattice.Z; i++) {
                for (int a = 0; a < 3; a++) HALIDE_MOVE[(k * Lattice.Z + i) * 3 + a] = -Lattice.offset(k, i, a);
            }
        }
    }
}
