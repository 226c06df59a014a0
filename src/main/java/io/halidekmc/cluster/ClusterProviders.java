package io.halidekmc.cluster;

import io.halidekmc.io.yaml.InputException;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds a {@link ClusterProvider} by name, or says in one line how to get it. */
public final class ClusterProviders {
    private ClusterProviders() {}

    public static List<String> names() {
        List<String> n = new ArrayList<>();
        for (ClusterProvider p : ServiceLoader.load(ClusterProvider.class)) n.add(p.name());
        return n;
    }

    /**
     * The provider called {@code name}; an {@link InputException} naming {@code option} when it
     * is not on the classpath (the Spark module is a separate build).
     */
    public static ClusterProvider find(String option, String name) {
        for (ClusterProvider p : ServiceLoader.load(ClusterProvider.class)) {
            if (p.name().equals(name)) return p;
        }
        if (name.equals("spark")) {
            throw new InputException(option + ": the Spark module is not on the classpath; run through bin/halide-kmc-spark "
                    + "(it builds spark/ on first use), or build it with `mvn install -DskipTests && mvn -f spark/pom.xml package`"
                    + " and use spark-submit (README, \"Sweeps on Spark\")");
        }
        java.util.Set<String> allowed = new java.util.LinkedHashSet<>(List.of("local", "spark"));
        allowed.addAll(names());
        throw new InputException(option + ": '" + name + "' is not allowed; allowed: " + String.join(", ", allowed));
    }
}
