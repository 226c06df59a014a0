package io.halidekmc.cli;

import io.halidekmc.Version;
import io.halidekmc.backend.Backends;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code info}: version, Java, backends and cores. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show version, Java, backends and cores.")
final class InfoCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        o.println("halide-kmc " + Version.VERSION);
        o.println("java:     " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        o.println("os:       " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        o.println("cores:    " + Runtime.getRuntime().availableProcessors());
        o.println("memory:   " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB max heap");
        o.println("backends:");
        for (Backends.Status b : Backends.probe()) {
            o.println(String.format("  %-8s %s", b.name(), b.available() ? "available: " + b.detail() : "not available: " + b.detail()));
        }
        return 0;
    }
}
