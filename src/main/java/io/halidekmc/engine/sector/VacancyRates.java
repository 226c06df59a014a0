package io.halidekmc.engine.sector;

import io.halidekmc.engine.HopKernel;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.RateTable;

import java.util.List;

/**
 * The hop rates of the {@link SectorEngine}: the tables of the current drive point and, per
 * vacancy id, its 8 cached hop rates ({@link HopKernel}: factored where the energy terms allow,
 * else from the full table). A vacancy id's rates are written only by the sector that holds it.
 */
final class VacancyRates {
    final RateTable table = new RateTable();
    final HopKernel.Factors factors = new HopKernel.Factors();
    /** Per vacancy id: its 8 hop rates. */
    final double[] rates;
    private final Occupancy occ;
    private final int[] nb;
    private final int[] off;

    VacancyRates(Occupancy occ) {
        this.occ = occ;
        this.nb = occ.lattice.neighbours();
        this.off = occ.lattice.regularOffsets();
        this.rates = new double[Math.max(1, occ.vacancies) * Lattice.Z];
    }

    /** Rebuilds the tables for new conditions; the cached rates are stale until recomputed. */
    void build(Material material, List<EnergyTerm> terms, Conditions conditions) {
        table.build(material, terms, conditions);
        factors.build(table);
    }

    /** Rates of vacancy id into {@link #rates}; returns their sum. */
    double recompute(int id) {
        return ratesAt(occ.vacancySite[id], rates, id * Lattice.Z);
    }

    /** The 8 hop rates of a vacancy at site into out[o ..]; returns their sum. */
    double ratesAt(int site, double[] out, int o) {
        return factors.valid
                ? HopKernel.vacancyRatesFactored(site, occ.counts, nb, off, factors.fv, factors.gh, table.field, out, o)
                : HopKernel.vacancyRates(site, occ.counts, nb, table.base, table.field, table.mix, out, o);
    }

    /** Total hop rate Σ over all vacancies, freshly computed (O(vacancies)). */
    double total() {
        double sum = 0;
        for (int id = 0; id < occ.vacancies; id++) sum += recompute(id);
        return sum;
    }
}
