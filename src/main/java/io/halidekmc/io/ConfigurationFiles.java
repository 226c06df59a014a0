package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Species;

import java.util.List;
import java.util.Locale;

/** What the two configuration readers share: the geometry as a file states it, and picking a frame by time. */
final class ConfigurationFiles {
    private ConfigurationFiles() {}

    /** Crystal edge in cells per axis. */
    static int[] cells(Geometry g) {
        Lattice l = g.lattice();
        return new int[] {l.cellsX(), l.cellsY(), l.cellsZ()};
    }

    static boolean[] periodic(Geometry g) {
        Lattice l = g.lattice();
        return new boolean[] {l.periodic(0), l.periodic(1), l.periodic(2)};
    }

    /** "6×6×6 cells, pbc T T T", as a mismatch message states both sides. */
    static String shape(long[] cells, boolean[] periodic) {
        return cells[0] + "×" + cells[1] + "×" + cells[2] + " cells, pbc " + (periodic[0] ? "T" : "F") + " "
                + (periodic[1] ? "T" : "F") + " " + (periodic[2] ? "T" : "F");
    }

    static String shape(Geometry g) {
        int[] c = cells(g);
        return shape(new long[] {c[0], c[1], c[2]}, periodic(g));
    }

    /**
     * The index of the frame at time t (NaN: the last), matched to 1e-9 relative: the times in a
     * file are the scenario's own decimals, so a user types back what the file lists.
     */
    static int frame(List<Double> times, double t, String where, String file) {
        if (times.isEmpty()) throw new InputException(where + ": " + file + " holds no snapshot");
        if (Double.isNaN(t)) return times.size() - 1;
        for (int i = 0; i < times.size(); i++) {
            if (Math.abs(times.get(i) - t) <= 1e-9 * Math.max(Math.abs(t), 1e-300)) return i;
        }
        String listed = times.size() <= 8 ? times.toString().replace("[", "").replace("]", "")
                : times.getFirst() + ", " + times.get(1) + ", …, " + times.getLast() + " (" + times.size() + " snapshots)";
        throw new InputException(where.replace(".from", ".snapshot") + ": no snapshot at " + t + " s in " + file + "; it has " + listed + " s");
    }

    /** The species a stored code starts as: a halide held by an N octahedron starts in the perovskite. */
    static byte startCode(int code) {
        return (byte) Species.halideOf(code);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
