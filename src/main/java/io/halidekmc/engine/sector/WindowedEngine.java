package io.halidekmc.engine.sector;

import io.halidekmc.engine.KmcEngine;
import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.physics.Conditions;
import org.apache.commons.rng.core.source32.Philox4x32;

/**
 * The clock both sector engines share ({@link SectorEngine},
 * {@link io.halidekmc.engine.uniformized.UniformizedSectorEngine}): whole sweeps of one window τ,
 * each drive change met exactly (its tables applied before the next sweep, τ chosen anew), the
 * last window before a limit stretched rather than leaving a sliver of one, and a maxEvents limit
 * checked after each sweep (overshot by at most one sweep's hops).
 */
public abstract class WindowedEngine implements KmcEngine {
    /** Automatic window: this many hops per vacancy on average (from the mean rate at the drive-grid point). */
    public static final double AUTO_HOPS_PER_WINDOW = 0.5;
    /** Sector stream ids start here (streams 0 and 1 are the initial state and the exact engine). */
    public static final long SECTOR_STREAMS = 1L << 20;

    /** Simulated time, the next drive-grid point, and the window τ at the current drive (∞: nothing moves). */
    protected double time, nextDriveChange, window;
    private final DriveProgram drive;
    /** τ from the settings; 0: automatic at every drive-grid point. */
    private final double fixedWindow;
    private Conditions conditions;

    protected WindowedEngine(DriveProgram drive, double fixedWindow) {
        this.drive = drive;
        this.fixedWindow = fixedWindow;
    }

    /** Sector s's own random stream, persisting across windows: the same for any thread count or runner. */
    protected static Philox4x32 sectorStream(long seed, int sector) {
        return Rng.stream(seed, SECTOR_STREAMS + sector);
    }

    /** Sets the rates, {@link #window} and {@link #nextDriveChange} for the drive at t. */
    protected final void applyDrive(double t) {
        conditions = drive.at(t);
        nextDriveChange = drive.nextChange(t);
        buildRates(conditions);
        if (fixedWindow > 0) {
            window = fixedWindow;
        } else {
            double total = totalRate();
            window = total > 0 ? AUTO_HOPS_PER_WINDOW * vacancies() / total : Double.POSITIVE_INFINITY;
        }
    }

    /** Builds the rate tables for new conditions (before the window is chosen from {@link #totalRate}). */
    protected abstract void buildRates(Conditions conditions);

    /** Total hop rate over all vacancies at the current tables, freshly computed (O(vacancies); call between advances). */
    public abstract double totalRate();

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

    @Override
    public final Conditions conditions() {
        return conditions;
    }

    /** The current window τ, simulated seconds. */
    public final double window() {
        return window;
    }
}
