package io.halidekmc.run;

import io.halidekmc.io.Scenario;

import java.nio.file.Path;

/** Test fixture: a run killed right after the checkpoint it writes at its n-th safe point. */
public final class KilledRun {
    private KilledRun() {}

    private static final class Killed extends RuntimeException {
        Killed() {
            super("killed after the checkpoint", null, false, false);
        }
    }

    /** Runs s until its n-th safe point, writes {@code file} there and stops, as kill -9 would. */
    public static void checkpointAt(Scenario s, int n, Path file) {
        int[] seen = {0};
        Simulation sim = new Simulation(s);
        sim.onSafePoint((x, stopping) -> {
            if (++seen[0] == n) {
                new RunCheckpoints(file, 0, RunCheckpoints.Given.NONE, line -> {
                    if (line.startsWith("halide-kmc:")) throw new AssertionError(line);
                }).write(x);
                throw new Killed();
            }
        });
        try {
            sim.run(null);
        } catch (Killed expected) {
            return;
        }
        throw new AssertionError("the run ended before safe point " + n);
    }
}
