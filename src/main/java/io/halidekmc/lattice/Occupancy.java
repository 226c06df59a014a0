package io.halidekmc.lattice;

import java.util.Arrays;

/**
 * What sits on every site, with the bookkeeping the hop kernel reads: one packed int per site
 * holding the site's own species and the counts of each species among its 8 neighbours, and the
 * vacancy list (vacancy id ↔ site). Flat arrays only; ~13 bytes per site.
 *
 * <p>Packed word ({@link #counts}): bits 0–7 the species code (so one load gives a site's
 * occupant and its neighbourhood), bits {@code 8 + 4·sp} .. {@code 11 + 4·sp} the number of
 * neighbours holding species sp (0..8, vacancy, Cl, Br, I). The sink's counts are scratch that
 * every cut bond writes to; bit 24 ({@link #REGULAR}) is set for sites whose neighbours are at
 * the lattice's regular index offsets ({@link Lattice#isRegular}), constant for a given lattice.
 * Because counts sit above the species byte, carries and borrows in that
 * scratch never reach the sink's species, which stays WALL. {@link #species} is kept equal to the
 * low byte at all times; code that writes {@link #species} directly must call {@link #recount()}.
 */
public final class Occupancy {
    public final Lattice lattice;
    /** Species per site; index {@code lattice.sink()} holds WALL. */
    public final byte[] species;
    /** Packed species + neighbour counts per site, see the class comment (the sink's counts are scratch). */
    public final int[] counts;
    /** Site of each vacancy id, ids 0..vacancies-1. */
    public int[] vacancySite;
    /** Vacancy id at each site, or -1. */
    public final int[] vacancyAt;
    public int vacancies;

    public Occupancy(Lattice lattice, byte[] species) {
        if (species.length != lattice.sites() + 1) {
            throw new IllegalArgumentException("species array must have sites + 1 entries");
        }
        this.lattice = lattice;
        this.species = species;
        species[lattice.sink()] = Species.WALL;
        this.counts = new int[species.length];
        this.vacancyAt = new int[species.length];
        recount();
    }

    /** Rebuilds counts and the vacancy list from the species array. */
    public void recount() {
        int n = lattice.sites();
        int[] nb = lattice.neighbours();
        Arrays.fill(vacancyAt, -1);
        int nv = 0;
        for (int s = 0; s < n; s++) {
            if (species[s] == Species.VACANCY) nv++;
        }
        vacancySite = new int[Math.max(16, nv)];
        vacancies = 0;
        for (int s = 0; s < n; s++) {
            int c = species[s] & SPECIES_MASK;
            for (int j = 0; j < Lattice.Z; j++) {
                int sp = species[nb[s * Lattice.Z + j]];
                if (sp < Species.COUNT) c += countUnit(sp);
            }
            if (lattice.isRegular(s)) c |= REGULAR;
            if ((lattice.flags()[s] & Lattice.SURFACE) != 0) c |= SURFACE;
            counts[s] = c;
            if (species[s] == Species.VACANCY) {
                vacancyAt[s] = vacancies;
                vacancySite[vacancies++] = s;
            }
        }
        counts[lattice.sink()] = Species.WALL;
    }

    /** Packed-word flag: the site's neighbours are at {@link Lattice#regularOffsets()}. */
    public static final int REGULAR = 1 << 24;
    /** Packed-word flag: the site has a cut bond (a free surface; {@link Lattice#SURFACE}). */
    public static final int SURFACE = 1 << 25;
    /** Mask of the species byte in a packed word. */
    public static final int SPECIES_MASK = 0xFF;
    /** Bit position of the vacancy-count nibble; species sp's count sits at {@code COUNT_SHIFT + 4·sp}. */
    public static final int COUNT_SHIFT = 8;

    /** The packed-word increment for one more neighbour of species sp. */
    public static int countUnit(int sp) {
        return 1 << (COUNT_SHIFT + 4 * sp);
    }

    /** Count of species sp among the neighbours of site s. */
    public int neighbourCount(int s, int sp) {
        return (counts[s] >>> (COUNT_SHIFT + 4 * sp)) & 0xF;
    }

    /** Number of sites holding each species code 0..3. */
    public long[] census() {
        long[] c = new long[Species.COUNT];
        for (int s = 0; s < lattice.sites(); s++) {
            int sp = species[s];
            if (sp < Species.COUNT) c[sp]++;
        }
        return c;
    }

    /**
     * Moves the halide at h into the vacancy at v (a neighbour), keeping species, packed words
     * and the vacancy list consistent. The general, unhurried path (baselines, tests); the exact
     * engine fuses the same update with its rate bookkeeping.
     */
    public void hop(int v, int h) {
        int x = species[h];
        int[] nb = lattice.neighbours();
        species[v] = (byte) x;
        species[h] = Species.VACANCY;
        counts[v] += x - Species.VACANCY;
        counts[h] -= x - Species.VACANCY;
        int delta = countUnit(x) - countUnit(Species.VACANCY);
        for (int i = 0; i < Lattice.Z; i++) counts[nb[v * Lattice.Z + i]] += delta;
        for (int i = 0; i < Lattice.Z; i++) counts[nb[h * Lattice.Z + i]] -= delta;
        int id = vacancyAt[v];
        vacancySite[id] = h;
        vacancyAt[h] = id;
        vacancyAt[v] = -1;
    }

    /**
     * Puts species sp on site s (vacancy creation or filling), keeping words consistent. The
     * vacancy list is the caller's (the engine renumbers vacancy ids).
     */
    public void setSpecies(int s, int sp) {
        int old = species[s];
        if (old == sp) return;
        int[] nb = lattice.neighbours();
        species[s] = (byte) sp;
        counts[s] += sp - old;
        int delta = countUnit(sp) - countUnit(old);
        for (int i = 0; i < Lattice.Z; i++) counts[nb[s * Lattice.Z + i]] += delta;
    }

    /**
     * Freezes the halide at s (its octahedra turned non-perovskite): the site keeps its halide as
     * code {@link Species#FROZEN} + x, and its neighbours stop counting it, as for a cut bond.
     */
    public void freeze(int s) {
        int x = species[s];
        if (!Species.isHalide(x)) throw new IllegalStateException("only a halide freezes, site " + s + " holds " + Species.name(x));
        species[s] = (byte) (x + Species.FROZEN);
        counts[s] += Species.FROZEN;
        int delta = -countUnit(x);
        int[] nb = lattice.neighbours();
        for (int i = 0; i < Lattice.Z; i++) counts[nb[s * Lattice.Z + i]] += delta;
    }

    /** Undoes {@link #freeze}: the halide at s is an ordinary, mobile lattice halide again. */
    public void thaw(int s) {
        int f = species[s];
        if (!Species.isFrozen(f)) throw new IllegalStateException("site " + s + " holds no frozen halide");
        int x = f - Species.FROZEN;
        species[s] = (byte) x;
        counts[s] -= Species.FROZEN;
        int delta = countUnit(x);
        int[] nb = lattice.neighbours();
        for (int i = 0; i < Lattice.Z; i++) counts[nb[s * Lattice.Z + i]] += delta;
    }

    public Occupancy copy() {
        return new Occupancy(lattice, species.clone());
    }
}
