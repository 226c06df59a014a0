package io.halidekmc.engine.event;

import io.halidekmc.engine.SumTree;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.SurfaceExchange;

/**
 * The event list of {@link SurfaceExchange}: release of a surface halide into the reservoir
 * (opens a vacancy) and refilling of a surface vacancy from it. Rates factor into a site-local
 * part (barrier and the pair bonds at the site) and a global part per halide (reservoir energy,
 * repulsion, lattice-gas factors), so one sum tree per (kind, halide) over the surface sites holds
 * the local parts and a reservoir change rescales whole trees in O(1). A hop that changes a
 * surface site's word updates that site's leaves (O(log S)).
 */
public final class SurfaceEvents implements SourceEvents {
    private static final int H = 3;                        // halides Cl, Br, I → 0..2

    private final Occupancy occ;
    private final Material material;
    private final SurfaceExchange p;
    private final int[] surfaceSites;
    /**
     * Whether the sites are those flagged SURFACE: the flag then rules a site out of
     * {@link #touchAround} from the word a hop has just loaded, without this list's index.
     */
    private final boolean surfaceFlagged;
    /** Surface index per site, or −1. */
    private final int[] index;
    private final SumTree[] release = new SumTree[H], refill = new SumTree[H];
    /** Leaf 1 where the surface site holds the halide: the light channel picks uniformly among them. */
    private final SumTree[] held = new SumTree[H];
    private final double[] globalLight = new double[H];
    /** Per halide: a common factor on its release and refill (electrode drive; 1 for a nanocrystal surface). */
    private final double[] multiplier = {1, 1, 1};
    private io.halidekmc.physics.LightRelease light;
    private double intensity;
    private final double[] globalRelease = new double[H], globalRefill = new double[H];
    private final double[] bondFactor = new double[H * 9 * 9 * 9];   // exp(±Σ V n /2kT) by halide counts
    private final long[] reservoir = new long[Species.COUNT];
    private final double capacity;
    private double kT;
    private double[] localRelease = new double[H], localRefill = new double[H];
    /** Halides on the lattice by species code, kept up to date by {@link #fired} (the strain term reads them). */
    private final long[] latticeHalides;
    /** Strain of this nanocrystal (null when off): collective ΔE and surface site energies enter the globals. */
    private io.halidekmc.physics.Strain.Nc strain;
    private double kelvin;

    /** Last (event kind, halide, site) selected. */
    private int selectedKind, selectedHalide, selectedSite;

    public SurfaceEvents(Occupancy occ, Material material, SurfaceExchange params, long[] initialReservoir) {
        this(occ, material, params, initialReservoir, surfaceSitesOf(occ), true);
    }

    private static int[] surfaceSitesOf(Occupancy occ) {
        Lattice l = occ.lattice;
        int n = 0;
        for (int s = 0; s < l.sites(); s++) if ((occ.counts[s] & Occupancy.SURFACE) != 0 && occ.species[s] != Species.WALL) n++;
        int[] out = new int[n];
        n = 0;
        for (int s = 0; s < l.sites(); s++) {
            if ((occ.counts[s] & Occupancy.SURFACE) != 0 && occ.species[s] != Species.WALL) out[n++] = s;
        }
        return out;
    }

    /**
     * The same exchange on a given set of sites (the contact layers of a wire electrode, which
     * hold their own store): {@code params.sitesPerSurfaceSite()} store places per site.
     */
    public SurfaceEvents(Occupancy occ, Material material, SurfaceExchange params, long[] initialReservoir, int[] sites) {
        this(occ, material, params, initialReservoir, sites, false);
    }

    private SurfaceEvents(Occupancy occ, Material material, SurfaceExchange params, long[] initialReservoir, int[] sites,
                          boolean surfaceFlagged) {
        this.surfaceFlagged = surfaceFlagged;
        this.occ = occ;
        this.material = material;
        this.p = params;
        Lattice l = occ.lattice;
        index = new int[l.sites() + 1];
        java.util.Arrays.fill(index, -1);
        surfaceSites = sites.clone();
        int n = surfaceSites.length;
        for (int i = 0; i < n; i++) index[surfaceSites[i]] = i;
        capacity = params.sitesPerSurfaceSite() * n;
        for (int x = 0; x < H; x++) {
            release[x] = new SumTree(Math.max(1, n));
            refill[x] = new SumTree(Math.max(1, n));
            held[x] = new SumTree(Math.max(1, n));
        }
        latticeHalides = occ.census();
        if (initialReservoir != null) System.arraycopy(initialReservoir, 0, reservoir, 0, Species.COUNT);
        if (total(reservoir) > capacity) throw new IllegalArgumentException("initial reservoir exceeds its capacity");
    }

    public int surfaceSiteCount() {
        return surfaceSites.length;
    }

    public long reservoir(int species) {
        return reservoir[species];
    }

    double capacity() {
        return capacity;
    }

    private static long total(long[] r) {
        return r[Species.CL] + r[Species.BR] + r[Species.I];
    }

    /** Switches on the light-driven (non-equilibrium) release channel. */
    public void enableLight(io.halidekmc.physics.LightRelease l) {
        light = l;
        updateGlobals();
    }

    /** Switches on the strain terms (their factors enter at the next {@link #setConditions}). */
    public void enableStrain(io.halidekmc.physics.Strain.Nc s) {
        strain = s;
    }

    public long latticeHalides(int species) {
        return latticeHalides[species];
    }

    /** Rebuilds every leaf and global factor for new conditions (drive-grid point). */
    @Override
    public void setConditions(Conditions c) {
        kT = c.kT();
        kelvin = c.temperature();
        intensity = c.light();
        double[][] v = material.pairEnergies();
        // bond energy of halide x at a site with (nCl, nBr, nI) halide neighbours
        for (int x = 0; x < H; x++) {
            for (int a = 0; a < 9; a++) for (int b = 0; b < 9; b++) for (int d = 0; d < 9; d++) {
                double bond = v[x + 1][Species.CL] * a + v[x + 1][Species.BR] * b + v[x + 1][Species.I] * d;
                bondFactor[((x * 9 + a) * 9 + b) * 9 + d] = bond;
            }
        }
        for (int i = 0; i < surfaceSites.length; i++) {
            int s = surfaceSites[i];
            computeLocal(s);
            int sp = occ.species[s];
            for (int x = 0; x < H; x++) {
                release[x].setLeafOnly(i, localRelease[x]);
                refill[x].setLeafOnly(i, localRefill[x]);
                held[x].setLeafOnly(i, sp == x + 1 ? 1 : 0);
            }
        }
        for (int x = 0; x < H; x++) {
            release[x].rebuild();
            refill[x].rebuild();
            held[x].rebuild();
        }
        updateGlobals();
    }

    private void computeLocal(int s) {
        int w = occ.counts[s];
        int sp = w & Occupancy.SPECIES_MASK;
        int nCl = occ.neighbourCount(s, Species.CL), nBr = occ.neighbourCount(s, Species.BR), nI = occ.neighbourCount(s, Species.I);
        for (int x = 0; x < H; x++) {
            localRelease[x] = 0;
            localRefill[x] = 0;
        }
        if (Species.isHalide(sp)) {
            int x = sp - 1;
            // release breaks the bonds: ΔE_local = −bond
            double bond = bondFactor[((x * 9 + nCl) * 9 + nBr) * 9 + nI];
            localRelease[x] = Math.exp(-(p.activation()[sp] - bond / 2) / kT);
        } else if (sp == Species.VACANCY) {
            for (int x = 0; x < H; x++) {
                double bond = bondFactor[((x * 9 + nCl) * 9 + nBr) * 9 + nI];
                localRefill[x] = Math.exp(-(p.activation()[x + 1] + bond / 2) / kT);
            }
        }
    }

    private void updateGlobals() {
        long n = total(reservoir);
        double m = capacity;
        for (int x = 0; x < H; x++) {
            double eps = p.reservoirEnergy()[x + 1];
            globalRelease[x] = p.attemptFrequency() * Math.exp(-(eps + p.repulsion() * (2 * n + 1) / (2 * m)) / (2 * kT))
                    * Math.max(0, m - n) / m;
            globalRefill[x] = p.attemptFrequency() * Math.exp((eps + p.repulsion() * (2 * n - 1) / (2 * m)) / (2 * kT))
                    * reservoir[x + 1] / m;
            globalLight[x] = light == null ? 0 : light.rate(x + 1, intensity, kelvin) * Math.max(0, m - n) / m;
            // one factor on a reaction and its reverse: the equilibrium (detailed balance) is unchanged
            globalRelease[x] *= multiplier[x];
            globalRefill[x] *= multiplier[x];
            if (strain != null) {
                // equilibrium terms: exact energy differences, so release/refill stay in detailed balance
                int sp = x + 1;
                double site = strain.surfaceSiteEnergy()[sp];
                double dRelease = -site + (latticeHalides[sp] > 0 ? strain.delta(latticeHalides, sp, -1, kelvin) : 0);
                double dRefill = site + strain.delta(latticeHalides, sp, +1, kelvin);
                globalRelease[x] *= Math.exp(-dRelease / (2 * kT));
                globalRefill[x] *= Math.exp(-dRefill / (2 * kT));
            }
        }
    }

    /** Sets the per-halide factor m_X on release and refill of X (index by species code − 1 = 0..2). */
    void setMultipliers(double[] m) {
        System.arraycopy(m, 0, multiplier, 0, H);
        updateGlobals();
    }

    /** Sites this event list covers (tests). */
    public int[] sites() {
        return surfaceSites.clone();
    }

    /** Recomputes the leaves of site s if it is a surface site (its word changed). */
    public void touch(int s) {
        int i = index[s];
        if (i < 0) return;
        computeLocal(s);
        int sp = occ.species[s];
        for (int x = 0; x < H; x++) {
            if (release[x].leaf(i) != localRelease[x]) release[x].set(i, localRelease[x]);
            if (refill[x].leaf(i) != localRefill[x]) refill[x].set(i, localRefill[x]);
            double h = sp == x + 1 ? 1 : 0;
            if (held[x].leaf(i) != h) held[x].set(i, h);
        }
    }

    /** Recomputes the leaves of s and its neighbours that are among this list's sites. */
    @Override
    public void touchAround(int s) {
        int[] nb = occ.lattice.neighbours();
        if (!surfaceFlagged) {
            touch(s);
            for (int i = 0; i < Lattice.Z; i++) touch(nb[s * Lattice.Z + i]);
            return;
        }
        int[] w = occ.counts;
        if ((w[s] & Occupancy.SURFACE) != 0) touch(s);
        int sink = occ.lattice.sink();
        for (int i = 0; i < Lattice.Z; i++) {
            int m = nb[s * Lattice.Z + i];
            if ((w[m] & Occupancy.SURFACE) != 0 && m != sink) touch(m);
        }
    }

    @Override
    public double total() {
        double t = 0;
        for (int x = 0; x < H; x++) {
            t += globalRelease[x] * release[x].total() + globalRefill[x] * refill[x].total() + globalLight[x] * held[x].total();
        }
        return t;
    }

    @Override
    public boolean select(double u) {
        for (int kind = 0; kind < 3; kind++) {
            for (int x = 0; x < H; x++) {
                SumTree t = kind == RELEASE ? release[x] : kind == REFILL ? refill[x] : held[x];
                double g = kind == RELEASE ? globalRelease[x] : kind == REFILL ? globalRefill[x] : globalLight[x];
                double part = g * t.total();
                if (u < part && part > 0) {
                    int i = t.find(u / g);
                    if (i >= surfaceSites.length || t.leaf(i) <= 0) return false;
                    selectedKind = kind;
                    selectedHalide = x + 1;
                    selectedSite = surfaceSites[i];
                    return true;
                }
                u -= part;
            }
        }
        return false;
    }

    @Override
    public int selectedKind() {
        return selectedKind;
    }

    @Override
    public int selectedHalide() {
        return selectedHalide;
    }

    @Override
    public int selectedSite() {
        return selectedSite;
    }

    @Override
    public void fired(int kind, int halide) {
        reservoir[halide] += kind == REFILL ? -1 : 1;
        latticeHalides[halide] += kind == REFILL ? 1 : -1;
        updateGlobals();
    }

    /** Energy of the reservoir, eV: Σ ε_X N_X + U N²/(2M) (tests: detailed balance). */
    public double reservoirEnergy() {
        long n = total(reservoir);
        double e = p.repulsion() * n * (double) n / (2 * capacity);
        for (int x = Species.CL; x <= Species.I; x++) e += p.reservoirEnergy()[x] * reservoir[x];
        return e;
    }
}
