package io.halidekmc.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One checked sweep file: a scenario, a grid of values by dotted key path (the full product is
 * run), overrides common to every point, how seeds are given out, the outcomes to tabulate and
 * what to plot. Read by {@link SweepLoader}; the format is in README.md ("Sweeps").
 *
 * @param file         the sweep file as named on the command line (for messages)
 * @param text         its text, stored with the results
 * @param name         sweep name (default: the file name without extension)
 * @param scenario     scenario file, resolved against the sweep file's folder
 * @param axes         grid axes in file order; the first varies slowest
 * @param overrides    key path → value applied to every point (before the grid values)
 * @param seedBase     seed of point 0, or null for the scenario's own seed
 * @param seedPerPoint point i gets seedBase + i when true, seedBase otherwise
 * @param replicas     runs per grid point, each with its own seed ({@link Grid#seed}); 1 = one run per point
 * @param outcomes     names from {@link SweepOutcomes}, table columns in this order
 * @param plot         what to plot
 */
public record SweepSpec(String file, String text, String name, Path scenario, List<Axis> axes, Map<String, Object> overrides,
                        Long seedBase, boolean seedPerPoint, int replicas, List<String> outcomes, Plot plot) {

    /** One grid axis: a scenario key path and the values it takes (raw YAML values). */
    public record Axis(String path, List<Object> values) {
        public Axis {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    /**
     * @param outcomes one PNG per outcome
     * @param x        grid key path along the plot's x axis (lines) or columns (heat map)
     * @param heatMap  a heat map over exactly two axes; otherwise lines along x, one per value of the other axes
     */
    public record Plot(List<String> outcomes, String x, boolean heatMap) {}

    public SweepSpec {
        if (replicas < 1) throw new IllegalArgumentException("replicas must be ≥ 1, got " + replicas);
        axes = List.copyOf(axes);
        overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
        outcomes = List.copyOf(outcomes);
    }

    /** Number of grid points: the product of the axis lengths. */
    public int points() {
        long n = 1;
        for (Axis a : axes) n *= a.values().size();
        return (int) n;
    }

    /** Number of runs: every grid point {@link #replicas} times. */
    public int runs() {
        return points() * replicas;
    }
}
