package io.halidekmc.engine.sector;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads − 1 helper threads that, with the caller, run one sweep of the {@link SectorEngine}:
 * each worker runs its own sectors ({@link #homes}) in phase order, starting one when its count of
 * unfinished earlier touching sectors is 0; finishing it counts down those of its later touching
 * sectors. The wait always ends: a worker waiting at sector s waits for a sector of lower colour,
 * which its worker reaches before anything of s's colour or later. Count-downs and reads are
 * volatile (the happens-before edges between touching sectors); the sweep starts with a volatile
 * write of {@code generation} and ends when every helper has counted itself done. Waits spin
 * briefly, then park (helpers) or yield.
 */
final class SweepWorkers {
    /** One sector's phase for dt. */
    interface Phase {
        void run(int sector, double dt);
    }

    private static final int SPINS = 1 << 14;
    private final SectorGrid grid;
    private final Phase phase;
    private final Thread[] helpers;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicIntegerArray waiting;
    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable failure;
    private double dt;

    /** Per worker (0: the caller): its sectors in phase order. */
    private final int[][] home;

    SweepWorkers(SectorGrid grid, int n, Phase phase) {
        this.grid = grid;
        this.phase = phase;
        waiting = new AtomicIntegerArray(grid.count());
        home = homes(grid, n + 1);
        helpers = new Thread[n];
        for (int t = 0; t < n; t++) {
            int worker = t + 1;
            Thread th = new Thread(() -> helperLoop(worker), "sector-worker");
            th.setDaemon(true);
            helpers[t] = th;
            th.start();
        }
    }

    /**
     * Sectors per worker, each list in phase order: the sectors are split into {@code workers}
     * contiguous groups of slabs along the slowest-varying axis with enough slabs (z, else y, else
     * x; site indices run x fastest), so that each worker keeps its part of the lattice in its own
     * core's caches from sweep to sweep and only the group borders move between cores. Which
     * worker runs a sector does not change the result.
     */
    static int[][] homes(SectorGrid grid, int workers) {
        int[] blocks = grid.blocks;
        int axis = blocks[2] >= workers ? 2 : blocks[1] >= workers ? 1 : blocks[0] >= workers ? 0 : -1;
        int[][] lists = new int[workers][];
        for (int w = 0; w < workers; w++) {
            final int worker = w;
            lists[w] = Arrays.stream(grid.order).filter(id -> homeOf(blocks, id, axis, workers) == worker).toArray();
        }
        return lists;
    }

    private static int homeOf(int[] blocks, int id, int axis, int workers) {
        if (axis < 0) return id % workers;   // fewer slabs than workers along every axis
        int i = axis == 0 ? id % blocks[0] : axis == 1 ? (id / blocks[0]) % blocks[1] : id / (blocks[0] * blocks[1]);
        return (int) ((long) i * workers / blocks[axis]);
    }

    void run(double dt) {
        this.dt = dt;
        int[][] before = grid.before;
        for (int s = 0; s < before.length; s++) waiting.setPlain(s, before[s].length);
        done.set(0);
        failure = null;
        generation++;   // publishes the fields above
        for (Thread t : helpers) LockSupport.unpark(t);
        work(0);
        for (int spin = 0; done.get() < helpers.length; spin++) {
            if (spin < SPINS) Thread.onSpinWait();
            else Thread.yield();
        }
        Throwable f = failure;
        if (f != null) throw new IllegalStateException("sector worker failed", f);
    }

    /** Runs the worker's sectors in phase order, each when its earlier touching sectors are done; stops when a worker failed. */
    private void work(int worker) {
        try {
            int[][] after = grid.after;
            for (int s : home[worker]) {
                for (int spin = 0; waiting.get(s) > 0; spin++) {
                    if (failure != null) return;
                    if (spin < SPINS) Thread.onSpinWait();
                    else Thread.yield();
                }
                phase.run(s, dt);
                for (int l : after[s]) waiting.decrementAndGet(l);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    private void helperLoop(int worker) {
        int seen = 0;
        while (true) {
            for (int spin = 0; generation == seen && !closed; spin++) {
                if (spin < SPINS) Thread.onSpinWait();
                else LockSupport.parkNanos(100_000);
            }
            if (closed) return;
            seen = generation;
            work(worker);
            done.incrementAndGet();
        }
    }

    void shutdown() {
        closed = true;
        for (Thread t : helpers) LockSupport.unpark(t);
    }
}
