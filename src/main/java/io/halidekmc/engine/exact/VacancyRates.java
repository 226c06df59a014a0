package io.halidekmc.engine.exact;

import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.RateBackend;
import io.halidekmc.engine.SumTree;
import io.halidekmc.engine.Tracers;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.ReverseSlots;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.FunnelState;
import io.halidekmc.physics.RateTable;

import java.util.Arrays;

/**
 * The 8 hop rates of every vacancy and the selector item holding their sum (a {@link SumTree}
 * leaf or a {@link RateClasses} item, one per vacancy id), kept current as the lattice changes.
 * After a hop only the neighbour counts of the two sites' neighbours change; the vacancies whose
 * rates read those counts are found through the vacancy nibble of the same packed words, in the
 * same pass that updates them, so the usual case (no other vacancy within two shells) recomputes
 * one vacancy. This is the hot path: flat arrays, no allocation.
 */
final class VacancyRates {
    final Lattice lattice;
    final Occupancy occ;
    final RateTable table = new RateTable();
    final HopKernel.Factors factors = new HopKernel.Factors();
    /** Exactly one of the two is set, by the engine's {@link ExactEngine.Selection}. */
    final SumTree tree;
    final RateClasses classes;
    double[] rates;
    /** Lattice.regularOffsets(): neighbour index differences of REGULAR sites, [k*8 + j]. */
    final int[] off;
    private final int[] nbV = new int[Lattice.Z];
    private final int[] nbH = new int[Lattice.Z];
    /** Single-slot updates of one hop: vacancy id, its slot, the halide site behind it (≤ 16 scans × 8). */
    private final int[] partialId = new int[16 * Lattice.Z];
    private final int[] partialSlot = new int[16 * Lattice.Z];
    private final int[] partialSite = new int[16 * Lattice.Z];
    private int nPartial;
    /** Per vacancy id, the sum of its rates as the bulk refresh leaves it (before it enters the selector). */
    double[] leafSums;
    private int[] stamp;
    /** Per vacancy id: whether its site is REGULAR (a copy of that bit of its packed word). */
    private boolean[] vacancyRegular;
    private int[] affected;
    private int epoch;
    /** Vacancies fully recomputed inside the last hopCore (affected[0..n)); the strain pass reads it. */
    private int lastAffected;
    int lastHopFrom;
    /** Net halide displacement along z summed over all hops, half lattice constants. */
    long netHalideDz;

    Tracers tracers;
    /** Field factors per half-layer from a wire device's potential, or null for the uniform table. */
    double[] fieldZ;
    /** 3·sites per cell layer when fieldZ is set, else 0 (see HopKernel.fieldRow). */
    int layerSites3;
    /** Strain with surface site energies (null when off or without them). */
    NanocrystalStrain surfaceStrain;
    /** Carrier funnelling (null when off). */
    FunnelState funnel;
    /** Where the bulk refresh runs (DESIGN §6); the CPU kernels (HopKernel) unless a backend is set. */
    RateBackend rateBackend = RateBackend.CPU;

    private static final int[] HALIDE_MOVE = HopKernel.HALIDE_MOVE;
    private static final int[] REVERSE_SLOT = ReverseSlots.TABLE;
    private static final int SPECIES = Occupancy.SPECIES_MASK;
    private static final int VACANCY_COUNT_SHIFT = Occupancy.COUNT_SHIFT;

    VacancyRates(Occupancy occ, ExactEngine.Selection selection) {
        this.lattice = occ.lattice;
        this.occ = occ;
        this.off = lattice.regularOffsets();
        int cap;
        if (selection == ExactEngine.Selection.SUM_TREE) {
            tree = new SumTree(Math.max(1, occ.vacancies));
            classes = null;
            cap = tree.capacity();
        } else {
            tree = null;
            classes = new RateClasses(Math.max(1, occ.vacancies));
            cap = classes.capacity();
        }
        this.rates = new double[cap * Lattice.Z];
        this.leafSums = new double[cap];
        this.stamp = new int[cap];
        this.vacancyRegular = new boolean[cap];
        this.affected = new int[cap];
    }

    /** Bulk refresh of every rate from the current tables (the GPU-offloaded kernel), then every item. */
    void refreshAll() {
        for (int id = 0; id < occ.vacancies; id++) {
            vacancyRegular[id] = (occ.counts[occ.vacancySite[id]] & Occupancy.REGULAR) != 0;
        }
        BulkRefresh.run(this);
        if (tree != null) {
            for (int id = 0; id < tree.capacity(); id++) {
                tree.setLeafOnly(id, id < occ.vacancies ? leafSums[id] : 0);
            }
            tree.rebuild();
        } else {
            for (int id = 0; id < classes.capacity(); id++) {
                classes.set(id, id < occ.vacancies ? leafSums[id] : 0);
            }
        }
    }

    /** Slot whose cumulative rate interval holds u, the last non-zero one after a rounding miss, or -1. */
    int pick(int id, double u) {
        return HopKernel.pickSlot(rates, id * Lattice.Z, u);
    }

    /** Vacancy id hops through slot j: the lattice, then every rate that read a changed word. */
    void hop(int id, int j) {
        hopCore(id, j);
        if (surfaceStrain != null && funnel == null) {
            // surface strain: every vacancy hopCore touched is recomputed whole, with the factor
            recomputeVacancy(id);
            for (int a = 0; a < lastAffected; a++) recomputeVacancy(affected[a]);
            for (int p = 0; p < nPartial; p++) recomputeVacancy(partialId[p]);
        }
        if (funnel != null) {
            funnel.moved(lastHopFrom, occ.vacancySite[id], occ.species[lastHopFrom]);
            refreshAll();
        }
    }

    private void hopCore(int id, int j) {
        byte[] sp = occ.species;
        int[] w = occ.counts;
        int v = occ.vacancySite[id];
        lastHopFrom = v;
        int kV = v % 3;
        // regularity from the per-vacancy copy, not w[v]: the neighbour words can then be
        // loaded in parallel with v's own instead of after it (one cache miss fewer in series)
        int[] sv = neighboursOf(v, kV, vacancyRegular[id] ? Occupancy.REGULAR : 0, nbV);
        int h = sv[j];
        int kH = h % 3;
        int wh = w[h];
        int x = wh & SPECIES;
        int[] sh = neighboursOf(h, kH, wh, nbH);
        vacancyRegular[id] = (wh & Occupancy.REGULAR) != 0;

        sp[v] = (byte) x;
        sp[h] = Species.VACANCY;
        w[v] += x;
        w[h] -= x;
        occ.vacancySite[id] = h;
        occ.vacancyAt[h] = id;
        occ.vacancyAt[v] = -1;
        int move = (kV * Lattice.Z + j) * 3;
        netHalideDz += HALIDE_MOVE[move + 2];
        if (tracers != null) tracers.move(h, v, HALIDE_MOVE[move], HALIDE_MOVE[move + 1], HALIDE_MOVE[move + 2]);

        // Count updates fused with the search for vacancies whose rates read a changed word.
        // v's neighbours lose a vacancy neighbour and gain an x; h's the reverse. A vacancy among
        // them has new counts itself: all its rates change ("full"). A halide neighbour s matters
        // only if it has another vacancy neighbour u: u's one hop through s reads s's counts
        // ("partial", the slot recorded and recomputed alone). "Another" means other than h, the
        // moved vacancy, recomputed here anyway. In the first loop s's vacancy count already
        // excludes v and does not yet include h; in the second it is final and includes h.
        int delta = Occupancy.countUnit(x) - Occupancy.countUnit(Species.VACANCY);
        int n = 0;
        nPartial = 0;
        epoch++;
        stamp[id] = epoch;
        for (int i = 0; i < Lattice.Z; i++) {
            int s = sv[i];
            int ws = w[s] + delta;
            w[s] = ws;
            if (s == h) continue;
            int si = ws & SPECIES;
            if (si == Species.VACANCY) {
                n = mark(occ.vacancyAt[s], n);
            } else if (si <= Species.I) {   // a halide that can move: not WALL, not frozen (Species.FROZEN)
                int others = (ws >>> VACANCY_COUNT_SHIFT) & 0xF;
                if (others > 0) scan(s, h, others);
            }
        }
        boolean fast = factors.valid;
        double[] fv = factors.fv, gh = factors.gh, field = fieldZ != null ? fieldZ : table.field;
        int ls3 = layerSites3;
        int fh = HopKernel.fieldRow(h, ls3);
        int ivH = HopKernel.halideCounts(w[h]);   // final: h's word changed only in the first loop
        int dzRow = kH * Lattice.Z;
        int out = id * Lattice.Z;
        double sum = 0;
        for (int i = 0; i < Lattice.Z; i++) {
            int s = sh[i];
            int ws = w[s] - delta;
            w[s] = ws;
            int si = ws & SPECIES;
            // the moved vacancy's rate through slot i, from s's final word (fast form only)
            int xs = si - Species.CL;
            double r = 0;
            if (xs >= 0 && xs < 3) {
                int t = xs << HopKernel.HALIDE_BITS;
                r = fv[t + ivH] * gh[t + HopKernel.halideCounts(ws)] * field[fh + HopKernel.SLOT_DZ[dzRow + i]];
            }
            rates[out + i] = r;
            sum += r;
            if (s == v) continue;
            if (si == Species.VACANCY) {
                n = mark(occ.vacancyAt[s], n);
            } else if (si <= Species.I) {   // a halide that can move: not WALL, not frozen (Species.FROZEN)
                int others = ((ws >>> VACANCY_COUNT_SHIFT) & 0xF) - 1;
                if (others > 0) scan(s, h, others);
            }
        }
        int[] nb = lattice.neighbours();
        if (fast) {
            setWeight(id, sum);
        } else {
            affected[n++] = id;
        }
        lastAffected = n;
        for (int a = 0; a < n; a++) {
            int u = affected[a];
            int site = occ.vacancySite[u];
            double su = fast
                    ? HopKernel.vacancyRatesFactored(site, w, nb, off, fv, gh, field, rates, u * Lattice.Z, ls3)
                    : HopKernel.vacancyRates(site, w, nb, table.base, field, table.mix, rates, u * Lattice.Z, ls3);
            setWeight(u, su);
        }
        for (int p = 0; p < nPartial; p++) {
            int u = partialId[p];
            if (stamp[u] == epoch) continue;        // fully recomputed above
            int slot = partialSlot[p];
            int site = occ.vacancySite[u];
            int ku = site % 3;
            int o = u * Lattice.Z;
            if (fast) {
                int ws = w[partialSite[p]];
                int xs = (ws & SPECIES) - Species.CL;   // a halide: scans start only from halides
                int t = xs << HopKernel.HALIDE_BITS;
                rates[o + slot] = fv[t + HopKernel.halideCounts(w[site])] * gh[t + HopKernel.halideCounts(ws)]
                        * field[HopKernel.fieldRow(site, ls3) + HopKernel.SLOT_DZ[ku * Lattice.Z + slot]];
                double su = 0;
                for (int i = 0; i < Lattice.Z; i++) su += rates[o + i];
                setWeight(u, su);
            } else {
                setWeight(u, HopKernel.vacancyRates(site, w, nb, table.base, field, table.mix, rates, o, ls3));
            }
        }
    }

    /** The 8 neighbours of site s (sublattice k, packed word ws) into out: computed when REGULAR, else the table row. */
    private int[] neighboursOf(int s, int k, int ws, int[] out) {
        if ((ws & Occupancy.REGULAR) != 0) {
            int r = k * Lattice.Z;
            for (int i = 0; i < Lattice.Z; i++) out[i] = s + off[r + i];
        } else {
            System.arraycopy(lattice.neighbours(), s * Lattice.Z, out, 0, Lattice.Z);
        }
        return out;
    }

    /**
     * Records, for each of the {@code count} vacancies next to halide site s other than
     * {@code exclude}, the slot of its hop through s (recomputed after the count updates).
     */
    private void scan(int s, int exclude, int count) {
        int[] nb = lattice.neighbours();
        int[] w = occ.counts;
        int row = s * Lattice.Z;
        boolean regular = (w[s] & Occupancy.REGULAR) != 0;
        int r = (s % 3) * Lattice.Z;
        for (int i = 0; i < Lattice.Z; i++) {
            int m = regular ? s + off[r + i] : nb[row + i];
            if (m != exclude && (w[m] & SPECIES) == Species.VACANCY) {
                int p = nPartial++;
                partialId[p] = occ.vacancyAt[m];
                partialSlot[p] = REVERSE_SLOT[r + i];
                partialSite[p] = s;
                if (--count == 0) return;
            }
        }
    }

    private int mark(int id, int n) {
        if (stamp[id] != epoch) {
            stamp[id] = epoch;
            affected[n++] = id;
        }
        return n;
    }

    private void setWeight(int id, double w) {
        if (tree != null) tree.set(id, w);
        else classes.set(id, w);
    }

    private double weightOf(int id) {
        return tree != null ? tree.leaf(id) : classes.weight(id);
    }

    /** After a species change at s (a source event): every vacancy within two shells recomputed. */
    void refreshAround(int s) {
        int[] nb = lattice.neighbours();
        epoch++;
        int n = 0;
        if (occ.species[s] == Species.VACANCY) n = mark(occ.vacancyAt[s], n);
        for (int i = 0; i < Lattice.Z; i++) {
            int a = nb[s * Lattice.Z + i];
            if (a == lattice.sink()) continue;
            if (occ.species[a] == Species.VACANCY) n = mark(occ.vacancyAt[a], n);
            for (int k = 0; k < Lattice.Z; k++) {
                int b = nb[a * Lattice.Z + k];
                if (b != lattice.sink() && occ.species[b] == Species.VACANCY) n = mark(occ.vacancyAt[b], n);
            }
        }
        for (int a = 0; a < n; a++) recomputeVacancy(affected[a]);
    }

    private void recomputeVacancy(int id) {
        int site = occ.vacancySite[id];
        vacancyRegular[id] = (occ.counts[site] & Occupancy.REGULAR) != 0;
        double[] field = fieldZ != null ? fieldZ : table.field;
        double su = factors.valid
                ? HopKernel.vacancyRatesFactored(site, occ.counts, lattice.neighbours(), off, factors.fv, factors.gh,
                field, rates, id * Lattice.Z, layerSites3)
                : HopKernel.vacancyRates(site, occ.counts, lattice.neighbours(), table.base, field, table.mix,
                rates, id * Lattice.Z, layerSites3);
        if (surfaceStrain != null) su = surfaceStrain.apply(site, occ.counts, lattice.neighbours(), rates, id * Lattice.Z);
        setWeight(id, su);
    }

    /** A vacancy opened at s (its rates and item set; its neighbours are the caller's). */
    void addVacancy(int s) {
        int id = occ.vacancies;
        ensureVacancyCapacity(id + 1);
        occ.vacancySite[id] = s;
        occ.vacancyAt[s] = id;
        occ.vacancies++;
        stamp[id] = 0;
        recomputeVacancy(id);
    }

    /** Swap-remove: the last vacancy takes the freed id, its rates and weight with it. */
    void removeVacancy(int id) {
        int last = occ.vacancies - 1;
        int s = occ.vacancySite[id];
        if (id != last) {
            int ls = occ.vacancySite[last];
            occ.vacancySite[id] = ls;
            occ.vacancyAt[ls] = id;
            System.arraycopy(rates, last * Lattice.Z, rates, id * Lattice.Z, Lattice.Z);
            vacancyRegular[id] = vacancyRegular[last];
            stamp[id] = stamp[last];
            setWeight(id, weightOf(last));
        }
        setWeight(last, 0);
        Arrays.fill(rates, last * Lattice.Z, last * Lattice.Z + Lattice.Z, 0);
        occ.vacancyAt[s] = -1;
        occ.vacancies--;
    }

    private void ensureVacancyCapacity(int n) {
        if (occ.vacancySite.length < n) occ.vacancySite = Arrays.copyOf(occ.vacancySite, Math.max(n, 2 * occ.vacancySite.length));
        int cap = tree != null ? tree.capacity() : classes.capacity();
        if (n <= cap) return;
        int newCap = Math.max(n, 2 * cap);
        if (tree != null) {
            tree.ensureCapacity(newCap);
            newCap = tree.capacity();
        } else {
            classes.ensureCapacity(newCap);
        }
        rates = Arrays.copyOf(rates, newCap * Lattice.Z);
        leafSums = Arrays.copyOf(leafSums, newCap);
        stamp = Arrays.copyOf(stamp, newCap);
        vacancyRegular = Arrays.copyOf(vacancyRegular, newCap);
        affected = Arrays.copyOf(affected, newCap);
    }

    /** Bytes held by the engine's per-vacancy arrays, selector and kernel factors. */
    long bytes() {
        long sel = tree != null ? 2L * tree.capacity() * 8 : classes.capacity() * (8L + 4 + 4 + 4);
        return rates.length * 8L + leafSums.length * 8L + sel + stamp.length * 4L + affected.length * 4L
                + (factors.fv.length + factors.gh.length) * 8L;
    }
}
