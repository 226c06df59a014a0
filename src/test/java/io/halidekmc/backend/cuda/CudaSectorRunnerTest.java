package io.halidekmc.backend.cuda;

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
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sector steps on a GPU against their Java twin: the uniformized sector engine with the CUDA
 * runner and with the CPU runner, same scenario and seed, end in the same state bit for bit.
 * Skips, saying why, without a device (the kernels' logic is checked here by SectorKernelEmulationTest).
 */
class CudaSectorRunnerTest {

    private static UniformizedSectorEngine engine(Lattice lat, boolean gpu) {
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.1, 0.35, 0.55), 0.02, Rng.stream(6, 0));
        var temperature = new Schedule.Steps(300, new double[] {2e-8}, new double[] {340});
        var field = new Schedule.Steps(0, new double[] {4e-8}, new double[] {4e7});
        SectorConfig c = new SectorConfig(0, null, 2);
        Material m = Material.mixture(0.1, 0.35, 0.55);
        List<io.halidekmc.physics.EnergyTerm> terms = List.of(new MixingTerm(), new FieldTerm());
        var drive = new DriveProgram(temperature, field);
        if (!gpu) return UniformizedSectorEngine.onCpu(occ, m, terms, drive, 6, c);
        return new UniformizedSectorEngine(occ, m, terms, drive, 6, c, st -> {
            try {
                return new CudaSectorRunner(0, st);
            } catch (BackendUnavailable e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"box", "nanocrystal"})
    void gpuSectorStepsEndInTheCpuStateBitForBit(String shape) {
        String why = null;
        try {
            if (CudaDriver.get().deviceCount() == 0) why = "cuDeviceGetCount = 0";
        } catch (BackendUnavailable e) {
            why = e.getMessage();
        }
        assumeTrue(why == null, "no CUDA device here, the sector kernels are not checked on a GPU: " + why);
        Lattice lat = shape.equals("box") ? new Lattice(32, 32, 32, true, true, true) : new Geometry.Nanocrystal(30).lattice();
        try (UniformizedSectorEngine cpu = engine(lat, false); UniformizedSectorEngine gpu = engine(lat, true)) {
            cpu.advance(8e-8, Long.MAX_VALUE);
            gpu.advance(8e-8, Long.MAX_VALUE);
            assertTrue(cpu.events() > 100_000, "enough hops: " + cpu.events());
            Occupancy a = cpu.occupancy(), b = gpu.occupancy();
            assertArrayEquals(a.species, b.species, shape + ": species");
            assertArrayEquals(Arrays.copyOf(a.vacancySite, a.vacancies), Arrays.copyOf(b.vacancySite, b.vacancies), shape + ": vacancies");
            assertEquals(cpu.events(), gpu.events());
            assertEquals(cpu.netHalideDz(), gpu.netHalideDz());
        }
    }
}
