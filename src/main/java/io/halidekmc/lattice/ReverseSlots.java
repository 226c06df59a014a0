package io.halidekmc.lattice;

/** Neighbour-slot symmetry of the anion sublattice, shared by every engine that updates neighbours in place. */
public final class ReverseSlots {
    private ReverseSlots() {}

    /** [k*8 + i]: the slot of site m = neighbour i of a site on sublattice k that points back at that site. */
    public static final int[] TABLE = new int[3 * Lattice.Z];

    static {
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < Lattice.Z; i++) {
                int[] d = new int[3];
                for (int a = 0; a < 3; a++) d[a] = Lattice.offset(k, i, a);
                // the neighbour's sublattice: the axis along which its position is odd
                int km = -1;
                for (int a = 0; a < 3; a++) if (((a == k ? 1 : 0) + d[a] & 1) != 0) km = a;
                for (int jj = 0; jj < Lattice.Z; jj++) {
                    boolean back = true;
                    for (int a = 0; a < 3; a++) back &= Lattice.offset(km, jj, a) == -d[a];
                    if (back) TABLE[k * Lattice.Z + i] = jj;
                }
            }
        }
    }
}
