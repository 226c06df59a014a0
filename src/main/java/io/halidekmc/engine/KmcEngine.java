package io.halidekmc.engine;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;

/**
 * What {@link Simulation} needs from an engine: advance the clock, and the state and counters
 * the observers record. Implemented by {@link ExactEngine}, the sector engines and the two film engines.
 */
public interface KmcEngine {
    /** Runs until simulated time reaches tStop or about maxEvents hops have fired; returns the hops fired. */
    long advance(double tStop, long maxEvents);

    double time();

    long events();

    /** Net halide displacement along z summed over all hops, half lattice constants. */
    long netHalideDz();

    Conditions conditions();

    Occupancy occupancy();

    /** Engine name as written to the output files ("exact", "sector"). */
    String name();

    /** Every sample the engine simulates (one, or the members of a nanocrystal film). */
    default java.util.List<Occupancy> occupancies() {
        return java.util.List.of(occupancy());
    }

    /** Misfit strain ε of the sample (film: mean over NCs); NaN without the strain term. */
    default double strain() {
        return Double.NaN;
    }

    /** Halides held in a surface reservoir (0 for engines without surface exchange). */
    default long reservoir(int species) {
        return 0;
    }

    /**
     * Runs the bulk rate refresh on a backend (DESIGN §6). Engines that keep their refresh on the
     * CPU (the sector engine refreshes per sector inside its worker threads) ignore it.
     */
    default void useRateBackend(io.halidekmc.engine.RateBackend backend) {}

    /**
     * The sums an output frame is made of ({@link io.halidekmc.observe.FrameCounts}), for an engine
     * that computes them where its lattice lives (a GPU); null: the frame is computed from
     * {@link #occupancies()}.
     */
    default long[] frameCounts() {
        return null;
    }

    /** Why the engine's own device work moved to the CPU mid-run (appended to /meta backend_reason); null if it did not. */
    default String fallbackReason() {
        return null;
    }

    /**
     * Builds now what the engine would build on its first step, so that a checkpoint of a run
     * that has stepped can be laid over a fresh engine that has not.
     */
    default void materialize() {}

    /** Releases worker threads, if any. */
    default void close() {}
}
