package io.halidekmc.physics;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.CarrierFunnel;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.LightRelease;
import io.halidekmc.physics.Polaron;

/**
 * The engine side of {@link CarrierFunnel}: block halide counts, block weights
 * w_i = exp(−(E_g,i − E_ref)/kT) and their sum Z, kept up to date move by move, and the rate
 * factor (Z′/Z)^(n_c/2) = exp(−ΔF/2kT) of a hop that carries a halide between two blocks.
 *
 * <p>With the {@link Polaron} term the blocks are grouped into polaron regions P and
 * Z = Σ_P e_P·Z_P, e_P = exp(g·(x_I,P − 1)/kT), Z_P = Σ_{b∈P} w_b, all kept per region; without
 * funnelling every non-empty block weighs 1 (the blocks are then the regions). Without the
 * polaron the original single-level code runs unchanged.
 */
public final class FunnelState {
    private final CarrierFunnel params;
    private final Polaron polaron;
    /** Polaron level (null without it): region of each block, region I and halide counts, Z_P, e_P. */
    private final int[] regionOf;
    private final long[] regionI, regionHalides;
    private final double[] zp, ep;
    private final LightRelease light;
    private final double volumeCm3;
    private final GapBlocks blocks;
    private final long[][] counts;
    private final double[] w;
    private double z, kT, nc, ref;
    private long moves;

    public FunnelState(Occupancy occ, CarrierFunnel params, LightRelease light, double latticeConstantAngstrom) {
        this(occ, params, null, light, latticeConstantAngstrom);
    }

    /** Funnelling (params, may be null) and/or the polaron term (may be null; not both null). */
    public FunnelState(Occupancy occ, CarrierFunnel params, Polaron polaron, LightRelease light, double latticeConstantAngstrom) {
        if (params == null && polaron == null) throw new IllegalArgumentException("funnelling or polaron needed");
        this.params = params;
        this.polaron = polaron;
        this.light = light;
        double a = latticeConstantAngstrom * 1e-8;
        this.volumeCm3 = occ.lattice.activeSites() / 3.0 * a * a * a;
        this.blocks = new GapBlocks(occ.lattice, params != null ? params.blockCells() : polaron.regionCells());
        this.counts = blocks.counts(occ);
        this.w = new double[counts.length];
        if (polaron != null) {
            GapBlocks regions = new GapBlocks(occ.lattice, polaron.regionCells());
            regionOf = Polaron.regionOfBlock(occ, blocks, regions);
            int n = regions.blocks();
            regionI = new long[n];
            regionHalides = new long[n];
            zp = new double[n];
            ep = new double[n];
            for (int b = 0; b < counts.length; b++) {
                if (regionOf[b] < 0) continue;
                regionI[regionOf[b]] += counts[b][Species.I];
                regionHalides[regionOf[b]] += counts[b][Species.CL] + counts[b][Species.BR] + counts[b][Species.I];
            }
        } else {
            regionOf = null;
            regionI = regionHalides = null;
            zp = ep = null;
        }
    }

    public void setConditions(Conditions c) {
        kT = c.kT();
        boolean fromLight = params != null ? params.fromLight() : polaron.fromLight();
        double fixed = params != null ? params.carriers() : polaron.carriers();
        nc = fromLight ? (light == null ? 0 : light.carrierDensity(c.light()) * volumeCm3) : fixed;
        ref = Double.POSITIVE_INFINITY;
        if (params != null) {
            for (long[] b : counts) {
                double g = gap(b);
                if (!Double.isNaN(g)) ref = Math.min(ref, g);
            }
        }
        recompute();
    }

    public double carriers() {
        return nc;
    }

    private double gap(long[] b) {
        return params.blockGap(b[Species.CL], b[Species.BR], b[Species.I]);
    }

    private double weight(long[] b) {
        if (params == null) return b[Species.CL] + b[Species.BR] + b[Species.I] == 0 ? 0 : 1;
        double g = gap(b);
        return Double.isNaN(g) ? 0 : Math.exp(-(g - ref) / kT);
    }

    /** e_P = exp(g·(x_I − 1)/kT) for a region with these counts (≤ 1, so Z never overflows). */
    private double regionFactor(long iodide, long halides) {
        return halides == 0 ? 0 : Math.exp(polaron.binding() * ((double) iodide / halides - 1) / kT);
    }

    private void recompute() {
        z = 0;
        if (polaron != null) {
            java.util.Arrays.fill(zp, 0);
            for (int i = 0; i < counts.length; i++) {
                w[i] = weight(counts[i]);
                if (regionOf[i] >= 0) zp[regionOf[i]] += w[i];
            }
            for (int p = 0; p < zp.length; p++) {
                ep[p] = regionFactor(regionI[p], regionHalides[p]);
                z += ep[p] * zp[p];
            }
            return;
        }
        for (int i = 0; i < counts.length; i++) {
            w[i] = weight(counts[i]);
            z += w[i];
        }
    }

    /** Z after moving halide x from block bh to block bv (bv ≠ bh); book = true makes it the new state. */
    private double polaronZ(int bv, int bh, int x, boolean book) {
        long[] ch = counts[bh], cv = counts[bv];
        ch[x]--;
        cv[x]++;
        double whNew = weight(ch), wvNew = weight(cv);
        if (!book) {
            ch[x]++;
            cv[x]--;
        }
        int pv = regionOf[bv], ph = regionOf[bh];
        int di = x == Species.I ? 1 : 0;
        double zNew;
        if (pv == ph) {
            double zpNew = zp[pv] - w[bh] - w[bv] + whNew + wvNew;
            zNew = z - ep[pv] * zp[pv] + ep[pv] * zpNew;
            if (book) zp[pv] = zpNew;
        } else {
            double zphNew = zp[ph] - w[bh] + whNew, zpvNew = zp[pv] - w[bv] + wvNew;
            double ephNew = regionFactor(regionI[ph] - di, regionHalides[ph] - 1);
            double epvNew = regionFactor(regionI[pv] + di, regionHalides[pv] + 1);
            zNew = z - ep[ph] * zp[ph] - ep[pv] * zp[pv] + ephNew * zphNew + epvNew * zpvNew;
            if (book) {
                zp[ph] = zphNew;
                zp[pv] = zpvNew;
                ep[ph] = ephNew;
                ep[pv] = epvNew;
                regionI[ph] -= di;
                regionI[pv] += di;
                regionHalides[ph]--;
                regionHalides[pv]++;
            }
        }
        if (book) {
            w[bh] = whNew;
            w[bv] = wvNew;
        }
        return zNew;
    }

    /** exp(−ΔF/2kT) for moving halide x from site h into site v. */
    public double factor(int v, int h, int x) {
        if (nc == 0) return 1;
        int bv = blocks.blockOf(v), bh = blocks.blockOf(h);
        if (bv == bh) return 1;
        if (polaron != null) return Math.pow(polaronZ(bv, bh, x, false) / z, nc / 2);
        long[] ch = counts[bh], cv = counts[bv];
        ch[x]--;
        cv[x]++;
        double zNew = z - w[bh] - w[bv] + weight(ch) + weight(cv);
        ch[x]++;
        cv[x]--;
        return Math.pow(zNew / z, nc / 2);
    }

    /** Books a fired hop of halide x from h to v. */
    public void moved(int v, int h, int x) {
        int bv = blocks.blockOf(v), bh = blocks.blockOf(h);
        if (bv == bh) return;
        if (polaron != null) {
            z = polaronZ(bv, bh, x, true);
            if (++moves % 4096 == 0) recompute();
            return;
        }
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
