package io.halidekmc.backend.tornado;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.RateTable;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The bulk hop-rate refreshes of {@link io.halidekmc.engine.HopKernel} — {@link #refreshAll}
 * (difference form, the reference) and {@link #refreshAllFactored} (the form the exact engine runs
 * at drive-grid points) — in TornadoVM's Java subset: TornadoVM off-heap arrays in place of {@code int[]}/{@code double[]},
 * one {@link Parallel} work-item per vacancy, everything else statement for statement the CPU
 * kernel, so that the double arithmetic is the same sequence of IEEE operations (no FMA, no
 * reassociation: {@code r = base·field·mix·mix·mix}, resp. {@code fv·gh·field}, left to right,
 * {@code sum += r} in slot order)
 * and the results are compared bitwise by the equivalence test.
 *
 * <p>Only compile-time constants of the project classes are used here (javac folds them), so the
 * kernel body needs nothing from them at run time on the device.
 */
public final class TornadoHopKernel {
    private TornadoHopKernel() {}

    static final int Z = Lattice.Z;
    static final int DIFFS = RateTable.DIFFS;
    static final int CL_SHIFT = Occupancy.COUNT_SHIFT + 4 * Species.CL;
    static final int BR_SHIFT = Occupancy.COUNT_SHIFT + 4 * Species.BR;
    static final int I_SHIFT = Occupancy.COUNT_SHIFT + 4 * Species.I;
    /** The 12 bits of Cl/Br/I counts (HopKernel.HALIDE_BITS). */
    static final int HALIDE_BITS = 12;
    static final int HALIDE_MASK = (1 << HALIDE_BITS) - 1;

    /**
     * Bulk refresh, difference form: for vacancy ids 0..vacancies-1, the 8 rates of the vacancy at
     * {@code vacancySite[id]} into {@code rates[8·id ..]} and their sum into {@code leafSums[id]}.
     *
     * @param slotDz dz+1 of slot j for sublattice k, flattened [k·8 + j] (HopKernel.SLOT_DZ)
     */
    public static void refreshAll(IntArray vacancySite, IntArray words, IntArray nb, IntArray slotDz,
                                  DoubleArray base, DoubleArray field, DoubleArray mix,
                                  DoubleArray rates, DoubleArray leafSums, int vacancies) {
        for (@Parallel int id = 0; id < vacancies; id++) {
            int v = vacancySite.get(id);
            int cv = words.get(v);
            int row = v * Z;
            int dzRow = (v % 3) * Z;
            int out = id * Z;
            double sum = 0;
            for (int j = 0; j < Z; j++) {
                int ch = words.get(nb.get(row + j));
                int x = ch & Occupancy.SPECIES_MASK;
                double r = 0;
                if (x >= Species.CL && x <= Species.I) {
                    int mx = x * Species.COUNT * DIFFS + 8;
                    int dCl = ((cv >>> CL_SHIFT) & 0xF) - ((ch >>> CL_SHIFT) & 0xF);
                    int dBr = ((cv >>> BR_SHIFT) & 0xF) - ((ch >>> BR_SHIFT) & 0xF);
                    int dI = ((cv >>> I_SHIFT) & 0xF) - ((ch >>> I_SHIFT) & 0xF);
                    r = base.get(x) * field.get(slotDz.get(dzRow + j))
                            * mix.get(mx + DIFFS + dCl)
                            * mix.get(mx + 2 * DIFFS + dBr)
                            * mix.get(mx + 3 * DIFFS + dI);
                }
                rates.set(out + j, r);
                sum += r;
            }
            leafSums.set(id, sum);
        }
    }

    /**
     * Bulk refresh, factorised form (HopKernel.refreshAllFactored): Γ = F[X][n_v]·G[X][n_h]·field,
     * neighbours of a {@link Occupancy#REGULAR} site at v + off[k·8 + j] without reading the table.
     *
     * @param off    {@link Lattice#regularOffsets()}
     * @param fv     HopKernel.Factors.fv, gh: HopKernel.Factors.gh
     */
    public static void refreshAllFactored(IntArray vacancySite, IntArray words, IntArray nb, IntArray off,
                                          IntArray slotDz, DoubleArray fv, DoubleArray gh, DoubleArray field,
                                          DoubleArray rates, DoubleArray leafSums, int vacancies) {
        for (@Parallel int id = 0; id < vacancies; id++) {
            int v = vacancySite.get(id);
            int cv = words.get(v);
            int iv = (cv >>> CL_SHIFT) & HALIDE_MASK;
            boolean regular = (cv & Occupancy.REGULAR) != 0;
            int row = v * Z;
            int dzRow = (v % 3) * Z;
            int out = id * Z;
            double sum = 0;
            for (int j = 0; j < Z; j++) {
                int h = regular ? v + off.get(dzRow + j) : nb.get(row + j);
                int ch = words.get(h);
                int x = (ch & Occupancy.SPECIES_MASK) - Species.CL;
                double r = 0;
                if (x >= 0 && x < 3) {
                    int t = x << HALIDE_BITS;
                    r = fv.get(t + iv) * gh.get(t + ((ch >>> CL_SHIFT) & HALIDE_MASK)) * field.get(slotDz.get(dzRow + j));
                }
                rates.set(out + j, r);
                sum += r;
            }
            leafSums.set(id, sum);
        }
    }
}
