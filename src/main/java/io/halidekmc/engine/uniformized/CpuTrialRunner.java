package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.IndexPool;

import io.halidekmc.lattice.Lattice;


/**
 * The uniformized ensemble's trials on CPU threads: {@link UniformizedKernel#runTrials} per member
 * on packed words, or (resident) {@link ResidentKernel#runTrials} on 2-bit species, the state the
 * GPU's resident kernel keeps on chip. Both give the same trajectory.
 */
public final class CpuTrialRunner implements TrialRunner {
    private final Lattice lattice;
    private final ResidentKernel.Layout resident;
    private final int[] nb, off;
    private final int key0, key1, threads;
    private final int[][] words, vac;
    private final int[] n;
    private final long[] events, dz;
    private final IndexPool pool;

    public CpuTrialRunner(Lattice lattice, int members, long seed, int threads) {
        this(lattice, members, seed, threads, false);
    }

    /** @param resident keep 2-bit species ({@link ResidentKernel}; open boxes only) instead of packed words */
    public CpuTrialRunner(Lattice lattice, int members, long seed, int threads, boolean resident) {
        this.lattice = lattice;
        this.resident = resident ? ResidentKernel.Layout.of(lattice) : null;
        this.nb = lattice.neighbours();
        this.off = lattice.regularOffsets();
        this.key0 = (int) seed;
        this.key1 = (int) (seed >>> 32);
        this.threads = threads;
        words = new int[members][];
        vac = new int[members][];
        n = new int[members];
        events = new long[members];
        dz = new long[members];
        pool = new IndexPool(threads, "halide-kmc-trials");
    }

    @Override
    public void load(int member, int[] words, int[] vacancySites, int n) {
        this.words[member] = resident != null ? ResidentKernel.pack(words, resident) : words.clone();
        this.vac[member] = java.util.Arrays.copyOf(vacancySites, n);
        this.n[member] = n;
    }

    private void runOne(int c, long start, long count, UniformizedKernel.Tables t) {
        long[] d = new long[1];
        events[c] += resident != null
                ? ResidentKernel.runTrials(words[c], vac[c], n[c], resident, t, key0, key1, c, start, count, d)
                : UniformizedKernel.runTrials(words[c], vac[c], n[c], nb, off, t, key0, key1, c, start, count, d);
        dz[c] += d[0];
    }

    @Override
    public void run(long[] start, long[] count, UniformizedKernel.Tables t) {
        pool.runAll(words.length, c -> runOne(c, start[c], count[c], t));
    }

    @Override public long events(int member) { return events[member]; }
    @Override public long netDz(int member) { return dz[member]; }
    /** Member c's packed words; in resident mode counted afresh, so the sink holds no scratch sums. */
    @Override public int[] words(int member) {
        return resident != null ? ResidentKernel.unpack(words[member], lattice) : words[member].clone();
    }
    @Override public int[] vacancies(int member) { return vac[member].clone(); }

    @Override
    public String describe() {
        return "cpu (" + threads + " thread" + (threads == 1 ? "" : "s") + (resident != null ? ", resident 2-bit state" : "") + ")";
    }

    @Override
    public void close() {
        pool.close();
    }
}
