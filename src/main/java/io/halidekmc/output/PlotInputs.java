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
 */
public record PlotInputs(String name, double[] time, double[] order, double[] plWavelengths, List<double[]> plSpectra,
                         double[] plPeaks, List<Profile> profiles, double latticeConstant, double wireScale,
                         double[] wireTime, double[] migration, double[][] potential, List<RadialProfile> radial) {

    public static PlotInputs of(RunResult r) {
        int n = r.frames().size();
        double[] t = new double[n], order = new double[n];
        for (int i = 0; i < n; i++) {
            Frame f = r.frames().get(i);
            t[i] = f.time();
            order[i] = f.order();
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
                r.latticeConstant(), scale, wt, mig, pot, r.radial());
    }

    public boolean hasWire() {
        return !Double.isNaN(wireScale);
    }
}
