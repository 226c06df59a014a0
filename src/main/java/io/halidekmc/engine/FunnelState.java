package io.halidekmc.engine;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.observe.GapBlocks;
import io.halidekmc.physics.CarrierFunnel;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.LightRelease;

/**
 * The engine side of {@link CarrierFunnel}: block halide counts, block weights
 * w_i = exp(−(E_g,i − E_ref)/kT) and their sum Z, kept up to date move by move, and the rate
 * factor (Z′/Z)^(n_c/2) = exp(−ΔF/2kT) of a hop that carries a halide between two blocks.
 */
final class FunnelState {
    private final CarrierFunnel params;
    private final LightRelease light;
    private final double volumeCm3;
    private final GapBlocks blocks;
    private final long[][] counts;
    private final double[] w;
    private double z, kT, nc, ref;
    private long moves;

    FunnelState(Occupancy occ, CarrierFunnel params, LightRelease light, double latticeConstantAngstrom) {
        this.params = params;
        this.light = light;
        double a = latticeConstantAngstrom * 1e-8;
        this.volumeCm3 = occ.lattice.activeSites() / 3.0 * a * a * a;
        this.blocks = new GapBlocks(occ.lattice, params.blockCells());
        this.counts = blocks.counts(occ);
        this.w = new double[counts.length];
    }

    void setConditions(Conditions c) {
        kT = c.kT();
        nc = params.fromLight() ? (light == null ? 0 : light.carrierDensity(c.light()) * volumeCm3) : params.carriers();
        ref = Double.POSITIVE_INFINITY;
        for (long[] b : counts) {
            double g = gap(b);
            if (!Double.isNaN(g)) ref = Math.min(ref, g);
        }
        recompute();
    }

    double carriers() {
        return nc;
    }

    private double gap(long[] b) {
        return params.blockGap(b[Species.CL], b[Species.BR], b[Species.I]);
    }

    private double weight(long[] b) {
        double g = gap(b);
        return Double.isNaN(g) ? 0 : Math.exp(-(g - ref) / kT);
    }

    private void recompute() {
        z = 0;
        for (int i = 0; i < counts.length; i++) {
            w[i] = weight(counts[i]);
            z += w[i];
        }
    }

    /** exp(−ΔF/2kT) for moving halide x from site h into site v. */
    double factor(int v, int h, int x) {
        if (nc == 0) return 1;
        int bv = blocks.blockOf(v), bh = blocks.blockOf(h);
        if (bv == bh) return 1;
        long[] ch = counts[bh], cv = counts[bv];
        ch[x]--;
        cv[x]++;
        double zNew = z - w[bh] - w[bv] + weight(ch) + weight(cv);
        ch[x]++;
        cv[x]--;
        return Math.pow(zNew / z, nc / 2);
    }

    /** Books a fired hop of halide x from h to v. */
    void moved(int v, int h, int x) {
        int bv = blocks.blockOf(v), bh = blocks.blockOf(h);
        if (bv == bh) return;
        counts[bh][x]--;
        counts[bv][x]++;
        z -= w[bh] + w[bv];
        w[bh] = weight(counts[bh]);
        w[bv] = weight(counts[bv]);
        z += w[bh] + w[bv];
        // re-sum now and then so rounding in the running sum never accumulates
        if (++moves % 4096 == 0) recompute();
    }
}
