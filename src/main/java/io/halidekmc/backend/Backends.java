package io.halidekmc.backend;

import io.halidekmc.backend.cuda.CudaDriver;
import io.halidekmc.backend.cuda.CudaRateBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Which compute backends this build can use, and the choice for a run (DESIGN §6). The CPU
 * backend is pure Java and always there; CUDA is probed through FFM (libcuda.so.1) and, when
 * absent or failing, reported with the reason. A requested backend that cannot run is never an
 * error: the run continues on the CPU, and the reason is logged and recorded in /meta.
 */
public final class Backends {
    private Backends() {}

    public static final List<String> NAMES = List.of("auto", "cpu", "cuda", "tornado");
    static final String TORNADO_REASON = "tornado: not in this build (TornadoVM profile -Ptornado, DESIGN §6)";

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
        s.add(new Status("tornado", false, TORNADO_REASON.substring("tornado: ".length())));
        return s;
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
            case "tornado":
                return fallback("tornado requested but unavailable: " + TORNADO_REASON.substring(9));
            case "cuda": {
                try {
                    CudaRateBackend c = CudaRateBackend.open(devs.get(0));
                    return new Choice(new FallbackRateBackend(c), "cuda requested: " + c.detail() + multi);
                } catch (BackendUnavailable e) {
                    return fallback("cuda requested but unavailable: " + e.getMessage());
                }
            }
            case "auto": {
                CudaRateBackend c;
                try {
                    c = CudaRateBackend.open(devs.get(0));
                } catch (BackendUnavailable e) {
                    return new Choice(RateBackend.CPU, "auto: cpu, the only backend available (cuda: " + e.getMessage()
                            + "; " + TORNADO_REASON + ")");
                }
                if (timeRefresh == null) {
                    return new Choice(new FallbackRateBackend(c), "auto: cuda, a device is present (" + c.detail() + ")" + multi);
                }
                double tCpu = time(timeRefresh, RateBackend.CPU);
                double tGpu;
                try {
                    tGpu = time(timeRefresh, c);
                } catch (RuntimeException e) {
                    c.close();
                    return fallback("auto: cuda failed its timing refresh (" + e.getMessage() + ")");
                }
                String why = String.format(Locale.ROOT, "bulk refresh of this lattice: cuda %.3f ms (with transfers) vs cpu %.3f ms",
                        tGpu * 1e3, tCpu * 1e3);
                if (tGpu < tCpu) return new Choice(new FallbackRateBackend(c), "auto: cuda, faster; " + why + "; " + c.detail() + multi);
                c.close();
                return new Choice(RateBackend.CPU, "auto: cpu, faster; " + why);
            }
            default:
                throw new IllegalArgumentException("'" + requested + "' is not a backend; allowed: " + String.join(", ", NAMES));
        }
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
