package io.halidekmc.engine.exact;

import io.halidekmc.engine.event.SourceEvents;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;

import java.util.Arrays;

/**
 * The {@link SourceEvents} registered with one engine, consulted in registration order, and the
 * lattice side of firing one: the site's species, the vacancy list and the hop rates around it.
 * The loops here run once per trial or event, not per rate update; with no source registered
 * the hop path sees an empty array.
 */
final class EventSources {
    private final Occupancy occ;
    private final VacancyRates rates;
    private SourceEvents[] list = new SourceEvents[0];
    /** Source events fired so far. */
    long fired;

    EventSources(Occupancy occ, VacancyRates rates) {
        this.occ = occ;
        this.rates = rates;
    }

    void register(SourceEvents s) {
        list = Arrays.copyOf(list, list.length + 1);
        list[list.length - 1] = s;
    }

    /** Σ of the sources' totals, summed from the first (one source: its total exactly). */
    double total() {
        int n = list.length;
        if (n == 0) return 0;
        double t = list[0].total();
        for (int i = 1; i < n; i++) t += list[i].total();
        return t;
    }

    /**
     * Fires the event at u ∈ [0, total()); false after a rounding miss. The last source takes
     * whatever lies past the others, as a miss inside it is caught by its own select.
     */
    boolean fire(double u) {
        int last = list.length - 1;
        if (last < 0) return false;
        for (int i = 0; i < last; i++) {
            double t = list[i].total();
            if (u < t) return fire(list[i], u);
            u -= t;
        }
        return fire(list[last], u);
    }

    private boolean fire(SourceEvents source, double u) {
        if (!source.select(u)) return false;
        if (source.selectedKind() == SourceEvents.PHASE) {
            source.fired(SourceEvents.PHASE, Species.VACANCY);
            for (int i = 0; i < source.changedCount(); i++) {
                int c = source.changedSite(i);
                rates.refreshAround(c);
                for (SourceEvents e : list) if (e != source) e.touchAround(c);
            }
            fired++;
            return true;
        }
        int s = source.selectedSite();
        int x = source.selectedHalide();
        int kind = source.selectedKind();
        if (kind != SourceEvents.REFILL) {
            occ.setSpecies(s, Species.VACANCY);
            rates.addVacancy(s);
        } else {
            rates.removeVacancy(occ.vacancyAt[s]);
            occ.setSpecies(s, x);
        }
        source.fired(kind, x);
        rates.refreshAround(s);
        touchAround(s);
        fired++;
        return true;
    }

    /** A hop moved a vacancy from one site to another: both sites and their neighbours carry changed words. */
    void hopped(int to, int from) {
        for (SourceEvents s : list) {
            s.touchAround(to);
            s.touchAround(from);
        }
    }

    private void touchAround(int s) {
        for (SourceEvents e : list) e.touchAround(s);
    }

    void setConditions(Conditions c) {
        for (SourceEvents s : list) s.setConditions(c);
    }
}
