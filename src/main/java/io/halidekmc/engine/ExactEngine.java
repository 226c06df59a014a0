package io.halidekmc.engine;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.RateTable;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.List;

/**
 * Rejection-free BKL (n-fold way) KMC with a vacancy-centred event list (DESIGN §5): one sum-tree
 * leaf per vacancy holding the sum of its 8 hop rates, the hop picked by a short scan. After a
 * hop only the neighbour counts of the two sites' neighbours change; the vacancies whose rates
 * read those counts are found through the vacancy byte of the same counts, so the usual case
 * (no other vacancy within two shells) recomputes one vacancy and walks one tree path.
 *
 * <p>Drives are piecewise constant (DESIGN §4): at each drive-grid point the rate tables are
 * rebuilt and every rate refreshed in bulk; a waiting time that would cross a grid point, an
 * output time or the end is discarded and redrawn from there, exact because waiting times are
 * memoryless.
 */
public final class ExactEngine {
    private final Lattice lattice;
    private final Occupancy occ;
    private final Material material;
    private final List<EnergyTerm> terms;
    private final DriveProgram drive;
    private final UniformRandomProvider rng;
    private final RateTable table = new RateTable();
    private final SumTree tree;
    private final double[] rates;
    private final double[] leafSums;
    private final int[] stamp;
    private final int[] affected;
    private int epoch;

    private double time;
    private double nextDriveChange;
    private Conditions conditions;
    private long events;
    private long driveRefreshes;
    /** Net halide displacement along z summed over all hops, half lattice constants. */
    private long netHalideDz;

    private Tracers tracers;

    /** [kV*8*8 + i*8 + j]: whether slot i of a site on sublattice kV neighbours slot j (common neighbours). */
    private static final boolean[] ADJ = new boolean[3 * Lattice.Z * Lattice.Z];
    /** [k*8*3 + j*3 + axis]: −offset, the displacement of the halide for a hop through slot j. */
    private static final int[] HALIDE_MOVE = new int[3 * Lattice.Z * 3];

    static {
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < Lattice.Z; i++) {
                for (int j = 0; j < Lattice.Z; j++) ADJ[(k * Lattice.Z + i) * Lattice.Z + j] = Lattice.slotsAdjacent(k, i, j);
                for (int a = 0; a < 3; a++) HALIDE_MOVE[(k * Lattice.Z + i) * 3 + a] = -Lattice.offset(k, i, a);
            }
        }
    }

    public ExactEngine(Occupancy occupancy, Material material, List<EnergyTerm> terms, DriveProgram drive,
                       UniformRandomProvider rng) {
        this.lattice = occupancy.lattice;
        this.occ = occupancy;
        this.material = material;
        this.terms = List.copyOf(terms);
        this.drive = drive;
        this.rng = rng;
        int cap = Math.max(1, occ.vacancies);
        this.tree = new SumTree(cap);
        this.rates = new double[tree.capacity() * Lattice.Z];
        this.leafSums = new double[tree.capacity()];
        this.stamp = new int[tree.capacity()];
        this.affected = new int[tree.capacity()];
        applyDrive(0);
    }

    /** Follows every halide's unwrapped displacement (tests and diffusion observables). */
    public void trackTracers() {
        tracers = new Tracers(occ);
    }

    public Tracers tracers() {
        return tracers;
    }

    private void applyDrive(double t) {
        conditions = drive.at(t);
        nextDriveChange = drive.nextChange(t);
        table.build(material, terms, conditions);
        refreshAllRates();
        driveRefreshes++;
    }

    /** Bulk refresh of every rate from the current tables (the GPU-offloaded kernel). */
    public void refreshAllRates() {
        HopKernel.refreshAll(occ.vacancySite, occ.vacancies, occ.species, occ.counts, lattice.neighbours(),
                table.base, table.field, table.mix, rates, leafSums);
        for (int id = 0; id < tree.capacity(); id++) {
            tree.setLeafOnly(id, id < occ.vacancies ? leafSums[id] : 0);
        }
        tree.rebuild();
    }

    /**
     * Runs until simulated time reaches tStop or maxEvents hops have fired, whichever first.
     * Returns the number of hops fired.
     */
    public long advance(double tStop, long maxEvents) {
        long fired = 0;
        while (fired < maxEvents) {
            if (time >= nextDriveChange) {
                applyDrive(nextDriveChange);
            }
            double limit = Math.min(tStop, nextDriveChange);
            double total = tree.total();
            if (!(total > 0)) {
                time = Math.max(time, limit);
                if (limit >= tStop) break;
                continue;
            }
            double dt = -Math.log1p(-rng.nextDouble()) / total;
            if (time + dt >= limit) {
                time = limit;
                if (limit >= tStop) break;
                continue;
            }
            time += dt;
            fire(total);
            fired++;
        }
        events += fired;
        return fired;
    }

    private void fire(double total) {
        int id;
        int j;
        while (true) {
            id = tree.find(rng.nextDouble() * total);
            double u = tree.residual();
            j = pick(id, u);
            if (j >= 0) break;
        }
        hop(id, j);
    }

    /** Slot whose cumulative rate interval holds u, or -1 after a rounding miss (then redrawn). */
    private int pick(int id, double u) {
        if (id >= occ.vacancies) return -1;
        int base = id * Lattice.Z;
        int last = -1;
        for (int j = 0; j < Lattice.Z; j++) {
            double r = rates[base + j];
            if (r > 0) {
                if (u < r) return j;
                u -= r;
                last = j;
            }
        }
        return last;
    }

    private void hop(int id, int j) {
        byte[] sp = occ.species;
        int[] cnt = occ.counts;
        int[] nb = lattice.neighbours();
        int v = occ.vacancySite[id];
        int h = nb[v * Lattice.Z + j];
        byte x = sp[h];
        int kV = v % 3;

        sp[v] = x;
        sp[h] = Species.VACANCY;
        occ.vacancySite[id] = h;
        occ.vacancyAt[h] = id;
        occ.vacancyAt[v] = -1;
        int delta = (1 << (8 * x)) - 1;
        int rowV = v * Lattice.Z;
        int rowH = h * Lattice.Z;
        for (int i = 0; i < Lattice.Z; i++) cnt[nb[rowV + i]] += delta;
        for (int i = 0; i < Lattice.Z; i++) cnt[nb[rowH + i]] -= delta;
        int move = (kV * Lattice.Z + j) * 3;
        netHalideDz += HALIDE_MOVE[move + 2];
        if (tracers != null) tracers.move(h, v, HALIDE_MOVE[move], HALIDE_MOVE[move + 1], HALIDE_MOVE[move + 2]);

        int n = 0;
        epoch++;
        stamp[id] = epoch;
        affected[n++] = id;
        int adjRow = kV * Lattice.Z * Lattice.Z;
        for (int i = 0; i < Lattice.Z; i++) {
            int s = nb[rowV + i];
            if (s == h) continue;
            int si = sp[s];
            if (si == Species.VACANCY) {
                n = mark(occ.vacancyAt[s], n);
            } else if (si != Species.WALL) {
                int others = (cnt[s] & 0xFF) - (ADJ[adjRow + i * Lattice.Z + j] ? 1 : 0);
                if (others > 0) n = scan(s, h, n);
            }
        }
        for (int i = 0; i < Lattice.Z; i++) {
            int s = nb[rowH + i];
            if (s == v) continue;
            int si = sp[s];
            if (si == Species.VACANCY) {
                n = mark(occ.vacancyAt[s], n);
            } else if (si != Species.WALL && (cnt[s] & 0xFF) > 1) {
                n = scan(s, h, n);
            }
        }
        for (int a = 0; a < n; a++) {
            int u = affected[a];
            double sum = HopKernel.vacancyRates(occ.vacancySite[u], sp, cnt, nb, table.base, table.field, table.mix,
                    rates, u * Lattice.Z);
            tree.set(u, sum);
        }
    }

    private int scan(int s, int exclude, int n) {
        int[] nb = lattice.neighbours();
        int row = s * Lattice.Z;
        for (int i = 0; i < Lattice.Z; i++) {
            int m = nb[row + i];
            if (m != exclude && occ.species[m] == Species.VACANCY) n = mark(occ.vacancyAt[m], n);
        }
        return n;
    }

    private int mark(int id, int n) {
        if (stamp[id] != epoch) {
            stamp[id] = epoch;
            affected[n++] = id;
        }
        return n;
    }

    public double time() { return time; }
    public long events() { return events; }
    public long driveRefreshes() { return driveRefreshes; }
    public long netHalideDz() { return netHalideDz; }
    public Conditions conditions() { return conditions; }
    public Occupancy occupancy() { return occ; }
    public Material material() { return material; }
    public double totalRate() { return tree.total(); }
    public RateTable table() { return table; }

    /** Current rate of slot j of vacancy id (tests). */
    public double rate(int id, int j) {
        return rates[id * Lattice.Z + j];
    }

    /** Bytes held per stored site by the lattice, occupancy and engine together. */
    public double bytesPerSite() {
        long b = (long) lattice.neighbours().length * 4 + lattice.flags().length
                + occ.species.length + occ.counts.length * 4L + occ.vacancyAt.length * 4L
                + occ.vacancySite.length * 4L + rates.length * 8L + leafSums.length * 8L + 2L * tree.capacity() * 8
                + stamp.length * 4L + affected.length * 4L;
        return (double) b / lattice.sites();
    }
}
