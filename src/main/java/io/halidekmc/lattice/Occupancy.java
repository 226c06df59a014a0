package io.halidekmc.lattice;

import java.util.Arrays;

/**
 * What sits on every site, with the bookkeeping the hop kernel reads: per-site neighbour counts
 * of each species packed one byte each into an int (byte s = count of species s among the 8
 * neighbours), and the vacancy list (vacancy id ↔ site). Flat arrays only; ~9 bytes per site.
 */
public final class Occupancy {
    public final Lattice lattice;
    /** Species per site; index {@code lattice.sink()} holds WALL. */
    public final byte[] species;
    /** Packed neighbour counts per site (the sink's entry is scratch, never read). */
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
            int c = 0;
            for (int j = 0; j < Lattice.Z; j++) {
                int sp = species[nb[s * Lattice.Z + j]];
                if (sp < Species.COUNT) c += 1 << (8 * sp);
            }
            counts[s] = c;
            if (species[s] == Species.VACANCY) {
                vacancyAt[s] = vacancies;
                vacancySite[vacancies++] = s;
            }
        }
        counts[lattice.sink()] = 0;
    }

    /** Count of species sp among the neighbours of site s. */
    public int neighbourCount(int s, int sp) {
        return (counts[s] >>> (8 * sp)) & 0xFF;
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

    public Occupancy copy() {
        return new Occupancy(lattice, species.clone());
    }
}
