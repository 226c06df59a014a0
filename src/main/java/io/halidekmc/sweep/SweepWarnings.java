package io.halidekmc.sweep;

import io.halidekmc.io.ScenarioWarnings;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings with no effect in a sweep's points ({@link ScenarioWarnings}), one line per grid
 * point that has any: a grid over {@code drives.light} on a scenario with no light-driven term
 * would otherwise tabulate identical points as if light did nothing. Replicas share their grid
 * point's settings, so only replica 0 is looked at.
 */
public final class SweepWarnings {
    private SweepWarnings() {}

    public static List<String> of(SweepSpec spec, List<SweepPoint> points) {
        List<String> paths = Grid.axisPaths(spec);
        List<String> out = new ArrayList<>();
        for (SweepPoint p : points) {
            if (p.replica() != 0) continue;
            for (String w : ScenarioWarnings.of(p.load())) {
                out.add(spec.file() + ": grid point " + p.point() + " (" + p.describe(paths) + "): " + w);
            }
        }
        return out;
    }
}
