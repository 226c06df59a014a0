package io.halidekmc.engine;

/**
 * Binary sum tree over leaf weights in one flat array (heap layout, root at 1, leaves at
 * [size, 2·size)): O(log n) update and selection. Parents are recomputed from their children
 * rather than adjusted by differences, so rounding never accumulates and the tree depends only
 * on the current leaves (reproducible whatever the update history).
 */
public final class SumTree {
    private double[] tree;
    private int size;

    public SumTree(int capacity) {
        size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        tree = new double[2 * size];
    }

    public int capacity() {
        return size;
    }

    /** Grows to hold at least the given number of leaves, keeping the current ones. */
    public void ensureCapacity(int capacity) {
        if (capacity <= size) return;
        int newSize = Integer.highestOneBit(capacity - 1) << 1;
        double[] t = new double[2 * newSize];
        System.arraycopy(tree, size, t, newSize, size);
        tree = t;
        size = newSize;
        rebuild();
    }

    public double total() {
        return tree[1];
    }

    public double leaf(int i) {
        return tree[size + i];
    }

    public void set(int i, double w) {
        double[] t = tree;
        int p = size + i;
        t[p] = w;
        p >>= 1;
        while (p >= 1) {
            t[p] = t[2 * p] + t[2 * p + 1];
            p >>= 1;
        }
    }

    /** Sets a leaf without updating parents; call {@link #rebuild()} after a bulk fill. */
    public void setLeafOnly(int i, double w) {
        tree[size + i] = w;
    }

    public void rebuild() {
        double[] t = tree;
        for (int p = size - 1; p >= 1; p--) {
            t[p] = t[2 * p] + t[2 * p + 1];
        }
    }

    /**
     * Leaf whose cumulative interval holds u ∈ [0, total). The residual u within that leaf is left
     * in {@link #residual()}. The descent is written without data-dependent branches so the
     * JIT can use conditional moves: tree descent is otherwise dominated by branch misses.
     */
    public int find(double u) {
        double[] t = tree;
        int p = 1;
        int n = size;
        while (p < n) {
            int l = 2 * p;
            double left = t[l];
            boolean right = u >= left;
            u = right ? u - left : u;
            p = right ? l + 1 : l;
        }
        residual = u;
        return p - n;
    }

    private double residual;

    public double residual() {
        return residual;
    }
}
