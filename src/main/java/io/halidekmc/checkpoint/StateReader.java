package io.halidekmc.checkpoint;

import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lays a graph captured by {@link StateWriter} over a freshly built twin (the same scenario built
 * the same way), walking both in step: each captured object is written into its fresh
 * counterpart in place, so references the codec leaves out (configuration, lambdas, threads)
 * keep pointing at live objects and every alias in the captured graph is an alias again.
 * An object with no counterpart (made during the run) is allocated anew.
 */
public final class StateReader {
    private final StateTags tags;
    private final DataInputStream in;
    private final List<Object> objects = new ArrayList<>();
    private final IdentityHashMap<Object, Boolean> used = new IdentityHashMap<>();
    private final Deque<String> path = new ArrayDeque<>();

    public StateReader(DataInputStream in, Set<Class<?>> configuration) {
        this.in = in;
        this.tags = new StateTags(configuration);
    }

    /** Restores the captured root into {@code root}, which must be of the captured class. */
    public void readRoot(Object root) throws IOException {
        path.push(root.getClass().getSimpleName());
        Object r = readRef(root);
        if (r != root) throw mismatch("the checkpoint's root is not a " + root.getClass().getSimpleName());
        path.pop();
    }

    private Object readRef(Object fresh) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case StateTags.NULL -> null;
            case StateTags.STRING -> readString();
            case StateTags.ENUM -> enumConstant(readString(), readString());
            case StateTags.INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case StateTags.BOXED -> readBoxed();
            case StateTags.KEPT -> {
                if (fresh == null) throw mismatch("the fresh run has nothing to keep");
                yield fresh;
            }
            case StateTags.BACKREF -> {
                int id = in.readInt();
                if (id < 0 || id >= objects.size() || objects.get(id) == null) throw mismatch("reference to object " + id + " not restored yet");
                yield objects.get(id);
            }
            case StateTags.PRIMITIVE_ARRAY -> readPrimitiveArray(fresh);
            case StateTags.OBJECT_ARRAY -> readObjectArray(fresh);
            case StateTags.LIST -> readList(fresh);
            case StateTags.SET -> readSet(fresh);
            case StateTags.MAP -> readMap(fresh);
            case StateTags.ATOMIC -> {
                var a = fresh instanceof java.util.concurrent.atomic.AtomicLong f && claim(f) ? f : new java.util.concurrent.atomic.AtomicLong();
                objects.add(a);
                a.set(in.readLong());
                yield a;
            }
            case StateTags.RECORD -> readRecord(fresh);
            case StateTags.OBJECT -> readObject(fresh);
            default -> throw mismatch("unknown tag " + tag);
        };
    }

    /** True when {@code fresh} may be overwritten: not already the target of another captured object. */
    private boolean claim(Object fresh) {
        return used.put(fresh, Boolean.TRUE) == null;
    }

    private Object readPrimitiveArray(Object fresh) throws IOException {
        char code = in.readChar();
        int n = in.readInt();
        if (n < 0) throw mismatch("negative array length");
        Object target = fresh != null && fresh.getClass().isArray() && fresh.getClass().getComponentType().isPrimitive()
                && PrimitiveArrays.code(fresh.getClass().getComponentType()) == code && Array.getLength(fresh) == n && claim(fresh)
                ? fresh : PrimitiveArrays.allocate(code, n);
        objects.add(target);
        PrimitiveArrays.read(in, target);
        return target;
    }

    private Object readObjectArray(Object fresh) throws IOException {
        Class<?> comp = load(readString());
        int n = in.readInt();
        if (n < 0) throw mismatch("negative array length");
        Object[] f = fresh instanceof Object[] a ? a : null;
        Object[] target = f != null && f.getClass().getComponentType() == comp && f.length == n && claim(f)
                ? f : (Object[]) Array.newInstance(comp, n);
        Object[] before = f == null ? new Object[0] : f.clone();
        objects.add(target);
        for (int i = 0; i < n; i++) {
            path.push("[" + i + "]");
            target[i] = readRef(i < before.length ? before[i] : null);
            path.pop();
        }
        return target;
    }

    private Object readList(Object fresh) throws IOException {
        byte kind = in.readByte();
        int n = in.readInt();
        List<?> before = fresh instanceof List<?> l ? new ArrayList<>(l) : List.of();
        @SuppressWarnings("unchecked")
        List<Object> target = kind == StateTags.ARRAY_LIST && fresh instanceof ArrayList<?> a && claim(a)
                ? (List<Object>) a : new ArrayList<>(n);
        int id = objects.size();
        objects.add(kind == StateTags.ARRAY_LIST ? target : null);
        target.clear();
        for (int i = 0; i < n; i++) {
            path.push("[" + i + "]");
            target.add(readRef(i < before.size() ? before.get(i) : null));
            path.pop();
        }
        if (kind == StateTags.ARRAY_LIST) return target;
        List<Object> frozen = target.contains(null) ? Collections.unmodifiableList(target) : List.copyOf(target);
        objects.set(id, frozen);
        return frozen;
    }

    private Object readSet(Object fresh) throws IOException {
        byte kind = in.readByte();
        int n = in.readInt();
        Set<Object> target = switch (kind) {
            case StateTags.TREE -> new TreeSet<>();
            case StateTags.LINKED_HASH -> new LinkedHashSet<>();
            default -> new HashSet<>();
        };
        objects.add(target);
        for (int i = 0; i < n; i++) target.add(readRef(null));
        return target;
    }

    private Object readMap(Object fresh) throws IOException {
        byte kind = in.readByte();
        int n = in.readInt();
        Map<?, ?> before = fresh instanceof Map<?, ?> m ? m : Map.of();
        Map<Object, Object> target = switch (kind) {
            case StateTags.TREE -> new TreeMap<>();
            case StateTags.LINKED_HASH -> new LinkedHashMap<>();
            default -> new HashMap<>();
        };
        objects.add(target);
        for (int i = 0; i < n; i++) {
            Object k = readRef(null);
            path.push("[" + k + "]");
            target.put(k, readRef(before.get(k)));
            path.pop();
        }
        return target;
    }

    private Object readRecord(Object fresh) throws IOException {
        Class<?> c = loadSameLayout(readString());
        int id = objects.size();
        objects.add(null);
        RecordComponent[] rcs = c.getRecordComponents();
        Object[] values = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        try {
            for (int i = 0; i < rcs.length; i++) {
                types[i] = rcs[i].getType();
                path.push(rcs[i].getName());
                Object freshValue = null;
                if (fresh != null && fresh.getClass() == c) {
                    var m = rcs[i].getAccessor();
                    m.setAccessible(true);
                    freshValue = m.invoke(fresh);
                }
                values[i] = types[i].isPrimitive() ? readPrimitive(types[i]) : readRef(freshValue);
                path.pop();
            }
            Constructor<?> k = c.getDeclaredConstructor(types);
            k.setAccessible(true);
            Object r = k.newInstance(values);
            objects.set(id, r);
            return r;
        } catch (ReflectiveOperationException e) {
            throw mismatch("cannot rebuild " + c.getSimpleName() + ": " + e);
        }
    }

    private Object readPrimitive(Class<?> t) throws IOException {
        in.readByte();   // a record component, like any reference, carries a tag; see readBoxed
        in.readChar();
        return boxedValue(t);
    }

    private Object readObject(Object fresh) throws IOException {
        Class<?> c = loadSameLayout(readString());
        Object target = fresh != null && fresh.getClass() == c && claim(fresh) ? fresh : Instances.allocate(c);
        objects.add(target);
        try {
            for (Field f : StateTags.fields(c)) {
                path.push(f.getName());
                Class<?> t = f.getType();
                if (t == int.class) f.setInt(target, in.readInt());
                else if (t == long.class) f.setLong(target, in.readLong());
                else if (t == double.class) f.setDouble(target, Double.longBitsToDouble(in.readLong()));
                else if (t == boolean.class) f.setBoolean(target, in.readBoolean());
                else if (t == float.class) f.setFloat(target, Float.intBitsToFloat(in.readInt()));
                else if (t == byte.class) f.setByte(target, in.readByte());
                else if (t == short.class) f.setShort(target, in.readShort());
                else if (t == char.class) f.setChar(target, in.readChar());
                else f.set(target, readRef(f.get(target)));
                path.pop();
            }
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw mismatch("cannot set " + c.getSimpleName() + ": " + e.getMessage());
        }
        return target;
    }

    private Object readBoxed() throws IOException {
        return boxedValue(switch (in.readChar()) {
            case 'I' -> int.class;
            case 'J' -> long.class;
            case 'D' -> double.class;
            case 'F' -> float.class;
            case 'Z' -> boolean.class;
            case 'B' -> byte.class;
            case 'S' -> short.class;
            case 'C' -> char.class;
            default -> throw mismatch("unknown boxed type");
        });
    }

    private Object boxedValue(Class<?> t) throws IOException {
        if (t == int.class) return in.readInt();
        if (t == long.class) return in.readLong();
        if (t == double.class) return Double.longBitsToDouble(in.readLong());
        if (t == float.class) return Float.intBitsToFloat(in.readInt());
        if (t == boolean.class) return in.readBoolean();
        if (t == byte.class) return in.readByte();
        if (t == short.class) return in.readShort();
        return in.readChar();
    }

    private Object enumConstant(String cls, String name) {
        Class<?> c = load(cls);
        for (Object e : c.getEnumConstants()) if (((Enum<?>) e).name().equals(name)) return e;
        throw mismatch(cls + " has no constant " + name);
    }

    /** The class, if its fields are still those the checkpoint was written with. */
    private Class<?> loadSameLayout(String name) throws IOException {
        Class<?> c = load(name);
        int written = in.readInt();
        if (written != StateTags.layout(c)) throw mismatch(c.getSimpleName() + "'s fields have changed since the checkpoint was written");
        return c;
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, StateReader.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw mismatch("class " + name + " is not in this version");
        }
    }

    private String readString() throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 26)) throw mismatch("string length " + n);
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private CheckpointException mismatch(String what) {
        List<String> p = new ArrayList<>(path);
        Collections.reverse(p);
        return new CheckpointException("checkpoint does not fit this run at " + String.join(".", p).replace(".[", "[") + ": " + what);
    }
}
