package io.halidekmc.sweep;

import io.halidekmc.backend.Backends;
import io.halidekmc.run.RunCheckpoints;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import io.halidekmc.output.Hdf5Writer;
import io.halidekmc.io.Scenario;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real work of a point: load its scenario, run one {@link Simulation}, compute the outcomes
 * and, when asked, keep the run's HDF5 file. The rate backend is CPU unless another is asked for;
 * the bulk refresh is bitwise the same on every backend (DESIGN §6), so the result is too.
 *
 * @param outcomes outcome names to compute
 * @param runsDir  folder for point-NNNNN.h5, or null to keep no per-point file
 * @param backend  cpu, auto, cuda or tornado (as {@code run --backend})
 * @param gpu      device ordinal for a GPU backend; null: device 0, or, once a cluster runner has
 *                 {@link #placed placed} the work on an executor without a GPU, none (then CPU)
 * @param placed   true once a cluster runner has said which GPU (if any) this task holds
 * @param checkpointDir   folder for each running point's point-NNNNN.checkpoint (the sweep's
 *                        {@code points/}, on shared storage for a cluster), or null for none
 * @param checkpointEvery wall seconds between a point's checkpoints
 */
public record SimulatePoint(List<String> outcomes, String runsDir, String backend, Integer gpu, boolean placed,
                            String checkpointDir, double checkpointEvery) implements PointWork {
    public SimulatePoint {
        outcomes = List.copyOf(outcomes);
    }

    /** Without checkpoints. */
    public SimulatePoint(List<String> outcomes, String runsDir, String backend, Integer gpu, boolean placed) {
        this(outcomes, runsDir, backend, gpu, placed, null, 0);
    }

    /** CPU backend, as the local sweep has always run. */
    public SimulatePoint(List<String> outcomes, String runsDir) {
        this(outcomes, runsDir, "cpu", null, false);
    }

    @Override
    public PointWork placed(Integer gpuOrdinal) {
        return new SimulatePoint(outcomes, runsDir, backend, gpuOrdinal, true, checkpointDir, checkpointEvery);
    }

    @Override
    public SweepRow run(SweepPoint point) throws Exception {
        Scenario s = point.load();
        Simulation built = new Simulation(s);
        // a task that holds no GPU runs on the CPU whatever was asked: the backend column says so
        boolean cpu = backend.equals("cpu") || (placed && gpu == null);
        Backends.Choice choice = cpu ? null
                : Backends.select(backend, List.of(gpu == null ? 0 : gpu), b -> built.engine().useRateBackend(b));
        RunResult r;
        Path ckpt = checkpointDir == null ? null : Path.of(checkpointDir).resolve(ResultStore.stem(point.point(), point.replica()) + ".checkpoint");
        try {
            if (choice != null) built.useBackend(choice);
            Simulation sim = built;
            if (ckpt != null && RunCheckpoints.supported(sim, sim.backendName())) {
                // a point killed mid-run (a lost executor, a killed sweep) goes on from its last checkpoint
                sim = RunCheckpoints.resumeIfValid(sim, () -> {
                    Simulation again = new Simulation(s);
                    if (choice != null) again.useBackend(choice);
                    return again;
                }, ckpt, System.err::println);
                sim.onSafePoint(new RunCheckpoints(ckpt, checkpointEvery, RunCheckpoints.Given.NONE,
                        line -> { if (line.startsWith("halide-kmc:")) System.err.println(line); }));
            }
            r = sim.run(null);
        } finally {
            if (choice != null) choice.backend().close();
        }
        if (ckpt != null && !r.interrupted()) java.nio.file.Files.deleteIfExists(ckpt);
        if (runsDir != null) Hdf5Writer.write(r, Path.of(runsDir).resolve(runFileName(point.point(), point.replica())));
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : outcomes) values.put(name, SweepOutcomes.byName(name).of(r));
        String device = r.backend().equals("cuda") ? "cuda:" + (gpu == null ? 0 : gpu) : r.backend();
        return new SweepRow(point.index(), point.values(), point.seed(), r.backend(), device, Hosts.name(), values, r.events(), 0,
                r.interrupted() ? SweepRow.FAILED : SweepRow.OK, r.interrupted() ? "interrupted" : "", point.fingerprint());
    }

    /** point-NNNNN.h5, replica r > 0: point-NNNNN-rR.h5. */
    public static String runFileName(int point, int replica) {
        return ResultStore.stem(point, replica) + ".h5";
    }
}
