package io.halidekmc.engine.exact;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.FunnelState;

/**
 * Carrier funnelling / polaron weights on the hop rates ({@link FunnelState}): the carrier free
 * energy depends on the whole composition, so each hop re-weighs every rate (O(vacancies) per
 * hop, meant for the small funnelling problems).
 */
final class FunnelWeights {
    private FunnelWeights() {}

    /** Multiplies each hop's funnel factor into rates and leaves each vacancy's new sum in leafSums. */
    static void apply(FunnelState funnel, Occupancy occ, int[] nb, double[] rates, double[] leafSums) {
        for (int id = 0; id < occ.vacancies; id++) {
            int v = occ.vacancySite[id];
            double sum = 0;
            for (int j = 0; j < Lattice.Z; j++) {
                int k = id * Lattice.Z + j;
                if (rates[k] > 0) {
                    int h = nb[v * Lattice.Z + j];
                    rates[k] *= funnel.factor(v, h, occ.species[h]);
                }
                sum += rates[k];
            }
            leafSums[id] = sum;
        }
    }
}
