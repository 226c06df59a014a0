package io.halidekmc.engine;

import io.halidekmc.engine.HopKernel;

/** The CPU twin: delegates to {@link HopKernel}, the reference every other backend is checked against. */
final class CpuRateBackend implements RateBackend {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String detail() {
        return "pure Java (HopKernel)";
    }

    @Override
    public void refreshAll(int[] vacancySite, int vacancies, int[] words, int[] nb,
                           double[] base, double[] field, double[] mix, double[] rates, double[] leafSums) {
        HopKernel.refreshAll(vacancySite, vacancies, words, nb, base, field, mix, rates, leafSums);
    }

    @Override
    public void refreshAllFactored(int[] vacancySite, int vacancies, int[] words, int[] nb, int[] off,
                                   double[] fv, double[] gh, double[] field, double[] rates, double[] leafSums) {
        HopKernel.refreshAllFactored(vacancySite, vacancies, words, nb, off, fv, gh, field, rates, leafSums);
    }

    @Override
    public double sum(double[] a, int n) {
        return PairwiseSum.sum(a, n);
    }
}
