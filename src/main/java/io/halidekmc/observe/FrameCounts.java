package io.halidekmc.observe;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/**
 * The integer sums a {@link Frame} is made of, read from the packed words alone (each word holds
 * its site's species, its neighbours' species counts and the surface flag): the CPU twin of
 * {@code observe_counts} in kernels/sector_steps.cu, so an engine whose lattice lives on a GPU
 * sends 15 numbers per output frame instead of the lattice. Layout of the array: [0, 4) sites per
 * species code (vacancy, Cl, Br, I); [4, 13) halide pairs, 4 + 3·(a − Cl) + (b − Cl) for a halide a
 * with a neighbour b (each pair counted from both ends, as {@link Observer} does); [13] surface
 * halides; [14] surface iodides.
 */
public final class FrameCounts {
    private FrameCounts() {}

    public static final int LENGTH = 15;

    /** The sums over sites [0, sites) of packed words. */
    public static long[] of(int[] words, int sites) {
        long[] c = new long[LENGTH];
        for (int s = 0; s < sites; s++) add(words[s], c);
        return c;
    }

    static void add(int w, long[] c) {
        int a = w & Occupancy.SPECIES_MASK;
        if (a >= Species.COUNT) return;
        c[a]++;
        if (a == Species.VACANCY) return;
        int row = 4 + 3 * (a - Species.CL);
        for (int b = Species.CL; b <= Species.I; b++) c[row + b - Species.CL] += (w >>> (Occupancy.COUNT_SHIFT + 4 * b)) & 0xF;
        if ((w & Occupancy.SURFACE) != 0) {
            c[13]++;
            if (a == Species.I) c[14]++;
        }
    }
}
