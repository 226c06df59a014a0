package io.halidekmc.output;

import io.halidekmc.io.Scenario;
import io.halidekmc.observe.Snapshot;
import io.halidekmc.run.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The viewer files {@code output.export} asks for, beside NAME.h5: NAME.xyz (every snapshot a frame)
 * and NAME.xdmf (pointing into NAME.h5, so written after it). Each is written to a temporary name
 * and renamed, as the HDF5 file is. None without a snapshot (a run stopped before the first).
 */
final class ViewerExport {
    private ViewerExport() {}

    static void write(RunResult r, Path h5, SitePositions pos) throws IOException {
        Scenario.Export e = r.scenario().export();
        List<Snapshot> snaps = r.snapshots();
        if (snaps.isEmpty() || !(e.xyz() || e.xdmf())) return;
        String name = h5.getFileName().toString();
        String stem = name.endsWith(".h5") ? name.substring(0, name.length() - 3) : name;
        if (e.xyz()) XyzWriter.write(h5.resolveSibling(stem + ".xyz"), pos, snaps, e.vacancies());
        if (e.xdmf()) {
            List<Double> times = new ArrayList<>();
            for (Snapshot s : snaps) times.add(s.time());
            XdmfWriter.write(h5.resolveSibling(stem + ".xdmf"), name, pos.count(), times);
        }
    }
}
