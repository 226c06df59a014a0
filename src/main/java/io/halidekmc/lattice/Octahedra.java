package io.halidekmc.lattice;

/**
 * The B sites (Pb octahedra) of the anion sublattice: each sits at an even position 2(x,y,z) in
 * half lattice constants and owns the X sites at ±e_k around it; each active X site belongs to
 * exactly two octahedra (the B–B edge it sits on). A phase state per octahedron (perovskite or
 * not, engine/event/PhaseEvents) lives on this index; the lattice's own site numbering is
 * untouched. On an open axis of n cells the B coordinates run 0..2n (n + 1 layers, as the X
 * sites), so the octahedra of the outer layer miss the X sites beyond the face: they are the
 * {@link #isSurface surface} octahedra.
 */
public final class Octahedra {
    /** X slots per octahedron: −x, +x, −y, +y, −z, +z. */
    public static final int SLOTS = 6;

    private final Lattice lattice;
    private final int[] len = new int[3];
    private final int count;
    /** [b·6 + slot]: X site, or −1 where the slot lies outside the crystal. */
    private final int[] x;
    /** [b·6 + slot]: neighbouring octahedron across that X site, or −1. */
    private final int[] nb;
    /** [s·2 + i]: the two octahedra of X site s (−1, −1 for WALL padding). */
    private final int[] ofX;
    private final boolean[] surface;

    public Octahedra(Lattice l) {
        this.lattice = l;
        len[0] = l.periodic(0) ? l.cellsX() : l.cellsX() + 1;
        len[1] = l.periodic(1) ? l.cellsY() : l.cellsY() + 1;
        len[2] = l.periodic(2) ? l.cellsZ() : l.cellsZ() + 1;
        count = len[0] * len[1] * len[2];
        x = new int[count * SLOTS];
        nb = new int[count * SLOTS];
        java.util.Arrays.fill(x, -1);
        java.util.Arrays.fill(nb, -1);
        ofX = new int[(l.sites() + 1) * 2];
        java.util.Arrays.fill(ofX, -1);
        surface = new boolean[count];
        int[] p = new int[3];
        int[] q = new int[3];
        for (int s = 0; s < l.sites(); s++) {
            if (!l.isActive(s)) continue;
            l.position(s, p);
            int k = s % 3;
            for (int side = 0; side < 2; side++) {
                System.arraycopy(p, 0, q, 0, 3);
                q[k] += side == 0 ? -1 : 1;
                int b = index(q);
                ofX[s * 2 + side] = b;
                // X site s is the +e_k slot of the octahedron below it and the −e_k slot of the one above
                x[b * SLOTS + 2 * k + (side == 0 ? 1 : 0)] = s;
            }
            int lo = ofX[s * 2], hi = ofX[s * 2 + 1];
            nb[lo * SLOTS + 2 * k + 1] = hi;
            nb[hi * SLOTS + 2 * k] = lo;
        }
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < SLOTS; i++) if (x[b * SLOTS + i] < 0) surface[b] = true;
        }
    }

    private int index(int[] q) {
        int[] c = new int[3];
        for (int a = 0; a < 3; a++) {
            int v = q[a] >> 1;
            c[a] = lattice.periodic(a) ? Math.floorMod(v, len[a]) : v;
        }
        return c[0] + len[0] * (c[1] + len[1] * c[2]);
    }

    public int count() {
        return count;
    }

    /** X site in slot i (0..5) of octahedron b, or −1 outside the crystal. */
    public int xSite(int b, int i) {
        return x[b * SLOTS + i];
    }

    /** Octahedron across slot i of b (sharing that X site), or −1. */
    public int neighbour(int b, int i) {
        return nb[b * SLOTS + i];
    }

    /** Octahedron i (0, 1) of X site s, or −1 for a padding site. */
    public int ofSite(int s, int i) {
        return ofX[s * 2 + i];
    }

    /** Whether b lies on an open face (misses an X site beyond it). */
    public boolean isSurface(int b) {
        return surface[b];
    }

    /** Position of octahedron b in half lattice constants (even coordinates). */
    public void position(int b, int[] out) {
        out[0] = 2 * (b % len[0]);
        out[1] = 2 * ((b / len[0]) % len[1]);
        out[2] = 2 * (b / (len[0] * len[1]));
    }
}
