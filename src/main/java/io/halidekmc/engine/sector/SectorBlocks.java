package io.halidekmc.engine.sector;

/**
 * How many sectors along each axis ({@link SectorGrid}): the automatic choice, and why a given
 * choice does not fit a lattice. The rules are the ones the border argument of
 * {@link SectorEngine} rests on: slabs at least {@link #MIN_SECTOR_CELLS} wide, and 1 or an even
 * count on a periodic axis, so that sectors that touch differ in colour.
 */
final class SectorBlocks {
    /** Narrowest slab allowed, cells: two same-colour sectors are then ≥ 2 cells apart (see {@link SectorEngine}). */
    static final int MIN_SECTOR_CELLS = 2;
    /** Slab width the automatic split aims at, cells. */
    static final int AUTO_SECTOR_CELLS = 8;

    private SectorBlocks() {}

    /** Sectors per axis: slabs of about {@link #AUTO_SECTOR_CELLS} cells, an even count, or 1 where too thin to split. */
    static int[] auto(int[] layers) {
        int[] b = new int[3];
        for (int a = 0; a < 3; a++) {
            int n = 2 * (layers[a] / (2 * AUTO_SECTOR_CELLS));
            if (n < 2) n = layers[a] >= 2 * MIN_SECTOR_CELLS ? 2 : 1;
            b[a] = n;
        }
        return b;
    }

    /**
     * Why sector counts b do not fit a lattice of the given stored cell layers per axis (periodic:
     * the cell count; open: cells + 1), or null when they do.
     */
    static String problem(int[] b, int[] layers, boolean[] periodic) {
        for (int a = 0; a < 3; a++) {
            String axis = "xyz".substring(a, a + 1);
            if (b[a] < 1) return "sector blocks along " + axis + " must be ≥ 1";
            if (b[a] > 1 && layers[a] / b[a] < MIN_SECTOR_CELLS) {
                return "sector blocks along " + axis + ": " + b[a] + " slabs of " + layers[a]
                        + " cell layers are thinner than " + MIN_SECTOR_CELLS + " cells";
            }
            if (b[a] > 1 && periodic[a] && b[a] % 2 != 0) {
                return "sector blocks along periodic " + axis + " must be 1 or even, got " + b[a];
            }
        }
        return null;
    }
}
