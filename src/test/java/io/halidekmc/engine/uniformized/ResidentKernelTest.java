package io.halidekmc.engine.uniformized;

import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.engine.Rng;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The resident kernel (2-bit species, neighbours and counts computed; the CPU twin of the GPU's
 * shared-memory kernel) against the packed-word kernel: the same trials must end in the same
 * state, bit for bit. The film is ternary (all three halide codes and the vacancy in the 2-bit
 * field), its crystals small enough that most vacancies meet a surface, and a temperature and a
 * field step change the tables between runs.
 */
class ResidentKernelTest {

    private static Ensemble.Spec film(int edgeCells) {
        Material m = Material.mixture(0.1, 0.35, 0.55);
        var temperature = new Schedule.Steps(300, new double[] {4e-8}, new double[] {340});
        var field = new Schedule.Steps(0, new double[] {6e-8}, new double[] {4e7});
        return new Ensemble.Spec(12, edgeCells * m.latticeConstant() / 10, 0, InitialState.fractions(0.1, 0.35, 0.55), 0.03, m,
                List.of(new MixingTerm(), new FieldTerm()), new DriveProgram(temperature, field), null);
    }

    @Test
    void residentStateEndsInThePackedWordStateBitForBit() {
        for (int edge : new int[] {3, 7}) {
            try (UniformizedEnsemble words = new UniformizedEnsemble(film(edge), 5, (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 2), 2);
                 UniformizedEnsemble resident = new UniformizedEnsemble(film(edge), 5, (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 2, true), 2)) {
                int sites = words.lattice().sites();
                for (double t : new double[] {2e-8, 5e-8, 1e-7, 2e-7}) {
                    words.advance(t);
                    resident.advance(t);
                    for (int c = 0; c < words.members(); c++) {
                        // the sink's word is scratch in the packed-word kernel (every cut bond adds to it)
                        assertArrayEquals(Arrays.copyOf(words.runner().words(c), sites), Arrays.copyOf(resident.runner().words(c), sites),
                                "edge " + edge + ", words of member " + c + " at t = " + t);
                        assertArrayEquals(words.runner().vacancies(c), resident.runner().vacancies(c), "vacancies of member " + c);
                        assertEquals(words.runner().events(c), resident.runner().events(c), "hops of member " + c);
                        assertEquals(words.runner().netDz(c), resident.runner().netDz(c), "dz of member " + c);
                    }
                }
                assertTrue(words.events() > 2_000, "enough hops: " + words.events());
            }
        }
    }

    @Test
    void layoutReproducesTheNeighbourTableOfANanocrystal() {
        Lattice lat = new Geometry.Nanocrystal(5).lattice();
        ResidentKernel.Layout l = ResidentKernel.Layout.of(lat);   // checks every site and slot
        int[] t = ResidentKernel.deviceTable(l), geo = ResidentKernel.deviceGeometry(l);
        int[] p = new int[3], q = new int[3];
        int cut = 0;
        for (int s = 0; s < lat.sites(); s++) {
            if (!lat.isActive(s)) continue;
            ResidentKernel.position(geo, s, p);
            lat.position(s, q);
            assertArrayEquals(q, p, "position of site " + s);
            cut += Integer.bitCount(ResidentKernel.cut(t, geo, s % 3, p[0], p[1], p[2]));
        }
        assertTrue(cut > 0, "a nanocrystal has cut bonds");
    }

    @Test
    void refusesLatticesWithPeriodicAxes() {
        Lattice box = new Geometry.Bulk(4, 4, 4).lattice();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResidentKernel.Layout.of(box));
        assertTrue(e.getMessage().contains("open box"), e.getMessage());
    }

    @Test
    void packAndUnpackKeepEveryCrystalSite() {
        Lattice lat = new Geometry.Nanocrystal(4).lattice();
        var occ = InitialState.randomAlloy(lat, InitialState.fractions(0.2, 0.3, 0.5), 0.05, Rng.stream(3, 0));
        int[] back = ResidentKernel.unpack(ResidentKernel.pack(occ.counts, ResidentKernel.Layout.of(lat)), lat);
        assertArrayEquals(Arrays.copyOf(occ.counts, lat.sites()), Arrays.copyOf(back, lat.sites()));
    }
}
