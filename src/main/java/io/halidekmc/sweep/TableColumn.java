package io.halidekmc.sweep;

import io.halidekmc.output.Units;

import java.util.Locale;

/**
 * One column of a sweep table, held once and written twice: its CSV fields and its HDF5 dataset
 * (long[], double[] or String[]) with the dataset's unit, so sweep.csv and sweep.h5 cannot drift apart.
 *
 * @param name column name; as a dataset name '/' becomes '_' (HDF5 reads '/' as a group separator)
 */
record TableColumn(String name, String unit, String[] text, Object data) {

    static TableColumn longs(String name, String unit, long[] v) {
        String[] t = new String[v.length];
        for (int i = 0; i < v.length; i++) t[i] = Long.toString(v[i]);
        return new TableColumn(name, unit, t, v);
    }

    /** Ten significant digits in the CSV ({@link SweepTable#number}); the dataset keeps every bit. */
    static TableColumn doubles(String name, String unit, double[] v) {
        String[] t = new String[v.length];
        for (int i = 0; i < v.length; i++) t[i] = SweepTable.number(v[i]);
        return new TableColumn(name, unit, t, v);
    }

    /** Wall seconds: milliseconds are all a reader of the CSV can use. */
    static TableColumn wall(double[] v) {
        String[] t = new String[v.length];
        for (int i = 0; i < v.length; i++) t[i] = String.format(Locale.ROOT, "%.3f", v[i]);
        return new TableColumn("wall_s", "s", t, v);
    }

    static TableColumn text(String name, String[] v) {
        return new TableColumn(name, Units.NONE, v, v);
    }

    /**
     * A grid key: its value labels, stored as numbers when every one is a number. A grid key's
     * unit is the scenario key's own; no table of every key's unit exists to name it here.
     */
    static TableColumn axis(String path, String[] labels) {
        double[] numeric = SweepTable.numeric(labels);
        return numeric != null ? new TableColumn(path, "as the scenario key " + path, labels, numeric)
                : new TableColumn(path, Units.NONE, labels, labels);
    }

    String datasetName() {
        return name.replace('/', '_');
    }
}
