package io.halidekmc.lattice;

/**
 * A slab of the sample along z with its own initial composition.
 *
 * @param fromZ     first cell layer (inclusive)
 * @param toZ       last cell layer (exclusive)
 * @param fractions halide fractions indexed by species code (Cl, Br, I at 1..3), summing to 1
 */
public record Segment(int fromZ, int toZ, double[] fractions) {
    public Segment {
        if (fromZ < 0 || toZ <= fromZ) throw new IllegalArgumentException("segment needs 0 <= from < to");
        double sum = 0;
        for (int s = Species.CL; s <= Species.I; s++) {
            if (fractions[s] < 0) throw new IllegalArgumentException("negative fraction");
            sum += fractions[s];
        }
        if (Math.abs(sum - 1) > 1e-6) throw new IllegalArgumentException("fractions sum to " + sum + ", not 1");
    }
}
