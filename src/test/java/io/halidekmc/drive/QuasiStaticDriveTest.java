package io.halidekmc.drive;

import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.observe.Frame;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.RateTable;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** drives.quasi_static: the hops run Q times slower in each phase of the protocol, and nothing else changes. */
class QuasiStaticDriveTest {
    @Test
    void theBaseHopRatesAreDividedByQ() {
        Material m = Material.mixture(0, 0.4, 0.6);
        RateTable one = new RateTable(), slow = new RateTable();
        one.build(m, List.of(), new Conditions(300, 0, 0));
        slow.build(m, List.of(), new Conditions(300, 0, 0, 7.5));
        for (int x = 0; x < one.base.length; x++) assertEquals(one.base[x] / 7.5, slow.base[x], 1e-12 * one.base[x]);
    }

    /**
     * A pure CsPbBr3 box (no interactions: the total hop rate is exactly n_V·8·ν·e^(−E/kT), the
     * same in every state) with Q = 1 for 1 s and Q = 10 for the next: the hops per second fall
     * tenfold. The counts are Poisson (≈ 2.3·10⁵ and 2.3·10⁴), so the ratio's relative error is
     * √(1/N₁ + 1/N₂) ≈ 0.7 %; 5 % is seven of those.
     */
    @Test
    void theHopCountFallsByQInTheSlowedPhase() {
        String text = """
                name: qs
                seed: 4
                geometry: {type: bulk, cells: [8, 8, 8]}
                composition: {Br: 1.0}
                vacancy_fraction: 0.01
                physics: {attempt_frequency: 3.0e7}
                drives: {temperature: 300, quasi_static: {steps: [[0, 1], [1.0, 10]]}}
                run: {until: 2.0}
                output: {interval: 1.0}
                """;
        RunResult r = new Simulation(ScenarioLoader.parse(text, "qs.yaml", Path.of("."))).run(null);
        List<Frame> f = r.frames();
        long first = f.get(1).events() - f.get(0).events(), second = f.get(2).events() - f.get(1).events();
        assertEquals(10, (double) first / second, 0.5, "hops in the Q = 1 and Q = 10 seconds: " + first + ", " + second);
    }
}
