package io.halidekmc.engine.sector;

import io.halidekmc.engine.KmcEngine;

/**
 * The clock both sector engines share ({@link SectorEngine}, {@link UniformizedSectorEngine}):
 * whole sweeps of one window τ, each drive change met exactly (its tables applied before the
 * next sweep), the last window before a limit stretched rather than leaving a sliver of one, and
 * a maxEvents limit checked after each sweep (overshot by at most one sweep's hops).
 */
public abstract class WindowedEngine implements KmcEngine {
    /** Simulated time, the next drive-grid point, and the window τ at the current drive (∞: nothing moves). */
    protected double time, nextDriveChange, window;

    /** Sets the rates, {@link #window} and {@link #nextDriveChange} for the drive at t. */
    protected abstract void applyDrive(double t);

    /** Every sector advances dt, colours in turn; returns the hops fired. */
    protected abstract long sweep(double dt);

    /** Vacancies in the lattice (none: the clock just moves). */
    protected abstract int vacancies();

    @Override
    public long advance(double tStop, long maxEvents) {
        long fired = 0;
        while (fired < maxEvents) {
            if (time >= nextDriveChange) applyDrive(nextDriveChange);
            double limit = Math.min(tStop, nextDriveChange);
            if (time >= tStop) break;
            if (vacancies() == 0 || window == Double.POSITIVE_INFINITY) {
                if (limit == Double.POSITIVE_INFINITY) break;   // nothing can ever happen
                time = limit;
                continue;
            }
            double dt = Math.min(window, limit - time);
            boolean last = limit - time - dt <= 1e-9 * window;   // no sliver of a window before the limit
            if (last) dt = limit - time;
            fired += sweep(dt);
            time = last ? limit : time + dt;
        }
        if (time >= nextDriveChange) applyDrive(nextDriveChange);
        return fired;
    }

    @Override
    public final double time() {
        return time;
    }
}
