package io.halidekmc.sweep;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Points in parallel on N platform threads of this JVM; each point is one independent run with its own seed. */
public final class LocalThreadRunner implements SweepRunner {
    private final int threads;

    public LocalThreadRunner(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1");
        this.threads = threads;
    }

    @Override
    public String name() {
        return "local (" + threads + " thread" + (threads == 1 ? "" : "s") + ")";
    }

    @Override
    public void run(List<SweepPoint> points, PointWork work, Consumer<SweepRow> done) throws InterruptedException {
        if (points.isEmpty()) return;
        AtomicInteger id = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, points.size()), r -> {
            Thread t = new Thread(r, "sweep-" + id.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<SweepRow> cs = new ExecutorCompletionService<>(pool);
            for (SweepPoint p : points) cs.submit(() -> PointWork.attempt(work, p));
            for (int i = 0; i < points.size(); i++) {
                try {
                    done.accept(cs.take().get());
                } catch (ExecutionException e) {
                    // attempt() catches what a point throws; only a VirtualMachineError gets here
                    throw new IllegalStateException("sweep point crashed the worker: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
