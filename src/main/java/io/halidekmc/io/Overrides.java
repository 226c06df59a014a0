package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replaces values in a parsed YAML tree by dotted key path, before the scenario is validated. */
final class Overrides {
    private Overrides() {
    }

    static Object apply(Object doc, Map<String, Object> overrides, String file) {
        if (overrides.isEmpty()) return doc;
        Map<String, Object> root = mutable(doc, file, "");
        for (var e : overrides.entrySet()) {
            String[] keys = e.getKey().split("\\.");
            Map<String, Object> node = root;
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < keys.length - 1; i++) {
                if (keys[i].isEmpty()) throw new InputException(file + ": override '" + e.getKey() + "' has an empty key");
                path.append(i == 0 ? "" : ".").append(keys[i]);
                Object child = node.get(keys[i]);
                Map<String, Object> m = child == null ? new LinkedHashMap<>() : mutable(child, file, path.toString());
                node.put(keys[i], m);
                node = m;
            }
            // null removes a key: how an override swaps one of two exclusive keys (edge_nm for edge_cells)
            if (e.getValue() == null) node.remove(keys[keys.length - 1]);
            else node.put(keys[keys.length - 1], e.getValue());
        }
        return root;
    }

    /** The scenario text as stored in /meta: the file as written, then the overrides, so a run can be repeated. */
    static String record(String text, Map<String, Object> overrides) {
        if (overrides.isEmpty()) return text;
        StringBuilder b = new StringBuilder(text);
        if (!text.endsWith("\n")) b.append('\n');
        b.append("# overrides applied on load (key path: value):\n");
        for (var e : overrides.entrySet()) b.append("#   ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        return b.toString();
    }


    private static Map<String, Object> mutable(Object value, String file, String path) {
        if (!(value instanceof Map<?, ?> m)) {
            String what = value instanceof List<?> ? "a list" : "a value";
            throw new InputException(file + ": cannot override below '" + path + "': it is " + what + ", not a mapping");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (var e : m.entrySet()) copy.put(String.valueOf(e.getKey()), e.getValue());
        return copy;
    }
}
