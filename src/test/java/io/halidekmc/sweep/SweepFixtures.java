package io.halidekmc.sweep;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny scenario (a 4-cell box, a few thousand hops per point) and sweeps over it. */
public final class SweepFixtures {
    public static final String SCENARIO = """
            name: tiny
            seed: 7
            geometry: {type: bulk, cells: [4, 4, 4]}
            composition: {Br: 0.4, I: 0.6}
            vacancy_fraction: 0.02
            drives: {temperature: 300}
            run: {until: 1.0e-7}
            output: {interval: 2.5e-8, pl: {model: core, block_cells: 2}}
            """;

    /** 2 × 2 points; list-valued grid values (their labels hold commas) exercise CSV quoting. */
    public static final String SWEEP = """
            scenario: tiny.yaml
            grid:
              drives.temperature: [300, 350]
              geometry.cells: [[4, 4, 4], [4, 4, 6]]
            overrides: {run.until: 1.0e-7}
            seeds: {base: 100}
            outcomes: [order_final, x_I_final, pl_peak_final_nm, events]
            """;

    private SweepFixtures() {}

    /** Writes tiny.yaml and the sweep text into dir and returns the sweep file. */
    public static Path write(Path dir, String sweepText) throws IOException {
        Files.writeString(dir.resolve("tiny.yaml"), SCENARIO);
        Path f = dir.resolve("sweep.yaml");
        Files.writeString(f, sweepText);
        return f;
    }

    public static SweepSpec spec(Path dir, String sweepText) throws IOException {
        return SweepLoader.load(write(dir, sweepText));
    }
}
