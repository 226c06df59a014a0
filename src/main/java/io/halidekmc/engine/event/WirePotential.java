package io.halidekmc.engine.event;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Constants;
import io.halidekmc.physics.Poisson1D;
import io.halidekmc.physics.WireDevice;

/**
 * The electrostatic potential along a wire device and the hop-rate field factors it implies, one
 * row of 3 per half-layer ({@link HopKernel#fieldRow}). The contacts pin the potential over their
 * layers (anode at V on the low-z end when the field is positive, cathode at 0); the gap between
 * carries the applied drop plus, with space charge on, the Poisson correction from the vacancy
 * excess over the initial mean fraction. A halide (charge −1) hopping from h into v changes the
 * energy by −e(φ_v − φ_h), so the factor is exp((φ_v − φ_h)/2kT): with no contacts and no space
 * charge this is exactly {@link io.halidekmc.physics.FieldTerm}.
 */
public final class WirePotential {
    private final Lattice lattice;
    private final WireDevice device;
    private final int layers;          // cell layers along z: L + 1 (the closing face included)
    private final int cellsZ;          // L
    private final double a;            // m
    private final double[] siteCount;  // active sites per layer
    private final double meanFraction;
    /** e·c_s·a²/(ε0 εr)·s²/F: volts per unit vacancy-fraction excess in one layer (0 without space charge). */
    private final double chargeCoefficient;
    private final double refreshSim;   // simulated seconds between Poisson solves (∞ without space charge)
    public final int layerSites3;
    private final double[] phi;        // per layer, V
    private final double[] phiHalf;
    private final double[] table;
    private final double[] q;
    private final double[] vacanciesPerLayer;
    private int solves;

    WirePotential(Lattice lattice, WireDevice device, double latticeConstantA, double vacancyFraction, double timeScale,
                  double vacancyScale) {
        if (lattice.periodic(2)) throw new IllegalArgumentException("a wire device needs an open z axis");
        this.lattice = lattice;
        this.device = device;
        this.cellsZ = lattice.cellsZ();
        this.layers = lattice.layersZ();
        if (cellsZ - 2 * device.contactCells() < 2) {
            throw new IllegalArgumentException("the gap between the contacts must be ≥ 2 cells");
        }
        this.a = latticeConstantA * 1e-10;
        this.layerSites3 = 3 * (lattice.periodic(0) ? lattice.cellsX() : lattice.cellsX() + 1)
                * (lattice.periodic(1) ? lattice.cellsY() : lattice.cellsY() + 1);
        this.siteCount = new double[layers];
        for (int s = 0; s < lattice.sites(); s++) if (lattice.isActive(s)) bin(siteCount, lattice.zHalf(s), 1);
        this.meanFraction = vacancyFraction;
        double s2 = device.lengthScale() * device.lengthScale();
        var sc = device.spaceCharge();
        this.chargeCoefficient = sc == null ? 0
                : Constants.E_CHARGE * 3 / a / (Constants.EPSILON_0 * sc.relativePermittivity()) * s2 / vacancyScale;
        this.refreshSim = sc == null ? Double.POSITIVE_INFINITY : sc.refreshInterval() / timeScale;
        this.phi = new double[layers];
        this.phiHalf = new double[2 * layers];
        this.table = new double[3 * 2 * layers];
        this.q = new double[layers];
        this.vacanciesPerLayer = new double[layers];
    }

    /**
     * Adds w at half-layer zh to the layer grid: whole at an even zh, split evenly between the two
     * layers around an odd one (the sites on z-edges), so that the charge grid is mirror-symmetric.
     */
    private static void bin(double[] grid, int zh, double w) {
        if ((zh & 1) == 0) {
            grid[zh >> 1] += w;
        } else {
            grid[zh >> 1] += w / 2;
            grid[(zh >> 1) + 1] += w / 2;
        }
    }

    public double[] table() {
        return table;
    }

    /** Potential per cell layer, V (a copy). */
    public double[] potential() {
        return phi.clone();
    }

    public int solves() {
        return solves;
    }

    /** Next Poisson refresh after simulated time t (a drive-grid point), or ∞. */
    public double nextRefresh(double t) {
        if (Double.isInfinite(refreshSim)) return Double.POSITIVE_INFINITY;
        double k = Math.floor(t / refreshSim * (1 + 1e-12)) + 1;
        return k * refreshSim;
    }

    /** Whether the low-z contact is the anode (higher potential) under conditions c. */
    static boolean lowIsAnode(Conditions c) {
        return c.field() >= 0;
    }

    /** Recomputes φ from the applied field (physical V/m in c) and, with space charge, the vacancies in occ. */
    void update(Conditions c, Occupancy occ) {
        int w = device.contactCells();
        int lo = w, hi = cellsZ - w;
        double eSim = c.field() * device.lengthScale();
        double v = eSim * (hi - lo) * a;
        for (int l = 0; l < layers; l++) {
            int lc = Math.max(lo, Math.min(hi, l));
            phi[l] = v * (hi - lc) / (double) (hi - lo);
        }
        if (chargeCoefficient != 0) {
            java.util.Arrays.fill(vacanciesPerLayer, 0);
            for (int id = 0; id < occ.vacancies; id++) bin(vacanciesPerLayer, lattice.zHalf(occ.vacancySite[id]), 1);
            for (int l = lo + 1; l < hi; l++) {
                double excess = siteCount[l] == 0 ? 0 : vacanciesPerLayer[l] / siteCount[l] - meanFraction;
                q[l] = chargeCoefficient * excess;
            }
            Poisson1D.solve(phi, q, lo, hi);
            solves++;
        }
        for (int l = 0; l < layers; l++) {
            phiHalf[2 * l] = phi[l];
            phiHalf[2 * l + 1] = l + 1 < layers ? (phi[l] + phi[l + 1]) / 2 : phi[l];
        }
        double kT = c.kT();
        int n = phiHalf.length;
        for (int zh = 0; zh < n; zh++) {
            for (int dz = -1; dz <= 1; dz++) {
                int zn = zh + dz;
                table[3 * zh + dz + 1] = zn < 0 || zn >= n ? 1 : Math.exp((phiHalf[zh] - phiHalf[zn]) / (2 * kT));
            }
        }
    }

    /** Total electrostatic energy change check (tests): e·Σ_vacancies φ(z), eV. */
    double vacancyEnergy(Occupancy occ) {
        double e = 0;
        for (int id = 0; id < occ.vacancies; id++) e += phiHalf[lattice.zHalf(occ.vacancySite[id])];
        return e;
    }
}
