package io.halidekmc.backend.cuda;

import io.halidekmc.engine.HopKernel;
import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import io.halidekmc.physics.RateTable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The factorised refresh kernels' own CUDA source (kernels/hop_rates.cu: per vacancy, per site, and
 * the strided 16-byte stream) run on the CPU thread after thread, against the Java kernel
 * {@link HopKernel#refreshAllFactored}: every rate and sum bit for bit. A periodic box (all sites
 * regular) and a nanocrystal (cut bonds, table neighbours, WALL padding), both with a site count
 * that is not a multiple of 4, so the stream's tail is read word by word. Skips without g++.
 */
class RefreshKernelEmulationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"box", "nanocrystal"})
    void everyRefreshKernelGivesTheJavaRatesBitForBit(String shape) throws Exception {
        Path exe = KernelEmulation.build(tmp, "refresh_driver.cpp", "hop_rates", "hop_rates.cu");
        Lattice lat = shape.equals("box") ? new Geometry.Bulk(6, 5, 7).lattice() : new Geometry.Nanocrystal(6).lattice();
        Material m = Material.mixture(0.1, 0.35, 0.55);
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.1, 0.35, 0.55), 0.05, Rng.stream(17, 0));
        RateTable t = new RateTable();
        t.build(m, List.of(new MixingTerm(), new FieldTerm()), new Conditions(320, 3e7));
        HopKernel.Factors f = new HopKernel.Factors();
        f.build(t);
        assertTrue(f.valid);
        int n = occ.vacancies, sites = occ.counts.length;
        assertNotEquals(0, sites % 4, "a tail the stream reads word by word");
        double[] want = new double[8 * n], wantSum = new double[n];
        HopKernel.refreshAllFactored(occ.vacancySite, n, occ.counts, lat.neighbours(), lat.regularOffsets(), f.fv, f.gh, t.field, want, wantSum);

        int[] nb = lat.neighbours();
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * (n + 2 * sites + nb.length + 48) + 8 * (2 * (3 << 12) + 3)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(sites).putInt(n);
        for (int i = 0; i < n; i++) b.putInt(occ.vacancySite[i]);
        for (int i = 0; i < sites; i++) b.putInt(occ.vacancyAt[i]);
        for (int w : occ.counts) b.putInt(w);
        for (int x : nb) b.putInt(x);
        for (int x : lat.regularOffsets()) b.putInt(x);
        for (int x : io.halidekmc.engine.uniformized.UniformizedKernel.slotDz()) b.putInt(x);
        for (double x : f.fv) b.putDouble(x);
        for (double x : f.gh) b.putDouble(x);
        for (double x : t.field) b.putDouble(x);
        Path in = tmp.resolve("refresh.in"), out = tmp.resolve("refresh.out");
        Files.write(in, b.array());
        KernelEmulation.run(exe, in, out);
        ByteBuffer r = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        double total = 0;
        for (String kernel : new String[] {"refresh_factored", "refresh_factored_sweep", "refresh_factored_stream"}) {
            for (int i = 0; i < 8 * n; i++) {
                double got = r.getDouble();
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got), kernel + ": rate " + i + " of " + shape);
            }
            for (int i = 0; i < n; i++) {
                double got = r.getDouble();
                assertEquals(Double.doubleToRawLongBits(wantSum[i]), Double.doubleToRawLongBits(got), kernel + ": sum " + i + " of " + shape);
                total += got;
            }
        }
        assertTrue(total > 0, "some hops have a rate");
    }
}
