package io.halidekmc.observe;

import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Segment;
import io.halidekmc.lattice.Species;

import java.util.List;

/**
 * Computes {@link WireFrame}s: the front walks from the contact edge of the Br-richer end segment
 * inwards; migration is counted positive into that segment (003's migration length).
 */
public final class WireObserver {
    /** The front level of 003 (x_Br = 0.55). */
    public static final double LEVEL = 0.55;
    private final int contactCells;
    private final int cellsZ;
    private final double nmPerLayer;
    private final int start, dir;
    private final int brFrom, brTo;   // gap layers of the Br-rich end segment [from, to)
    private final int halfWidth;
    private double front0 = Double.NaN, cl0 = Double.NaN;

    public WireObserver(List<Segment> segments, int cellsZ, int contactCells, double latticeConstantA, double lengthScale) {
        this.contactCells = contactCells;
        this.cellsZ = cellsZ;
        this.nmPerLayer = latticeConstantA / 10 * lengthScale;
        Segment first = segments.getFirst(), last = segments.getLast();
        boolean low = first.fractions()[Species.BR] >= last.fractions()[Species.BR];
        this.dir = low ? 1 : -1;
        this.start = low ? contactCells : cellsZ - contactCells;
        this.brFrom = low ? contactCells : last.fromZ();
        this.brTo = low ? first.toZ() : cellsZ - contactCells + 1;
        // ≈ 3 nm of simulated wire either side: averages a 4 × 4 cross-section's layer noise down to ≈ 0.02
        this.halfWidth = Math.max(1, (int) Math.round(3 / (latticeConstantA / 10)));
    }

    public WireFrame frame(Occupancy o, double time, long[][] stored, double[] potential) {
        long[][] c = Observer.profile(o, time).counts();
        double[] xBr = new double[c.length];
        for (int l = 0; l < c.length; l++) {
            long h = c[l][Species.CL] + c[l][Species.BR] + c[l][Species.I];
            xBr[l] = h == 0 ? Double.NaN : (double) c[l][Species.BR] / h;
        }
        double front = FrontPosition.find(xBr, LEVEL, halfWidth, start, dir);
        long cl = 0, hal = 0;
        for (int l = brFrom; l < brTo && l < c.length; l++) {
            cl += c[l][Species.CL];
            hal += c[l][Species.CL] + c[l][Species.BR] + c[l][Species.I];
        }
        double clFrac = hal == 0 ? Double.NaN : (double) cl / hal;
        if (Double.isNaN(front0)) {
            front0 = front;
            cl0 = clFrac;
        }
        int w = Math.max(2, contactCells);
        double[] contactVac = {vacancyFraction(c, 0, w), vacancyFraction(c, cellsZ + 1 - w, cellsZ + 1)};
        return new WireFrame(time, front * nmPerLayer, dir * (front0 - front) * nmPerLayer, clFrac - cl0, stored,
                contactVac, potential);
    }

    private static double vacancyFraction(long[][] c, int from, int to) {
        long v = 0, all = 0;
        for (int l = Math.max(0, from); l < Math.min(c.length, to); l++) {
            for (int s = 0; s < Species.COUNT; s++) all += c[l][s];
            v += c[l][Species.VACANCY];
        }
        return all == 0 ? Double.NaN : (double) v / all;
    }
}
