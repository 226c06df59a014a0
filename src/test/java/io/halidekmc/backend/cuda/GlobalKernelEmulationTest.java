package io.halidekmc.backend.cuda;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.engine.CpuTrialRunner;
import io.halidekmc.engine.Ensemble;
import io.halidekmc.engine.TrialRunner;
import io.halidekmc.engine.UniformizedEnsemble;
import io.halidekmc.engine.UniformizedKernel;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The default GPU ensemble kernel ({@code ensemble_trials}: packed words and vacancy lists in device
 * memory, a group of L lanes per nanocrystal) run from its own CUDA source on the CPU, as
 * {@link ResidentKernelEmulationTest} runs the resident one: a ternary film through a temperature
 * and a field step must end in the Java kernel's state, bit for bit, with 1, 8 (the default) and 32
 * lanes per crystal — at 8 lanes, four crystals share a warp and reach its collectives at different
 * rounds — whether a round fires all its accepted trials that no earlier hop changed or only the first. This is what `run --backend cuda` of a film and the ensemble bench run by default;
 * without it, the kernel was checked only on a device. Skips, saying why, without g++.
 */
class GlobalKernelEmulationTest {
    @TempDir
    static Path tmp;
    private static Path exe;

    @BeforeAll
    static void build() throws Exception {
        exe = KernelEmulation.build(tmp, "global_driver.cpp", "nc_ensemble", "nc_ensemble_emu.cu",
                "extern __shared__ unsigned res[];", "unsigned* res = emu_dynamic_shared;",
                "extern __shared__ unsigned svac[];", "unsigned* svac = emu_dynamic_shared;");
    }

    private static Ensemble.Spec film() {
        Material m = Material.mixture(0.1, 0.35, 0.55);
        var temperature = new Schedule.Steps(300, new double[] {1e-8}, new double[] {340});
        var field = new Schedule.Steps(0, new double[] {2e-8}, new double[] {4e7});
        return new Ensemble.Spec(10, 5 * m.latticeConstant() / 10, 0, InitialState.fractions(0.1, 0.35, 0.55), 0.03, m,
                List.of(new MixingTerm(), new FieldTerm()), new DriveProgram(temperature, field), null);
    }

    /**
     * positions: whether the kernel gets the box's cell counts, so that a round fires every accepted
     * trial no earlier hop of the round can have changed (CudaEnsemble on a nanocrystal); without
     * them (a periodic lattice) a round fires only its first accepted trial.
     */
    @ParameterizedTest(name = "{0} lanes per crystal, positions {1}")
    @CsvSource({"1, true", "8, true", "32, true", "8, false"})
    void emulatedGlobalKernelEndsInTheJavaKernelsStateBitForBit(int lanes, boolean positions) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("l" + lanes + positions));
        int lanesLog2 = Integer.numberOfTrailingZeros(lanes);
        try (UniformizedEnsemble emulated = new UniformizedEnsemble(film(), 7,
                (lat, n, nv, s) -> new Emulated(exe, dir, lat, n, nv, s, lanesLog2, positions), 1);
             UniformizedEnsemble java = new UniformizedEnsemble(film(), 7, (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 1), 1)) {
            int sites = java.lattice().sites();
            for (double t : new double[] {5e-9, 1.5e-8, 3e-8}) {
                emulated.advance(t);
                java.advance(t);
            }
            assertTrue(java.events() > 1_000, "enough hops: " + java.events());
            long dzAny = 0;
            for (int c = 0; c < java.members(); c++) {
                // the sink's word is scratch: cut bonds add to it in whatever order the lanes ran
                assertArrayEquals(Arrays.copyOf(java.runner().words(c), sites), Arrays.copyOf(emulated.runner().words(c), sites), "words of member " + c);
                assertArrayEquals(java.runner().vacancies(c), emulated.runner().vacancies(c), "vacancies of member " + c);
                assertEquals(java.runner().events(c), emulated.runner().events(c), "hops of member " + c);
                assertEquals(java.runner().netDz(c), emulated.runner().netDz(c), "dz of member " + c);
                dzAny += Math.abs(java.runner().netDz(c));
            }
            assertTrue(dzAny > 0, "the field moved halides along z");
        }
    }

    /** A {@link TrialRunner} that runs each step as one launch of the emulated kernel (a process), laid out as CudaEnsemble does. */
    private static final class Emulated implements TrialRunner {
        private final Path exe, dir;
        private final Lattice lattice;
        private final int members, wordStride, vacStride, key0, key1, lanesLog2, nx, ny;
        private final int[][] words, vac;
        private final int[] n, regBits;
        private final long[] events, dz;

        Emulated(Path exe, Path dir, Lattice lattice, int members, int vacancies, long seed, int lanesLog2, boolean positions) {
            this.exe = exe;
            this.dir = dir;
            this.lattice = lattice;
            this.members = members;
            this.wordStride = (lattice.sites() + 1 + 31) & ~31;
            this.vacStride = Math.max(1, vacancies);
            this.key0 = (int) seed;
            this.key1 = (int) (seed >>> 32);
            this.lanesLog2 = lanesLog2;
            var layout = io.halidekmc.engine.ResidentKernel.Layout.of(lattice);
            this.nx = positions ? layout.nx() : 0;
            this.ny = positions ? layout.ny() : 0;
            words = new int[members][];
            vac = new int[members][];
            n = new int[members];
            events = new long[members];
            dz = new long[members];
            regBits = new int[(lattice.sites() + 31) / 32];
            for (int s = 0; s < lattice.sites(); s++) if (lattice.isRegular(s)) regBits[s >> 5] |= 1 << (s & 31);
        }

        @Override
        public void load(int member, int[] w, int[] vacancySites, int count) {
            words[member] = Arrays.copyOf(w, wordStride);
            vac[member] = Arrays.copyOf(vacancySites, vacStride);
            n[member] = count;
        }

        @Override
        public void run(long[] start, long[] count, UniformizedKernel.Tables t) {
            int[] nb = lattice.neighbours();
            ByteBuffer b = ByteBuffer.allocate(64 + 4 * (nb.length + 3 * 24 + regBits.length) + 8 * (2 * (3 << 12) + 3)
                    + members * (4 + 8 + 8 + 4 * wordStride + 4 * vacStride + 8 + 8)).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(members).putInt(wordStride).putInt(vacStride).putInt(lanesLog2).putInt(lattice.sites()).putInt(nb.length)
                    .putInt(nx).putInt(ny).putInt(key0).putInt(key1).putDouble(t.rmax());
            for (int x : nb) b.putInt(x);
            for (int x : lattice.regularOffsets()) b.putInt(x);
            for (int x : regBits) b.putInt(x);
            for (int x : UniformizedKernel.slotDz()) b.putInt(x);
            for (int x : UniformizedKernel.moveZ()) b.putInt(x);
            for (double x : Arrays.copyOf(t.fv(), 3 << 12)) b.putDouble(x);
            for (double x : Arrays.copyOf(t.gh(), 3 << 12)) b.putDouble(x);
            for (double x : t.field()) b.putDouble(x);
            for (int x : n) b.putInt(x);
            for (long x : start) b.putLong(x);
            for (long x : count) b.putLong(x);
            for (int[] w : words) for (int x : w) b.putInt(x);
            for (int[] v : vac) for (int x : v) b.putInt(x);
            for (long x : events) b.putLong(x);
            for (long x : dz) b.putLong(x);
            try {
                Path in = dir.resolve("launch.in"), out = dir.resolve("launch.out");
                Files.write(in, Arrays.copyOf(b.array(), b.position()));
                KernelEmulation.run(exe, in, out);
                ByteBuffer r = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
                for (int[] w : words) for (int i = 0; i < w.length; i++) w[i] = r.getInt();
                for (int[] v : vac) for (int i = 0; i < v.length; i++) v[i] = r.getInt();
                for (int c = 0; c < members; c++) events[c] = r.getLong();
                for (int c = 0; c < members; c++) dz[c] = r.getLong();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public long events(int member) { return events[member]; }
        @Override public long netDz(int member) { return dz[member]; }
        @Override public int[] words(int member) { return Arrays.copyOf(words[member], lattice.sites() + 1); }
        @Override public int[] vacancies(int member) { return Arrays.copyOf(vac[member], n[member]); }
        @Override public String describe() { return "emulated global kernel, " + (1 << lanesLog2) + " lanes"; }
        @Override public void close() {}
    }
}
