package io.halidekmc.engine.sector;

import io.halidekmc.lattice.Lattice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How a lattice is cut into sectors for synchronous-sublattice KMC (the sector engines, DESIGN §5):
 * the stored cell layers along each axis cut into {@code b} slabs (cell x goes to slab
 * ⌊x·b/L⌋), b_x·b_y·b_z box-shaped sectors, a sector's colour the parity of its three slab
 * indices; a site belongs to the sector of its cell. Every slab is at least
 * {@link SectorEngine#MIN_SECTOR_CELLS} cells wide and on a periodic axis b is 1 or even, so two
 * sectors that touch (also across the periodic seam) always differ in colour. Immutable.
 */
public final class SectorGrid {
    /** Stored cell layers per axis (periodic: the cells; open: cells + 1). */
    public final int[] layers;
    public final int[] blocks;
    /** Sector of each site (−1 for the sink). */
    public final int[] sectorOf;
    /** Sector ids of each colour, ascending. */
    public final int[][] colourSectors;
    /** All sector ids in phase order (colour, then id). */
    final int[] order;
    /** Per sector: the position of its colour in the sweep. */
    final int[] rank;
    /** Per sector: the touching sectors of earlier colours, ascending. */
    final int[][] before;
    /** Per sector: the touching sectors of later colours. */
    final int[][] after;
    /** Per sector: all touching sectors, ascending. */
    public final int[][] touching;
    private final boolean[] periodic;

    /** @param blocks sectors along x, y, z, or null for {@link SectorBlocks#auto} */
    public SectorGrid(Lattice lattice, int[] blocks) {
        layers = layers(lattice);
        periodic = new boolean[] {lattice.periodic(0), lattice.periodic(1), lattice.periodic(2)};
        this.blocks = blocks != null ? blocks.clone() : SectorBlocks.auto(layers);
        String problem = SectorBlocks.problem(this.blocks, layers, periodic);
        if (problem != null) throw new IllegalArgumentException(problem);
        int nSectors = count();
        sectorOf = new int[lattice.sites() + 1];
        for (int s = 0; s < lattice.sites(); s++) sectorOf[s] = sectorOfSite(s);
        sectorOf[lattice.sink()] = -1;
        List<List<Integer>> byColour = new ArrayList<>();
        for (int c = 0; c < 8; c++) byColour.add(new ArrayList<>());
        for (int id = 0; id < nSectors; id++) byColour.get(colour(id)).add(id);
        colourSectors = byColour.stream().filter(l -> !l.isEmpty())
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        order = Arrays.stream(colourSectors).flatMapToInt(Arrays::stream).toArray();
        rank = new int[nSectors];
        for (int c = 0; c < colourSectors.length; c++) for (int id : colourSectors[c]) rank[id] = c;
        before = new int[nSectors][];
        after = new int[nSectors][];
        touching = new int[nSectors][];
        for (int a = 0; a < nSectors; a++) {
            List<Integer> early = new ArrayList<>(), late = new ArrayList<>();
            for (int b : touchingOf(a)) {
                if (rank[b] < rank[a]) early.add(b);
                else if (rank[b] > rank[a]) late.add(b);
                else throw new IllegalStateException("sectors " + a + " and " + b + " of one colour touch");
            }
            before[a] = early.stream().mapToInt(Integer::intValue).toArray();
            after[a] = late.stream().mapToInt(Integer::intValue).toArray();
            touching[a] = IntStream.concat(Arrays.stream(before[a]), Arrays.stream(after[a])).sorted().toArray();
        }
    }

    /**
     * Per site: whether a site of another sector or the sink is at most {@code steps} neighbour
     * steps away (the first such site on a shortest path is reached through the site's own sector).
     */
    boolean[] nearBorder(Lattice lattice, int steps) {
        int sites = lattice.sites();
        int[] nb = lattice.neighbours();
        boolean[] within = new boolean[sites + 1];
        for (int k = 1; k <= steps; k++) {
            boolean[] next = new boolean[sites + 1];
            for (int s = 0; s < sites; s++) {
                int own = sectorOf[s];
                for (int i = 0; i < Lattice.Z; i++) {
                    int m = nb[s * Lattice.Z + i];
                    if (sectorOf[m] != own || within[m]) {
                        next[s] = true;
                        break;
                    }
                }
            }
            within = next;
        }
        return within;
    }

    static int[] layers(Lattice lattice) {
        int[] layers = new int[3];
        for (int a = 0; a < 3; a++) {
            int cells = a == 0 ? lattice.cellsX() : a == 1 ? lattice.cellsY() : lattice.cellsZ();
            layers[a] = lattice.periodic(a) ? cells : cells + 1;
        }
        return layers;
    }

    /** The sector of site s (not the sink), from its cell's slab indices. */
    int sectorOfSite(int s) {
        int cell = s / 3;
        int x = cell % layers[0];
        int y = (cell / layers[0]) % layers[1];
        int z = cell / (layers[0] * layers[1]);
        int ix = (int) ((long) x * blocks[0] / layers[0]);
        int iy = (int) ((long) y * blocks[1] / layers[1]);
        int iz = (int) ((long) z * blocks[2] / layers[2]);
        return ix + blocks[0] * (iy + blocks[1] * iz);
    }

    public int count() {
        return blocks[0] * blocks[1] * blocks[2];
    }

    /** Colour 0..7 of sector id: the parities of its slab indices. */
    int colour(int id) {
        int ix = id % blocks[0], iy = (id / blocks[0]) % blocks[1], iz = id / (blocks[0] * blocks[1]);
        return (ix & 1) | (iy & 1) << 1 | (iz & 1) << 2;
    }

    /**
     * The sectors that touch sector a, ascending: those whose slabs are equal or next to a's along
     * every axis (also across a periodic seam), found among the 26 around it rather than by
     * testing every sector (a GPU-sized box has tens of thousands).
     */
    int[] touchingOf(int a) {
        int[] ia = {a % blocks[0], (a / blocks[0]) % blocks[1], a / (blocks[0] * blocks[1])};
        java.util.TreeSet<Integer> found = new java.util.TreeSet<>();
        int[] q = new int[3];
        for (int d = 0; d < 27; d++) {
            boolean inside = true;
            for (int x = 0; x < 3; x++) {
                q[x] = ia[x] + (x == 0 ? d % 3 : x == 1 ? d / 3 % 3 : d / 9) - 1;
                if (q[x] < 0 || q[x] >= blocks[x]) {
                    if (periodic[x]) q[x] = Math.floorMod(q[x], blocks[x]);
                    else inside = false;
                }
            }
            int b = q[0] + blocks[0] * (q[1] + blocks[1] * q[2]);
            if (inside && b != a) found.add(b);
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether sectors a and b touch: their slabs are equal or next to each other along every axis
     * (also across a periodic seam). The definition {@link #touchingOf} enumerates (SectorGridTest
     * checks one against the other).
     */
    boolean touch(int a, int b) {
        int[] ia = {a % blocks[0], (a / blocks[0]) % blocks[1], a / (blocks[0] * blocks[1])};
        int[] ib = {b % blocks[0], (b / blocks[0]) % blocks[1], b / (blocks[0] * blocks[1])};
        for (int x = 0; x < 3; x++) {
            int d = Math.abs(ia[x] - ib[x]);
            if (d > 1 && !(periodic[x] && d == blocks[x] - 1)) return false;
        }
        return true;
    }
}
