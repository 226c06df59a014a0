package io.halidekmc.engine;

/**
 * The bulk hop-rate refresh run at every drive-grid point (DESIGN §6), behind one interface so
 * that a GPU can take it. Same contract as {@link io.halidekmc.engine.HopKernel#refreshAll} and
 * {@link io.halidekmc.engine.HopKernel#refreshAllFactored}: for every vacancy id &lt; vacancies,
 * its 8 rates into rates[id·8 ..] and their sum (slots added in order 0..7) into leafSums[id].
 * Implementations must give bit-identical results to the CPU kernels (the tests check it).
 *
 * <p>Arrays are the engine's own; an implementation may cache copies of those that do not change
 * between calls (the neighbour table) by identity.
 */
public interface RateBackend extends AutoCloseable {
    /** The CPU kernels, in the calling thread. */
    RateBackend CPU = new CpuRateBackend();

    /** "cpu", "cuda", ... as recorded in /meta. */
    String name();

    /** One line: what runs the kernel (device, how the kernel was compiled). */
    String detail();

    /** Difference form ({@link io.halidekmc.engine.HopKernel#refreshAll}). */
    void refreshAll(int[] vacancySite, int vacancies, int[] words, int[] nb,
                    double[] base, double[] field, double[] mix, double[] rates, double[] leafSums);

    /** Factorised form ({@link io.halidekmc.engine.HopKernel#refreshAllFactored}). */
    void refreshAllFactored(int[] vacancySite, int vacancies, int[] words, int[] nb, int[] off,
                            double[] fv, double[] gh, double[] field, double[] rates, double[] leafSums);

    /** Σ a[0..n) in the fixed pairwise order of {@link PairwiseSum} (bit-identical on every backend). */
    double sum(double[] a, int n);

    /** Frees device resources; the CPU backend has none. */
    @Override
    default void close() {}
}
