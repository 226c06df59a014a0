package io.halidekmc.checkpoint;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Captures a whole object graph (a run: engine, its RNG, its caches, the frames recorded so far)
 * field by field, so that {@link StateReader} can lay it over a freshly built twin and the run
 * continues bit for bit: every double by its bits, every cache as it was, every shared object
 * shared again. Nothing is recomputed on load, so the continuation cannot differ from the
 * uninterrupted run by a rounding of a rebuilt sum; the cost is that derived arrays travel too.
 *
 * <p>Not thread-safe; call it between engine steps, when no worker thread touches the graph.
 */
public final class StateWriter {
    private final StateTags tags;
    private final DataOutputStream out;
    private final IdentityHashMap<Object, Integer> ids = new IdentityHashMap<>();
    private final Deque<String> path = new ArrayDeque<>();

    /** @param configuration classes whose instances the checkpoint leaves out (rebuilt from the scenario) */
    public StateWriter(DataOutputStream out, Set<Class<?>> configuration) {
        this.out = out;
        this.tags = new StateTags(configuration);
    }

    public void writeRoot(Object root) throws IOException {
        path.push(root.getClass().getSimpleName());
        writeRef(root);
        path.pop();
    }

    private void writeRef(Object o) throws IOException {
        if (o == null) {
            out.writeByte(StateTags.NULL);
            return;
        }
        switch (o) {
            case String s -> {
                out.writeByte(StateTags.STRING);
                writeString(s);
                return;
            }
            case Enum<?> e -> {
                out.writeByte(StateTags.ENUM);
                writeString(e.getDeclaringClass().getName());
                writeString(e.name());
                return;
            }
            case Instant t -> {
                out.writeByte(StateTags.INSTANT);
                out.writeLong(t.getEpochSecond());
                out.writeInt(t.getNano());
                return;
            }
            default -> { }
        }
        if (boxed(o)) return;
        if (tags.kept(o)) {
            out.writeByte(StateTags.KEPT);
            return;
        }
        Integer id = ids.get(o);
        if (id != null) {
            out.writeByte(StateTags.BACKREF);
            out.writeInt(id);
            return;
        }
        ids.put(o, ids.size());
        Class<?> c = o.getClass();
        if (c.isArray()) writeArray(o);
        else if (o instanceof Collection<?> col) writeCollection(col);
        else if (o instanceof Map<?, ?> map) writeMap(map);
        else if (o instanceof java.util.concurrent.atomic.AtomicLong a) {
            out.writeByte(StateTags.ATOMIC);
            out.writeLong(a.get());
        } else if (StateTags.isPlatform(c)) {
            throw new CheckpointException("cannot capture " + c.getName() + " at " + where());
        } else if (c.isRecord()) writeRecord(o);
        else writeObject(o);
    }

    /** A boxed primitive (a value, never shared): its tag, its type code and its bits. */
    private boolean boxed(Object o) throws IOException {
        char code = switch (o) {
            case Integer v -> 'I';
            case Long v -> 'J';
            case Double v -> 'D';
            case Float v -> 'F';
            case Boolean v -> 'Z';
            case Byte v -> 'B';
            case Short v -> 'S';
            case Character v -> 'C';
            default -> 0;
        };
        if (code == 0) return false;
        out.writeByte(StateTags.BOXED);
        out.writeChar(code);
        switch (o) {
            case Integer v -> out.writeInt(v);
            case Long v -> out.writeLong(v);
            case Double v -> out.writeLong(Double.doubleToRawLongBits(v));
            case Float v -> out.writeInt(Float.floatToRawIntBits(v));
            case Boolean v -> out.writeBoolean(v);
            case Byte v -> out.writeByte(v);
            case Short v -> out.writeShort(v);
            case Character v -> out.writeChar(v);
            default -> throw new IllegalStateException("unreachable: " + o.getClass());
        }
        return true;
    }

    private void writeArray(Object a) throws IOException {
        Class<?> comp = a.getClass().getComponentType();
        int n = Array.getLength(a);
        if (comp.isPrimitive()) {
            out.writeByte(StateTags.PRIMITIVE_ARRAY);
            out.writeChar(PrimitiveArrays.code(comp));
            out.writeInt(n);
            PrimitiveArrays.write(out, a);
            return;
        }
        out.writeByte(StateTags.OBJECT_ARRAY);
        writeString(comp.getName());
        out.writeInt(n);
        Object[] arr = (Object[]) a;
        for (int i = 0; i < n; i++) {
            path.push("[" + i + "]");
            writeRef(arr[i]);
            path.pop();
        }
    }

    private void writeCollection(Collection<?> col) throws IOException {
        byte kind;
        if (col instanceof List<?>) {
            out.writeByte(StateTags.LIST);
            kind = col.getClass() == ArrayList.class ? StateTags.ARRAY_LIST : StateTags.IMMUTABLE;
        } else if (col instanceof Set<?>) {
            out.writeByte(StateTags.SET);
            if (col instanceof TreeSet<?> t) {
                if (t.comparator() != null) throw new CheckpointException("cannot capture a TreeSet with a comparator at " + where());
                kind = StateTags.TREE;
            } else {
                kind = col instanceof LinkedHashSet<?> ? StateTags.LINKED_HASH : StateTags.HASH;
            }
        } else {
            throw new CheckpointException("cannot capture " + col.getClass().getName() + " at " + where());
        }
        out.writeByte(kind);
        out.writeInt(col.size());
        int i = 0;
        for (Object e : col) {
            path.push("[" + i++ + "]");
            writeRef(e);
            path.pop();
        }
    }

    private void writeMap(Map<?, ?> map) throws IOException {
        out.writeByte(StateTags.MAP);
        if (map instanceof TreeMap<?, ?> t && t.comparator() != null) {
            throw new CheckpointException("cannot capture a TreeMap with a comparator at " + where());
        }
        out.writeByte(map instanceof TreeMap<?, ?> ? StateTags.TREE : map instanceof LinkedHashMap<?, ?> ? StateTags.LINKED_HASH : StateTags.HASH);
        out.writeInt(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeRef(e.getKey());
            path.push("[" + e.getKey() + "]");
            writeRef(e.getValue());
            path.pop();
        }
    }

    private void writeRecord(Object r) throws IOException {
        out.writeByte(StateTags.RECORD);
        writeString(r.getClass().getName());
        out.writeInt(StateTags.layout(r.getClass()));
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            path.push(rc.getName());
            try {
                var m = rc.getAccessor();
                m.setAccessible(true);
                writeRef(m.invoke(r));
            } catch (ReflectiveOperationException e) {
                throw new CheckpointException("cannot read " + where() + ": " + e.getMessage(), e);
            }
            path.pop();
        }
    }

    private void writeObject(Object o) throws IOException {
        out.writeByte(StateTags.OBJECT);
        writeString(o.getClass().getName());
        out.writeInt(StateTags.layout(o.getClass()));
        try {
            for (Field f : StateTags.fields(o.getClass())) {
                path.push(f.getName());
                Class<?> t = f.getType();
                if (t == int.class) out.writeInt(f.getInt(o));
                else if (t == long.class) out.writeLong(f.getLong(o));
                else if (t == double.class) out.writeLong(Double.doubleToRawLongBits(f.getDouble(o)));
                else if (t == boolean.class) out.writeBoolean(f.getBoolean(o));
                else if (t == float.class) out.writeInt(Float.floatToRawIntBits(f.getFloat(o)));
                else if (t == byte.class) out.writeByte(f.getByte(o));
                else if (t == short.class) out.writeShort(f.getShort(o));
                else if (t == char.class) out.writeChar(f.getChar(o));
                else writeRef(f.get(o));
                path.pop();
            }
        } catch (IllegalAccessException e) {
            throw new CheckpointException("cannot read " + where() + ": " + e.getMessage(), e);
        }
    }

    private void writeString(String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private String where() {
        List<String> p = new ArrayList<>(path);
        java.util.Collections.reverse(p);
        return String.join(".", p).replace(".[", "[");
    }
}
