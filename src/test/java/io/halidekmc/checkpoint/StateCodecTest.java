package io.halidekmc.checkpoint;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The codec's promises, one by one, on small graphs shaped like an engine's. */
class StateCodecTest {
    /** Configuration: built from the scenario, never in the file. */
    static final class Geometry {
        final int[] neighbours;

        Geometry(int n) {
            neighbours = new int[n];
        }
    }

    record Frame(double time, long events, double[] fractions) {}

    static final class Worker {
        long counter;
    }

    static final class Engine {
        final Geometry geometry;
        final byte[] species;
        double[] rates;
        int[] shared;
        int[] alias;
        double time;
        long events;
        Worker lazy;
        transient Thread machinery = null;
        transient int notState = 7;
        final List<Frame> frames = new ArrayList<>();
        final TreeSet<Double> due = new TreeSet<>();
        java.util.function.IntUnaryOperator rule = x -> x + 1;

        Engine(int n) {
            geometry = new Geometry(n);
            species = new byte[n];
            rates = new double[n];
            shared = new int[4];
            alias = shared;
        }
    }

    private static byte[] capture(Object root) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            new StateWriter(out, Set.of(Geometry.class)).writeRoot(root);
        }
        return b.toByteArray();
    }

    private static void restore(byte[] state, Object root) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            new StateReader(in, Set.of(Geometry.class)).readRoot(root);
        }
    }

    @Test
    void aRestoredTwinHoldsEveryValueBitForBitAndEveryAliasAgain() throws IOException {
        Engine live = new Engine(5);
        live.species[3] = 2;
        live.rates = new double[] {1.5, Double.longBitsToDouble(0x7ff8_0000_dead_beefL), -0.0, 3e-300};   // grown, NaN payload, −0
        live.shared[1] = 42;
        live.time = 1.25e-7;
        live.events = 123_456_789_012L;
        live.lazy = new Worker();   // made during the run: the twin has none
        live.lazy.counter = 99;
        live.frames.add(new Frame(0.5, 7, new double[] {0.1, 0.9}));
        live.due.add(2.0);
        live.due.add(1.0);
        live.notState = 8;

        Engine twin = new Engine(5);
        Geometry itsGeometry = twin.geometry;
        byte[] itsSpecies = twin.species;
        var itsRule = twin.rule;
        restore(capture(live), twin);

        assertSame(itsGeometry, twin.geometry, "configuration is the twin's own");
        assertSame(itsSpecies, twin.species, "an array of the same shape is filled in place");
        assertArrayEquals(live.species, twin.species);
        assertEquals(4, twin.rates.length);
        for (int i = 0; i < 4; i++) assertEquals(Double.doubleToRawLongBits(live.rates[i]), Double.doubleToRawLongBits(twin.rates[i]));
        assertSame(twin.shared, twin.alias, "one array held by two fields is one array again");
        assertEquals(42, twin.alias[1]);
        assertEquals(live.time, twin.time);
        assertEquals(live.events, twin.events);
        assertEquals(99, twin.lazy.counter, "an object made during the run is made again");
        assertEquals(1, twin.frames.size());
        assertEquals(0.5, twin.frames.getFirst().time());
        assertArrayEquals(new double[] {0.1, 0.9}, twin.frames.getFirst().fractions());
        assertNotSame(live.frames.getFirst(), twin.frames.getFirst());
        assertEquals(List.of(1.0, 2.0), new ArrayList<>(twin.due));
        assertSame(itsRule, twin.rule, "a lambda holds only what built it: the twin's is kept");
        assertEquals(7, twin.notState, "transient fields are not state");
    }

    @Test
    void aStateOfAnotherShapeIsRefusedWithWhereItWentWrong() throws IOException {
        byte[] state = capture(new Engine(5));
        CheckpointException e = assertThrows(CheckpointException.class, () -> restore(state, new Worker()));
        assertTrue(e.getMessage().startsWith("checkpoint does not fit this run at Worker"), e.getMessage());
    }

    /** Worker as another version of the code might have it: the same name, other fields. */
    static final class Renamed {
        long count;
    }

    @Test
    void aClassWhoseFieldsChangedSinceTheCheckpointIsRefusedByName() throws IOException {
        Worker w = new Worker();
        w.counter = 5;
        byte[] state = capture(w);
        // the class name in the stream swapped for one with other fields, as an edit of Worker would leave it
        byte[] from = Worker.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] to = Renamed.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(state[0]);
            out.writeInt(to.length);
            out.write(to);
            out.write(state, 1 + 4 + from.length, state.length - 1 - 4 - from.length);
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> restore(b.toByteArray(), new Renamed()));
        assertEquals("checkpoint does not fit this run at Renamed: Renamed's fields have changed since the checkpoint was written", e.getMessage());
    }

    static final class HoldsAnUnknownJdkObject {
        final java.util.concurrent.atomic.AtomicReference<String> ref = new java.util.concurrent.atomic.AtomicReference<>("x");
    }

    @Test
    void aJdkObjectTheCodecDoesNotKnowIsNamedNotSilentlySkipped() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> capture(new HoldsAnUnknownJdkObject()));
        assertEquals("cannot capture java.util.concurrent.atomic.AtomicReference at HoldsAnUnknownJdkObject.ref", e.getMessage());
    }
}
