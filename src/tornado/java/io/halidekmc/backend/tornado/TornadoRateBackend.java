package io.halidekmc.backend.tornado;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.PairwiseSum;
import io.halidekmc.engine.RateBackend;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The exact engine's bulk refresh ({@link RateBackend}) on a TornadoVM device, through
 * {@link TornadoRefresh}: one execution plan per rate-law form, built on first use for the engine's
 * lattice and vacancy count and kept while they fit (rebuilding recompiles the kernel). Results
 * are bit-identical to the CPU kernels (the plan is built without fast-math; see
 * {@link TornadoRefresh} and the equivalence tests), so a run gives the same trajectory as on the
 * CPU. The pairwise sum stays on the host: it is the same {@link PairwiseSum} code either way.
 *
 * <p>Any TornadoVM failure during a refresh is rethrown as a {@link TornadoFailure} (unchecked),
 * which {@link io.halidekmc.backend.FallbackRateBackend} turns into a logged switch to the CPU.
 * Not thread-safe: one engine, one backend.
 */
final class TornadoRateBackend implements RateBackend {
    private final TornadoDevice device;
    private final String describe;
    private TornadoRefresh diff;
    private TornadoRefresh fact;
    private boolean closed;

    private TornadoRateBackend(TornadoDevice device, String describe) {
        this.device = device;
        this.describe = describe;
    }

    /**
     * Device {@code index} of TornadoVM's first (default) backend, as {@code tornado --devices}
     * numbers them. TornadoVM's silent bail-out to plain Java, on a kernel it cannot compile, is
     * switched off unless the user set it, so such a kernel fails here and the run says so.
     */
    static TornadoRateBackend open(int index) throws BackendUnavailable {
        Picked d = pick(index);
        return new TornadoRateBackend(d.device(), d.describe());
    }

    /** A TornadoVM device and how to name it. */
    record Picked(TornadoDevice device, String describe) {}

    /** Device {@code index} of TornadoVM's first backend (bail-out off, as {@link #open}). */
    static Picked pick(int index) throws BackendUnavailable {
        if (System.getProperty("tornado.recover.bailout") == null) System.setProperty("tornado.recover.bailout", "false");
        try {
            TornadoRuntime rt = TornadoRuntimeProvider.getTornadoRuntime();
            if (rt.getNumBackends() == 0) throw new BackendUnavailable("TornadoVM found no backend (no OpenCL/PTX/SPIR-V driver)");
            TornadoBackend b = rt.getBackend(0);
            int n = b.getNumDevices();
            if (n == 0) throw new BackendUnavailable("TornadoVM backend " + b.getName() + " has no device");
            if (index >= n) {
                throw new BackendUnavailable("no TornadoVM device " + index + ": backend " + b.getName() + " has " + n
                        + " (" + String.join("; ", devices()) + ")");
            }
            TornadoDevice d = b.getDevice(index);
            return new Picked(d, "TornadoVM " + b.getName() + " device 0:" + index + " " + describe(d));
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailable("TornadoVM runtime does not start (" + e + ")", e);
        }
    }

    /** Every device of every TornadoVM backend, "backend:device name (type, memory)"; may throw. */
    static List<String> devices() {
        TornadoRuntime rt = TornadoRuntimeProvider.getTornadoRuntime();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rt.getNumBackends(); i++) {
            TornadoBackend b = rt.getBackend(i);
            for (int j = 0; j < b.getNumDevices(); j++) {
                out.add(i + ":" + j + " " + b.getName() + " " + describe(b.getDevice(j)));
            }
        }
        return out;
    }

    private static String describe(TornadoDevice d) {
        var p = d.getPhysicalDevice();
        return String.format(Locale.ROOT, "%s (%s, %d compute units, %.1f GiB)", p.getDeviceName(), d.getDeviceType(),
                p.getDeviceMaxComputeUnits(), p.getDeviceGlobalMemorySize() / (double) (1L << 30));
    }

    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public String detail() {
        return describe + "; kernels: TornadoVM JIT to OpenCL C, "
                + (Boolean.getBoolean("halidekmc.tornado.fastMath") ? "TornadoVM's fast-math flags" : "strict IEEE flags ("
                + TornadoRefresh.STRICT_OPENCL_FLAGS + ")");
    }

    /** The plan {@code current} if it still fits this lattice and count, else a new one (the old one closed). */
    private TornadoRefresh fit(TornadoRefresh current, TornadoRefresh.Form form, int[] nb, int[] off, int sites, int n) {
        if (current != null && current.fits(nb, off, sites, n)) return current;
        int capacity = n;
        if (current != null) {
            current.close();
            capacity = Math.max(n, n + n / 2);   // the count changes (surface/electrode events): leave room
        }
        return new TornadoRefresh(nb, off, sites, capacity, form, device);
    }

    @Override
    public void refreshAll(int[] vacancySite, int vacancies, int[] words, int[] nb,
                           double[] base, double[] field, double[] mix, double[] rates, double[] leafSums) {
        if (vacancies == 0) return;
        try {
            diff = fit(diff, TornadoRefresh.Form.DIFFERENCE, nb, null, words.length, vacancies);
            diff.refresh(vacancySite, vacancies, words, base, field, mix, rates, leafSums);
        } catch (RuntimeException | LinkageError e) {
            throw new TornadoFailure("difference-form refresh", e);
        }
    }

    @Override
    public void refreshAllFactored(int[] vacancySite, int vacancies, int[] words, int[] nb, int[] off,
                                   double[] fv, double[] gh, double[] field, double[] rates, double[] leafSums) {
        if (vacancies == 0) return;
        try {
            fact = fit(fact, TornadoRefresh.Form.FACTORED, nb, off, words.length, vacancies);
            fact.refreshFactored(vacancySite, vacancies, words, fv, gh, field, rates, leafSums);
        } catch (RuntimeException | LinkageError e) {
            throw new TornadoFailure("factorised refresh", e);
        }
    }

    @Override
    public double sum(double[] a, int n) {
        return PairwiseSum.sum(a, n);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (TornadoRefresh r : Arrays.asList(diff, fact)) {
            if (r == null) continue;
            try {
                r.close();
            } catch (RuntimeException e) {
                System.err.println("halide-kmc: TornadoVM cleanup: " + e.getMessage());
            }
        }
    }

    /** A TornadoVM error after the backend was opened (mid-run): unchecked, carries the reason. */
    static final class TornadoFailure extends RuntimeException {
        TornadoFailure(String what, Throwable cause) {
            super("TornadoVM " + what + ": " + cause, cause);
        }
    }
}
