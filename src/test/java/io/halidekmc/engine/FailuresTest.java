package io.halidekmc.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FailuresTest {
    @Test
    void aFailureOnAForkJoinWorkerGivesTheMessageItWasThrownWith() {
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            // submitted to a pool the caller is not part of: the worker runs it, the caller's join
            // gets fork/join's same-class copy, as a parallel stream's caller may
            ForkJoinTask<?> task = pool.submit(() -> {
                throw new IllegalStateException("simulated driver error in words");
            });
            while (!task.isDone()) Thread.onSpinWait();   // ran by the worker, not by a helping join
            IllegalStateException e = assertThrows(IllegalStateException.class, task::join);
            assertNotEquals("simulated driver error in words", e.getMessage(), "the copy's own message differs (else this test shows nothing)");
            assertEquals("simulated driver error in words", Failures.message(e));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFailureOnTheCallersThreadKeepsItsMessage() {
        assertEquals("x", Failures.message(new IllegalStateException("x")));
        // a real wrapper that says more than its cause is not a fork/join copy: its own words stay
        assertEquals("opening cuda:0 failed", Failures.message(new IllegalStateException("opening cuda:0 failed", new IllegalStateException("CUDA_ERROR_NO_DEVICE"))));
    }
}
