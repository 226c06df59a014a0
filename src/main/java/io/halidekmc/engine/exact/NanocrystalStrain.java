package io.halidekmc.engine.exact;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Strain;

/**
 * One nanocrystal's strain ({@link Strain}) as the exact engine applies it: the collective
 * elastic energy enters the surface exchange rates only (the events that change the lattice
 * composition), the surface site energies every hop between a surface and an interior site.
 */
final class NanocrystalStrain {
    final Strain.Nc nc;
    /** Surface-strain hop factors exp(∓E_X/2kT) by species code: onto a surface site from the interior, and back. */
    private final double[] toSurface, fromSurface;

    NanocrystalStrain(Strain.Nc nc, double kT) {
        this.nc = nc;
        if (nc.hasSurfaceTerm()) {
            toSurface = new double[Species.COUNT + 1];
            fromSurface = new double[Species.COUNT + 1];
            rebuild(kT);
        } else {
            toSurface = fromSurface = null;
        }
    }

    /** Whether hop rates carry surface factors (otherwise nothing on the hop path changes). */
    boolean hasSurfaceTerm() {
        return toSurface != null;
    }

    /** New temperature: the surface factors. */
    void rebuild(double kT) {
        for (int x = Species.CL; x <= Species.I; x++) {
            double e = nc.surfaceSiteEnergy()[x];
            toSurface[x] = Math.exp(-e / (2 * kT));
            fromSurface[x] = Math.exp(e / (2 * kT));
        }
    }

    /**
     * Multiplies the surface-strain factor into the 8 rates of the vacancy at v (rates[o..o+8),
     * just recomputed without it) and returns their sum: a hop of X from h into v changes the
     * energy by E_X·(S(v) − S(h)).
     */
    double apply(int v, int[] w, int[] nb, double[] rates, int o) {
        int sv = w[v] & Occupancy.SURFACE;
        double sum = 0;
        for (int j = 0; j < Lattice.Z; j++) {
            double r = rates[o + j];
            if (r > 0) {
                int wh = w[nb[v * Lattice.Z + j]];
                if ((wh & Occupancy.SURFACE) != sv) {
                    r *= sv != 0 ? toSurface[wh & Occupancy.SPECIES_MASK] : fromSurface[wh & Occupancy.SPECIES_MASK];
                    rates[o + j] = r;
                }
            }
            sum += r;
        }
        return sum;
    }
}
