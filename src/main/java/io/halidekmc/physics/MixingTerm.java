package io.halidekmc.physics;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/**
 * Nearest-neighbour pair energies between halides (regular solution on the X sublattice), the
 * origin of the miscibility gap (TARGETS C7). Vacancies and cut bonds carry no pair energy.
 *
 * <p>For a hop of halide X from h into the vacancy v, ΔE = Σ_s V(X,s)·(n_v(s) − n_h(s)) − V(X,X),
 * with n the neighbour counts before the hop: the −V(X,X) removes the bond to X itself, counted
 * at v. So the rate factor is a product of per-species table entries indexed by count differences.
 */
public record MixingTerm() implements EnergyTerm {

    @Override
    public String name() {
        return "mixing";
    }

    @Override
    public void contribute(RateTable table, Material m, Conditions c) {
        double kT = c.kT();
        double[][] v = m.pairEnergies();
        for (int x = Species.CL; x <= Species.I; x++) {
            table.base[x] *= Math.exp(v[x][x] / (2 * kT));
            for (int s = Species.CL; s <= Species.I; s++) {
                for (int d = -8; d <= 8; d++) {
                    table.mix[RateTable.mixIndex(x, s, d)] *= Math.exp(-v[x][s] * d / (2 * kT));
                }
            }
        }
    }

    @Override
    public double hopDelta(Occupancy o, int v, int j, Material m, Conditions c) {
        int[] nb = o.lattice.neighbours();
        int h = nb[v * Lattice.Z + j];
        int x = o.species[h];
        double[][] pair = m.pairEnergies();
        double before = 0;
        double after = 0;
        for (int i = 0; i < Lattice.Z; i++) {
            int nh = nb[h * Lattice.Z + i];
            if (nh != v) before += pair(pair, x, o.species[nh]);
            int nv = nb[v * Lattice.Z + i];
            if (nv != h) after += pair(pair, x, o.species[nv]);
        }
        return after - before;
    }

    @Override
    public double total(Occupancy o, Material m, Conditions c) {
        int[] nb = o.lattice.neighbours();
        double[][] pair = m.pairEnergies();
        double e = 0;
        for (int s = 0; s < o.lattice.sites(); s++) {
            for (int i = 0; i < Lattice.Z; i++) {
                e += pair(pair, o.species[s], o.species[nb[s * Lattice.Z + i]]);
            }
        }
        return e / 2;
    }

    private static double pair(double[][] v, int a, int b) {
        return Species.isHalide(a) && Species.isHalide(b) ? v[a][b] : 0;
    }
}
