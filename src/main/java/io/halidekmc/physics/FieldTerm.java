package io.halidekmc.physics;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

/**
 * A uniform applied field along z. Charges are relative to the perfect lattice: a halide −1, a
 * vacancy +1, so a hop changes the energy once, by the halide's move: ΔE = e·E·(z_v − z_h).
 * In a periodic box this is the tilted washboard: ΔE per hop is well defined, the total is not,
 * so {@link #total} is meaningful only along an open z axis.
 */
public record FieldTerm() implements EnergyTerm {

    @Override
    public String name() {
        return "field";
    }

    @Override
    public void contribute(RateTable table, Material m, Conditions c) {
        double halfA = m.latticeConstant() * 1e-10 / 2;
        for (int dz = -1; dz <= 1; dz++) {
            // slot offset dz points from v to h; the halide moves by −dz half-constants
            double dE = c.field() * halfA * (-dz);
            table.field[dz + 1] *= Math.exp(-dE / (2 * c.kT()));
        }
    }

    @Override
    public double hopDelta(Occupancy o, int v, int j, Material m, Conditions c) {
        // the slot's own offset, not a difference of positions, so a hop across a periodic z face is right
        double halfA = m.latticeConstant() * 1e-10 / 2;
        return -c.field() * halfA * Lattice.offset(v % 3, j, 2);
    }

    @Override
    public double total(Occupancy o, Material m, Conditions c) {
        double halfA = m.latticeConstant() * 1e-10 / 2;
        double e = 0;
        for (int s = 0; s < o.lattice.sites(); s++) {
            if (Species.isHalide(o.species[s])) e += c.field() * halfA * o.lattice.zHalf(s);
        }
        return e;
    }
}
