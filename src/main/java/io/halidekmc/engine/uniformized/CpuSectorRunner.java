package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.IndexPool;


/**
 * The sector steps on CPU threads: {@link SectorTrialKernel} per sector, the sectors of a phase
 * shared among the threads (they write disjoint sites, and each sector's trials depend only on its
 * own random numbers and state, so the thread count does not change the result).
 */
public final class CpuSectorRunner implements SectorRunner {
    private final SectorState st;
    private final int threads;
    private final IndexPool pool;
    private final long[] events, dz;

    public CpuSectorRunner(SectorState state, int threads) {
        this.st = state;
        this.threads = threads;
        int n = state.sectors();
        events = new long[n];
        dz = new long[n];
        pool = new IndexPool(threads, "halide-kmc-sector-trials");
    }

    @Override
    public int[] begin(int[] sectors) {
        int[] n = new int[sectors.length];
        for (int i = 0; i < sectors.length; i++) {
            n[i] = SectorTrialKernel.begin(sectors[i], st.cap, st.list, st.len, st.outbox, st.outTo, st.nOut, st.touch, st.touchStart);
        }
        return n;
    }

    private void runOne(int s, long start, long count, UniformizedKernel.Tables t) {
        long[] d = new long[1];
        events[s] += SectorTrialKernel.runTrials(s, st.cap, st.words, st.vacSite, st.list, st.len, st.outbox, st.outTo, st.nOut,
                st.geo, st.sink, st.nb, st.off, t, st.key0, st.key1, start, count, d);
        dz[s] += d[0];
    }

    @Override
    public void run(int[] sectors, long[] start, long[] count, UniformizedKernel.Tables t) {
        pool.runAll(sectors.length, i -> runOne(sectors[i], start[i], count[i], t));
    }

    @Override
    public long events() {
        long n = 0;
        for (long e : events) n += e;
        return n;
    }

    @Override
    public long netDz() {
        long n = 0;
        for (long d : dz) n += d;
        return n;
    }

    @Override
    public long[] frameCounts() {
        return io.halidekmc.observe.FrameCounts.of(st.words, st.sink);
    }

    @Override
    public void download(int[] words, int[] vacancySite) {
        System.arraycopy(st.words, 0, words, 0, st.sink);
        System.arraycopy(st.vacSite, 0, vacancySite, 0, st.vacSite.length);
    }

    @Override
    public String describe() {
        return "cpu (" + threads + " thread" + (threads == 1 ? "" : "s") + ")";
    }

    @Override
    public void close() {
        pool.close();
    }
}
