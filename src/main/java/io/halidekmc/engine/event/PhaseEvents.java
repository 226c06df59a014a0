package io.halidekmc.engine.event;

import io.halidekmc.engine.SumTree;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Octahedra;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.PhaseConversion;

/**
 * The event list of {@link PhaseConversion}: one leaf per octahedron in each of three sum trees
 * (PC, light-driven P → N; TC, thermal P → N; RV, thermal N → P), drawn by thinning. A leaf holds
 * a bound on the octahedron's rate that depends only on the phases of it and its six neighbours
 * ({@link #bounds}); the selected octahedron's exact rate ({@link #rates}, which also reads its X
 * sites' halides and their neighbours) is computed when it is drawn, and the event fires with
 * probability exact/bound, otherwise the draw is a null event that only advances time. Drawing
 * points of a Poisson process of the bound rate and keeping each with that probability gives
 * exactly the process of the exact rates (Lewis–Shedler thinning), so nothing changes in law;
 * what changes is the cost: a hop changes no leaf, where exact leaves had to be refreshed for up
 * to 18 octahedra per changed site at the P/N interface (≈ 4 × the hop's own cost in the
 * nc12 run, REBUILD-PLAN §9). Only a flip changes leaves: its own and its neighbours'.
 * Phase events are rare beside hops (≈ 10⁴ against 10⁸ per run), so the rejected draws cost
 * little even where the bound is loose.
 *
 * <p>A fired flip changes the lattice itself (X sites freeze or thaw, {@link Occupancy#freeze}),
 * so the engine gets it as kind {@link SourceEvents#PHASE} and refreshes the hop rates around
 * each {@link #changedSite changed site}; no vacancy is created or filled.
 */
public final class PhaseEvents implements SourceEvents {
    private static final int PC = 0, TC = 1, RV = 2;

    private final Occupancy occ;
    private final Octahedra oct;
    private final PhaseConversion p;
    private final double[][] pair;
    private final double maxAbsPair;
    private final byte[] phaseN;
    private final SumTree[] trees = new SumTree[3];
    private double kT = Double.NaN;
    private double lightRate;
    private long converted;
    private int selectedKind, selectedOct;
    private final int[] changed = new int[Octahedra.SLOTS];
    private int nChanged;

    public PhaseEvents(Occupancy occ, Material material, PhaseConversion params) {
        this.occ = occ;
        this.oct = new Octahedra(occ.lattice);
        this.p = params;
        this.pair = material.pairEnergies();
        double m = 0;
        for (double[] row : pair) for (double v : row) m = Math.max(m, Math.abs(v));
        this.maxAbsPair = m;
        this.phaseN = new byte[oct.count()];
        for (int i = 0; i < 3; i++) trees[i] = new SumTree(Math.max(1, oct.count()));
    }

    public Octahedra octahedra() {
        return oct;
    }

    /** The lattice this source changes (tests). */
    Occupancy occupancyForTests() {
        return occ;
    }

    /** Whether octahedron b is in the N phase. */
    public boolean isN(int b) {
        return phaseN[b] != 0;
    }

    /** Octahedra in the N phase now. */
    public long convertedCount() {
        return converted;
    }

    @Override
    public double total() {
        return lightRate * trees[PC].total() + trees[TC].total() + trees[RV].total();
    }

    @Override
    public boolean select(double u) {
        for (int k = 0; k < 3; k++) {
            double g = k == PC ? lightRate : 1;
            double part = g * trees[k].total();
            if (u < part && part > 0) {
                int b = trees[k].find(u / g);
                if (b >= oct.count() || trees[k].leaf(b) <= 0) return false;
                // the residual is uniform on [0, bound): below the exact rate with probability exact/bound
                if (!(trees[k].residual() < rates(b)[k])) return false;
                selectedKind = k;
                selectedOct = b;
                return true;
            }
            u -= part;
        }
        return false;
    }

    @Override
    public int selectedKind() {
        return PHASE;
    }

    @Override
    public int selectedHalide() {
        return Species.VACANCY;
    }

    /** The flipped octahedron's first X site (the engine's bookkeeping reads the changed sites instead). */
    @Override
    public int selectedSite() {
        return Math.max(0, oct.xSite(selectedOct, firstSlot(selectedOct)));
    }

    private int firstSlot(int b) {
        for (int i = 0; i < Octahedra.SLOTS; i++) if (oct.xSite(b, i) >= 0) return i;
        return 0;
    }

    /** Flips the selected octahedron: freezes or thaws the X sites it shares with N neighbours. */
    @Override
    public void fired(int kind, int halide) {
        flip(selectedOct);
    }

    /** Flips octahedron b between P and N, recording the X sites whose state changed (tests call it directly). */
    public void flip(int b) {
        boolean toN = phaseN[b] == 0;
        nChanged = 0;
        for (int i = 0; i < Octahedra.SLOTS; i++) {
            int s = oct.xSite(b, i);
            if (s < 0 || !otherIsN(s, b)) continue;
            if (toN) occ.freeze(s);
            else occ.thaw(s);
            changed[nChanged++] = s;
        }
        phaseN[b] = (byte) (toN ? 1 : 0);
        converted += toN ? 1 : -1;
        update(b);
        for (int i = 0; i < Octahedra.SLOTS; i++) {
            int n = oct.neighbour(b, i);
            if (n >= 0) update(n);
        }
        for (int c = 0; c < nChanged; c++) touchAround(changed[c]);
    }

    /** Number of X sites the last flip froze or thawed. */
    @Override
    public int changedCount() {
        return nChanged;
    }

    @Override
    public int changedSite(int i) {
        return changed[i];
    }

    private boolean otherIsN(int s, int b) {
        int o = oct.ofSite(s, 0) == b ? oct.ofSite(s, 1) : oct.ofSite(s, 0);
        return o >= 0 && phaseN[o] != 0;
    }

    /** A changed site changes no leaf: the bounds read phases only (see the class comment). */
    @Override
    public void touchAround(int s) {
    }

    /** Largest |leaf − fresh bound| / fresh bound over all octahedra and trees (tests: the incremental updates). */
    double staleness() {
        double worst = 0;
        for (int b = 0; b < oct.count(); b++) {
            double[] r = bounds(b);
            for (int k = 0; k < 3; k++) {
                double d = Math.abs(trees[k].leaf(b) - r[k]);
                if (d > 0) worst = Math.max(worst, r[k] == 0 ? Double.POSITIVE_INFINITY : d / r[k]);
            }
        }
        return worst;
    }

    @Override
    public void setConditions(Conditions c) {
        kT = c.kT();
        lightRate = p.lightRate(c.light(), kT);
        for (int b = 0; b < oct.count(); b++) {
            double[] r = bounds(b);
            for (int k = 0; k < 3; k++) trees[k].setLeafOnly(b, r[k]);
        }
        for (SumTree t : trees) t.rebuild();
    }

    /** Σ of the exact rates over all octahedra, s⁻¹ (tests: what the bounds thin down to). */
    double exactTotal() {
        double t = 0;
        for (int b = 0; b < oct.count(); b++) t += flipRate(b);
        return t;
    }

    /** Largest exact/bound ratio over all octahedra and channels: ≤ 1 is what thinning needs (tests). */
    double worstBoundRatio() {
        double worst = 0;
        double[] bound = new double[3];
        for (int b = 0; b < oct.count(); b++) {
            System.arraycopy(bounds(b), 0, bound, 0, 3);
            double[] r = rates(b);
            for (int k = 0; k < 3; k++) {
                if (r[k] > 0) worst = Math.max(worst, bound[k] > 0 ? r[k] / bound[k] : Double.POSITIVE_INFINITY);
            }
        }
        return worst;
    }

    private final double[] scratch = new double[3];

    private void update(int b) {
        if (Double.isNaN(kT)) return;
        double[] r = bounds(b);
        for (int k = 0; k < 3; k++) if (trees[k].leaf(b) != r[k]) trees[k].set(b, r[k]);
    }

    /**
     * Upper bounds of {@link #rates}(b) over every filling of the X sites, from the phases alone:
     * PC keeps its geometric factor (the exact leaf is it or 0); TC takes the least ΔG the
     * halides allow — no bromide where g_Br ≥ 0 and every bond the n_F freezing sites can cut at
     * the largest |V| (Z bonds each, less the ones among themselves counted once); RV is never
     * slower than downhill. A leaf ≥ the exact rate is all thinning needs; the tighter, the fewer
     * null draws.
     */
    double[] bounds(int b) {
        double[] r = scratch;
        r[PC] = r[TC] = r[RV] = 0;
        int nP = 0, nN = 0, nF = 0, nx = 0;
        for (int i = 0; i < Octahedra.SLOTS; i++) {
            int n = oct.neighbour(b, i);
            if (n >= 0 && phaseN[n] == 0) nP++;
            else nN++;
            int s = oct.xSite(b, i);
            if (s < 0) continue;
            nx++;
            if (otherIsN(s, b)) nF++;
        }
        if (nP == 0 || !(oct.isSurface(b) || nN > 0)) return r;
        double interfaceChange = p.interfaceEnergy() * (nP - nN);
        if (phaseN[b] == 0) {
            r[PC] = interfaceChange == 0 ? 1 : Math.exp(-interfaceChange / (2 * kT));
            double leastPair = -(nF * Lattice.Z + nF * (nF - 1) / 2.0) * maxAbsPair;
            double leastDG = p.formationEnergy() + Math.min(0, p.bromideCost() * nx) + interfaceChange + leastPair;
            r[TC] = p.thermalRate(true, leastDG, kT);
        } else {
            r[RV] = p.thermalRate(false, Double.POSITIVE_INFINITY, kT);
        }
        return r;
    }

    /** [PC leaf (× the global light rate), TC rate, RV rate] of octahedron b in the current state. */
    double[] rates(int b) {
        double[] r = scratch;
        r[PC] = r[TC] = r[RV] = 0;
        boolean boundary = oct.isSurface(b);
        int nP = 0, nN = 0;
        for (int i = 0; i < Octahedra.SLOTS; i++) {
            int n = oct.neighbour(b, i);
            if (n >= 0 && phaseN[n] == 0) nP++;
            else nN++;   // an N neighbour, or the crystal's outside: the perovskite's face costs γ as a P/N one does
        }
        boolean template = nP > 0;
        boundary |= nN > 0;
        if (!template || !boundary) return r;
        int nx = 0, nI = 0, nBr = 0;
        for (int i = 0; i < Octahedra.SLOTS; i++) {
            int s = oct.xSite(b, i);
            if (s < 0) continue;
            int x = Species.halideOf(occ.species[s]);
            if (x == Species.VACANCY) return r;
            nx++;
            if (x == Species.I) nI++;
            else if (x == Species.BR) nBr++;
        }
        double interfaceChange = p.interfaceEnergy() * (nP - nN);
        double dG = p.formationEnergy() + p.bromideCost() * nBr + interfaceChange + pairChange(b);
        if (phaseN[b] == 0) {
            if (nI >= p.iodideThreshold(nx)) r[PC] = interfaceChange == 0 ? 1 : Math.exp(-interfaceChange / (2 * kT));
            r[TC] = p.thermalRate(true, dG, kT);
        } else {
            r[RV] = p.thermalRate(false, dG, kT);
        }
        return r;
    }

    /**
     * ΔE_pair of b going P → N: the bonds of the X sites that freeze (those whose other octahedron is
     * N) to mobile halides are cut; a bond between two such sites counts once. O(1) per site from
     * the packed words, whose neighbour counts hold the mobile halides only: summed over the freezing
     * sites they count a bond between two of them twice while b is P (both mobile) and not at all
     * while b is N (both frozen), so those bonds — between cis X sites of b, slots on different
     * axes — are taken off once or added once.
     */
    double pairChange(int b) {
        int n = 0;
        for (int i = 0; i < Octahedra.SLOTS; i++) {
            int s = oct.xSite(b, i);
            if (s < 0 || !otherIsN(s, b)) continue;
            tSlot[n] = i;
            tSite[n++] = s;
        }
        double e = 0;
        for (int a = 0; a < n; a++) {
            int w = occ.counts[tSite[a]];
            double[] v = pair[Species.halideOf(w & Occupancy.SPECIES_MASK)];
            e += v[Species.CL] * count(w, Species.CL) + v[Species.BR] * count(w, Species.BR) + v[Species.I] * count(w, Species.I);
        }
        double both = 0;
        for (int a = 0; a < n; a++) {
            for (int c = a + 1; c < n; c++) {
                if (tSlot[a] / 2 == tSlot[c] / 2) continue;   // trans: not neighbours
                both += pair[Species.halideOf(occ.species[tSite[a]])][Species.halideOf(occ.species[tSite[c]])];
            }
        }
        e += phaseN[b] != 0 ? both : -both;
        return -e;
    }

    private final int[] tSite = new int[Octahedra.SLOTS], tSlot = new int[Octahedra.SLOTS];

    private static int count(int word, int species) {
        return (word >>> (Occupancy.COUNT_SHIFT + 4 * species)) & 0xF;
    }

    /** Rate of the event that would flip b now (PC + TC for P, RV for N), s⁻¹ (tests: detailed balance). */
    public double flipRate(int b) {
        double[] r = rates(b);
        return lightRate * r[PC] + r[TC] + r[RV];
    }
}
