package io.halidekmc.output;

import java.util.List;
import java.util.Map;

/** Short YAML flow-style text of a parsed value: a grid value as shown in tables, plots and messages. */
public final class Labels {
    private Labels() {}

    public static String of(Object v) {
        StringBuilder b = new StringBuilder();
        append(b, v);
        return b.toString();
    }

    private static void append(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) b.append(", ");
                    first = false;
                    b.append(e.getKey()).append(": ");
                    append(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(", ");
                    append(b, l.get(i));
                }
                b.append(']');
            }
            default -> b.append(v);
        }
    }
}
