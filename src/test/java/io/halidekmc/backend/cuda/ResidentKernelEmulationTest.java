package io.halidekmc.backend.cuda;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.engine.uniformized.CpuTrialRunner;
import io.halidekmc.engine.ensemble.Ensemble;
import io.halidekmc.engine.uniformized.ResidentKernel;
import io.halidekmc.engine.uniformized.UniformizedEnsemble;
import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
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

    /** A 5-cell Cl/Br/I film with 3 % vacancies through a temperature step (300 → 340 K) and a field step. */
    static Ensemble.Spec film() {
        Material m = Material.mixture(0.1, 0.35, 0.55);
        var temperature = new Schedule.Steps(300, new double[] {1e-8}, new double[] {340});
        var field = new Schedule.Steps(0, new double[] {2e-8}, new double[] {4e7});
        return new Ensemble.Spec(10, 5 * m.latticeConstant() / 10, 0, InitialState.fractions(0.1, 0.35, 0.55), 0.03, m,
                List.of(new MixingTerm(), new FieldTerm()), new DriveProgram(temperature, field), null);
    }

    /**
     * The film run on {@code emulated}'s runner and on the Java kernel through three steps: every
     * member's words (the sink's word is scratch), vacancy list, hops and displacement equal.
     */
    static void assertEndsAsTheJavaKernel(UniformizedEnsemble.RunnerFactory emulated) {
        try (UniformizedEnsemble e = new UniformizedEnsemble(film(), 7, emulated, 1);
             UniformizedEnsemble java = new UniformizedEnsemble(film(), 7, (lat, n, nv, s) -> new CpuTrialRunner(lat, n, s, 1), 1)) {
            int sites = java.lattice().sites();
            for (double t : new double[] {5e-9, 1.5e-8, 3e-8}) {
                e.advance(t);
                java.advance(t);
            }
            assertTrue(java.events() > 1_000, "enough hops: " + java.events());
            long dzAny = 0;
            for (int c = 0; c < java.members(); c++) {
                assertArrayEquals(Arrays.copyOf(java.runner().words(c), sites), Arrays.copyOf(e.runner().words(c), sites), "words of member " + c);
                assertArrayEquals(java.runner().vacancies(c), e.runner().vacancies(c), "vacancies of member " + c);
                assertEquals(java.runner().events(c), e.runner().events(c), "hops of member " + c);
                assertEquals(java.runner().netDz(c), e.runner().netDz(c), "dz of member " + c);
                dzAny += Math.abs(java.runner().netDz(c));
            }
            assertTrue(dzAny > 0, "the field moved halides along z");
        }
    }

    private Path build() throws Exception {
        return KernelEmulation.build(tmp, "resident_driver.cpp", "nc_ensemble", "nc_ensemble_emu.cu",
                "extern __shared__ unsigned res[];", "unsigned* res = emu_dynamic_shared;",
                "extern __shared__ unsigned svac[];", "unsigned* svac = emu_dynamic_shared;");
    }

    @Test
    void emulatedResidentKernelEndsInTheJavaKernelsStateBitForBit() throws Exception {
        Path exe = build();
        assertEndsAsTheJavaKernel((lat, n, nv, s) -> new Emulated(exe, tmp, lat, n, nv, s));
    }

    /** The emulated resident kernel: 2-bit species per member, dense tables. */
    private static final class Emulated extends EmulatedEnsembleRunner {
        private final Lattice lattice;
        private final ResidentKernel.Layout layout;

        Emulated(Path exe, Path dir, Lattice lattice, int members, int vacancies, long seed) {
            super(exe, dir, members, vacancies, seed);
            this.lattice = lattice;
            this.layout = ResidentKernel.Layout.of(lattice);
        }

        @Override
        int[] state(int[] words) {
            return ResidentKernel.pack(words, layout);
        }

        @Override
        int[] words(int[] state) {
            return ResidentKernel.unpack(state, lattice);
        }

        @Override
        int header(ByteBuffer b, UniformizedKernel.Tables t) {
            if (b == null) return 64 + 4 * (ResidentKernel.DEVICE_TABLE + 5) + 8 * (2 * 3 * ResidentKernel.DENSE + 3);
            b.putInt(members).putInt(layout.speciesInts()).putInt(vacStride).putInt(0).putInt(key0).putInt(key1).putDouble(t.rmax());
            for (int x : ResidentKernel.deviceTable(layout)) b.putInt(x);
            for (int x : ResidentKernel.deviceGeometry(layout)) b.putInt(x);
            for (double x : ResidentKernel.dense(t.fv())) b.putDouble(x);
            for (double x : ResidentKernel.dense(t.gh())) b.putDouble(x);
            for (double x : t.field()) b.putDouble(x);
            return 0;
        }

        @Override public String describe() { return "emulated resident kernel"; }
    }
}
