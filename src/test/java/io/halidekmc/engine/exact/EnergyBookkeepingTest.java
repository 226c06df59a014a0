package io.halidekmc.engine.exact;

import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's factored rate tables against the rate law written out from total energies:
 * Γ = ν0·exp(−(E_m(X) + ΔE/2)/kT), ΔE = E(after swap) − E(before), E = Σ term.total. And the
 * incremental bookkeeping (packed neighbour counts, vacancy list, cached rates, affected-vacancy
 * search) against from-scratch rebuilds after many hops. Deterministic: exact up to rounding.
 */
class EnergyBookkeepingTest {
    static final double REL = 1e-9;

    /** Strong, unequal pair energies (all three halides) so a wrong count difference shows. */
    static Material strongMixing() {
        return Material.mixture(0.2, 0.4, 0.4)
                .withPairEnergy(Species.CL, Species.BR, 0.021)
                .withPairEnergy(Species.CL, Species.I, 0.047)
                .withPairEnergy(Species.BR, Species.I, 0.033)
                .withPairEnergy(Species.BR, Species.BR, -0.011)
                .withPairEnergy(Species.I, Species.I, 0.007);
    }

    static double totalEnergy(List<EnergyTerm> terms, Occupancy o, Material m, Conditions c) {
        double e = 0;
        for (EnergyTerm t : terms) e += t.total(o, m, c);
        return e;
    }

    /** Checks every slot of every vacancy of the engine against the rate law; returns hops checked. */
    static int checkAllRates(ExactEngine e, List<EnergyTerm> terms) {
        Occupancy o = e.occupancy();
        Material m = e.material();
        Conditions c = e.conditions();
        double kT = c.kT();
        double e0 = totalEnergy(terms, o, m, c);
        int[] nb = o.lattice.neighbours();
        int checked = 0;
        for (int id = 0; id < o.vacancies; id++) {
            int v = o.vacancySite[id];
            for (int j = 0; j < Lattice.Z; j++) {
                int h = nb[v * Lattice.Z + j];
                int x = o.species[h];
                if (!Species.isHalide(x)) {
                    assertEquals(0.0, e.rate(id, j), "hop from a vacancy or wall must have rate 0");
                    continue;
                }
                Occupancy after = o.copy();
                after.species[v] = (byte) x;
                after.species[h] = Species.VACANCY;
                after.recount();
                double dE = totalEnergy(terms, after, m, c) - e0;
                // the per-term reference hopDelta must agree with the totals too
                double dESum = 0;
                for (EnergyTerm t : terms) dESum += t.hopDelta(o, v, j, m, c);
                assertEquals(dE, dESum, 1e-12, "hopDelta vs total difference");
                double expected = m.attemptFrequency() * Math.exp(-(m.barriers()[x] + dE / 2) / kT);
                assertEquals(expected, e.rate(id, j), REL * expected,
                        "rate of vacancy " + id + " slot " + j + " (" + Species.name(x) + ")");
                checked++;
            }
        }
        return checked;
    }

    @ParameterizedTest(name = "open z, periodic xy={0}, T={1} K, E={2} V/m")
    @CsvSource({"true, 300, 5e7", "false, 250, -8e7", "true, 600, 0"})
    void everyHopRateMatchesRateLawFromTotalEnergies(boolean periodicXY, double kelvin, double field) {
        Lattice lat = new Lattice(3, 3, 3, periodicXY, periodicXY, false);
        List<EnergyTerm> terms = List.of(new MixingTerm(), new FieldTerm());
        for (int sample = 0; sample < 4; sample++) {
            Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.2, 0.4, 0.4), 0.08,
                    Rng.stream(11, sample));
            ExactEngine e = new ExactEngine(occ, strongMixing(), terms, DriveProgram.constant(kelvin, field),
                    Rng.stream(12, sample));
            int checked = checkAllRates(e, terms);
            assertTrue(checked > 50, "too few hops checked: " + checked);
            // and again after the engine has moved things around
            e.advance(Double.POSITIVE_INFINITY, 300);
            checkAllRates(e, terms);
        }
    }

    @Test
    void incrementalCountsAndCachedRatesMatchFreshRebuildAfterManyHops() {
        // dense vacancies (15 %) so vacancies often sit within two shells of each other and the
        // affected-vacancy search is exercised; open x and z so walls and the sink are involved
        Lattice lat = new Lattice(6, 5, 4, false, true, false);
        List<EnergyTerm> terms = List.of(new MixingTerm(), new FieldTerm());
        Material m = strongMixing();
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.2, 0.4, 0.4), 0.15, Rng.stream(21, 0));
        ExactEngine e = new ExactEngine(occ, m, terms, DriveProgram.constant(350, 6e7), Rng.stream(21, 1));
        e.trackTracers();
        long[] census0 = occ.census();
        for (int round = 0; round < 40; round++) {
            e.advance(Double.POSITIVE_INFINITY, 5_000);
            Occupancy fresh = occ.copy();   // copy() recounts from the species array
            for (int s = 0; s <= lat.sites(); s++) {
                if (s < lat.sites()) assertEquals(fresh.counts[s], occ.counts[s], "neighbour counts of site " + s);
            }
            assertEquals(fresh.vacancies, occ.vacancies);
            for (int id = 0; id < occ.vacancies; id++) {
                int s = occ.vacancySite[id];
                assertEquals(Species.VACANCY, occ.species[s]);
                assertEquals(id, occ.vacancyAt[s]);
            }
            assertEquals(java.util.Arrays.toString(census0), java.util.Arrays.toString(occ.census()), "conserved census");
            ExactEngine rebuilt = new ExactEngine(fresh, m, terms, DriveProgram.constant(350, 6e7), Rng.stream(0, 0));
            double sum = 0;
            for (int id2 = 0; id2 < fresh.vacancies; id2++) {
                int id = occ.vacancyAt[fresh.vacancySite[id2]];
                for (int j = 0; j < Lattice.Z; j++) {
                    assertEquals(rebuilt.rate(id2, j), e.rate(id, j), 1e-14 * rebuilt.rate(id2, j),
                            "cached rate of vacancy " + id + " slot " + j + " after " + e.events() + " hops");
                    sum += e.rate(id, j);
                }
            }
            assertEquals(rebuilt.totalRate(), e.totalRate(), 1e-12 * rebuilt.totalRate(), "sum-tree total");
            assertEquals(sum, e.totalRate(), 1e-12 * sum, "sum-tree total vs cached rates");
            // tracer bookkeeping agrees with the engine's net displacement
            double atoms = e.tracers().atoms();
            assertEquals(e.netHalideDz(), e.tracers().meanDisplacement(2) * atoms, 1e-6);
        }
        assertEquals(200_000, e.events());
        checkAllRates(e, terms);
    }
}
