package io.halidekmc.output;

import io.halidekmc.run.RunResult;
import io.halidekmc.lattice.Species;
import io.halidekmc.observe.Profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The standard PNGs of one run: order parameter vs time and, where recorded, Br profiles along z. */
public final class RunPlots {
    private RunPlots() {}

    public static List<Path> write(RunResult r, Path dir, String stem) throws IOException {
        return write(PlotInputs.of(r), dir, stem);
    }

    /** The same PNGs from plain inputs: those of a run just finished, or read back from its file ({@code halide-kmc plot}). */
    public static List<Path> write(PlotInputs r, Path dir, String stem) throws IOException {
        List<Path> written = new ArrayList<>();
        double[] t = r.time();
        Path p = dir.resolve(stem + "-order.png");
        TimePlots.write(p, r.name() + ": segregation order parameter", "order parameter",
                List.of(new Plots.Series("order", t, r.order())), r.drives());
        written.add(p);
        if (!r.plSpectra().isEmpty()) {
            p = dir.resolve(stem + "-pl-image.png");
            Plots.spectralImage(p, r.name() + ": synthetic PL", t, r.plWavelengths(),
                    r.plSpectra().toArray(new double[0][]));
            written.add(p);
            p = dir.resolve(stem + "-pl-peak.png");
            TimePlots.write(p, r.name() + ": PL peak", "peak wavelength (nm)",
                    List.of(new Plots.Series("peak", t, r.plPeaks())), r.drives());
            written.add(p);
        }
        double zScale = r.hasWire() ? r.wireScale() : 1;
        // a wire is microns long: its axes in µm (1231.96 nm ticks read badly), a crystal's in nm
        double zUnit = r.hasWire() ? 1000 : 1;
        String zTitle = r.hasWire() ? WIRE_Z : "z (nm)";
        if (!r.profiles().isEmpty()) {
            List<Plots.Series> series = new ArrayList<>();
            List<Plots.Series> vacancies = new ArrayList<>();
            int np = r.profiles().size();
            for (int idx : new int[] {0, np / 4, np / 2, 3 * np / 4, np - 1}) {
                Profile pr = r.profiles().get(idx);
                if (!series.isEmpty() && series.getLast().name().equals(label(pr.time()))) continue;
                int layers = pr.counts().length;
                double[] z = new double[layers], xbr = new double[layers], xv = new double[layers];
                for (int l = 0; l < layers; l++) {
                    long[] c = pr.counts()[l];
                    long hal = c[Species.CL] + c[Species.BR] + c[Species.I];
                    z[l] = l * r.latticeConstant() / 10 * zScale / zUnit;
                    xbr[l] = hal == 0 ? Double.NaN : (double) c[Species.BR] / hal;
                    xv[l] = hal + c[Species.VACANCY] == 0 ? Double.NaN : (double) c[Species.VACANCY] / (hal + c[Species.VACANCY]);
                }
                // the vacancy profile of a reduced cross-section is a few sites per layer: smooth it to be readable
                xv = io.halidekmc.observe.FrontPosition.smooth(xv, Math.max(1, layers / 100));
                series.add(new Plots.Series(label(pr.time()), z, xbr));
                vacancies.add(new Plots.Series(label(pr.time()), z, xv));
            }
            if (r.hasWire()) {
                p = dir.resolve(stem + "-vacancy-profiles.png");
                Plots.lines(p, r.name() + ": vacancy fraction along z (smoothed)", zTitle, "x_V", withJunctions(vacancies, r));
                written.add(p);
            }
            p = dir.resolve(stem + "-profiles.png");
            Plots.lines(p, r.name() + ": Br fraction along z", zTitle, "x_Br", withJunctions(series, r));
            written.add(p);
            if (r.hasWire() && r.junctionsNm().length > 0) {
                p = dir.resolve(stem + "-profiles-junction.png");
                double j = r.junctionsNm()[0] / 1000;
                double half = JUNCTION_ZOOM * series.getFirst().x()[series.getFirst().x().length - 1];
                Plots.lines(p, r.name() + ": Br fraction near the junction (±" + AxisLabels.sig3(half) + " µm)", zTitle, "x_Br",
                        withJunctions(window(series, j - half, j + half), r));
                written.add(p);
            }
        }
        if (r.wireTime().length > 0) written.addAll(wirePlots(r, dir, stem));
        if (!r.radial().isEmpty()) written.add(radialPlot(r, dir, stem));
        return written;
    }

    /**
     * Composition against shell radius at the first and last frame: a crystal that segregates in
     * space shows the I and Br curves cross between core and surface; one that only loses iodide
     * shows them shift in parallel.
     */
    private static Path radialPlot(PlotInputs r, Path dir, String stem) throws IOException {
        List<Plots.Series> series = new ArrayList<>();
        String[] names = {"vacancy", "Cl", "Br", "I"};
        var first = r.radial().getFirst();
        var last = r.radial().getLast();
        for (var p : first == last ? List.of(first) : List.of(first, last)) {
            for (int sp : new int[] {Species.I, Species.BR, Species.VACANCY}) {
                double[] y = new double[p.shells()];
                for (int k = 0; k < y.length; k++) y[k] = p.fraction(k, sp);
                series.add(new Plots.Series("x_" + names[sp] + ", " + label(p.time()), p.radius(), y));
            }
        }
        Path png = dir.resolve(stem + "-radial.png");
        Plots.lines(png, r.name() + ": composition core → surface (last shell = surface layer)",
                "shell radius (model lattice cells)", "fraction of the shell's sites", series);
        return png;
    }

    private static List<Path> wirePlots(PlotInputs r, Path dir, String stem) throws IOException {
        List<Path> written = new ArrayList<>();
        int n = r.wireTime().length;
        double[] t = r.wireTime(), mig = r.migration();
        Path p = dir.resolve(stem + "-migration.png");
        TimePlots.write(p, r.name() + ": front migration into the Br segment", "migration (nm)",
                List.of(new Plots.Series("x_Br = 0.55 front", t, mig)), r.drives());
        written.add(p);
        List<Plots.Series> pots = new ArrayList<>();
        double s = r.wireScale();
        for (int idx : new int[] {0, n / 4, n / 2, 3 * n / 4, n - 1}) {
            double[] phi = r.potential()[idx];
            double[] z = new double[phi.length];
            for (int l = 0; l < z.length; l++) z[l] = l * r.latticeConstant() / 10 * s / 1000;
            String name = label(t[idx]);
            if (!pots.isEmpty() && pots.getLast().name().equals(name)) continue;
            pots.add(new Plots.Series(name, z, phi));
        }
        p = dir.resolve(stem + "-potential.png");
        Plots.lines(p, r.name() + ": potential along z", WIRE_Z, "potential (V)", withJunctions(pots, r));
        written.add(p);
        return written;
    }

    static final String WIRE_Z = "z (µm, physical)";
    /** The junction zoom shows this share of the wire's length on either side of the first junction. */
    static final double JUNCTION_ZOOM = 0.1;

    /**
     * The curves plus one vertical line per junction, spanning the curves' finite values: where
     * the Br and Cl segments met at t = 0, so migration across it is seen without counting ticks.
     */
    static List<Plots.Series> withJunctions(List<Plots.Series> curves, PlotInputs r) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Plots.Series c : curves) {
            for (double v : c.y()) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        List<Plots.Series> out = new ArrayList<>(curves);
        if (!(hi >= lo)) return out;
        double[] j = r.junctionsNm();
        for (int i = 0; i < j.length; i++) {
            double x = j[i] / 1000;
            out.add(new Plots.Series(j.length == 1 ? Plots.MARKER : Plots.MARKER + " " + (i + 1), new double[] {x, x}, new double[] {lo, hi}));
        }
        return out;
    }

    /** The parts of the curves with x in [from, to]. */
    static List<Plots.Series> window(List<Plots.Series> curves, double from, double to) {
        List<Plots.Series> out = new ArrayList<>();
        for (Plots.Series c : curves) {
            int n = 0;
            for (double x : c.x()) if (x >= from && x <= to) n++;
            double[] x = new double[n], y = new double[n];
            for (int i = 0, k = 0; i < c.x().length; i++) {
                if (c.x()[i] >= from && c.x()[i] <= to) {
                    x[k] = c.x()[i];
                    y[k++] = c.y()[i];
                }
            }
            out.add(new Plots.Series(c.name(), x, y));
        }
        return out;
    }

    private static String label(double t) {
        AxisLabels.TimeUnit u = AxisLabels.timeUnit(t);
        return "t = " + AxisLabels.sig3(u.of(t)) + " " + u.name();
    }
}
