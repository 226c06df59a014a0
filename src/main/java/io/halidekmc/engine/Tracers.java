package io.halidekmc.engine;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/** Unwrapped displacement of every halide, for tracer diffusion and drift. Half lattice constants. */
public final class Tracers {
    private final int[] atomAt;
    private final long[] displacement;
    private final byte[] kind;
    private final int atoms;

    public Tracers(Occupancy occ) {
        atomAt = new int[occ.species.length];
        int n = 0;
        for (int s = 0; s < occ.lattice.sites(); s++) {
            if (Species.isHalide(occ.species[s])) n++;
        }
        atoms = n;
        displacement = new long[3 * n];
        kind = new byte[n];
        n = 0;
        for (int s = 0; s < occ.species.length; s++) {
            if (s < occ.lattice.sites() && Species.isHalide(occ.species[s])) {
                kind[n] = occ.species[s];
                atomAt[s] = n++;
            } else {
                atomAt[s] = -1;
            }
        }
    }

    public void move(int from, int to, int dx, int dy, int dz) {
        int a = atomAt[from];
        atomAt[to] = a;
        atomAt[from] = -1;
        displacement[3 * a] += dx;
        displacement[3 * a + 1] += dy;
        displacement[3 * a + 2] += dz;
    }

    public int atoms() { return atoms; }

    /** Mean squared displacement of halides of the given species (or all when species < 0), half-constants². */
    public double meanSquaredDisplacement(int species) {
        double sum = 0;
        long n = 0;
        for (int a = 0; a < atoms; a++) {
            if (species >= 0 && kind[a] != species) continue;
            long dx = displacement[3 * a], dy = displacement[3 * a + 1], dz = displacement[3 * a + 2];
            sum += dx * dx + dy * dy + dz * dz;
            n++;
        }
        return sum / n;
    }

    /** Mean displacement along an axis, half lattice constants. */
    public double meanDisplacement(int axis) {
        double sum = 0;
        for (int a = 0; a < atoms; a++) sum += displacement[3 * a + axis];
        return sum / atoms;
    }
}
