package io.halidekmc.output;

import io.halidekmc.observe.Frame;
import io.halidekmc.observe.Profile;
import io.halidekmc.observe.RadialProfile;
import io.halidekmc.run.RunResult;

import java.util.List;

/**
 * Everything {@link RunPlots} draws, as plain numbers: taken from a run just finished
 * ({@link #of}) or read back from its HDF5 file ({@link RunFile#plotInputs}). The file holds
 * these numbers bit for bit, so both give the same PNGs.
 *
 * @param name            scenario name, for the titles
 * @param time            output times, s
 * @param order           order parameter per output time
 * @param plWavelengths   nm (empty without PL)
 * @param plSpectra       one spectrum per output time (empty without PL)
 * @param plPeaks         PL peak per output time, nm
 * @param profiles        composition along z per profile time (empty when none was recorded)
 * @param latticeConstant Å
 * @param wireScale       a wire device's length scale (physical / simulated along z); NaN without a wire
 * @param wireTime        wire-frame times, s (empty without wire observables)
 * @param migration       front migration into the Br segment per wire frame, nm
 * @param potential       potential per layer per wire frame, V
 * @param radial          core → surface composition per output time (empty unless a nanocrystal or film)
 * @param drives          the drives applied at each output time, drawn under the time plots
 * @param junctionsNm     a wire's segment boundaries along z, physical nm (empty: none, or not in an older file)
 */
public record PlotInputs(String name, double[] time, double[] order, double[] plWavelengths, List<double[]> plSpectra,
                         double[] plPeaks, List<Profile> profiles, double latticeConstant, double wireScale,
                         double[] wireTime, double[] migration, double[][] potential, List<RadialProfile> radial,
                         TimePlots.Drives drives, double[] junctionsNm) {

    public static PlotInputs of(RunResult r) {
        int n = r.frames().size();
        double[] t = new double[n], order = new double[n], kelvin = new double[n], light = new double[n], field = new double[n];
        for (int i = 0; i < n; i++) {
            Frame f = r.frames().get(i);
            t[i] = f.time();
            order[i] = f.order();
            kelvin[i] = f.temperature();
            light[i] = f.light();
            field[i] = f.field();
        }
        var ws = r.wire();
        double[] wt = new double[ws.size()], mig = new double[ws.size()];
        double[][] pot = new double[ws.size()][];
        for (int i = 0; i < ws.size(); i++) {
            wt[i] = ws.get(i).time();
            mig[i] = ws.get(i).migrationNm();
            pot[i] = ws.get(i).potential();
        }
        double scale = r.scenario().wire() == null ? Double.NaN : r.scenario().wire().lengthScale();
        return new PlotInputs(r.scenario().name(), t, order, r.plWavelengths(), r.plSpectra(), r.plPeaks(), r.profiles(),
                r.latticeConstant(), scale, wt, mig, pot, r.radial(), new TimePlots.Drives(t, kelvin, light, field), junctionsNm(r));
    }

    /**
     * Where one segment of a wire meets the next, physical nm from the low-z end: halfway between
     * the last layer of one segment and the first of the next, the profile plots placing layer l at
     * l · a · length scale. (Off the layer grid, the junction line also keeps XChart from putting
     * its ticks on every n-th layer, at values like 1231.96, as it does for equally spaced x.)
     */
    public static double[] junctionsNm(RunResult r) {
        var wire = r.scenario().wire();
        var segments = r.scenario().segments();
        if (wire == null || segments.size() < 2) return new double[0];
        double[] z = new double[segments.size() - 1];
        for (int i = 1; i < segments.size(); i++) z[i - 1] = (segments.get(i).fromZ() - 0.5) * r.latticeConstant() / 10 * wire.lengthScale();
        return z;
    }

    public boolean hasWire() {
        return !Double.isNaN(wireScale);
    }
}
