package io.halidekmc.checkpoint;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link StateWriter} and {@link StateReader} agree on: the tag before every reference,
 * which fields of a class are state, and which objects are left as the fresh engine built them.
 *
 * <p>Left alone (tag {@link #KEPT}): instances of the configuration classes the caller names
 * (lattice geometry, material, drive program: rebuilt from the scenario, identical by
 * construction), {@code transient} fields (marked so because they are runtime machinery, not
 * state), threads and executors, and lambdas (hidden classes hold only what built them).
 */
final class StateTags {
    static final byte NULL = 0, BACKREF = 1, PRIMITIVE_ARRAY = 2, OBJECT_ARRAY = 3, OBJECT = 4, RECORD = 5,
            LIST = 6, SET = 7, MAP = 8, STRING = 9, BOXED = 10, ENUM = 11, INSTANT = 12, KEPT = 13, ATOMIC = 14;

    /** Collection kinds: what a restored collection is rebuilt as. */
    static final byte ARRAY_LIST = 0, IMMUTABLE = 1, TREE = 2, LINKED_HASH = 3, HASH = 4;

    private static final ConcurrentHashMap<Class<?>, Field[]> FIELDS = new ConcurrentHashMap<>();

    private final List<Class<?>> configuration;

    StateTags(Set<Class<?>> configuration) {
        this.configuration = List.copyOf(configuration);
    }

    /** True for objects the checkpoint does not hold: the fresh engine's own one is kept. */
    boolean kept(Object o) {
        Class<?> c = o.getClass();
        if (c.isHidden()) return true;
        if (o instanceof Thread || o instanceof java.util.concurrent.Executor || o instanceof java.util.concurrent.locks.Lock
                || o instanceof ThreadLocal<?>) {
            return true;
        }
        for (Class<?> k : configuration) if (k.isInstance(o)) return true;
        return false;
    }

    /**
     * A class's state fields: every instance field, superclass first, then by name (the order
     * of {@link Class#getDeclaredFields} is not specified), less statics and {@code transient}s.
     */
    static Field[] fields(Class<?> c) {
        return FIELDS.computeIfAbsent(c, StateTags::collect);
    }

    private static Field[] collect(Class<?> c) {
        List<Field> out = new ArrayList<>();
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) chain.addFirst(k);
        for (Class<?> k : chain) {
            if (isPlatform(k)) {
                throw new CheckpointException("cannot capture " + c.getName() + ": it extends " + k.getName());
            }
            Field[] declared = k.getDeclaredFields();
            Arrays.sort(declared, Comparator.comparing(Field::getName));
            for (Field f : declared) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m)) continue;
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out.toArray(Field[]::new);
    }

    private static final ConcurrentHashMap<Class<?>, Integer> LAYOUTS = new ConcurrentHashMap<>();

    /**
     * A fingerprint of the names and types of a class's state fields (a record's components):
     * written beside every object, so a checkpoint from code whose classes have since changed is
     * refused by name instead of being read into the wrong fields.
     */
    static int layout(Class<?> c) {
        return LAYOUTS.computeIfAbsent(c, k -> {
            StringBuilder b = new StringBuilder(k.isRecord() ? "record" : "class");
            if (k.isRecord()) {
                for (var rc : k.getRecordComponents()) b.append(';').append(rc.getName()).append(':').append(rc.getType().getName());
            } else {
                for (Field f : fields(k)) b.append(';').append(f.getName()).append(':').append(f.getType().getName());
            }
            return b.toString().hashCode();
        });
    }

    /** A JDK class: its fields are closed to reflection and are not ours to capture. */
    static boolean isPlatform(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.");
    }
}
