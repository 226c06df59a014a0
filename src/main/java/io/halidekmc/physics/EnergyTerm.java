package io.halidekmc.physics;

import io.halidekmc.lattice.Occupancy;

/**
 * One switchable contribution to the configuration energy. Each term does two things: it folds
 * its share of every hop's ΔE into the rate tables the kernel reads (fast path), and it computes
 * that ΔE, and the total energy, from scratch (the reference the fast path is tested against).
 */
public sealed interface EnergyTerm permits MixingTerm, FieldTerm {

    String name();

    /** Multiplies this term's factor exp(−ΔE/2kT) into the tables. */
    void contribute(RateTable table, Material material, Conditions conditions);

    /** ΔE, eV, of the hop that moves the halide at the site behind slot j of vacancy site v into v. */
    double hopDelta(Occupancy occupancy, int v, int j, Material material, Conditions conditions);

    /** Total energy of the configuration, eV (defined up to a constant). */
    double total(Occupancy occupancy, Material material, Conditions conditions);
}
