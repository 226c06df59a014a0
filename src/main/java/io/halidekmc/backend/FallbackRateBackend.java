package io.halidekmc.backend;

import io.halidekmc.engine.RateBackend;

/**
 * Runs a GPU backend and, if it fails mid-run (a driver error), logs the reason, closes it and
 * finishes on the CPU kernels: an unavailable or failing GPU never fails a run (DESIGN §6). The
 * CPU redoes the failed call, so no refresh is lost. {@link #name()} and {@link #reason()} report
 * what finally ran.
 */
public final class FallbackRateBackend implements RateBackend {
    private RateBackend active;
    private String fallbackReason;

    public FallbackRateBackend(RateBackend primary) {
        this.active = primary;
    }

    /** Null while the primary runs; else why the CPU took over. */
    public String fallbackReason() {
        return fallbackReason;
    }

    private void fail(RuntimeException e) {
        fallbackReason = active.name() + " failed mid-run (" + e.getMessage() + "); continued on cpu";
        System.err.println("halide-kmc: " + fallbackReason);
        try {
            active.close();
        } catch (RuntimeException ignored) {
            // the device is already in trouble; nothing more to free
        }
        active = RateBackend.CPU;
    }

    @Override
    public String name() {
        return active.name();
    }

    @Override
    public String detail() {
        return active.detail();
    }

    @Override
    public void refreshAll(int[] vacancySite, int vacancies, int[] words, int[] nb,
                           double[] base, double[] field, double[] mix, double[] rates, double[] leafSums) {
        try {
            active.refreshAll(vacancySite, vacancies, words, nb, base, field, mix, rates, leafSums);
        } catch (RuntimeException e) {
            if (active == RateBackend.CPU) throw e;
            fail(e);
            active.refreshAll(vacancySite, vacancies, words, nb, base, field, mix, rates, leafSums);
        }
    }

    @Override
    public void refreshAllFactored(int[] vacancySite, int vacancies, int[] words, int[] nb, int[] off,
                                   double[] fv, double[] gh, double[] field, double[] rates, double[] leafSums) {
        try {
            active.refreshAllFactored(vacancySite, vacancies, words, nb, off, fv, gh, field, rates, leafSums);
        } catch (RuntimeException e) {
            if (active == RateBackend.CPU) throw e;
            fail(e);
            active.refreshAllFactored(vacancySite, vacancies, words, nb, off, fv, gh, field, rates, leafSums);
        }
    }

    @Override
    public double sum(double[] a, int n) {
        try {
            return active.sum(a, n);
        } catch (RuntimeException e) {
            if (active == RateBackend.CPU) throw e;
            fail(e);
            return active.sum(a, n);
        }
    }

    @Override
    public void close() {
        active.close();
    }
}
