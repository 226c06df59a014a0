package io.halidekmc.physics;

/** Discrete 1D Poisson problem φ_{l−1} − 2φ_l + φ_{l+1} = −q_l with Dirichlet ends (Thomas algorithm, O(n)). */
public final class Poisson1D {
    private Poisson1D() {}

    /**
     * Solves for φ on layers from..to (inclusive) with φ[from] and φ[to] given (already set in phi);
     * q[l] is the right-hand side −(curvature) at interior layer l. Scratch arrays are allocated per
     * call: a solve runs once per drive-grid point, not per hop.
     */
    public static void solve(double[] phi, double[] q, int from, int to) {
        int n = to - from - 1;
        if (n <= 0) return;
        double[] c = new double[n];
        double[] d = new double[n];
        // rows: −φ_{i−1} + 2φ_i − φ_{i+1} = q_i ; boundary values moved to the right side
        for (int i = 0; i < n; i++) {
            int l = from + 1 + i;
            double rhs = q[l];
            if (i == 0) rhs += phi[from];
            if (i == n - 1) rhs += phi[to];
            double denom = i == 0 ? 2 : 2 + c[i - 1];   // b − a·c'_{i−1} with a = c = −1, b = 2
            c[i] = -1 / denom;
            d[i] = (rhs + (i == 0 ? 0 : d[i - 1])) / denom;
        }
        phi[from + n] = d[n - 1];
        for (int i = n - 2; i >= 0; i--) phi[from + 1 + i] = d[i] - c[i] * phi[from + 2 + i];
    }
}
