package io.halidekmc.backend.cuda;

import io.halidekmc.engine.uniformized.ResidentKernel;
import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.lattice.Lattice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The default GPU ensemble kernel ({@code ensemble_trials}: packed words and vacancy lists in device
 * memory, a group of L lanes per nanocrystal) run from its own CUDA source on the CPU, as
 * {@link ResidentKernelEmulationTest} runs the resident one: a ternary film through a temperature
 * and a field step must end in the Java kernel's state, bit for bit, with 1, 8 (the default) and 32
 * lanes per crystal — at 8 lanes, four crystals share a warp and reach its collectives at different
 * rounds — whether a round fires all its accepted trials that no earlier hop changed or only the
 * first. This is what `run --backend cuda` of a film and the ensemble bench run by default; without
 * it, the kernel was checked only on a device. Skips, saying why, without g++.
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
        ResidentKernelEmulationTest.assertEndsAsTheJavaKernel((lat, n, nv, s) -> new Emulated(exe, dir, lat, n, nv, s, lanesLog2, positions));
    }

    /** The emulated global kernel, its arguments laid out as CudaEnsemble passes them. */
    private static final class Emulated extends EmulatedEnsembleRunner {
        private final Lattice lattice;
        private final int wordStride, lanesLog2, nx, ny;
        private final int[] regBits;

        Emulated(Path exe, Path dir, Lattice lattice, int members, int vacancies, long seed, int lanesLog2, boolean positions) {
            super(exe, dir, members, vacancies, seed);
            this.lattice = lattice;
            this.wordStride = (lattice.sites() + 1 + 31) & ~31;
            this.lanesLog2 = lanesLog2;
            var layout = ResidentKernel.Layout.of(lattice);
            this.nx = positions ? layout.nx() : 0;
            this.ny = positions ? layout.ny() : 0;
            regBits = new int[(lattice.sites() + 31) / 32];
            for (int s = 0; s < lattice.sites(); s++) if (lattice.isRegular(s)) regBits[s >> 5] |= 1 << (s & 31);
        }

        @Override
        int[] state(int[] words) {
            return Arrays.copyOf(words, wordStride);
        }

        @Override
        int[] words(int[] state) {
            return Arrays.copyOf(state, lattice.sites() + 1);
        }

        @Override
        int header(ByteBuffer b, UniformizedKernel.Tables t) {
            int[] nb = lattice.neighbours();
            if (b == null) return 64 + 4 * (nb.length + 3 * 24 + regBits.length) + 8 * (2 * (3 << 12) + 3);
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
            return 0;
        }

        @Override public String describe() { return "emulated global kernel, " + (1 << lanesLog2) + " lanes"; }
    }
}
