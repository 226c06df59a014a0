package io.halidekmc.backend.tornado;

import io.halidekmc.backend.Backends;
import io.halidekmc.backend.FallbackRateBackend;
import io.halidekmc.engine.RateBackend;
import io.halidekmc.cli.Main;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import io.halidekmc.io.ScenarioLoader;
import io.jhdf.HdfFile;
import io.halidekmc.observe.Frame;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole run with the bulk refresh on TornadoVM gives the same trajectory as on the CPU: the
 * refresh is bitwise equal (TornadoHopKernelEquivalenceTest), everything else is the same Java, so
 * every hop, time and observable must agree exactly. (A trajectory is a coarse probe: an ulp-level
 * difference in a rate would rarely change which hop is drawn, which is why the refresh itself is
 * compared bitwise in TornadoHopKernelEquivalenceTest and TornadoRateBackendTest; checked that
 * this test does fail when the backend scales every 7th leaf sum by 1.01.) The scenario has a
 * temperature ramp on a 1 K grid and a field reversal, so the engine refreshes all rates at
 * ~60 drive points, each one through the device.
 */
class TornadoRunEquivalenceTest {
    static final String SCENARIO = """
            name: tiny
            seed: 3
            geometry: {type: bulk, cells: [12, 12, 12]}
            composition: {Br: 0.4, I: 0.6}
            vacancy_fraction: 0.01
            physics: {mixing: true}
            drives:
              temperature: {table: [[0, 300], [1.0e-7, 360]], resolution: 1}
              field: {steps: [[0, 3], [5.0e-8, -3]]}
            run: {until: 1.0e-7}
            output: {interval: 1.0e-8, snapshots: [0, 5.0e-8, 1.0e-7]}
            """;

    @TempDir
    Path tmp;

    /**
     * A nanowire (free surfaces: irregular sites, cut bonds, so the factorised kernel's table
     * branch runs) for the CLI run; the bulk box {@link #SCENARIO} goes through Simulation below.
     */
    static final String WIRE = """
            name: nw
            seed: 5
            geometry:
              type: nanowire
              cross_section: [4, 4]
              segments:
                - {length_cells: 10, composition: {Br: 0.4, I: 0.6}}
                - {length_cells: 10, composition: {Br: 1}}
            vacancy_fraction: 0.02
            physics: {mixing: true}
            drives:
              temperature: {table: [[0, 300], [1.0e-7, 360]], resolution: 1}
              field: {steps: [[0, 3], [5.0e-8, -3]]}
            run: {until: 1.0e-7}
            output: {interval: 1.0e-8, snapshots: [0, 5.0e-8, 1.0e-7]}
            """;

    /**
     * {@code run --backend tornado} and {@code run --backend cpu}: every dataset of the HDF5 data
     * groups and every CSV data line identical; /meta says which backend ran and why.
     */
    @Test
    void runOnTornadoGivesTheCpuTrajectory() throws Exception {
        TornadoSupport.assumeSdk();
        String summary = compareCliRuns("nw", WIRE, reason -> reason.startsWith("tornado requested: TornadoVM ") && !reason.contains("failed mid-run"));
        System.out.println("[tornado] run --backend tornado = run --backend cpu (nanowire): " + summary);
    }

    /** A film of equal crystals on the uniformized film engine, through a temperature step and a field. */
    static final String FILM = """
            name: film
            seed: 7
            geometry: {type: nanocrystal, edge_nm: 3.6}
            film: {count: 12, threads: 2}
            composition: {Cl: 0.2, Br: 0.3, I: 0.5}
            vacancy_fraction: 0.03
            physics: {mixing: true, field: true}
            drives:
              temperature: {steps: [[0, 300], [1.0e-7, 360]]}
              field: 2
            engine: uniformized
            run: {until: 2.0e-7}
            output: {interval: 2.0e-8, pl: {model: funnel, block_cells: 2}}
            """;

    /**
     * {@code run --backend tornado} of a uniformized film puts its trials on the TornadoVM ensemble
     * kernel (/meta says so) and gives the CPU runner's trajectory: HDF5 data and CSV rows identical.
     */
    @Test
    void filmRunOnTornadoGivesTheCpuTrajectory() throws Exception {
        TornadoSupport.assumeSdk();
        String summary = compareCliRuns("film", FILM,
                reason -> reason.contains("film trials on ") && !reason.contains("stay on the cpu") && !reason.contains("film trials on cpu"));
        System.out.println("[tornado] film run --backend tornado = --backend cpu: " + summary);
    }

    /**
     * Runs scenario {@code text} (named {@code stem}) with --backend cpu and --backend tornado; the
     * tornado run's /meta must be tornado with a reason that {@code reasonOk} accepts, and its data
     * (HDF5 data groups, CSV rows) equal to the cpu run's. Returns what was compared.
     */
    private String compareCliRuns(String stem, String text, java.util.function.Predicate<String> reasonOk) throws Exception {
        Path s = tmp.resolve(stem + ".yaml");
        Files.writeString(s, text);
        Path cpu = run(s, "cpu"), dev = run(s, "tornado");
        long events;
        int datasets;
        try (HdfFile a = new HdfFile(cpu.resolve(stem + ".h5")); HdfFile b = new HdfFile(dev.resolve(stem + ".h5"))) {
            assertEquals("cpu", a.getByPath("meta").getAttribute("backend").getData());
            String reason = (String) b.getByPath("meta").getAttribute("backend_reason").getData();
            assertEquals("tornado", b.getByPath("meta").getAttribute("backend").getData(), reason);
            assertTrue(reasonOk.test(reason), reason);
            events = ((Number) a.getByPath("meta").getAttribute("events").getData()).longValue();
            assertTrue(events > 10_000, "a trajectory worth comparing: " + events + " hops");
            assertEquals(events, ((Number) b.getByPath("meta").getAttribute("events").getData()).longValue());
            datasets = compareTrees(a, b);
        }
        List<String> x = data(cpu.resolve(stem + ".csv")), y = data(dev.resolve(stem + ".csv"));
        assertTrue(x.size() > 10, "rows: " + x.size());
        assertEquals(x, y, "the CSV time series of the cpu and tornado runs");
        return String.format("%d hops, %d HDF5 datasets and %d CSV rows identical", events, datasets, x.size());
    }

    /** The run's data groups (Hdf5Writer); /meta differs by design (backend, wall times). */
    static final List<String> GROUPS = List.of("timeseries", "profiles", "snapshots", "strain", "wire", "pl");

    /** Every dataset of {@link #GROUPS} equal in both files (same set of paths); returns how many. */
    static int compareTrees(HdfFile a, HdfFile b) {
        List<String> paths = new ArrayList<>();
        collect(a, paths);
        List<String> other = new ArrayList<>();
        collect(b, other);
        assertEquals(paths, other, "the same datasets");
        assertTrue(paths.size() > 5, "datasets: " + paths);
        for (String p : paths) {
            Object x = ((Dataset) a.getByPath(p)).getData(), y = ((Dataset) b.getByPath(p)).getData();
            assertTrue(Objects.deepEquals(x, y), p + " differs between the cpu and tornado runs");
        }
        return paths.size();
    }

    private static void collect(HdfFile f, List<String> out) {
        for (String g : GROUPS) {
            Node n;
            try {
                n = f.getByPath(g);
            } catch (RuntimeException absent) {
                continue;   // e.g. no /pl without a PL block
            }
            collect((Group) n, out);
        }
    }

    private static void collect(Group g, List<String> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group sub) collect(sub, out);
            else if (n instanceof Dataset) out.add(n.getPath());
        }
    }

    /** The same through Simulation, counting the refreshes that reached the TornadoVM backend; bitwise comparison. */
    @Test
    void everyBulkRefreshOfTheRunWentToTheDevice() throws Exception {
        TornadoSupport.assumeSdk();
        var scenario = ScenarioLoader.parse(SCENARIO, "tiny.yaml", tmp);
        Simulation cpuSim = new Simulation(scenario);
        cpuSim.useBackend(Backends.select("cpu", List.of(0), null));
        RunResult c = cpuSim.run(null);

        Simulation devSim = new Simulation(scenario);
        int[] calls = new int[1];
        RunResult r;
        try (TornadoRateBackend t = TornadoRateBackend.open(0)) {
            RateBackend counting = new Counting(t, calls);
            devSim.useBackend(new Backends.Choice(new FallbackRateBackend(counting), "test"));
            r = devSim.run(null);
        }
        assertEquals("tornado", r.backend(), r.backendReason());
        // one refresh when the backend is set, one at the start, then one per 1 K temperature step and the field flip
        assertTrue(calls[0] >= 60, calls[0] + " refreshes on the device");
        assertEquals(c.events(), r.events());
        assertEquals(c.endTime(), r.endTime());
        assertEquals(c.frames().size(), r.frames().size());
        for (int i = 0; i < c.frames().size(); i++) {
            Frame f = c.frames().get(i), g = r.frames().get(i);
            assertEquals(frameKey(f), frameKey(g), "frame " + i);
        }
        assertEquals(c.profiles().size(), r.profiles().size());
        for (int i = 0; i < c.profiles().size(); i++) {
            assertEquals(c.profiles().get(i).time(), r.profiles().get(i).time());
            assertTrue(Arrays.deepEquals(c.profiles().get(i).counts(), r.profiles().get(i).counts()), "profile " + i);
        }
        assertEquals(c.snapshots().size(), r.snapshots().size());
        assertFalse(c.snapshots().isEmpty());
        for (int i = 0; i < c.snapshots().size(); i++) {
            assertArrayEquals(c.snapshots().get(i).species(), r.snapshots().get(i).species(), "snapshot " + i);
        }
        System.out.printf("[tornado] %d bulk refreshes on the device; %d hops; %d frames, %d profiles, %d snapshots "
                + "bitwise identical to the cpu run%n", calls[0], r.events(), r.frames().size(), r.profiles().size(), r.snapshots().size());
    }

    /** Every component of a frame, doubles by their bits. */
    private static List<Object> frameKey(Frame f) {
        return List.of(Double.doubleToRawLongBits(f.time()), f.events(), Double.doubleToRawLongBits(f.temperature()),
                Double.doubleToRawLongBits(f.field()), Arrays.toString(f.fractions()), f.vacancies(),
                Double.doubleToRawLongBits(f.order()), Double.doubleToRawLongBits(f.surfaceIodide()),
                Double.doubleToRawLongBits(f.netHalideDz()), Arrays.toString(f.reservoir()),
                Double.doubleToRawLongBits(f.light()), Double.doubleToRawLongBits(f.strain()));
    }

    private Path run(Path scenario, String backend) {
        Path out = tmp.resolve(backend + "-" + System.nanoTime());
        StringWriter err = new StringWriter();
        int rc = Main.execute(new String[] {"run", scenario.toString(), "--out", out.toString(), "--quiet", "--backend", backend},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, rc, err.toString());
        return out;
    }

    /** The CSV rows, without the # header (which names the backend and wall times). */
    private static List<String> data(Path csv) throws java.io.IOException {
        return Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
    }

    /** Delegates to the TornadoVM backend, counting bulk refreshes. */
    private record Counting(RateBackend b, int[] calls) implements RateBackend {
        @Override
        public String name() {
            return b.name();
        }

        @Override
        public String detail() {
            return b.detail();
        }

        @Override
        public void refreshAll(int[] vs, int n, int[] w, int[] nb, double[] base, double[] f, double[] mix, double[] r, double[] s) {
            calls[0]++;
            b.refreshAll(vs, n, w, nb, base, f, mix, r, s);
        }

        @Override
        public void refreshAllFactored(int[] vs, int n, int[] w, int[] nb, int[] off, double[] fv, double[] gh, double[] f,
                                       double[] r, double[] s) {
            calls[0]++;
            b.refreshAllFactored(vs, n, w, nb, off, fv, gh, f, r, s);
        }

        @Override
        public double sum(double[] a, int n) {
            return b.sum(a, n);
        }
    }
}
