package io.halidekmc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Independent tasks 0..n−1 (one per ensemble member or sector) on a fixed pool of daemon
 * threads, waited for together; with one thread they run in turn on the caller. The runners'
 * tasks touch disjoint state, so which thread runs one does not change the result.
 */
public final class IndexPool implements AutoCloseable {
    private final ExecutorService pool;

    public IndexPool(int threads, String name) {
        pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Runs task(0) .. task(n − 1) and returns when all are done; rethrows the first failure. */
    public void runAll(int n, IntConsumer task) {
        if (pool == null) {
            for (int i = 0; i < n; i++) task.accept(i);
            return;
        }
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            done.add(pool.submit(() -> task.accept(k)));
        }
        try {
            for (Future<?> f : done) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException("kernel task failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
