package io.halidekmc.backend.cuda;

import io.halidekmc.engine.uniformized.TrialRunner;
import io.halidekmc.engine.uniformized.UniformizedKernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@link TrialRunner} that runs each step as one launch of an emulated ensemble kernel (a
 * process built by {@link KernelEmulation}): the launch's arguments written to a file — the
 * kernel's own header and tables ({@link #header}), then what every ensemble kernel takes: vacancy
 * counts, trial starts and counts, the members' state, vacancy lists, hop counts, displacements —
 * and the state, lists, hops and displacements read back.
 */
abstract class EmulatedEnsembleRunner implements TrialRunner {
    private final Path exe, dir;
    final int members, vacStride, key0, key1;
    /** Per member: the kernel's own state (packed words, or 2-bit species), vacancy sites. */
    final int[][] state, vac;
    private final int[] n;
    private final long[] events, dz;

    EmulatedEnsembleRunner(Path exe, Path dir, int members, int vacancies, long seed) {
        this.exe = exe;
        this.dir = dir;
        this.members = members;
        this.vacStride = Math.max(1, vacancies);
        this.key0 = (int) seed;
        this.key1 = (int) (seed >>> 32);
        state = new int[members][];
        vac = new int[members][];
        n = new int[members];
        events = new long[members];
        dz = new long[members];
    }

    /** The kernel's state for member c's packed words. */
    abstract int[] state(int[] words);

    /** Member c's packed words from the kernel's state. */
    abstract int[] words(int[] state);

    /** Writes the launch's kernel-specific part, before the common one; returns its size bound with {@code b == null}. */
    abstract int header(ByteBuffer b, UniformizedKernel.Tables t);

    @Override
    public void load(int member, int[] words, int[] vacancySites, int count) {
        state[member] = state(words);
        vac[member] = Arrays.copyOf(vacancySites, vacStride);
        n[member] = count;
    }

    @Override
    public void run(long[] start, long[] count, UniformizedKernel.Tables t) {
        ByteBuffer b = ByteBuffer.allocate(header(null, t) + members * (4 + 8 + 8 + 4 * state[0].length + 4 * vacStride + 8 + 8))
                .order(ByteOrder.LITTLE_ENDIAN);
        header(b, t);
        for (int x : n) b.putInt(x);
        for (long x : start) b.putLong(x);
        for (long x : count) b.putLong(x);
        for (int[] s : state) for (int x : s) b.putInt(x);
        for (int[] v : vac) for (int x : v) b.putInt(x);
        for (long x : events) b.putLong(x);
        for (long x : dz) b.putLong(x);
        try {
            Path in = dir.resolve("launch.in"), out = dir.resolve("launch.out");
            Files.write(in, Arrays.copyOf(b.array(), b.position()));
            KernelEmulation.run(exe, in, out);
            ByteBuffer r = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] s : state) for (int i = 0; i < s.length; i++) s[i] = r.getInt();
            for (int[] v : vac) for (int i = 0; i < v.length; i++) v[i] = r.getInt();
            for (int c = 0; c < members; c++) events[c] = r.getLong();
            for (int c = 0; c < members; c++) dz[c] = r.getLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public long events(int member) { return events[member]; }
    @Override public long netDz(int member) { return dz[member]; }
    @Override public int[] words(int member) { return words(state[member]); }
    @Override public int[] vacancies(int member) { return Arrays.copyOf(vac[member], n[member]); }
    @Override public void close() {}
}
