package io.halidekmc.engine.exact;

import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
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

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Piecewise-constant drives (DESIGN §4). A drive step inside one engine run must be equivalent,
 * in distribution, to stopping at the step and continuing with a new engine built at the new
 * conditions on the same occupancy (waiting times are memoryless, so discarding the draw that
 * crosses the step is exact); and after the step every cached rate must be the new conditions'
 * rate.
 */
class DriveStepTest {
    static final double T0 = 300, T1 = 420;
    static final List<EnergyTerm> TERMS = List.of(new MixingTerm(), new FieldTerm());

    static Material material() {
        return Material.mixture(0, 0.5, 0.5).withoutMixing().withPairEnergy(Species.BR, Species.I, 0.03);
    }

    static Occupancy start(long seed) {
        Lattice lat = new Lattice(4, 4, 4, true, true, true);
        return InitialState.randomAlloy(lat, InitialState.fractions(0, 0.5, 0.5), 0.04, Rng.stream(seed, 7));
    }

    /** Asserts the engine's every cached rate and its total equal those of a fresh engine at c. */
    static void assertRatesAre(ExactEngine e, Conditions c) {
        Occupancy occ = e.occupancy();
        Occupancy copy = occ.copy();
        ExactEngine fresh = new ExactEngine(copy, e.material(), TERMS,
                DriveProgram.constant(c.temperature(), c.field()), Rng.stream(0, 0));
        assertEquals(c, e.conditions(), "conditions after the step");
        for (int id2 = 0; id2 < copy.vacancies; id2++) {
            int id = occ.vacancyAt[copy.vacancySite[id2]];
            for (int j = 0; j < Lattice.Z; j++) {
                assertEquals(fresh.rate(id2, j), e.rate(id, j), 1e-14 * fresh.rate(id2, j), "rate " + id + "/" + j);
            }
        }
        assertEquals(fresh.totalRate(), e.totalRate(), 1e-12 * fresh.totalRate(), "total rate");
    }

    @Test
    void temperatureAndFieldStepsRefreshEveryRate() {
        double t1 = 2e-6, t2 = 5e-6, t3 = 8e-6;
        Schedule temp = new Schedule.Steps(T0, new double[] {t1, t2}, new double[] {T1, 350});
        Schedule field = new Schedule.Steps(0, new double[] {t2, t3}, new double[] {8e7, -3e7});
        ExactEngine e = new ExactEngine(start(1), material(), TERMS, new DriveProgram(temp, field), Rng.stream(1, 1));
        assertRatesAre(e, new Conditions(T0, 0));
        e.advance(0.5 * t1, Long.MAX_VALUE);
        assertRatesAre(e, new Conditions(T0, 0));
        e.advance(0.5 * (t1 + t2), Long.MAX_VALUE);   // crosses t1 inside the call
        assertTrue(e.events() > 1000);
        assertRatesAre(e, new Conditions(T1, 0));
        e.advance(0.5 * (t2 + t3), Long.MAX_VALUE);   // both schedules step at t2
        assertRatesAre(e, new Conditions(350, 8e7));
        e.advance(2 * t3, Long.MAX_VALUE);
        assertRatesAre(e, new Conditions(350, -3e7));
        assertEquals(4, e.driveRefreshes(), "one refresh at start and one per distinct step time");
    }

    /**
     * Every edge of a pulse train: the value changes there, and nextChange moves strictly
     * forward. Regression: PulseTrain used floor((t − start)/period) separately in valueAt and
     * nextChange, and at t = 4.5 µs (end of the second pulse of this train) rounding gave the
     * peak again, so the field stayed on through the following gap (pulse 3× too long).
     */
    @Test
    void pulseTrainEdgesAreConsistent() {
        for (double start : new double[] {0.5e-6, 0, 1e-7, 3.3e-6}) {
            for (double period : new double[] {3e-6, 1e-3, 0.7, 1.1e-9}) {
                Schedule.PulseTrain p = new Schedule.PulseTrain(0, 1e8, period / 3, period, start, 200);
                double t = start;
                int edges = 0;
                while (Double.isFinite(p.nextChange(t))) {
                    double next = p.nextChange(t);
                    assertTrue(next > t, "nextChange must move forward at " + t);
                    assertTrue(p.valueAt(next) != p.valueAt(t), "no change at edge " + next + " (start " + start + ", period " + period + ")");
                    assertEquals(edges % 2 == 0 ? 1e8 : 0, p.valueAt(t), "value on piece " + edges);
                    t = next;
                    edges++;
                }
                assertEquals(399, edges, "edges of 200 pulses after the first rising edge");
            }
        }
    }

    @Test
    void pulseTrainRefreshesAtEveryEdge() {
        // field pulses 1e8 V/m of width 1 µs every 3 µs from t = 0.5 µs, three of them
        Schedule field = new Schedule.PulseTrain(0, 1e8, 1e-6, 3e-6, 0.5e-6, 3);
        ExactEngine e = new ExactEngine(start(2), material(), TERMS,
                new DriveProgram(new Schedule.Constant(T0), field), Rng.stream(2, 1));
        double[] probes = {0.2e-6, 1.0e-6, 2.0e-6, 4.0e-6, 5.0e-6, 7.0e-6, 9.0e-6, 20e-6};
        for (double t : probes) {
            e.advance(t, Long.MAX_VALUE);
            assertRatesAre(e, new Conditions(T0, field.valueAt(t)));
        }
        assertEquals(1 + 6, e.driveRefreshes(), "start plus two edges per pulse");
    }

    /**
     * Ensemble equivalence: path A runs one engine with a temperature step at t1 (and a field
     * switched on with it) through to t2 in a single advance call; path B runs an engine at T0
     * to t1, then a new engine at T1 on the same occupancy to t2. Compared over R independent
     * seeds per path: the mean hop count, the mean net halide displacement (drift in the field
     * after t1) and the mean Br–I pair count at t2 (relaxation of the random start, which
     * depends on when the temperature changed). Each difference of means within 4 σ
     * (σ² = s_A²/R + s_B²/R). Power: the hop count after t1 at T1 is ≈ 7× that at T0 (Br/I
     * barriers 0.25/0.29 eV; 8 vacancies in 192 sites), so a missed or late refresh moves the mean by hundreds of σ.
     */
    @Test
    void temperatureStepInOneRunMatchesRestartingWithNewEngineAtStep() {
        double t1 = 3e-8, t2 = 4e-8, e1 = 5e7;   // ≈ 1000 hops before the step, ≈ 5000 after
        int r = 400;
        DriveProgram stepped = new DriveProgram(new Schedule.Steps(T0, new double[] {t1}, new double[] {T1}),
                new Schedule.Steps(0, new double[] {t1}, new double[] {e1}));
        double[][] a = IntStream.range(0, r).parallel().mapToObj(i -> {
            Occupancy occ = start(1000 + i);
            ExactEngine e = new ExactEngine(occ, material(), TERMS, stepped, Rng.stream(1000 + i, 1));
            e.advance(t2, Long.MAX_VALUE);
            return new double[] {e.events(), e.netHalideDz(), unlikePairs(occ)};
        }).toArray(double[][]::new);
        double[][] b = IntStream.range(0, r).parallel().mapToObj(i -> {
            Occupancy occ = start(5000 + i);
            ExactEngine e0 = new ExactEngine(occ, material(), TERMS, DriveProgram.constant(T0, 0), Rng.stream(5000 + i, 1));
            e0.advance(t1, Long.MAX_VALUE);
            // the new engine's clock starts at 0: run it for t2 − t1
            ExactEngine e1e = new ExactEngine(occ, material(), TERMS, DriveProgram.constant(T1, e1), Rng.stream(5000 + i, 2));
            e1e.advance(t2 - t1, Long.MAX_VALUE);
            return new double[] {e0.events() + e1e.events(), e0.netHalideDz() + e1e.netHalideDz(), unlikePairs(occ)};
        }).toArray(double[][]::new);
        String[] names = {"hops", "net halide dz", "Br-I pairs"};
        for (int k = 0; k < names.length; k++) {
            double[] ma = meanVar(a, k), mb = meanVar(b, k);
            double sigma = Math.sqrt(ma[1] / r + mb[1] / r);
            System.out.printf("drive step %s: one run %.2f, restarted %.2f, difference %.2f σ%n",
                    names[k], ma[0], mb[0], (ma[0] - mb[0]) / sigma);
            assertEquals(mb[0], ma[0], 4 * sigma, names[k]);
        }
        // the field after t1 must have produced a resolved drift (halides toward −z), or the dz check tests nothing
        double[] dz = meanVar(a, 1);
        assertTrue(dz[0] < -6 * Math.sqrt(dz[1] / r), "no drift resolved after the field step");
    }

    static double[] meanVar(double[][] x, int k) {
        double s = 0, s2 = 0;
        for (double[] row : x) { s += row[k]; s2 += row[k] * row[k]; }
        double mean = s / x.length;
        return new double[] {mean, (s2 - x.length * mean * mean) / (x.length - 1)};
    }

    static long unlikePairs(Occupancy o) {
        long n = 0;
        for (int s = 0; s < o.lattice.sites(); s++) {
            if (o.species[s] == Species.BR) n += o.neighbourCount(s, Species.I);
        }
        return n;
    }
}
