package io.halidekmc.run;

import io.halidekmc.io.Scenario;
import io.halidekmc.observe.Frame;
import io.halidekmc.observe.Profile;
import io.halidekmc.observe.Snapshot;

import java.time.Instant;
import java.util.List;

/**
 * Everything one run produced: what the HDF5 and CSV writers store.
 *
 * @param interrupted true when the run was stopped early (Ctrl-C) and ends at {@code endTime}
 * @param wire        wire-device observables per output time (empty without a wire device)
 * @param radial      core → surface composition per output time (empty unless the run is a nanocrystal or film)
 */
public record RunResult(Scenario scenario, String version, String engine, String backend, String backendReason, long seed,
                        Instant wallStart, Instant wallEnd, double endTime, long events, boolean interrupted,
                        int sites, int activeSites, double latticeConstant,
                        List<Frame> frames, List<Profile> profiles, List<Snapshot> snapshots,
                        double[] plWavelengths, List<double[]> plSpectra, List<io.halidekmc.observe.WireFrame> wire,
                        List<io.halidekmc.observe.RadialProfile> radial) {

    /** Without radial profiles. */
    public RunResult(Scenario scenario, String version, String engine, String backend, String backendReason, long seed,
                     Instant wallStart, Instant wallEnd, double endTime, long events, boolean interrupted,
                     int sites, int activeSites, double latticeConstant,
                     List<Frame> frames, List<Profile> profiles, List<Snapshot> snapshots,
                     double[] plWavelengths, List<double[]> plSpectra, List<io.halidekmc.observe.WireFrame> wire) {
        this(scenario, version, engine, backend, backendReason, seed, wallStart, wallEnd, endTime, events, interrupted, sites,
                activeSites, latticeConstant, frames, profiles, snapshots, plWavelengths, plSpectra, wire, List.of());
    }

    /** Without wire-device observables. */
    public RunResult(Scenario scenario, String version, String engine, String backend, String backendReason, long seed,
                     Instant wallStart, Instant wallEnd, double endTime, long events, boolean interrupted,
                     int sites, int activeSites, double latticeConstant,
                     List<Frame> frames, List<Profile> profiles, List<Snapshot> snapshots,
                     double[] plWavelengths, List<double[]> plSpectra) {
        this(scenario, version, engine, backend, backendReason, seed, wallStart, wallEnd, endTime, events, interrupted, sites,
                activeSites, latticeConstant, frames, profiles, snapshots, plWavelengths, plSpectra, List.of());
    }

    /** The same run as written under another scenario's output settings, with these snapshots (the export bench). */
    public RunResult withOutput(Scenario s, List<Snapshot> snaps) {
        return new RunResult(s, version, engine, backend, backendReason, seed, wallStart, wallEnd, endTime, events, interrupted, sites,
                activeSites, latticeConstant, frames, profiles, List.copyOf(snaps), plWavelengths, plSpectra, wire, radial);
    }

    /** PL peak wavelength per frame, nm (empty without PL). */
    public double[] plPeaks() {
        double[] p = new double[plSpectra.size()];
        for (int i = 0; i < p.length; i++) p[i] = io.halidekmc.observe.PlSpectrum.peak(plWavelengths, plSpectra.get(i));
        return p;
    }
}
