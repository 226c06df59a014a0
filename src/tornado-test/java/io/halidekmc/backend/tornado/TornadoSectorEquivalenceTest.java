package io.halidekmc.backend.tornado;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.engine.Rng;
import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.engine.uniformized.UniformizedSectorEngine;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The TornadoVM sector steps ({@link TornadoSectorKernel}) against the Java kernel through the
 * same {@link UniformizedSectorEngine}: a ternary box and a nanocrystal through a temperature and
 * a field step end in the same species, packed words, vacancy sites, hops and displacement, bit for
 * bit, and the device's frame sums equal the Java ones.
 */
class TornadoSectorEquivalenceTest {

    private static UniformizedSectorEngine engine(Lattice lat, int[] blocks, boolean tornado) {
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.1, 0.35, 0.55), 0.03, Rng.stream(4, 0));
        var temperature = new Schedule.Steps(300, new double[] {1e-8}, new double[] {340});
        var field = new Schedule.Steps(0, new double[] {2e-8}, new double[] {4e7});
        Material m = Material.mixture(0.1, 0.35, 0.55);
        List<EnergyTerm> terms = List.of(new MixingTerm(), new FieldTerm());
        SectorConfig c = new SectorConfig(0, blocks, 1);
        if (!tornado) return UniformizedSectorEngine.onCpu(occ, m, terms, new DriveProgram(temperature, field), 4, c);
        return new UniformizedSectorEngine(occ, m, terms, new DriveProgram(temperature, field), 4, c, st -> {
            try {
                return TornadoSectorRunner.open(0, st);
            } catch (BackendUnavailable e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"box", "nanocrystal"})
    void tornadoSectorStepsEndInTheCpuStateBitForBit(String shape) {
        TornadoSupport.assumeSdk();
        boolean nc = shape.equals("nanocrystal");
        Lattice lat = nc ? new Geometry.Nanocrystal(9).lattice() : new Lattice(12, 12, 8, true, true, true);
        int[] blocks = nc ? new int[] {2, 2, 2} : new int[] {4, 2, 2};
        try (UniformizedSectorEngine cpu = engine(lat, blocks, false); UniformizedSectorEngine dev = engine(lat, blocks, true)) {
            for (double t : new double[] {1.5e-8, 4e-8}) {
                cpu.advance(t, Long.MAX_VALUE);
                dev.advance(t, Long.MAX_VALUE);
                assertArrayEquals(cpu.frameCounts(), dev.frameCounts(), shape + ": frame sums at t = " + t);
            }
            assertTrue(cpu.events() > 10_000, "enough hops: " + cpu.events());
            Occupancy a = cpu.occupancy(), b = dev.occupancy();
            assertArrayEquals(a.species, b.species, shape + ": species");
            assertArrayEquals(Arrays.copyOf(a.counts, lat.sites()), Arrays.copyOf(b.counts, lat.sites()), shape + ": words");
            assertArrayEquals(Arrays.copyOf(a.vacancySite, a.vacancies), Arrays.copyOf(b.vacancySite, b.vacancies), shape + ": vacancies");
            assertEquals(cpu.events(), dev.events());
            assertEquals(cpu.netHalideDz(), dev.netHalideDz());
            assertNotEquals(0, cpu.netHalideDz(), "the field moved halides");
        }
    }
}
