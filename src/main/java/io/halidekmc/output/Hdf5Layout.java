package io.halidekmc.output;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Rules for files written with jhdf (0.10 up to at least 0.13), whose writer corrupts some layouts
 * without an error, and a read-back check of the result.
 *
 * <p>The jhdf writer lays the tree out depth first, each object header followed by its children;
 * only a dataset's data is written by moving the file channel's position, headers are written at
 * explicit offsets. On close it appends its "jHDF - version" string at the channel's position,
 * assuming that is the end of the file. When the last node laid out is a group without children
 * (e.g. an empty /profiles carrying only a description attribute), the position is still at the
 * end of the previous dataset's data, so that string overwrites the first bytes of the group's
 * header ("OHDR" signature): jhdf, h5py and h5dump then cannot open the file. The child order is
 * a ConcurrentHashMap's, i.e. by name hash, so which group comes last cannot be steered; the only
 * safe layout is one where every group holds a dataset.
 */
public final class Hdf5Layout {
    private Hdf5Layout() {}

    /** Throws IllegalStateException naming the first group (the root included) that holds no child node. */
    public static void requireNoChildlessGroup(Group g) {
        if (g.getChildren().isEmpty()) {
            throw new IllegalStateException("HDF5 group '" + path(g) + "' has no dataset: jhdf would overwrite its header when it is "
                    + "written last; write the group only with data");
        }
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group child) requireNoChildlessGroup(child);
        }
    }

    /**
     * Opens the file with jhdf and parses every object header and attribute (not the dataset data,
     * which jhdf writes in one piece at an offset it has just reserved): a file this passes has no
     * corrupt metadata. IOException naming the file and the failure otherwise.
     */
    public static void verifyReadable(Path file) throws IOException {
        try (HdfFile f = new HdfFile(file)) {
            visit(f);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            throw new IOException("HDF5 file written but not readable back (" + e.getMessage() + ": " + root.getMessage() + ")", e);
        }
    }

    private static void visit(Node n) {
        n.getAttributes().values().forEach(a -> a.getData());
        if (n instanceof Group g) {
            for (Node c : g.getChildren().values()) visit(c);
        } else if (n instanceof Dataset d) {
            d.getDimensions();
            d.getJavaType();
        }
    }

    /** jhdf spells written nodes' paths with extra slashes ("///profiles"). */
    private static String path(Node n) {
        return "/" + n.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
