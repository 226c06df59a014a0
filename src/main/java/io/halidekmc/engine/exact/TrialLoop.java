package io.halidekmc.engine.exact;

import io.halidekmc.engine.PhiloxBlock;
import io.halidekmc.engine.SumTree;
import io.halidekmc.lattice.Occupancy;

/**
 * The exact engine's clock and its two selection loops, one per {@link ExactEngine.Selection}.
 * Each trial draws one Philox block: u0 the waiting time, u1 the event, over the hops' total and
 * the sources' total ({@link EventSources}, below the hops). A waiting time that would cross a
 * drive-grid point, an output time or the end is discarded and redrawn from there, exact because
 * waiting times are memoryless.
 */
final class TrialLoop {
    private final Occupancy occ;
    private final VacancyRates rates;
    private final EventSources sources;
    private final DrivePieces drive;
    private final PhiloxBlock rng;
    double time;
    long events;
    long trials;

    TrialLoop(VacancyRates rates, EventSources sources, DrivePieces drive, PhiloxBlock rng) {
        this.occ = rates.occ;
        this.rates = rates;
        this.sources = sources;
        this.drive = drive;
        this.rng = rng;
    }

    /** Runs until tStop or maxEvents events (hops and source events), whichever first; returns the events fired. */
    long advance(double tStop, long maxEvents) {
        long fired = rates.tree != null ? advanceTree(tStop, maxEvents) : advanceClasses(tStop, maxEvents);
        // stopping exactly on a drive change: enter the new piece now, so conditions() and the
        // rates read between calls (output frames) belong to the time reached
        if (time >= drive.nextChange) drive.apply(drive.nextChange);
        return fired;
    }

    private long advanceTree(double tStop, long maxEvents) {
        long fired = 0;
        SumTree tree = rates.tree;
        while (fired < maxEvents) {
            if (time >= drive.nextChange) {
                drive.apply(drive.nextChange);
            }
            double limit = Math.min(tStop, drive.nextChange);
            double surf = sources.total();
            double total = tree.total() + surf;
            if (!(total > 0)) {
                time = Math.max(time, limit);
                if (limit >= tStop) break;
                continue;
            }
            rng.next();
            double dt = -Math.log(1.0 - rng.u0) / total;
            if (time + dt >= limit) {
                time = limit;
                if (limit >= tStop) break;
                continue;
            }
            time += dt;
            double u = rng.u1;
            if (u * total < surf) {
                if (sources.fire(u * total)) fired++;
                continue;
            }
            u = (u * total - surf) / (total - surf);
            int id;
            int j;
            while (true) {
                id = tree.find(u * (total - surf));
                j = id < occ.vacancies ? rates.pick(id, tree.residual()) : -1;
                if (j >= 0) break;
                rng.next();   // rounding miss past the last leaf: redraw the selection
                u = rng.u1;
            }
            hop(id, j);
            fired++;
        }
        events += fired;
        return fired;
    }

    private long advanceClasses(double tStop, long maxEvents) {
        long fired = 0;
        long tried = 0;
        RateClasses cls = rates.classes;
        while (fired < maxEvents) {
            if (time >= drive.nextChange) {
                drive.apply(drive.nextChange);
            }
            double limit = Math.min(tStop, drive.nextChange);
            double surf = sources.total();
            double b = cls.bound() + surf;
            if (!(b > 0)) {
                time = Math.max(time, limit);
                if (limit >= tStop) break;
                continue;
            }
            // thinning: every trial, accepted or not, is a point of a Poisson process of rate B
            rng.next();
            double dt = -Math.log(1.0 - rng.u0) / b;
            if (time + dt >= limit) {
                time = limit;
                if (limit >= tStop) break;
                continue;
            }
            time += dt;
            tried++;
            double x = rng.u1 * b;
            if (x < surf) {
                if (sources.fire(x)) fired++;
                continue;
            }
            int id = cls.trial(x - surf);
            if (id < 0) continue;
            int j = rates.pick(id, cls.residual());
            if (j < 0) continue;   // cannot happen for an accepted item (weight > 0); kept as a guard
            hop(id, j);
            fired++;
        }
        trials += tried;
        events += fired;
        return fired;
    }

    private void hop(int id, int j) {
        rates.hop(id, j);
        sources.hopped(occ.vacancySite[id], rates.lastHopFrom);
    }
}
