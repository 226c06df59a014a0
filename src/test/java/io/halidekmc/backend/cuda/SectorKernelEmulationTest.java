package io.halidekmc.backend.cuda;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.engine.Rng;
import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.engine.uniformized.SectorRunner;
import io.halidekmc.engine.uniformized.SectorState;
import io.halidekmc.engine.uniformized.SectorTrialKernel;
import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.engine.uniformized.UniformizedSectorEngine;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.FieldTerm;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sector steps' own CUDA source (kernels/sector_steps.cu: sector_begin, sector_trials) run on
 * the CPU, 32 lane threads per sector (src/test/resources/cuda-emulation), as the runner of a
 * {@link UniformizedSectorEngine}: the same scenario and seed must end in the Java kernel's state
 * bit for bit — species, vacancy sites, hops, displacement — on a periodic box (also one whose
 * sectors span an axis) and on a nanocrystal, through a temperature and a field step. Skips without g++.
 */
class SectorKernelEmulationTest {
    @TempDir
    Path tmp;

    private static UniformizedSectorEngine engine(Lattice lat, int[] blocks, UniformizedSectorEngine.RunnerFactory f) {
        Occupancy occ = InitialState.randomAlloy(lat, InitialState.fractions(0.1, 0.35, 0.55), 0.03, Rng.stream(4, 0));
        var temperature = new Schedule.Steps(300, new double[] {1e-8}, new double[] {340});
        var field = new Schedule.Steps(0, new double[] {2e-8}, new double[] {4e7});
        // a long window (≈ 40 hops per vacancy): few launches, each of many trials; the splitting
        // error it brings does not matter for a bitwise comparison of two runners
        SectorConfig c = new SectorConfig(2e-9, blocks, 1);
        return f == null
                ? UniformizedSectorEngine.onCpu(occ, Material.mixture(0.1, 0.35, 0.55), List.of(new MixingTerm(), new FieldTerm()),
                        new DriveProgram(temperature, field), 4, c)
                : new UniformizedSectorEngine(occ, Material.mixture(0.1, 0.35, 0.55), List.of(new MixingTerm(), new FieldTerm()),
                        new DriveProgram(temperature, field), 4, c, f);
    }

    /**
     * "slab": one sector across a periodic axis of 4 cells, so a sector's vacancies are close to
     * each other the short way round it (sec_near must measure distances across the wrap).
     */
    @ParameterizedTest
    @ValueSource(strings = {"box", "nanocrystal", "slab"})
    void emulatedSectorKernelsEndInTheJavaKernelsStateBitForBit(String shape) throws Exception {
        Path exe = KernelEmulation.build(tmp, "sector_driver.cpp", "sector_steps", "sector_steps.cu");
        Lattice lat = switch (shape) {
            case "nanocrystal" -> new Geometry.Nanocrystal(7).lattice();
            case "slab" -> new Lattice(4, 8, 8, true, true, true);
            default -> new Lattice(8, 8, 8, true, true, true);
        };
        int[] blocks = switch (shape) {
            case "nanocrystal" -> new int[] {2, 2, 2};
            case "slab" -> new int[] {1, 2, 2};
            default -> new int[] {4, 2, 2};
        };
        double tEnd = 3e-8;
        try (UniformizedSectorEngine java = engine(lat, blocks, null);
             UniformizedSectorEngine emulated = engine(lat, blocks, st -> new Emulated(exe, tmp, st))) {
            java.advance(tEnd, Long.MAX_VALUE);
            emulated.advance(tEnd, Long.MAX_VALUE);
            assertTrue(java.events() > 2_000, "enough hops: " + java.events());
            Occupancy a = java.occupancy(), b = emulated.occupancy();
            assertArrayEquals(a.species, b.species, shape + ": species");
            assertArrayEquals(Arrays.copyOf(a.counts, lat.sites()), Arrays.copyOf(b.counts, lat.sites()), shape + ": words");
            assertArrayEquals(Arrays.copyOf(a.vacancySite, a.vacancies), Arrays.copyOf(b.vacancySite, b.vacancies), shape + ": vacancies");
            assertEquals(java.events(), emulated.events());
            // the frame sums: the kernel's, the Java twin's and the observer's from the species
            long[] fromKernel = emulated.frameCounts();
            assertArrayEquals(java.frameCounts(), fromKernel, shape + ": frame sums");
            io.halidekmc.observe.Frame fa = io.halidekmc.observe.Observer.frame(a, 0, 0, 300, 0, 0);
            io.halidekmc.observe.Frame fb = io.halidekmc.observe.Observer.frame(fromKernel, 0, 0, 300, 0, 0);
            assertEquals(fa.order(), fb.order(), shape + ": order parameter");
            assertArrayEquals(fa.fractions(), fb.fractions());
            assertEquals(fa.vacancies(), fb.vacancies());
            assertEquals(fa.surfaceIodide(), fb.surfaceIodide(), 0.0);
            assertEquals(java.netHalideDz(), emulated.netHalideDz());
            assertNotEquals(0, java.netHalideDz(), "the field moved halides");
        }
    }

    /** A {@link SectorRunner} whose every launch is a run of the emulated kernel file (a process). */
    private static final class Emulated implements SectorRunner {
        private final Path exe, dir;
        private final int[] words, vacSite, list, len, outbox, outTo, nOut, touch, touchStart, geo, nb, off;
        private final int cap, sink;
        private final long key;
        private final long[] events, dz;
        private UniformizedKernel.Tables tables;
        private final long[] lastCounts = new long[io.halidekmc.observe.FrameCounts.LENGTH];

        Emulated(Path exe, Path dir, SectorState st) {
            this.exe = exe;
            this.dir = dir;
            words = st.words().clone();
            vacSite = st.vacancySites().clone();
            list = st.lists().clone();
            len = st.lengths().clone();
            cap = st.capacity();
            int n = st.sectorCount();
            outbox = new int[n * cap];
            outTo = new int[n * cap];
            nOut = new int[n];
            touch = st.touching();
            touchStart = st.touchingStart();
            geo = st.geometry();
            nb = st.neighbours();
            off = st.regularOffsets();
            sink = st.sink();
            key = st.seedKey();
            events = new long[n];
            dz = new long[n];
        }

        private int[] launch(int op, int[] sectors, long[] start, long[] count) {
            int n = len.length;
            int ints = 10 + words.length + vacSite.length + 3 * list.length + 2 * n + touch.length + n + 1 + 6 + nb.length + 72 + sectors.length;
            ByteBuffer b = ByteBuffer.allocate(4 * ints + 8 * (1 + 2 * (3 << 12) + 3 + 2 * sectors.length + 2 * n))
                    .order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(op).putInt(words.length).putInt(vacSite.length).putInt(n).putInt(cap).putInt(touch.length).putInt(sink)
                    .putInt((int) key).putInt((int) (key >>> 32)).putInt(sectors.length);
            b.putDouble(tables == null ? 0 : tables.rmax());
            for (int[] a : new int[][] {words, vacSite, list, len, outbox, outTo, nOut, touch, touchStart, geo, nb, off,
                    UniformizedKernel.slotDz(), UniformizedKernel.moveZ()}) {
                for (int x : a) b.putInt(x);
            }
            for (double[] a : new double[][] {tables == null ? new double[3 << 12] : tables.fv(), tables == null ? new double[3 << 12] : tables.gh(),
                    tables == null ? new double[3] : tables.field()}) {
                for (double x : a) b.putDouble(x);
            }
            for (int x : sectors) b.putInt(x);
            for (long x : start) b.putLong(x);
            for (long x : count) b.putLong(x);
            for (long x : events) b.putLong(x);
            for (long x : dz) b.putLong(x);
            try {
                Path in = dir.resolve("sector.in"), out = dir.resolve("sector.out");
                Files.write(in, Arrays.copyOf(b.array(), b.position()));
                KernelEmulation.run(exe, in, out);
                ByteBuffer r = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
                for (int[] a : new int[][] {words, vacSite, list, len, outbox, outTo, nOut}) for (int i = 0; i < a.length; i++) a[i] = r.getInt();
                int[] lenOut = new int[sectors.length];
                for (int i = 0; i < lenOut.length; i++) lenOut[i] = r.getInt();
                for (int i = 0; i < n; i++) events[i] = r.getLong();
                for (int i = 0; i < n; i++) dz[i] = r.getLong();
                if (r.getInt() != 0) throw new SectorTrialKernel.Overflow("sector list overflow");
                for (int i = 0; i < lastCounts.length; i++) lastCounts[i] = r.getLong();
                return lenOut;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int[] begin(int[] sectors) {
            return launch(0, sectors, new long[sectors.length], new long[sectors.length]);
        }

        @Override
        public void run(int[] sectors, long[] start, long[] count, UniformizedKernel.Tables t) {
            tables = t;
            launch(1, sectors, start, count);
        }

        @Override
        public long[] frameCounts() {
            launch(2, new int[0], new long[0], new long[0]);
            return lastCounts.clone();
        }

        @Override public long events() { return Arrays.stream(events).sum(); }
        @Override public long netDz() { return Arrays.stream(dz).sum(); }

        @Override
        public void download(int[] w, int[] v) {
            System.arraycopy(words, 0, w, 0, sink);
            System.arraycopy(vacSite, 0, v, 0, vacSite.length);
        }

        @Override public String describe() { return "emulated sector kernels"; }
        @Override public void close() {}
    }
}
