package io.halidekmc.output;

import io.halidekmc.io.Scenario;
import io.halidekmc.io.ScenarioLoader;

import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import io.halidekmc.lattice.Species;
import io.halidekmc.observe.Frame;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped scenario, run very briefly, writes an HDF5 file that jhdf reads back whole: every
 * group, every attribute, every dataset's data. Guards against writer layouts that jhdf 0.10 writes
 * but cannot read (a childless group written last, see {@link Hdf5Layout}); a few values are
 * compared with the RunResult so the file is not just readable but right.
 */
class Hdf5RoundTripTest {
    /** Caps each run at a few frames of a few thousand hops: the layout, not the physics, is under test. */
    private static final long MAX_EVENTS = 4000;
    private static final int FRAMES = 2;

    /** Top-level groups seen over all scenarios: the shipped set must exercise every optional group. */
    private static final Set<String> GROUPS = new ConcurrentSkipListSet<>();

    @TempDir
    Path tmp;

    @AfterAll
    static void everyGroupWasExercised() {
        assertEquals(new TreeSet<>(List.of("/meta", "/timeseries", "/profiles", "/snapshots", "/pl", "/wire", "/strain")), GROUPS);
    }

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioReadsBack() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : new String[] {"scenarios", "validation/scenarios"}) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() >= 20, "expected the shipped scenarios, found " + files);
        return files.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> roundTrip(p)));
    }

    private void roundTrip(Path file) throws IOException {
        Scenario full = ScenarioLoader.load(file);
        RunResult r = new Simulation(ScenarioLoader.load(file, brief(full))).run(null);
        Path h5 = tmp.resolve(full.name() + ".h5");
        Hdf5Writer.write(r, h5);

        Map<String, Object> read = new LinkedHashMap<>();
        try (HdfFile f = new HdfFile(h5)) {
            readAll(f, read);
        }
        String name = file.toString();
        read.keySet().stream().filter(k -> !k.contains("@")).map(k -> k.substring(0, k.indexOf('/', 1))).forEach(GROUPS::add);
        assertEquals(r.scenario().name(), read.get("/meta@scenario_name"), name);
        assertEquals(r.seed(), read.get("/meta@seed"), name);
        assertEquals(r.events(), read.get("/meta@events"), name);
        assertEquals(Provenance.resolvedScenario(r), ((String[]) read.get("/meta/scenario"))[0], name);
        assertTrue(Provenance.resolvedScenario(r).startsWith(r.scenario().text()), name);
        for (String k : read.keySet()) {
            if (!k.contains("@")) assertTrue(read.get(k + "@units") instanceof String, name + ": " + k + " has no units attribute");
        }
        List<Frame> frames = r.frames();
        int n = frames.size();
        double[] t = (double[]) read.get("/timeseries/time_s");
        long[] events = (long[]) read.get("/timeseries/events");
        double[] xI = (double[]) read.get("/timeseries/x_I");
        assertEquals(n, t.length, name);
        for (int i = 0; i < n; i++) {
            assertEquals(frames.get(i).time(), t[i], 0, name);
            assertEquals(frames.get(i).events(), events[i], name);
            assertEquals(frames.get(i).fractions()[Species.I], xI[i], 0, name);
        }
        double[] energy = (double[]) read.get("/timeseries/energy_eV"), peak = (double[]) read.get("/timeseries/pl_peak_nm");
        for (int i = 0; i < n; i++) {
            assertEquals(frames.get(i).energy(), energy[i], 0, name);
            assertEquals(frames.get(i).plPeak(), peak[i], 0, name);
        }
        if (!r.plSpectra().isEmpty()) assertArrayEquals(r.plPeaks(), peak, 0, name);
        assertEquals(!r.profiles().isEmpty(), read.containsKey("/profiles/count_Br"), name);
        if (!r.profiles().isEmpty()) {
            long[][] br = (long[][]) read.get("/profiles/count_Br");
            assertEquals(r.profiles().size(), br.length, name);
            long[][] last = r.profiles().getLast().counts();
            for (int l = 0; l < last.length; l++) assertEquals(last[l][Species.BR], br[br.length - 1][l], name);
        }
        assertEquals(!r.snapshots().isEmpty(), read.containsKey("/snapshots/occupancy"), name);
        if (!r.snapshots().isEmpty()) {
            byte[][] occ = (byte[][]) read.get("/snapshots/occupancy");
            assertArrayEquals(r.snapshots().getLast().species(), occ[occ.length - 1], name);
        }
        assertEquals(!r.plSpectra().isEmpty(), read.containsKey("/pl/peak_nm"), name);
        if (!r.plSpectra().isEmpty()) assertArrayEquals(r.plPeaks(), (double[]) read.get("/pl/peak_nm"), 0, name);
        assertEquals(!r.wire().isEmpty(), read.containsKey("/wire/front_nm"), name);
        if (!r.wire().isEmpty()) assertEquals(r.wire().getLast().frontNm(), ((double[]) read.get("/wire/front_nm"))[r.wire().size() - 1], 0, name);
        boolean strained = frames.stream().anyMatch(fr -> Double.isFinite(fr.strain()));
        assertEquals(strained, read.containsKey("/strain/epsilon"), name);
        if (strained) assertEquals(frames.getLast().strain(), ((double[]) read.get("/strain/epsilon"))[n - 1], 0, name);
    }

    /** The scenario cut to FRAMES output intervals (snapshots kept inside them) and a few thousand hops; films of 2 NCs. */
    private static Map<String, Object> brief(Scenario s) {
        Map<String, Object> o = new LinkedHashMap<>();
        double until = Math.min(s.until(), FRAMES * s.interval());
        o.put("run.until", until);
        o.put("run.max_events", MAX_EVENTS);
        if (!s.snapshots().isEmpty()) {
            List<Double> kept = new ArrayList<>(s.snapshots().stream().filter(t -> t <= until).toList());
            if (kept.isEmpty()) kept.add(until);
            o.put("output.snapshots", kept);
        }
        if (s.film() != null) o.put("film.count", 2);
        return o;
    }

    /** Reads every attribute ("path@name") and every dataset's data ("path") of the file into {@code into}. */
    private static void readAll(Group g, Map<String, Object> into) {
        attributes(g, into);
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group child) {
                readAll(child, into);
            } else {
                Dataset d = (Dataset) n;
                Object data = d.getData();
                assertTrue(data.getClass().isArray(), d.getPath());
                assertFalse(Array.getLength(data) == 0, d.getPath() + " is empty");
                into.put(path(d), data);
                attributes(d, into);
            }
        }
    }

    private static void attributes(Node n, Map<String, Object> into) {
        for (Map.Entry<String, Attribute> a : n.getAttributes().entrySet()) {
            into.put(path(n) + "@" + a.getKey(), a.getValue().getData());
        }
    }

    /** jhdf 0.10 spells the path of a written file's node with extra leading slashes ("///meta"). */
    private static String path(Node n) {
        return "/" + n.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
