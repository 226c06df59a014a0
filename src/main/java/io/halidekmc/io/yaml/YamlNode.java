package io.halidekmc.io.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping read from YAML that knows its key path and which keys were read, so that a typo
 * ({@code drives.temprature}) is reported rather than silently ignored.
 */
public final class YamlNode {
    private final String file;
    private final String path;
    private final Map<String, Object> map;
    private final Set<String> read = new LinkedHashSet<>();

    YamlNode(String file, String path, Map<String, Object> map) {
        this.file = file;
        this.path = path;
        this.map = map;
    }

    public static YamlNode of(String file, String path, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw InputException.at(file, path, "expected a mapping (key: value lines), got " + describe(value));
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (var e : m.entrySet()) copy.put(String.valueOf(e.getKey()), e.getValue());
        return new YamlNode(file, path, copy);
    }

    public String file() {
        return file;
    }

    public String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    public boolean has(String k) {
        return map.containsKey(k);
    }

    public Object raw(String k) {
        read.add(k);
        return map.get(k);
    }

    public InputException error(String k, String problem) {
        return InputException.at(file, key(k), problem);
    }

    /**
     * A required key is absent: when an unread key lies within a typo of it, that key is the
     * user's real mistake, so it is named first (else "missing" hides the misspelling).
     */
    public InputException missing(String k, String detail) {
        for (String other : map.keySet()) {
            if (!read.contains(other) && k.equals(Suggest.nearest(other, List.of(k)))) {
                return error(other, "unknown key; did you mean `" + k + "`?");
            }
        }
        return error(k, detail);
    }

    /**
     * Which of two exclusive keys is given (edge_cells or edge_nm). Neither: a misspelling of
     * either is named first ({@link #rejectNearMiss}), else {@code detail} at the first key.
     */
    public String exactlyOne(String detail, String a, String b) {
        if (has(a) == has(b)) {
            if (!has(a)) rejectNearMiss(a, b);
            throw error(a, detail);
        }
        return has(a) ? a : b;
    }

    /**
     * Fails on an unread key within a typo of one of {@code keys}, naming it: where none of several
     * alternatives is given, the user's real mistake is likely a misspelt one ({@link #missing}).
     */
    public void rejectNearMiss(String... keys) {
        for (String other : map.keySet()) {
            String near = read.contains(other) ? null : Suggest.nearest(other, List.of(keys));
            if (near != null) throw error(other, "unknown key; did you mean `" + near + "`?");
        }
    }

    /**
     * Fails on any key outside {@code allowed} before the others are read: a misspelt key must be
     * named before a check that its absence makes fail (a term another one needs) hides it.
     */
    public void rejectUnknownFirst(String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : map.keySet()) {
            if (!ok.contains(k)) {
                throw InputException.at(file, key(k), "unknown key;" + Suggest.hint(k, ok) + " allowed here: " + String.join(", ", allowed));
            }
        }
    }

    public YamlNode child(String k) {
        if (!has(k)) throw missing(k, "missing");
        return of(file, key(k), raw(k));
    }

    public String string(String k, String def) {
        if (!has(k)) {
            if (def == null) throw missing(k, "missing");
            return def;
        }
        Object v = raw(k);
        if (!(v instanceof String s)) throw error(k, "expected text, got " + describe(v));
        return s;
    }

    public String choice(String k, String def, String... allowed) {
        String v = string(k, def);
        for (String a : allowed) if (a.equals(v)) return v;
        throw error(k, "'" + v + "' is not allowed; allowed: " + String.join(", ", allowed));
    }

    public double number(String k, Double def, double min, double max, boolean minExclusive) {
        if (!has(k)) {
            if (def == null) throw missing(k, "missing (a number in " + range(min, max, minExclusive) + Units.suffix(key(k)) + ")");
            return def;
        }
        return asNumber(key(k), raw(k), min, max, minExclusive);
    }

    public double asNumber(String keyPath, Object v, double min, double max, boolean minExclusive) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            throw InputException.at(file, keyPath, "expected a number, got " + describe(v));
        }
        boolean low = minExclusive ? !(d > min) : !(d >= min);
        if (low || !(d <= max) || Double.isNaN(d)) {
            throw InputException.at(file, keyPath, d + " is out of range; allowed: " + range(min, max, minExclusive) + Units.suffix(keyPath));
        }
        return d;
    }

    public long integer(String k, Long def, long min, long max) {
        if (!has(k)) {
            if (def == null) throw missing(k, "missing (an integer in [" + min + ", " + max + "]" + Units.suffix(key(k)) + ")");
            return def;
        }
        Object v = raw(k);
        if (!(v instanceof Number n) || v instanceof Double || v instanceof Float) {
            if (v instanceof Double dd && dd == Math.rint(dd) && Math.abs(dd) < 9e15) {
                return checkRange(k, dd.longValue(), min, max);
            }
            throw error(k, "expected an integer, got " + describe(v));
        }
        return checkRange(k, n.longValue(), min, max);
    }

    private long checkRange(String k, long v, long min, long max) {
        if (v < min || v > max) throw error(k, v + " is out of range; allowed: [" + min + ", " + max + "]" + Units.suffix(key(k)));
        return v;
    }

    public boolean bool(String k, boolean def) {
        if (!has(k)) return def;
        Object v = raw(k);
        if (!(v instanceof Boolean b)) throw error(k, "expected true or false, got " + describe(v));
        return b;
    }

    /** All entries, marked as read (free-form mappings: run names, overrides). */
    public java.util.Set<Map.Entry<String, Object>> entries() {
        read.addAll(map.keySet());
        return map.entrySet();
    }

    public Map<String, Object> entriesMap() {
        read.addAll(map.keySet());
        return new LinkedHashMap<>(map);
    }

    public List<Object> list(String k) {
        Object v = raw(k);
        if (!(v instanceof List<?> l)) throw error(k, "expected a list, got " + describe(v));
        return new ArrayList<>(l);
    }

    /** Fails on any key that was never read, naming it and the keys that are allowed here. */
    public void rejectUnknown(String... allowed) {
        for (String k : map.keySet()) {
            if (!read.contains(k)) {
                throw InputException.at(file, key(k), "unknown key;" + Suggest.hint(k, List.of(allowed)) + " allowed here: "
                        + String.join(", ", allowed));
            }
        }
    }

    public static String describe(Object v) {
        if (v == null) return "nothing";
        if (v instanceof String s) return "'" + s + "'";
        if (v instanceof Map<?, ?>) return "a mapping";
        if (v instanceof List<?>) return "a list";
        return v.toString();
    }

    static String range(double min, double max, boolean minExclusive) {
        String lo = (minExclusive ? "(" : "[") + fmt(min);
        String hi = Double.isInfinite(max) ? "∞)" : fmt(max) + "]";
        return lo + ", " + hi;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
