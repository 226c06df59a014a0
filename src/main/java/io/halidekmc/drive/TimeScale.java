package io.halidekmc.drive;

/**
 * Explicit time rescaling for runs whose vacancy fraction is raised above the physical one
 * (DESIGN §3): in the dilute limit every halide moves at a rate ∝ c_v, so one simulated second
 * stands for F = c_sim / c_phys physical seconds. Schedules written in physical time are turned
 * into simulated time here, exactly (breakpoints divided by F), never by wrapping, so the
 * engine's drive grid stays exact.
 */
public final class TimeScale {
    private TimeScale() {}

    /** The schedule in simulated time for a physical/simulated time ratio f. */
    public static Schedule toSimulated(Schedule s, double f) {
        if (f == 1) return s;
        return switch (s) {
            case Schedule.Constant c -> c;
            case Schedule.Steps st -> {
                double[] t = st.times().clone();
                for (int i = 0; i < t.length; i++) t[i] /= f;
                yield new Schedule.Steps(st.value0(), t, st.values());
            }
            case Schedule.PulseTrain p -> new Schedule.PulseTrain(p.base(), p.peak(), p.width() / f, p.period() / f,
                    p.start() / f, p.count());
        };
    }

    public static DriveProgram toSimulated(DriveProgram d, double f) {
        return new DriveProgram(toSimulated(d.temperature(), f), toSimulated(d.field(), f), toSimulated(d.light(), f),
                toSimulated(d.quasiStatic(), f));
    }
}
