package io.halidekmc.lattice;

import java.util.Arrays;

/**
 * The anion sublattice of a cubic ABX3 perovskite: three X sites per cubic cell at the B–B edge
 * midpoints, each with 8 X neighbours at a/√2 along the octahedron edges (DESIGN §2).
 *
 * <p>Sites are numbered {@code 3 * cell + k}, {@code cell = x + nx*(y + ny*z)}, where k is the axis
 * of the B–B edge the site sits on. With this plain order nearly every site's neighbours are at
 * fixed index differences ({@link #regularOffsets()}), so hot loops compute them instead of
 * reading the neighbour table (measured: faster than a brick-blocked order that needs the table
 * at every brick seam). Positions are in half lattice constants: site k of cell
 * (x,y,z) sits at 2(x,y,z) + e_k. Along an open axis of n cells the box holds n+1 cell layers so
 * that the closing face of octahedra is complete (every B of an n-cell cube has its 6 X); sites
 * beyond the face are marked {@link Species#WALL} for good. Every cut bond points at one shared
 * sink site (index {@link #sink()}), also WALL, so hot loops need no bounds checks.
 */
public final class Lattice {
    public static final int Z = 8;

    /** Neighbour displacements in half lattice constants, per sublattice k, slot j: [k][j][axis]. */
    private static final int[][][] OFFSETS = buildOffsets();

    private final int cellsX, cellsY, cellsZ;      // physical edge lengths in cells
    private final int nx, ny, nz;                  // cell layers stored (n or n+1 on open axes)
    private final boolean[] periodic;
    private final int sites;                       // stored sites, WALL ones included
    private final int[] neighbours;                // (sites + 1) * 8; the last row is the sink's
    private final byte[] flags;                    // SURFACE / CONTACT bits per site
    private final int activeSites;

    public static final byte SURFACE = 1;
    public static final byte CONTACT_LOW = 2;
    public static final byte CONTACT_HIGH = 4;

    public Lattice(int cellsX, int cellsY, int cellsZ, boolean periodicX, boolean periodicY, boolean periodicZ) {
        if (cellsX < 1 || cellsY < 1 || cellsZ < 1) {
            throw new IllegalArgumentException("lattice needs at least one cell along every axis");
        }
        if ((periodicX && cellsX < 2) || (periodicY && cellsY < 2) || (periodicZ && cellsZ < 2)) {
            throw new IllegalArgumentException("a periodic axis needs at least 2 cells, or a site would be its own neighbour");
        }
        this.cellsX = cellsX;
        this.cellsY = cellsY;
        this.cellsZ = cellsZ;
        this.periodic = new boolean[] {periodicX, periodicY, periodicZ};
        this.nx = periodicX ? cellsX : cellsX + 1;
        this.ny = periodicY ? cellsY : cellsY + 1;
        this.nz = periodicZ ? cellsZ : cellsZ + 1;
        long n = 3L * nx * ny * nz;
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("lattice too large: " + n + " sites");
        }
        this.sites = (int) n;
        this.neighbours = new int[(sites + 1) * Z];
        this.flags = new byte[sites + 1];
        Arrays.fill(neighbours, sites);
        int active = 0;
        int[] len = {nx, ny, nz};
        int[] edge = {cellsX, cellsY, cellsZ};
        int[] p = new int[3];
        int[] q = new int[3];
        for (int s = 0; s < sites; s++) {
            position(s, p);
            if (!inside(p, edge)) {
                continue;
            }
            active++;
            int k = s % 3;
            boolean surface = false;
            for (int j = 0; j < Z; j++) {
                boolean cut = false;
                for (int a = 0; a < 3; a++) {
                    int c = p[a] + OFFSETS[k][j][a];
                    int span = 2 * len[a];
                    if (periodic[a]) {
                        c = Math.floorMod(c, span);
                    } else if (c < 0 || c > 2 * edge[a]) {
                        cut = true;
                    }
                    q[a] = c;
                }
                if (cut) {
                    surface = true;
                } else {
                    neighbours[s * Z + j] = siteAt(q);
                }
            }
            byte f = surface ? SURFACE : 0;
            if (!periodicZ && p[2] == 0) f |= CONTACT_LOW;
            if (!periodicZ && p[2] == 2 * cellsZ) f |= CONTACT_HIGH;
            flags[s] = f;
        }
        this.activeSites = active;
        this.regularOffsets = majorityOffsets();
    }

    /**
     * Per (k, j), the index difference nb[s·8+j] − s that most sites of sublattice k share
     * (Boyer–Moore majority vote over the active sites). Sites whose 8 neighbours all sit at
     * these differences ({@link #isRegular}) let hot loops compute neighbours as s + offset instead
     * of reading the 32-byte table row, the largest array of a run.
     */
    private int[] majorityOffsets() {
        int[] d = new int[3 * Z];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < Z; j++) {
                int cand = 0;
                int votes = 0;
                for (int s = k; s < sites; s += 3) {
                    int n = neighbours[s * Z + j];
                    if (n == sites) continue;
                    int diff = n - s;
                    if (votes == 0) {
                        cand = diff;
                        votes = 1;
                    } else if (diff == cand) {
                        votes++;
                    } else {
                        votes--;
                    }
                }
                d[k * Z + j] = cand;
            }
        }
        return d;
    }

    private final int[] regularOffsets;

    /** [k·8 + j]: the neighbour index difference shared by regular sites, see {@link #isRegular}. */
    public int[] regularOffsets() {
        return regularOffsets.clone();
    }

    /** Whether every neighbour of site s is at s + regularOffsets[k·8 + j] (no cut bond, wrap or brick seam). */
    public boolean isRegular(int s) {
        if (s >= sites) return false;
        int k = s % 3;
        for (int j = 0; j < Z; j++) {
            if (neighbours[s * Z + j] != s + regularOffsets[k * Z + j]) return false;
        }
        return true;
    }

    private boolean inside(int[] p, int[] edge) {
        for (int a = 0; a < 3; a++) {
            if (!periodic[a] && p[a] > 2 * edge[a]) {
                return false;
            }
        }
        return true;
    }

    private int siteAt(int[] q) {
        int k = (q[0] & 1) == 1 ? 0 : (q[1] & 1) == 1 ? 1 : 2;
        int x = q[0] >> 1, y = q[1] >> 1, z = q[2] >> 1;
        return 3 * (x + nx * (y + ny * z)) + k;
    }

    /**
     * The crystal site at (hx, hy, hz) half lattice constants, or −1 where none is: not exactly one
     * odd coordinate (a cell corner, face or centre), outside the stored layers, or WALL padding.
     * The inverse of {@link #position}, for configurations read from files.
     */
    public int siteAtHalf(int hx, int hy, int hz) {
        int odd = (hx & 1) + (hy & 1) + (hz & 1);
        if (odd != 1 || hx < 0 || hy < 0 || hz < 0 || hx >= 2 * nx || hy >= 2 * ny || hz >= 2 * nz) return -1;
        int s = siteAt(new int[] {hx, hy, hz});
        return isActiveFast(s) ? s : -1;
    }

    /** Position of site s in half lattice constants. */
    public void position(int s, int[] out) {
        int k = s % 3;
        int cell = s / 3;
        int x = cell % nx;
        int y = (cell / nx) % ny;
        int z = cell / (nx * ny);
        out[0] = 2 * x + (k == 0 ? 1 : 0);
        out[1] = 2 * y + (k == 1 ? 1 : 0);
        out[2] = 2 * z + (k == 2 ? 1 : 0);
    }

    /** z coordinate of site s in half lattice constants. */
    public int zHalf(int s) {
        return 2 * (s / 3 / (nx * ny)) + (s % 3 == 2 ? 1 : 0);
    }

    /** Displacement component of neighbour slot j of a site on sublattice k, in half lattice constants. */
    public static int offset(int k, int j, int axis) {
        return OFFSETS[k][j][axis];
    }

    /**
     * Whether slots i and j of one site point at sites that are themselves neighbours: the two
     * common neighbours of a hopping pair, whose vacancy count includes the pair's own vacancy.
     */
    public static boolean slotsAdjacent(int k, int i, int j) {
        if (i == j) return false;
        int d2 = 0;
        for (int a = 0; a < 3; a++) {
            int d = OFFSETS[k][i][a] - OFFSETS[k][j][a];
            d2 += d * d;
        }
        return d2 == 2;
    }

    private static int[][][] buildOffsets() {
        int[][][] off = new int[3][Z][];
        for (int k = 0; k < 3; k++) {
            int j = 0;
            for (int m = 0; m < 3; m++) {
                if (m == k) continue;
                for (int sk = -1; sk <= 1; sk += 2) {
                    for (int sm = -1; sm <= 1; sm += 2) {
                        int[] d = new int[3];
                        d[k] = sk;
                        d[m] = sm;
                        off[k][j++] = d;
                    }
                }
            }
        }
        return off;
    }

    public int sites() { return sites; }
    public int activeSites() { return activeSites; }

    /** The active sites in index order (small lattices: exact enumerations in the tests). */
    public int[] activeSiteList() {
        int[] a = new int[activeSites];
        int n = 0;
        for (int s = 0; s < sites(); s++) if (isActive(s)) a[n++] = s;
        return a;
    }
    public int sink() { return sites; }
    public int[] neighbours() { return neighbours; }
    public byte[] flags() { return flags; }
    public int cellsX() { return cellsX; }
    public int cellsY() { return cellsY; }
    public int cellsZ() { return cellsZ; }
    public int layersZ() { return nz; }
    public boolean periodic(int axis) { return periodic[axis]; }

    /** True for a site that belongs to the crystal (not WALL padding). */
    public boolean isActive(int s) {
        return s < sites && isActiveFast(s);
    }

    boolean isActiveFast(int s) {
        int[] p = new int[3];
        position(s, p);
        return inside(p, new int[] {cellsX, cellsY, cellsZ});
    }

    /** Bytes per stored site held by the lattice itself (neighbour table and flags). */
    public static int bytesPerSite() {
        return Z * Integer.BYTES + 1;
    }
}
