package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.uniformized.TrialRunner;
import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.lattice.Lattice;

import java.util.ArrayList;
import java.util.List;

/**
 * A film split over several CUDA devices ({@code --devices 0,1,...}): contiguous blocks of members
 * per device, each block with the film's own member indices (so its trial streams, and the result,
 * are those of one device). A step launches on every device, then waits for all, so the devices
 * run at the same time.
 */
public final class MultiDeviceEnsemble implements TrialRunner {
    private final List<CudaEnsemble> parts = new ArrayList<>();
    private final int[] base;
    private final int chunk;

    public MultiDeviceEnsemble(List<Integer> ordinals, Lattice lattice, int members, int vacancies, long seed)
            throws BackendUnavailable {
        int k = Math.min(ordinals.size(), members);
        chunk = (members + k - 1) / k;
        base = new int[k];
        try {
            for (int d = 0; d < k; d++) {
                base[d] = d * chunk;
                int n = Math.min(chunk, members - base[d]);
                parts.add(new CudaEnsemble(ordinals.get(d), lattice, n, base[d], vacancies, seed));
            }
        } catch (BackendUnavailable | RuntimeException e) {
            close();
            throw e;
        }
    }

    public List<CudaEnsemble> parts() {
        return parts;
    }

    private CudaEnsemble part(int member) {
        return parts.get(member / chunk);
    }

    @Override
    public void load(int member, int[] words, int[] vacancySites, int n) {
        part(member).load(member % chunk, words, vacancySites, n);
    }

    @Override
    public void run(long[] start, long[] count, UniformizedKernel.Tables tables) {
        for (int d = 0; d < parts.size(); d++) parts.get(d).launch(start, base[d], count, tables);
        for (CudaEnsemble p : parts) p.finish();
    }

    @Override public long events(int member) { return part(member).events(member % chunk); }
    @Override public long netDz(int member) { return part(member).netDz(member % chunk); }
    /** Members [0, n) of the film: whole parts, then the first members of the part n ends in. */
    @Override
    public long totalEvents(int n) {
        long sum = 0;
        for (int d = 0; d < parts.size() && base[d] < n; d++) sum += parts.get(d).totalEvents(Math.min(n - base[d], parts.get(d).members()));
        return sum;
    }

    @Override
    public long totalNetDz(int n) {
        long sum = 0;
        for (int d = 0; d < parts.size() && base[d] < n; d++) sum += parts.get(d).totalNetDz(Math.min(n - base[d], parts.get(d).members()));
        return sum;
    }

    @Override public int[] words(int member) { return part(member).words(member % chunk); }
    @Override public int[] vacancies(int member) { return part(member).vacancies(member % chunk); }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder(parts.size() + " devices: ");
        for (int d = 0; d < parts.size(); d++) {
            b.append(d == 0 ? "" : "; ").append("members ").append(base[d]).append("–")
                    .append(base[d] + parts.get(d).members() - 1).append(" on ").append(parts.get(d).describe());
        }
        return b.toString();
    }

    @Override
    public void close() {
        for (CudaEnsemble p : parts) p.close();
    }
}
