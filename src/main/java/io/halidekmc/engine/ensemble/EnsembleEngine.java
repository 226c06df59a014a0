package io.halidekmc.engine.ensemble;

import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.KmcEngine;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;

import java.util.ArrayList;
import java.util.List;

/**
 * A film of nanocrystals seen as one engine by {@link Simulation}: every call advances all
 * members to the same simulated time (the event limit is applied per call, not per hop),
 * counters are film totals, and {@link #occupancies()} hands the observers every member.
 */
public final class EnsembleEngine implements KmcEngine {
    private final Ensemble ensemble;
    private double time;

    public EnsembleEngine(Ensemble ensemble) {
        this.ensemble = ensemble;
    }

    public Ensemble ensemble() {
        return ensemble;
    }

    @Override
    public long advance(double tStop, long maxEvents) {
        long n = ensemble.advance(tStop);
        time = tStop;
        return n;
    }

    @Override
    public double time() {
        return time;
    }

    @Override
    public long events() {
        long n = 0;
        for (ExactEngine e : ensemble.members()) n += e.events();
        return n;
    }

    @Override
    public long netHalideDz() {
        long n = 0;
        for (ExactEngine e : ensemble.members()) n += e.netHalideDz();
        return n;
    }

    @Override
    public Conditions conditions() {
        return ensemble.members().getFirst().conditions();
    }

    @Override
    public Occupancy occupancy() {
        return ensemble.members().getFirst().occupancy();
    }

    @Override
    public List<Occupancy> occupancies() {
        List<Occupancy> all = new ArrayList<>();
        for (ExactEngine e : ensemble.members()) all.add(e.occupancy());
        return all;
    }

    @Override
    public long reservoir(int species) {
        long n = 0;
        for (ExactEngine e : ensemble.members()) n += e.reservoir(species);
        return n;
    }

    @Override
    public double strain() {
        double sum = 0;
        for (ExactEngine e : ensemble.members()) sum += e.strain();
        return sum / ensemble.members().size();
    }

    @Override
    public String name() {
        return "exact-ensemble";
    }

    @Override
    public void close() {
        ensemble.close();
    }
}
