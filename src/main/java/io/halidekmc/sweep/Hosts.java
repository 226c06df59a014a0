package io.halidekmc.sweep;

import java.net.InetAddress;

/** This machine's name for the host column of sweep and cluster-bench tables; looked up once (DNS can be slow). */
public final class Hosts {
    private static volatile String name;

    private Hosts() {}

    public static String name() {
        String n = name;
        if (n == null) {
            try {
                n = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | SecurityException e) {
                String env = System.getenv("HOSTNAME");
                n = env != null && !env.isBlank() ? env : "unknown";
            }
            name = n;
        }
        return n;
    }
}
