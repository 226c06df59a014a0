package io.halidekmc.backend;

import java.util.List;

/**
 * Which compute backends this build can use (DESIGN §6). The CPU backend is pure Java and always
 * there; the GPU backends arrive with the parallel-engines issue and report why they are absent.
 */
public final class Backends {
    private Backends() {}

    public record Status(String name, boolean available, String detail) {}

    public static List<Status> probe() {
        return List.of(
                new Status("cpu", true, "pure Java, " + Runtime.getRuntime().availableProcessors() + " cores"),
                new Status("cuda", false, "not in this build yet (CUDA via FFM is planned, DESIGN §6)"),
                new Status("tornado", false, "not in this build yet (TornadoVM profile is planned, DESIGN §6)"));
    }
}
