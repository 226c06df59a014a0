package io.halidekmc.sweep;

import io.halidekmc.engine.RunResult;
import io.halidekmc.engine.Simulation;
import io.halidekmc.io.Hdf5Writer;
import io.halidekmc.io.Scenario;
import io.halidekmc.observe.Outcomes;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real work of a point: load its scenario, run one {@link Simulation} (CPU rate backend),
 * compute the outcomes and, when asked, keep the run's HDF5 file.
 *
 * @param outcomes outcome names to compute
 * @param runsDir  folder for point-NNNNN.h5, or null to keep no per-point file
 */
public record SimulatePoint(List<String> outcomes, String runsDir) implements PointWork {
    public SimulatePoint {
        outcomes = List.copyOf(outcomes);
    }

    @Override
    public SweepRow run(SweepPoint point) throws Exception {
        Scenario s = point.load();
        RunResult r = new Simulation(s).run(null);
        if (runsDir != null) Hdf5Writer.write(r, Path.of(runsDir).resolve(runFileName(point.index())));
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : outcomes) values.put(name, Outcomes.byName(name).of(r));
        return new SweepRow(point.index(), point.values(), point.seed(), r.backend(), values, r.events(), 0,
                r.interrupted() ? SweepRow.FAILED : SweepRow.OK, r.interrupted() ? "interrupted" : "", point.fingerprint());
    }

    public static String runFileName(int index) {
        return String.format("point-%05d.h5", index);
    }
}
