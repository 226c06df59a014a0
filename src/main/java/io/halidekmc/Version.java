package io.halidekmc;

/** Project version, from the jar manifest when run from the jar. */
public final class Version {
    public static final String VERSION = read();

    private Version() {}

    private static String read() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
