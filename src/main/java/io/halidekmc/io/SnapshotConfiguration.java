package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialConfig;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Species;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code initial: {from: RUN.h5, snapshot: last|TIME}}: one row of a run file's
 * /snapshots/occupancy, checked against the scenario's geometry through /snapshots/cells and
 * /snapshots/periodic (README, "Snapshots and viewers").
 */
final class SnapshotConfiguration {
    private SnapshotConfiguration() {}

    static InitialConfig read(Path file, String name, double time, Geometry geometry, String where) {
        if (!Files.isRegularFile(file)) throw new InputException(where + ": " + name + " not found");
        try (HdfFile f = new HdfFile(file)) {
            Node snaps = f.getChildren().get("snapshots");
            if (snaps == null) throw new InputException(where + ": " + name + " has no /snapshots (its run took none: output.snapshots)");
            List<Double> times = new ArrayList<>();
            for (double t : (double[]) f.getDatasetByPath("snapshots/time_s").getData()) times.add(t);
            int i = ConfigurationFiles.frame(times, time, where, name);
            long[] cells = (long[]) f.getDatasetByPath("snapshots/cells").getData();
            long[] per = (long[]) f.getDatasetByPath("snapshots/periodic").getData();
            boolean[] periodic = {per[0] == 1, per[1] == 1, per[2] == 1};
            int[] want = ConfigurationFiles.cells(geometry);
            if (cells[0] != want[0] || cells[1] != want[1] || cells[2] != want[2]
                    || !java.util.Arrays.equals(periodic, ConfigurationFiles.periodic(geometry))) {
                throw new InputException(where + ": " + name + " holds " + ConfigurationFiles.shape(cells, periodic)
                        + ", but the scenario's geometry is " + ConfigurationFiles.shape(geometry));
            }
            Dataset occ = f.getDatasetByPath("snapshots/occupancy");
            int n = (int) occ.getDimensions()[1];
            byte[] row = ((byte[][]) occ.getData(new long[] {i, 0}, new int[] {1, n}))[0];
            Lattice lattice = geometry.lattice();
            if (n != lattice.sites()) throw new InputException(where + ": " + name + " stores " + n + " sites a snapshot, the scenario's lattice " + lattice.sites());
            byte[] species = new byte[n];
            for (int s = 0; s < n; s++) species[s] = lattice.isActive(s) ? ConfigurationFiles.startCode(row[s]) : Species.WALL;
            return new InitialConfig.Given(species, "snapshot t = " + times.get(i) + " s of " + name);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(where + ": " + name + " is not a run file with snapshots (" + e.getMessage() + ")");
        }
    }
}
