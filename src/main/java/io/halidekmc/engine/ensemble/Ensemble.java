package io.halidekmc.engine.ensemble;

import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.SurfaceExchange;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A film of independent nanocrystals (DESIGN §5 "ensemble"): each its own exact engine with its
 * own Philox streams (seed, 2·index + 2 and + 3), advanced in parallel on CPU threads. Nothing is
 * shared between members, so results do not depend on the thread count or on scheduling.
 * Edge lengths come from a normal distribution (mean, spread) in nm, drawn from one stream of the
 * seed, rounded to whole cells and kept ≥ 2 cells.
 */
public final class Ensemble implements AutoCloseable {
    private final List<ExactEngine> members = new ArrayList<>();
    private final int[] edgeCells;
    private final ExecutorService pool;

    /** coarseGrain: each site stands for coarseGrain³ cells (rates already scaled by the loader). */
    public record Spec(int count, double meanEdgeNm, double spreadNm, double[] fractions, double vacancyFraction,
                       Material material, List<EnergyTerm> terms, DriveProgram drive, SurfaceExchange surface,
                       int coarseGrain) {
        public Spec(int count, double meanEdgeNm, double spreadNm, double[] fractions, double vacancyFraction,
                    Material material, List<EnergyTerm> terms, DriveProgram drive, SurfaceExchange surface) {
            this(count, meanEdgeNm, spreadNm, fractions, vacancyFraction, material, terms, drive, surface, 1);
        }
    }

    public Ensemble(Spec spec, long seed, int threads) {
        if (spec.count() < 1 || threads < 1) throw new IllegalArgumentException("need ≥ 1 member and ≥ 1 thread");
        edgeCells = new int[spec.count()];
        double a = spec.material().latticeConstant() / 10 * spec.coarseGrain();
        // stratified: member i takes the normal quantile (i + ½)/N, so a film of N crystals carries
        // the size distribution without sampling noise (a film's PL weighs sizes strongly: random
        // draws made the film average of 8 vs 16 crystals differ by tens of per cent)
        var normal = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);
        for (int i = 0; i < spec.count(); i++) {
            double z = spec.count() == 1 ? 0 : normal.inverseCumulativeProbability((i + 0.5) / spec.count());
            double nm = spec.meanEdgeNm() + spec.spreadNm() * z;
            edgeCells[i] = Math.max(2, (int) Math.round(nm / a));
        }
        for (int i = 0; i < spec.count(); i++) {
            var lattice = new Geometry.Nanocrystal(edgeCells[i]).lattice();
            Occupancy occ = InitialState.randomAlloy(lattice, spec.fractions(), spec.vacancyFraction(), Rng.stream(seed, 2L * i + 2));
            ExactEngine e = new ExactEngine(occ, spec.material(), spec.terms(), spec.drive(), Rng.stream(seed, 2L * i + 3));
            if (spec.surface() != null) e.enableSurfaceExchange(spec.surface(), new long[4]);
            members.add(e);
        }
        pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "halide-kmc-ensemble");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public List<ExactEngine> members() {
        return members;
    }

    public int edgeCells(int i) {
        return edgeCells[i];
    }

    /** Advances every member to simulated time tStop; returns the hops fired in all. */
    public long advance(double tStop) {
        if (pool == null) {
            long n = 0;
            for (ExactEngine e : members) n += e.advance(tStop, Long.MAX_VALUE);
            return n;
        }
        List<Future<Long>> done = new ArrayList<>();
        for (ExactEngine e : members) done.add(pool.submit(() -> e.advance(tStop, Long.MAX_VALUE)));
        long n = 0;
        try {
            for (Future<Long> f : done) n += f.get();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ensemble interrupted", ie);
        } catch (ExecutionException ee) {
            throw new IllegalStateException("ensemble member failed: " + ee.getCause(), ee.getCause());
        }
        return n;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
