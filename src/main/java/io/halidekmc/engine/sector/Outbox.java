package io.halidekmc.engine.sector;

import java.util.Arrays;

/**
 * The vacancies that hopped out of one sector during its phase, each tagged with the sector it
 * entered. Nothing is handed over serially: each touching sector takes its own entries at the
 * start of its next phase ({@link Sector#receive}), and the owner clears the box at the start of
 * its own next phase, when every touching sector has run since and taken from it.
 */
final class Outbox {
    private int[] ids = new int[16];
    /** The sector each vacancy entered. */
    private int[] to = new int[16];
    private int n;

    void put(int vid, int sector) {
        if (n == ids.length) {
            ids = Arrays.copyOf(ids, 2 * n);
            to = Arrays.copyOf(to, 2 * n);
        }
        to[n] = sector;
        ids[n++] = vid;
    }

    /**
     * Adds to dest the vacancies tagged for it, in the order they left. By the sector entered,
     * recorded at the hop: the vacancy may since have moved on.
     */
    void deliver(Sector dest) {
        int s = dest.id;
        for (int i = 0; i < n; i++) if (to[i] == s) dest.add(ids[i]);
    }

    void clear() {
        n = 0;
    }

    int size() {
        return n;
    }

    int vacancy(int i) {
        return ids[i];
    }

    int destination(int i) {
        return to[i];
    }
}
