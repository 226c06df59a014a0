package io.halidekmc.engine.exact;

import io.halidekmc.engine.HopKernel;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.RateTable;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.List;

/**
 * The naive baseline the benchmarks compare against: the same rates, but the total is re-summed
 * and the event found by an O(n) linear scan over all vacancies, and after each hop every vacancy
 * within two neighbour shells is recomputed by walking the shells. Constant drive only.
 */
public final class LinearScanEngine {
    private final Occupancy occ;
    private final RateTable table = new RateTable();
    private final UniformRandomProvider rng;
    private final double[] rates;
    private final double[] sums;
    private double time;
    private long events;

    public LinearScanEngine(Occupancy occ, Material material, List<EnergyTerm> terms, Conditions conditions,
                            UniformRandomProvider rng) {
        this.occ = occ;
        this.rng = rng;
        table.build(material, terms, conditions);
        rates = new double[Math.max(1, occ.vacancies) * Lattice.Z];
        sums = new double[Math.max(1, occ.vacancies)];
        int[] nb = occ.lattice.neighbours();
        HopKernel.refreshAll(occ.vacancySite, occ.vacancies, occ.counts, nb, table.base, table.field, table.mix, rates, sums);
    }

    public long advance(long maxEvents) {
        int[] nb = occ.lattice.neighbours();
        for (long e = 0; e < maxEvents; e++) {
            double total = 0;
            for (int id = 0; id < occ.vacancies; id++) total += sums[id];
            if (!(total > 0)) return e;
            time += -Math.log1p(-rng.nextDouble()) / total;
            double u = rng.nextDouble() * total;
            int id = 0;
            while (id < occ.vacancies - 1 && u >= sums[id]) {
                u -= sums[id];
                id++;
            }
            int j = 0;
            while (j < Lattice.Z - 1 && (u >= rates[id * Lattice.Z + j] || rates[id * Lattice.Z + j] == 0)) {
                u -= rates[id * Lattice.Z + j];
                j++;
            }
            if (rates[id * Lattice.Z + j] == 0) continue;
            int v = occ.vacancySite[id];
            int h = nb[v * Lattice.Z + j];
            occ.hop(v, h);
            recomputeShells(v, nb);
            recomputeShells(h, nb);
            events++;
        }
        return maxEvents;
    }

    private void recomputeShells(int c, int[] nb) {
        for (int i = 0; i < Lattice.Z; i++) {
            int a = nb[c * Lattice.Z + i];
            recomputeIfVacancy(a);
            for (int k = 0; k < Lattice.Z; k++) {
                int b = nb[a * Lattice.Z + k];
                recomputeIfVacancy(b);
                for (int m = 0; m < Lattice.Z; m++) recomputeIfVacancy(nb[b * Lattice.Z + m]);
            }
        }
    }

    private void recomputeIfVacancy(int s) {
        if (occ.species[s] != Species.VACANCY) return;
        int id = occ.vacancyAt[s];
        sums[id] = HopKernel.vacancyRates(s, occ.counts, occ.lattice.neighbours(), table.base, table.field,
                table.mix, rates, id * Lattice.Z);
    }

    /** Current total rate, re-summed. */
    public double totalRate() {
        double total = 0;
        for (int id = 0; id < occ.vacancies; id++) total += sums[id];
        return total;
    }

    public double time() { return time; }
    public long events() { return events; }
}
