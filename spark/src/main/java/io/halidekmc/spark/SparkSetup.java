package io.halidekmc.spark;

import org.apache.spark.SparkConf;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark configuration of a halide-kmc job: the master (ours, else what spark-submit set,
 * else local[*]), retries, one GPU per task where executors have GPUs, and the executor
 * classpath for local-cluster. Anything set already (spark-submit --conf, -Dspark.* properties)
 * wins over our defaults.
 */
final class SparkSetup {
    /** Attempts per task unless spark.task.maxFailures says otherwise (Spark's own default is 4). */
    static final int DEFAULT_ATTEMPTS = 2;
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[([^,\\]]+)(?:,(\\d+))?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,.*]");

    private SparkSetup() {}

    static SparkConf conf(String master, String appName) {
        SparkConf c = new SparkConf(true);   // picks up spark.* system properties (spark-submit, -D)
        if (master != null) c.setMaster(master);
        else if (!c.contains("spark.master")) c.setMaster("local[*]");
        c.setIfMissing("spark.app.name", appName);
        c.setIfMissing("spark.ui.enabled", "false");   // a sweep needs no web UI; --conf spark.ui.enabled=true brings it back
        c.setIfMissing("spark.task.maxFailures", Integer.toString(DEFAULT_ATTEMPTS));
        int attempts = c.getInt("spark.task.maxFailures", DEFAULT_ATTEMPTS);
        // local mode ignores spark.task.maxFailures: the retry count is part of the master, local[N,F]
        Matcher m = LOCAL.matcher(c.get("spark.master"));
        if (m.matches() && m.group(2) == null) c.setMaster("local[" + (m.group(1) == null ? "1" : m.group(1)) + "," + attempts + "]");
        if (c.get("spark.master").startsWith("local-cluster")) {
            // local-cluster starts its executors through Spark's launcher, which wants a Spark
            // distribution: $SPARK_HOME/jars (it may be empty; the Workers' work/ folder goes
            // there too). Give the executors this JVM's classpath instead (Spark's own tests do the same)
            c.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            // ...and the Scala version it would otherwise look for in a Spark source build
            c.setIfMissing("spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
            if (System.getenv("SPARK_HOME") == null) {
                throw new io.halidekmc.io.yaml.InputException("--master " + c.get("spark.master") + ": local-cluster needs SPARK_HOME "
                        + "(a folder with a jars/ subfolder, which may be empty; bin/halide-kmc-spark sets one up)");
            }
        }
        // executors with GPUs: each task (a point, a bench slot) holds one
        if (c.contains("spark.executor.resource.gpu.amount")) c.setIfMissing("spark.task.resource.gpu.amount", "1");
        return c;
    }

    /** The context, or an {@link io.halidekmc.io.yaml.InputException} naming the master when Spark cannot start with it. */
    static org.apache.spark.api.java.JavaSparkContext start(SparkConf c) {
        try {
            return new org.apache.spark.api.java.JavaSparkContext(c);
        } catch (Exception e) {   // SparkException is checked in Java's eyes, though nothing declares it
            String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
            throw new io.halidekmc.io.yaml.InputException("--master: Spark cannot start with master '" + c.get("spark.master") + "': " + m);
        }
    }

    /** How many attempts a task gets under this configuration. */
    static int attempts(SparkConf c) {
        Matcher m = LOCAL.matcher(c.get("spark.master"));
        if (m.matches()) return m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        return c.getInt("spark.task.maxFailures", 4);
    }

    /** Executors the master asks for, when it says (local-cluster[N,..], spark.executor.instances), else 0. */
    static int expectedExecutors(SparkConf c) {
        Matcher m = LOCAL_CLUSTER.matcher(c.get("spark.master"));
        if (m.matches()) return Integer.parseInt(m.group(1));
        return c.getInt("spark.executor.instances", 0);
    }
}
