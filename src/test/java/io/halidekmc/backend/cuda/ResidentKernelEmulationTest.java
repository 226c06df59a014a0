package io.halidekmc.backend.cuda;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.engine.CpuTrialRunner;
import io.halidekmc.engine.Ensemble;
import io.halidekmc.engine.ResidentKernel;
import io.halidekmc.engine.TrialRunner;
import io.halidekmc.engine.UniformizedEnsemble;
import io.halidekmc.engine.UniformizedKernel;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The resident CUDA kernel's own source, run on the CPU: kernels/nc_ensemble.cu compiled by the
 * host C++ compiler against a stand-in for the warp features it uses (src/test/resources/
 * cuda-emulation: 32 lane threads per block meeting at a barrier for each ballot, shuffle and
 * warp sync). Through the same {@link UniformizedEnsemble} driver as the Java kernel, a ternary
 * film through a temperature and a field step must end in the packed-word kernel's state, bit for
 * bit. This checks the kernel's logic — tables, bit fields, lane bookkeeping — where no GPU is
 * present; what it cannot check (shared-memory sizes, launch limits, the device compiler) the
 * device script's replay does. Skips, saying why, without g++.
 */
class ResidentKernelEmulationTest {
    @TempDir
    Path tmp;

    private static Ensemble.Spec film() {
        Material m = Material.mixture(0.1, 0.35, 0.55);
        var temperature = new Schedule.Steps(300, new double[] {1e-8}, new double[] {340});
        var field = new Schedule.Steps(0, new double[] {2e-8}, new double[] {4e7});
        return new Ensemble.Spec(10, 5 * m.latticeConstant() / 10, 0, InitialState.fractions(0.1, 0.35, 0.55), 0.03, m,
                List.of(new MixingTerm(), new FieldTerm()), new DriveProgram(temperature, field), null);
    }

    private Path build() throws Exception {
        return KernelEmulation.build(tmp, "resident_driver.cpp", "nc_ensemble", "nc_ensemble_emu.cu",
                "extern __shared__ unsigned res[];", "unsigned* res = emu_dynamic_shared;",
                "extern __shared__ unsigned svac[];", "unsigned* svac = emu_dynamic_shared;");
    }

    @Test
    void emulatedResidentKernelEndsInTheJavaKernelsStateBitForBit() throws Exception {
        Path exe = build();
        try (UniformizedEnsemble emulated = new UniformizedEnsemble(film(), 7, (lat, n, nv, s) -> new Emulated(exe, tmp, lat, n, nv, s), 1);
             UniformizedEnsemble java = new UniformizedEnsemble(film(), 7, (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 1), 1)) {
            int sites = java.lattice().sites();
            for (double t : new double[] {5e-9, 1.5e-8, 3e-8}) {
                emulated.advance(t);
                java.advance(t);
            }
            assertTrue(java.events() > 1_000, "enough hops: " + java.events());
            long dzAny = 0;
            for (int c = 0; c < java.members(); c++) {
                assertArrayEquals(Arrays.copyOf(java.runner().words(c), sites), Arrays.copyOf(emulated.runner().words(c), sites), "words of member " + c);
                assertArrayEquals(java.runner().vacancies(c), emulated.runner().vacancies(c), "vacancies of member " + c);
                assertEquals(java.runner().events(c), emulated.runner().events(c), "hops of member " + c);
                assertEquals(java.runner().netDz(c), emulated.runner().netDz(c), "dz of member " + c);
                dzAny += Math.abs(java.runner().netDz(c));
            }
            assertTrue(dzAny > 0, "the field moved halides along z");
        }
    }

    /** A {@link TrialRunner} that runs each step as one launch of the emulated kernel (a process). */
    private static final class Emulated implements TrialRunner {
        private final Path exe, dir;
        private final Lattice lattice;
        private final ResidentKernel.Layout layout;
        private final int members, vacStride, key0, key1;
        private final int[][] species, vac;
        private final int[] n;
        private final long[] events, dz;

        Emulated(Path exe, Path dir, Lattice lattice, int members, int vacancies, long seed) {
            this.exe = exe;
            this.dir = dir;
            this.lattice = lattice;
            this.layout = ResidentKernel.Layout.of(lattice);
            this.members = members;
            this.vacStride = Math.max(1, vacancies);
            this.key0 = (int) seed;
            this.key1 = (int) (seed >>> 32);
            species = new int[members][];
            vac = new int[members][];
            n = new int[members];
            events = new long[members];
            dz = new long[members];
        }

        @Override
        public void load(int member, int[] words, int[] vacancySites, int count) {
            species[member] = ResidentKernel.pack(words, layout);
            vac[member] = Arrays.copyOf(vacancySites, vacStride);
            n[member] = count;
        }

        @Override
        public void run(long[] start, long[] count, UniformizedKernel.Tables t) {
            int si = layout.speciesInts();
            ByteBuffer b = ByteBuffer.allocate(64 + 4 * (ResidentKernel.DEVICE_TABLE + 5) + 8 * (2 * 3 * ResidentKernel.DENSE + 3)
                    + members * (4 + 8 + 8 + 4 * si + 4 * vacStride + 8 + 8)).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(members).putInt(si).putInt(vacStride).putInt(0).putInt(key0).putInt(key1).putDouble(t.rmax());
            for (int x : ResidentKernel.deviceTable(layout)) b.putInt(x);
            for (int x : ResidentKernel.deviceGeometry(layout)) b.putInt(x);
            for (double x : ResidentKernel.dense(t.fv())) b.putDouble(x);
            for (double x : ResidentKernel.dense(t.gh())) b.putDouble(x);
            for (double x : t.field()) b.putDouble(x);
            for (int x : n) b.putInt(x);
            for (long x : start) b.putLong(x);
            for (long x : count) b.putLong(x);
            for (int[] s : species) for (int x : s) b.putInt(x);
            for (int[] v : vac) for (int x : v) b.putInt(x);
            for (long x : events) b.putLong(x);
            for (long x : dz) b.putLong(x);
            try {
                Path in = dir.resolve("launch.in"), out = dir.resolve("launch.out");
                Files.write(in, Arrays.copyOf(b.array(), b.position()));
                KernelEmulation.run(exe, in, out);
                ByteBuffer r = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
                for (int[] s : species) for (int i = 0; i < s.length; i++) s[i] = r.getInt();
                for (int[] v : vac) for (int i = 0; i < v.length; i++) v[i] = r.getInt();
                for (int c = 0; c < members; c++) events[c] = r.getLong();
                for (int c = 0; c < members; c++) dz[c] = r.getLong();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public long events(int member) { return events[member]; }
        @Override public long netDz(int member) { return dz[member]; }
        @Override public int[] words(int member) { return ResidentKernel.unpack(species[member], lattice); }
        @Override public int[] vacancies(int member) { return Arrays.copyOf(vac[member], n[member]); }
        @Override public String describe() { return "emulated resident kernel"; }
        @Override public void close() {}
    }
}
