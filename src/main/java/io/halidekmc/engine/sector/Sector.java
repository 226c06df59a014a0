package io.halidekmc.engine.sector;

import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.PhiloxBlock;
import io.halidekmc.engine.SumTree;
import io.halidekmc.engine.Tracers;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.ReverseSlots;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.RateTable;

import java.util.Arrays;

/**
 * One sector of the {@link SectorEngine}: its vacancy list, selection tree, RNG stream, outbox and
 * scratch, and its phase — BKL over its own vacancies for one window. Touched by one thread per
 * phase; the shared arrays it writes (species, packed words, vacancy sites, the rates of its ids,
 * tracers) only at sites within one cell of it (the border rule in {@link SectorEngine}).
 */
final class Sector {
    private static final int SPECIES = Occupancy.SPECIES_MASK;
    private static final int VACANCY_COUNT_SHIFT = Occupancy.COUNT_SHIFT;

    private static final int[] HALIDE_MOVE = HopKernel.HALIDE_MOVE;
    private static final int[] REVERSE_SLOT = ReverseSlots.TABLE;

    final int id;
    private final PhiloxBlock rng;
    private final Occupancy occ;
    private final int[] off;
    private final int[] nb;
    private final int sink;
    /** Sector of each site (−1 for the sink), shared and immutable. */
    private final int[] sectorOf;
    /**
     * Per site: whether a site of another sector (or the sink) lies within three neighbour steps.
     * Only a vacancy at such a site can have rates that other sectors' hops changed (see
     * {@link #refresh}). Shared and immutable.
     */
    private final boolean[] nearBorder;
    private final VacancyRates cache;
    private final double[] rates;
    private final RateTable table;
    private final HopKernel.Factors factors;
    /** Per vacancy id: its index in its sector's list (shared; an id is in one list at a time). */
    private final int[] localIndex;
    /** Set by {@link SectorEngine#trackTracers}; null while nobody follows the halides. */
    Tracers tracers;

    int[] ids = new int[16];
    int n;
    private final SumTree tree = new SumTree(16);
    final Outbox outbox = new Outbox();
    long fired;
    long dz;
    private final int[] nbV = new int[Lattice.Z];
    private final int[] nbH = new int[Lattice.Z];
    private final int[] nbS = new int[Lattice.Z];
    private final int[] affected = new int[2 * Lattice.Z * (Lattice.Z + 1) + 1];
    private int nAffected;
    /** Partial updates of one hop: vacancy id, its slot through a changed halide site, that site. */
    private final int[] partialId = new int[2 * Lattice.Z * Lattice.Z];
    private final int[] partialSlot = new int[2 * Lattice.Z * Lattice.Z];
    private final int[] partialSite = new int[2 * Lattice.Z * Lattice.Z];
    private int nPartial;
    private final double[] scratch = new double[Lattice.Z];

    Sector(int id, PhiloxBlock rng, Occupancy occ, int[] sectorOf, boolean[] nearBorder, VacancyRates cache, int[] localIndex) {
        this.id = id;
        this.rng = rng;
        this.occ = occ;
        this.off = occ.lattice.regularOffsets();
        this.nb = occ.lattice.neighbours();
        this.sink = occ.lattice.sink();
        this.sectorOf = sectorOf;
        this.nearBorder = nearBorder;
        this.cache = cache;
        this.rates = cache.rates;
        this.table = cache.table;
        this.factors = cache.factors;
        this.localIndex = localIndex;
    }

    /** Appends vacancy id (its rates are computed at the start of this sector's next phase). */
    void add(int vid) {
        if (n == ids.length) ids = Arrays.copyOf(ids, 2 * n);
        tree.ensureCapacity(n + 1);
        ids[n] = vid;
        localIndex[vid] = n;
        tree.set(n, 0);
        n++;
    }

    /** Where vacancy id stands in this sector's list, if it is there. */
    int indexOf(int vid) {
        return localIndex[vid];
    }

    /** Swap-removes vacancy id from the list and the tree. */
    private void remove(int vid) {
        int k = localIndex[vid];
        int last = n - 1;
        if (k != last) {
            int moved = ids[last];
            ids[k] = moved;
            localIndex[moved] = k;
            tree.set(k, tree.leaf(last));
        }
        tree.set(last, 0);
        n--;
    }

    /**
     * Takes the vacancies that entered this sector since its last phase from the outboxes of its
     * touching sectors, ascending (earlier colours: this sweep's; later colours: the last sweep's,
     * which they have not yet cleared), and clears its own outbox (every touching sector has
     * emptied it by now).
     */
    void receive(Sector[] sectors, int[] touching) {
        for (int from : touching) sectors[from].outbox.deliver(this);
        outbox.clear();
    }

    /**
     * BKL for dt over this sector's vacancies, after bringing its cached rates up to date (all of
     * them when {@code all}, after a drive-grid change).
     */
    void run(double dt, boolean all, boolean verify) {
        refresh(all);
        if (verify) verify("start of phase");
        double t = 0;
        while (true) {
            double total = tree.total();
            if (!(total > 0)) break;
            rng.next();
            t += -Math.log(1.0 - rng.u0) / total;
            if (t >= dt) break;   // memoryless: the overshooting wait is discarded
            double u = rng.u1;
            int k;
            int j;
            while (true) {
                k = tree.find(u * total);
                j = k < n ? pick(ids[k], tree.residual()) : -1;
                if (j >= 0) break;
                rng.next();   // rounding miss past the last leaf: redraw the selection
                u = rng.u1;
            }
            hop(ids[k], j);
            fired++;
        }
    }

    /**
     * Brings the cached rates up to date: all of them after a drive-grid change, else only those
     * of vacancies near the border. A hop in another sector writes words at most two neighbour
     * steps from its vacancy, and a vacancy's rates read words at most one step from it, so a
     * vacancy more than three steps from every other sector's sites keeps its rates; a
     * handed-over vacancy (leaf 0) is one step from its old sector.
     */
    private void refresh(boolean all) {
        for (int k = 0; k < n; k++) {
            int vid = ids[k];
            if (all || nearBorder[occ.vacancySite[vid]]) tree.setLeafOnly(k, cache.recompute(vid));
        }
        tree.rebuild();
    }

    /** Tests: throws unless every cached rate and leaf equals a fresh recompute, bit for bit. */
    void verify(String when) {
        for (int k = 0; k < tree.capacity(); k++) {
            if (k >= n) {
                if (tree.leaf(k) != 0) throw new IllegalStateException("sector " + id + ", " + when + ": leaf " + k + " past the list is " + tree.leaf(k));
                continue;
            }
            int vid = ids[k];
            int site = occ.vacancySite[vid];
            double sum = cache.ratesAt(site, scratch, 0);
            for (int j = 0; j < Lattice.Z; j++) {
                if (Double.doubleToLongBits(scratch[j]) != Double.doubleToLongBits(rates[vid * Lattice.Z + j])) {
                    throw new IllegalStateException("sector " + id + ", " + when + ": vacancy " + vid + " at site " + site
                            + " slot " + j + " cached " + rates[vid * Lattice.Z + j] + ", fresh " + scratch[j]);
                }
            }
            if (Double.doubleToLongBits(sum) != Double.doubleToLongBits(tree.leaf(k))) {
                throw new IllegalStateException("sector " + id + ", " + when + ": vacancy " + vid + " leaf " + tree.leaf(k) + ", fresh " + sum);
            }
        }
    }

    private int pick(int vid, double u) {
        return HopKernel.pickSlot(rates, vid * Lattice.Z, u);
    }

    private void hop(int vid, int j) {
        byte[] sp = occ.species;
        int[] w = occ.counts;
        int v = occ.vacancySite[vid];
        int kV = v % 3;
        neighboursOf(v, w[v], nbV);
        int h = nbV[j];
        int wh = w[h];
        int x = wh & SPECIES;
        neighboursOf(h, wh, nbH);

        sp[v] = (byte) x;
        sp[h] = Species.VACANCY;
        w[v] += x - Species.VACANCY;
        w[h] -= x - Species.VACANCY;
        int delta = Occupancy.countUnit(x) - Occupancy.countUnit(Species.VACANCY);
        for (int i = 0; i < Lattice.Z; i++) {
            int s = nbV[i];
            if (s != sink) w[s] += delta;
        }
        occ.vacancySite[vid] = h;
        occ.vacancyAt[h] = vid;
        occ.vacancyAt[v] = -1;
        int move = (kV * Lattice.Z + j) * 3;
        dz += HALIDE_MOVE[move + 2];
        if (tracers != null) tracers.move(h, v, HALIDE_MOVE[move], HALIDE_MOVE[move + 1], HALIDE_MOVE[move + 2]);

        nAffected = 0;
        nPartial = 0;
        if (sectorOf[h] == id) {
            affected[nAffected++] = vid;
        } else {
            remove(vid);
            outbox.put(vid, sectorOf[h]);
        }
        // v's neighbours first, before h's are updated: their vacancy counts then exclude v and
        // do not yet include h, so they count exactly the other vacancies (as in ExactEngine)
        collect(nbV, h, 0);
        for (int i = 0; i < Lattice.Z; i++) {
            int s = nbH[i];
            if (s != sink) w[s] -= delta;
        }
        collect(nbH, h, 1);   // final counts, which include h
        for (int a = 0; a < nAffected; a++) {
            int u = affected[a];
            tree.set(localIndex[u], cache.recompute(u));
        }
        // a vacancy next to a changed halide, not recomputed above: only its slot through that halide changed
        double[] fv = factors.fv, gh = factors.gh, field = table.field;
        outer:
        for (int p = 0; p < nPartial; p++) {
            int u = partialId[p];
            for (int a = 0; a < nAffected; a++) if (affected[a] == u) continue outer;
            int slot = partialSlot[p];
            int site = occ.vacancySite[u];
            int o = u * Lattice.Z;
            int ws = w[partialSite[p]];
            int t = ((ws & SPECIES) - Species.CL) << HopKernel.HALIDE_BITS;   // a halide: scans start only from halides
            rates[o + slot] = fv[t + HopKernel.halideCounts(w[site])] * gh[t + HopKernel.halideCounts(ws)]
                    * field[HopKernel.SLOT_DZ[(site % 3) * Lattice.Z + slot]];
            double su = 0;
            for (int i = 0; i < Lattice.Z; i++) su += rates[o + i];
            tree.set(localIndex[u], su);
        }
    }

    /**
     * Records the vacancies of this sector whose rates read a word in list: vacancies in the
     * list, and vacancies next to a halide in the list. Sites outside the sector are read only
     * within the one-cell border (the list is within two half steps of the hop). {@code self}:
     * how many of a list site's vacancy neighbours are h (skipped) in its current word.
     */
    private void collect(int[] list, int h, int self) {
        int[] w = occ.counts;
        for (int i = 0; i < Lattice.Z; i++) {
            int s = list[i];
            if (s == sink) continue;
            int ws = w[s];
            int ss = ws & SPECIES;
            if (ss == Species.VACANCY) {
                if (s != h && sectorOf[s] == id) mark(occ.vacancyAt[s]);
            } else if (ss != Species.WALL && ((ws >>> VACANCY_COUNT_SHIFT) & 0xF) > self) {
                neighboursOf(s, ws, nbS);
                int r = (s % 3) * Lattice.Z;
                for (int m = 0; m < Lattice.Z; m++) {
                    int u = nbS[m];
                    // ownership first: w[u] is read only at this sector's own sites
                    if (u != h && u != sink && sectorOf[u] == id && (w[u] & SPECIES) == Species.VACANCY) {
                        if (factors.valid) {
                            // a partial update, unless the vacancy is recomputed in full anyway
                            int q = nPartial++;
                            partialId[q] = occ.vacancyAt[u];
                            partialSlot[q] = REVERSE_SLOT[r + m];
                            partialSite[q] = s;
                        } else {
                            mark(occ.vacancyAt[u]);
                        }
                    }
                }
            }
        }
    }

    private void mark(int vid) {
        for (int a = 0; a < nAffected; a++) if (affected[a] == vid) return;
        affected[nAffected++] = vid;
    }

    /** The 8 neighbours of site s (packed word ws) into out: computed when REGULAR, else the table row. */
    private void neighboursOf(int s, int ws, int[] out) {
        if ((ws & Occupancy.REGULAR) != 0) {
            int r = (s % 3) * Lattice.Z;
            for (int i = 0; i < Lattice.Z; i++) out[i] = s + off[r + i];
        } else {
            System.arraycopy(nb, s * Lattice.Z, out, 0, Lattice.Z);
        }
    }
}
