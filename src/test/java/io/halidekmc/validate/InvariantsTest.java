package io.halidekmc.validate;

import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.observe.RadialProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Negative controls of the invariants: each check fails the state built to break it, and only that one. */
class InvariantsTest {
    /** 6-cell crystal (the shipped 23 nm one at b = 6): 882 sites, 432 on the surface. */
    private final Lattice lattice = new Lattice(6, 6, 6, false, false, false);
    private final Occupancy start = InitialState.randomAlloy(lattice, InitialState.fractions(0, 0.4, 0.6), 0, Rng.stream(7, 0));

    private static RadialProfile at(Occupancy o, double t, long heldIodide) {
        return RadialProfile.of(List.of(o), new long[] {0, 0, 0, heldIodide}, t);
    }

    private static Check named(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** The first n iodide sites of the surface layer. */
    private int[] surfaceIodides(Occupancy o, int n) {
        int[] out = new int[n];
        int k = 0;
        for (int s = 0; s < lattice.sites() && k < n; s++) {
            if (o.species[s] == Species.I && (lattice.flags()[s] & Lattice.SURFACE) != 0) out[k++] = s;
        }
        assertEquals(n, k, "enough surface iodide");
        return out;
    }

    @Test
    void iodideMovedIntoTheReservoirKeepsTheLedger() {
        Occupancy later = start.copy();
        for (int s : surfaceIodides(later, 10)) later.setSpecies(s, Species.VACANCY);
        List<Check> c = Invariants.of("nc", List.of(at(start, 0, 0), at(later, 30, 10)), 1);
        assertTrue(c.stream().allMatch(Check::pass), c.toString());
    }

    @Test
    void aHalideLeakingOutOfTheLatticeFailsConservation() {
        Occupancy later = start.copy();
        // 10 iodides leave, 9 arrive in the reservoir: one is lost
        for (int s : surfaceIodides(later, 10)) later.setSpecies(s, Species.VACANCY);
        List<Check> c = Invariants.of("nc", List.of(at(start, 0, 0), at(later, 30, 9)), 1);
        Check k = named(c, Invariants.CONSERVATION);
        assertFalse(k.pass(), k.line());
        assertEquals(1, k.value());
        assertTrue(k.line().contains("t = 30"), k.line());
        assertTrue(named(c, Invariants.VACANCY_BOUND).pass(), "10 of 882 sites empty is 1.1 %");
    }

    @Test
    void anIonInventedInTheReservoirFailsConservationToo() {
        List<Check> c = Invariants.of("nc", List.of(at(start, 0, 0), at(start, 30, 1)), 1);
        assertFalse(named(c, Invariants.CONSERVATION).pass());
    }

    @Test
    void emptyingMoreThanTwoPercentOfTheSitesFailsTheVacancyBound() {
        Occupancy later = start.copy();
        // 18 of 882 = 2.04 %
        for (int s : surfaceIodides(later, 18)) later.setSpecies(s, Species.VACANCY);
        List<Check> c = Invariants.of("nc", List.of(at(start, 0, 0), at(later, 30, 18)), 1);
        Check k = named(c, Invariants.VACANCY_BOUND);
        assertFalse(k.pass(), k.line());
        assertEquals(18.0 / 882, k.value(), 1e-15);
        assertTrue(named(c, Invariants.CONSERVATION).pass());
    }

    /** At b = 6 a monolayer of the 432-site surface is 72 held ions (Invariants.RESERVOIR_BOUND). */
    @Test
    void aReservoirBeyondOneMonolayerFailsTheReservoirBound() {
        Occupancy later = start.copy();
        for (int s : surfaceIodides(later, 73)) later.setSpecies(s, Species.VACANCY);
        List<RadialProfile> ps = List.of(at(start, 0, 0), at(later, 30, 73));
        Check atomistic = named(Invariants.of("nc", ps, 1), Invariants.RESERVOIR_BOUND);
        Check coarse = named(Invariants.of("nc", ps, 6), Invariants.RESERVOIR_BOUND);
        assertTrue(atomistic.pass(), atomistic.line());
        assertFalse(coarse.pass(), coarse.line());
        assertEquals(73.0 / 72, coarse.value(), 1e-15);
    }
}
