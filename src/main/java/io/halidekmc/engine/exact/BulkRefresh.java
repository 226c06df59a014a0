package io.halidekmc.engine.exact;

import io.halidekmc.engine.HopKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;

/**
 * Every vacancy's 8 rates recomputed from the current tables at once, at a drive-grid point or
 * when a light-carrier term re-weighs them all: the kernel a GPU backend takes over (DESIGN §6),
 * then the factors that have no GPU twin yet (surface strain, carrier funnelling).
 */
final class BulkRefresh {
    private BulkRefresh() {}

    /** Fills r.rates and leaves each vacancy's sum in r.leafSums; the selector is the caller's. */
    static void run(VacancyRates r) {
        Occupancy occ = r.occ;
        int[] nb = r.lattice.neighbours();
        HopKernel.Factors f = r.factors;
        double[] rates = r.rates, leafSums = r.leafSums;
        if (r.fieldZ != null) {
            // a potential profile: the CPU kernels with per-half-layer field rows (no GPU twin yet)
            for (int id = 0; id < occ.vacancies; id++) {
                int v = occ.vacancySite[id];
                leafSums[id] = f.valid
                        ? HopKernel.vacancyRatesFactored(v, occ.counts, nb, r.off, f.fv, f.gh,
                        r.fieldZ, rates, id * Lattice.Z, r.layerSites3)
                        : HopKernel.vacancyRates(v, occ.counts, nb, r.table.base, r.fieldZ, r.table.mix,
                        rates, id * Lattice.Z, r.layerSites3);
            }
        } else if (f.valid) {
            r.rateBackend.refreshAllFactored(occ.vacancySite, occ.vacancies, occ.counts, nb,
                    r.off, f.fv, f.gh, r.table.field, rates, leafSums);
        } else {
            r.rateBackend.refreshAll(occ.vacancySite, occ.vacancies, occ.counts, nb,
                    r.table.base, r.table.field, r.table.mix, rates, leafSums);
        }
        if (r.surfaceStrain != null) {
            for (int id = 0; id < occ.vacancies; id++) {
                leafSums[id] = r.surfaceStrain.apply(occ.vacancySite[id], occ.counts, nb, rates, id * Lattice.Z);
            }
        }
        if (r.funnel != null) FunnelWeights.apply(r.funnel, occ, nb, rates, leafSums);
    }
}
