package io.halidekmc.engine.uniformized;

/**
 * Where the trials of a {@link UniformizedEnsemble} run: the Java kernel on CPU threads
 * ({@link CpuTrialRunner}) or the CUDA kernel on a GPU ({@code backend.cuda.CudaEnsemble}). The
 * runner owns the members' packed words and vacancy lists; the host driver owns time, the drive
 * and the Poisson trial counts, so every runner is handed the same trials.
 */
public interface TrialRunner extends AutoCloseable {
    /** Takes member c's initial state (packed words incl. the sink, vacancy list of n). May be called from several threads. */
    void load(int member, int[] words, int[] vacancySites, int n);

    /** Runs trials [start[c], start[c] + count[c]) of every member c with these tables. */
    void run(long[] start, long[] count, UniformizedKernel.Tables tables);

    /** Hops fired so far by member c. */
    long events(int member);

    /** Net halide z displacement of member c, half lattice constants. */
    long netDz(int member);

    /** Hops fired so far by members [0, n), summed: one device copy on a GPU runner instead of n. */
    default long totalEvents(int n) {
        long sum = 0;
        for (int c = 0; c < n; c++) sum += events(c);
        return sum;
    }

    /** Net halide z displacement of members [0, n), summed (one device copy on a GPU runner). */
    default long totalNetDz(int n) {
        long sum = 0;
        for (int c = 0; c < n; c++) sum += netDz(c);
        return sum;
    }

    /** Member c's packed words now (a copy). */
    int[] words(int member);

    /** Member c's vacancy list now (a copy, n entries). */
    int[] vacancies(int member);

    /** "cpu (2 threads)", "cuda:0 NVIDIA H200 ..." */
    String describe();

    @Override
    void close();
}
