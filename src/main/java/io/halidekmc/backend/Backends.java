package io.halidekmc.backend;

import io.halidekmc.engine.BackendUnavailable;

import io.halidekmc.engine.RateBackend;

import io.halidekmc.backend.cuda.CudaDriver;
import io.halidekmc.backend.cuda.CudaRateBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Which compute backends this build can use, and the choice for a run (DESIGN §6). The CPU
 * backend is pure Java and always there; CUDA is probed through FFM (libcuda.so.1); TornadoVM is
 * a {@link RateBackendProvider} found at run time (only a {@code -Ptornado} build has it, and it
 * runs only in a JVM started by TornadoVM). Each, when absent or failing, is reported with the
 * reason. A requested backend that cannot run is never an error: the run continues on the CPU,
 * and the reason is logged and recorded in /meta.
 */
public final class Backends {
    private Backends() {}

    public static final List<String> NAMES = List.of("auto", "cpu", "cuda", "tornado");
    /** Why tornado cannot run when no provider is on the classpath (the default build). */
    static final String TORNADO_ABSENT = "not in this build (build with mvn -Ptornado and start it with the tornado launcher; "
            + "README \"TornadoVM backend\")";

    public record Status(String name, boolean available, String detail) {}

    /** The backend for a run: what to use, and why (logged, and /meta backend_reason). */
    public record Choice(RateBackend backend, String reason) {
        public String name() {
            return backend.name();
        }
    }

    public static List<Status> probe() {
        List<Status> s = new ArrayList<>();
        s.add(new Status("cpu", true, "pure Java, " + Runtime.getRuntime().availableProcessors() + " cores"));
        try {
            CudaDriver cu = CudaDriver.get();
            int n = cu.deviceCount();
            if (n == 0) {
                s.add(new Status("cuda", false, "driver " + cu.version() + ", no CUDA device"));
            } else {
                List<String> d = new ArrayList<>();
                for (int i = 0; i < n; i++) d.add(cu.device(i).describe());
                s.add(new Status("cuda", true, "driver " + cu.version() + ", " + n + " device" + (n == 1 ? "" : "s")
                        + ":\n           " + String.join("\n           ", d)));
            }
        } catch (BackendUnavailable e) {
            s.add(new Status("cuda", false, e.getMessage()));
        }
        RateBackendProvider t;
        try {
            t = provider("tornado");
            s.add(t.probe());
        } catch (BackendUnavailable e) {
            s.add(new Status("tornado", false, e.getMessage()));
        }
        return s;
    }

    /**
     * The run-time provider called {@code name} (ServiceLoader); the reason when there is none or it
     * does not load (a -Ptornado jar on a plain JVM can fail to link its provider).
     */
    static RateBackendProvider provider(String name) throws BackendUnavailable {
        try {
            for (RateBackendProvider p : ServiceLoader.load(RateBackendProvider.class, Backends.class.getClassLoader())) {
                if (p.name().equals(name)) return p;
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new BackendUnavailable("its provider does not load (" + e.getMessage() + ")", e);
        }
        throw new BackendUnavailable(TORNADO_ABSENT);
    }

    /** The TornadoVM backend on the first of {@code devices}, or why not. */
    static RateBackend openTornado(List<Integer> devices) throws BackendUnavailable {
        try {
            return provider("tornado").open(devices);
        } catch (LinkageError e) {
            throw new BackendUnavailable("TornadoVM classes do not link in this JVM (" + e + ")", e);
        }
    }

    /** The TornadoVM ensemble-trial runner on the first of {@code devices}, or why not. */
    public static io.halidekmc.engine.uniformized.TrialRunner openTornadoEnsemble(List<Integer> devices, io.halidekmc.lattice.Lattice lattice,
                                                                      int members, int vacancies, long seed) throws BackendUnavailable {
        try {
            return provider("tornado").openEnsemble(devices, lattice, members, vacancies, seed);
        } catch (LinkageError e) {
            throw new BackendUnavailable("TornadoVM classes do not link in this JVM (" + e + ")", e);
        }
    }

    /**
     * The uniformized ensemble's trial runner on backend {@code name} (cuda or tornado): with cuda,
     * the film split over every one of {@code devices} ({@link io.halidekmc.backend.cuda.MultiDeviceEnsemble})
     * when there are several; or why not.
     */
    public static io.halidekmc.engine.uniformized.TrialRunner openEnsemble(String name, List<Integer> devices, io.halidekmc.lattice.Lattice lattice,
                                                               int members, int vacancies, long seed) throws BackendUnavailable {
        List<Integer> d = devices == null || devices.isEmpty() ? List.of(0) : devices;
        return switch (name) {
            case "cuda" -> d.size() > 1 ? new io.halidekmc.backend.cuda.MultiDeviceEnsemble(d, lattice, members, vacancies, seed)
                    : new io.halidekmc.backend.cuda.CudaEnsemble(d.getFirst(), lattice, members, vacancies, seed);
            case "tornado" -> openTornadoEnsemble(d, lattice, members, vacancies, seed);
            default -> throw new BackendUnavailable(name + " has no ensemble kernel");
        };
    }

    /**
     * The uniformized sector engine's sector steps on backend {@code name} (cuda or tornado), on the
     * first of {@code devices}, from the initial state; or why not.
     */
    public static io.halidekmc.engine.uniformized.SectorRunner openSectors(String name, List<Integer> devices, io.halidekmc.engine.uniformized.SectorState state)
            throws BackendUnavailable {
        int first = devices == null || devices.isEmpty() ? 0 : devices.getFirst();
        switch (name) {
            case "cuda" -> {
                return new io.halidekmc.backend.cuda.CudaSectorRunner(first, state);
            }
            case "tornado" -> {
                try {
                    return provider("tornado").openSectors(devices == null ? List.of() : devices, state);
                } catch (LinkageError e) {
                    throw new BackendUnavailable("TornadoVM classes do not link in this JVM (" + e + ")", e);
                }
            }
            default -> throw new BackendUnavailable(name + " has no sector kernels");
        }
    }

    /** Parses --devices: comma-separated CUDA ordinals ("0", "0,1"); null or empty = device 0. */
    public static List<Integer> parseDevices(String list) {
        List<Integer> d = new ArrayList<>();
        if (list == null || list.isBlank()) return List.of(0);
        for (String p : list.split(",")) {
            String t = p.strip();
            int v;
            try {
                v = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "' is not a device ordinal; expected e.g. 0 or 0,1");
            }
            if (v < 0) throw new IllegalArgumentException("device ordinal " + v + " is negative");
            d.add(v);
        }
        return d;
    }

    /**
     * The backend for {@code requested} (auto, cpu, cuda, tornado) on {@code devices}; never fails:
     * an unavailable one gives the CPU with the reason. For auto, {@code timeRefresh} (may be null)
     * runs one bulk refresh of the run's own lattice with the given backend; both are timed and
     * the faster is taken. Without it auto takes CUDA when a device is there. The reason is also
     * logged to stderr when the CPU replaces a requested backend.
     */
    public static Choice select(String requested, List<Integer> devices, Consumer<RateBackend> timeRefresh) {
        String req = requested == null ? "auto" : requested.toLowerCase(Locale.ROOT);
        List<Integer> devs = devices == null || devices.isEmpty() ? List.of(0) : devices;
        String multi = devs.size() > 1 ? " (the bulk refresh uses one device; others in --devices " + devs + " idle)" : "";
        switch (req) {
            case "cpu":
                return new Choice(RateBackend.CPU, "cpu requested");
            case "tornado": {
                try {
                    RateBackend t = openTornado(devs);
                    return new Choice(new FallbackRateBackend(t), "tornado requested: " + t.detail());
                } catch (BackendUnavailable e) {
                    return fallback("tornado requested but unavailable: " + e.getMessage());
                }
            }
            case "cuda": {
                try {
                    CudaRateBackend c = CudaRateBackend.open(devs.get(0));
                    return new Choice(new FallbackRateBackend(c), "cuda requested: " + c.detail() + multi);
                } catch (BackendUnavailable e) {
                    return fallback("cuda requested but unavailable: " + e.getMessage());
                }
            }
            case "auto":
                return auto(devs, timeRefresh, multi);
            default:
                throw new IllegalArgumentException("'" + requested + "' is not a backend; allowed: " + String.join(", ", NAMES));
        }
    }

    private record Candidate(RateBackend backend, String note) {}

    /**
     * auto: every backend that opens is timed on the run's lattice against the CPU and the fastest
     * kept. Untimed (no lattice), CUDA is taken when present, being a GPU by construction; TornadoVM
     * only ever by timing, as its OpenCL device may well be a CPU (PoCL) and slower than the CPU
     * kernel.
     */
    private static Choice auto(List<Integer> devs, Consumer<RateBackend> timeRefresh, String multi) {
        List<String> absent = new ArrayList<>();
        List<Candidate> open = new ArrayList<>();
        try {
            open.add(new Candidate(CudaRateBackend.open(devs.get(0)), multi));
        } catch (BackendUnavailable e) {
            absent.add("cuda: " + e.getMessage());
        }
        try {
            open.add(new Candidate(openTornado(devs), ""));
        } catch (BackendUnavailable e) {
            absent.add("tornado: " + e.getMessage());
        }
        String notThere = absent.isEmpty() ? "" : "; " + String.join("; ", absent);
        if (open.isEmpty()) {
            return new Choice(RateBackend.CPU, "auto: cpu, the only backend available (" + String.join("; ", absent) + ")");
        }
        if (timeRefresh == null) {
            Candidate cuda = open.stream().filter(c -> c.backend.name().equals("cuda")).findFirst().orElse(null);
            for (Candidate c : open) if (c != cuda) c.backend.close();
            if (cuda != null) {
                return new Choice(new FallbackRateBackend(cuda.backend), "auto: cuda, a device is present ("
                        + cuda.backend.detail() + ")" + cuda.note);
            }
            return new Choice(RateBackend.CPU, "auto: cpu; tornado is available but picked only by timing on a lattice"
                    + notThere);
        }
        double tCpu = time(timeRefresh, RateBackend.CPU);
        Candidate best = null;
        double tBest = tCpu;
        List<String> times = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Candidate c : open) {
            double t;
            try {
                t = time(timeRefresh, c.backend);
            } catch (RuntimeException e) {
                failed.add(c.backend.name() + " failed its timing refresh (" + e.getMessage() + ")");
                c.backend.close();
                continue;
            }
            times.add(String.format(Locale.ROOT, "%s %.3f ms", c.backend.name(), t * 1e3));
            if (t < tBest) {
                if (best != null) best.backend.close();
                best = c;
                tBest = t;
            } else {
                c.backend.close();
            }
        }
        if (!failed.isEmpty()) System.err.println("halide-kmc: auto: " + String.join("; ", failed));
        String why = "bulk refresh of this lattice: " + (times.isEmpty() ? "" : String.join(", ", times) + " (with transfers) vs ")
                + String.format(Locale.ROOT, "cpu %.3f ms", tCpu * 1e3)
                + (failed.isEmpty() ? "" : "; " + String.join("; ", failed)) + notThere;
        if (best == null) return new Choice(RateBackend.CPU, "auto: cpu, faster; " + why);
        return new Choice(new FallbackRateBackend(best.backend), "auto: " + best.backend.name() + ", faster; " + why + "; "
                + best.backend.detail() + best.note);
    }

    private static Choice fallback(String reason) {
        String r = reason + "; using cpu";
        System.err.println("halide-kmc: " + r);
        return new Choice(RateBackend.CPU, r);
    }

    /** Best of 3 after one warm-up, seconds. */
    private static double time(Consumer<RateBackend> refresh, RateBackend b) {
        refresh.accept(b);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            refresh.accept(b);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
