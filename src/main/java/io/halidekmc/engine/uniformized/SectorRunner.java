package io.halidekmc.engine.uniformized;

/**
 * Where the sector steps of a {@link UniformizedSectorEngine} run: the Java kernel on CPU threads
 * ({@link CpuSectorRunner}) or the CUDA kernels ({@code backend.cuda.CudaSectorRunner}). The runner
 * owns the lattice state (packed words, vacancy sites, sector lists and outboxes); the engine owns
 * time, the drive and the Poisson trial counts, so every runner is handed the same trials.
 */
public interface SectorRunner extends AutoCloseable {
    /**
     * Starts the phase of these sectors (one colour: no two touch) and returns each one's list
     * length, the vacancies whose trials it runs in this phase.
     */
    int[] begin(int[] sectors);

    /** Runs trials [start[i], start[i] + count[i]) of sectors[i], for every i, with these tables. */
    void run(int[] sectors, long[] start, long[] count, UniformizedKernel.Tables tables);

    /** Hops fired so far. */
    long events();

    /** Net halide z displacement so far, half lattice constants. */
    long netDz();

    /** The sums of an output frame over the lattice ({@link io.halidekmc.observe.FrameCounts}), computed where the state lives. */
    long[] frameCounts();

    /** Copies the lattice state into words (sites + 1; the sink's is left as is) and vacancySite. */
    void download(int[] words, int[] vacancySite);

    /** "cpu (2 threads)", "cuda:0 NVIDIA H200 ..." */
    String describe();

    @Override
    void close();
}
