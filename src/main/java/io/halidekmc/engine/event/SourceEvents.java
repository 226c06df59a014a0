package io.halidekmc.engine.event;

import io.halidekmc.physics.Conditions;

/**
 * Events that exchange halides between lattice sites and a reservoir, so that vacancies are
 * created and annihilated: the part of the exact engine's event list that hops do not conserve
 * (DESIGN §5). Hops live in the engine's own selector; each source keeps the rates of its events
 * and its reservoir, and the engine owns the lattice side of a fired event (species, vacancy list,
 * the hop rates around the site).
 *
 * <p>Extension point: a new kind of source is one new final class in this package, named in
 * {@code permits}, and one registration line in {@code ExactEngine} (where it enables the feature,
 * {@code sources.register(...)}). The engine draws one uniform per trial over the hops' total
 * plus the sum of the sources' {@link #total()}s and hands a draw that falls in the sources'
 * interval to them in registration order, so the order fixes which random number picks which
 * event: register a new source after the existing ones and old trajectories stay bit for bit.
 */
public sealed interface SourceEvents permits SurfaceEvents, WireDeviceState, PhaseEvents {
    /**
     * Event kinds: a halide leaves its site for the reservoir (thermal, or light-driven), or a
     * vacancy is refilled; or ({@link #PHASE}) the source changed sites itself in {@link #fired}
     * (freezing or thawing halides, no vacancy made or filled) and lists them in {@link #changedSite}.
     */
    int RELEASE = 0, REFILL = 1, LIGHT = 2, PHASE = 3;

    /** Sum of this source's event rates, 1/s simulated. */
    double total();

    /**
     * Selects the event whose cumulative interval holds u ∈ [0, total()), remembered for the
     * {@code selected*} accessors; false after a rounding miss (nothing fires).
     */
    boolean select(double u);

    /** {@link #REFILL} fills the vacancy at the selected site with the selected halide; any other kind empties the site. */
    int selectedKind();

    /** Species code of the halide released or refilled. */
    int selectedHalide();

    int selectedSite();

    /** Books the reservoir side of the event just selected, after the engine changed the lattice. */
    void fired(int kind, int halide);

    /** After a {@link #PHASE} event: how many sites {@link #fired} changed. */
    default int changedCount() {
        return 0;
    }

    /** After a {@link #PHASE} event: the i-th site it changed. */
    default int changedSite(int i) {
        throw new IndexOutOfBoundsException(i);
    }

    /** Site s changed its word (species or neighbour counts): recompute the rates that read it or its neighbours. */
    void touchAround(int s);

    /** New drive piece: rebuild every rate for the new conditions. */
    void setConditions(Conditions c);
}
