package io.halidekmc.output;

import io.halidekmc.run.RunResult;
import io.halidekmc.lattice.Species;
import io.halidekmc.observe.Frame;
import io.halidekmc.observe.Profile;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One HDF5 file per run (DESIGN §7): /meta (scenario text, version, seed, engine, backend, wall
 * times), /timeseries (one dataset per observable), /profiles (composition along z),
 * /snapshots (occupancy at requested times, site positions). Written whole at the end via jhdf;
 * the viewer files a scenario asks for ({@link ViewerExport}) follow it.
 * Every group is written only with a dataset in it (jhdf corrupts a childless group, see
 * {@link Hdf5Layout}), and the file is parsed back before it replaces the target.
 */
public final class Hdf5Writer {
    private Hdf5Writer() {}

    public static void write(RunResult r, Path target) throws IOException {
        write(r, target, Provenance.of(r));
    }

    public static void write(RunResult r, Path target, Provenance prov) throws IOException {
        SitePositions pos = r.snapshots().isEmpty() ? null : SitePositions.of(r.scenario(), r.latticeConstant());
        OutputFiles.writeAtomically(target, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                meta(f.putGroup("meta"), r, prov);
                timeseries(f.putGroup("timeseries"), r);
                strain(f, r.frames());
                profiles(f, r);
                SnapshotDatasets.write(f, r, pos);
                if (!r.wire().isEmpty()) wire(f.putGroup("wire"), r);
                if (!r.plSpectra().isEmpty()) {
                    WritableGroup pl = f.putGroup("pl");
                    pl.putAttribute("model", r.scenario().pl().model().name().toLowerCase());
                    pl.putAttribute("block_cells", (long) r.scenario().pl().blockCells());
                    if (r.scenario().pl().model() == io.halidekmc.observe.PlSpectrum.Model.REGIONS) {
                        pl.putAttribute("confinement", r.scenario().pl().confinement());
                    }
                    pl.putAttribute("description", "synthetic PL per output time: spectrum [time][wavelength], normalised per frame");
                    Units.put(pl, "wavelength_nm", r.plWavelengths(), "nm");
                    Units.put(pl, "spectrum", r.plSpectra().toArray(new double[0][]), Units.NONE);
                    Units.put(pl, "peak_nm", r.plPeaks(), "nm");
                }
                Hdf5Layout.requireNoChildlessGroup(f);
            } catch (RuntimeException e) {
                throw new IOException("HDF5 write failed: " + e.getMessage(), e);
            }
            Hdf5Layout.verifyReadable(tmp);
        });
        // after the HDF5 file is in place: the XDMF sidecar points into it
        ViewerExport.write(r, target, pos);
    }

    /** The length the field acts over, m, so bias = field × this (the CSV's bias column uses it too). */
    static double biasLength(RunResult r) {
        var wd = r.scenario().wire();
        // with a device the bias drops over the physical gap between the contacts
        return wd == null ? r.scenario().geometry().lengthZ() * r.latticeConstant() * 1e-10
                : (r.scenario().geometry().lengthZ() - 2 * wd.contactCells()) * r.latticeConstant() * 1e-10 * wd.lengthScale();
    }

    private static void meta(WritableGroup g, RunResult r, Provenance prov) {
        g.putAttribute("version", r.version());
        g.putAttribute("commit", prov.commit());
        g.putAttribute("command_line", prov.commandLine());
        g.putAttribute("host", prov.host());
        g.putAttribute("threads", (long) prov.threads());
        g.putAttribute("stop_reason", prov.stopReason());
        // the effective limits, after --until/--max-events (seed is the effective one too)
        g.putAttribute("until_s", r.scenario().until());
        g.putAttribute("max_events", r.scenario().maxEvents());
        g.putAttribute("scenario_name", r.scenario().name());
        g.putAttribute("scenario_file", r.scenario().source());
        g.putAttribute("seed", r.seed());
        g.putAttribute("engine", r.engine());
        g.putAttribute("backend", r.backend());
        g.putAttribute("backend_reason", r.backendReason());
        g.putAttribute("material", r.scenario().material().name());
        g.putAttribute("initial", r.scenario().initial().describe());
        g.putAttribute("lattice_constant_angstrom", r.latticeConstant());
        g.putAttribute("sites", (long) r.sites());
        g.putAttribute("active_sites", (long) r.activeSites());
        g.putAttribute("wall_start", r.wallStart().toString());
        g.putAttribute("wall_end", r.wallEnd().toString());
        g.putAttribute("end_time_s", r.endTime());
        g.putAttribute("time_scale", r.scenario().timeScale());
        g.putAttribute("time_scale_note", timeScaleNote(r.scenario().timeScale()));
        g.putAttribute("events", r.events());
        g.putAttribute("interrupted", r.interrupted() ? "yes" : "no");
        g.putAttribute("java", System.getProperty("java.version"));
        double[] junctions = PlotInputs.junctionsNm(r);
        if (junctions.length > 0) g.putAttribute("junctions_nm", junctions);
        Units.put(g, "scenario", new String[] {Provenance.resolvedScenario(r)}, Units.NONE);
        Units.put(g, "material_parameters", new String[] {resolvedParameters(r.scenario())}, Units.NONE);
    }

    /**
     * The resolved material: section (every value, defaults included, as a scenario file takes it
     * back) and, as a comment, the resolved phase conversion rates, so the file alone repeats the run.
     */
    static String resolvedParameters(io.halidekmc.io.Scenario s) {
        String text = io.halidekmc.physics.MaterialTable.yaml(s.parameters());
        return s.phaseConversion() == null ? text : text + "# physics.phase_conversion (rates per simulated second): " + s.phaseConversion() + "\n";
    }

    /**
     * /strain (physics.strain on): time_s and epsilon, the misfit ε per output time (film: NC mean).
     * Only written when the run has strain; an all-NaN dataset would say nothing.
     */
    private static void strain(io.jhdf.WritableHdfFile f, List<Frame> frames) {
        int n = frames.size();
        double[] t = new double[n], e = new double[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            t[i] = frames.get(i).time();
            e[i] = frames.get(i).strain();
            any |= Double.isFinite(e[i]);
        }
        if (!any) return;
        WritableGroup g = f.putGroup("strain");
        Units.put(g, "time_s", t, "s");
        Units.put(g, "epsilon", e, Units.NONE);
    }

    private static void timeseries(WritableGroup g, RunResult r) {
        for (TimeseriesColumns.Column c : TimeseriesColumns.all()) {
            var d = Units.put(g, c.name(), c.values(r), c.unit());
            if (c.description() != null) d.putAttribute("description", c.description());
        }
    }

    /** /profiles, only when profiles along z or radial profiles were recorded. */
    private static void profiles(WritableGroup parent, RunResult r) {
        List<Profile> ps = r.profiles();
        if (ps.isEmpty() && r.radial().isEmpty()) return;
        WritableGroup g = parent.putGroup("profiles");
        if (!r.radial().isEmpty()) RadialDatasets.write(g.putGroup("radial"), r);
        if (ps.isEmpty()) {
            g.putAttribute("description", "radial: core → surface composition, see /profiles/radial");
            return;
        }
        g.putAttribute("description", "site counts per cell layer along z: [time][layer]; radial: core → surface, see /profiles/radial");
        int n = ps.size(), layers = ps.getFirst().counts().length;
        double[] t = new double[n];
        double[] z = new double[layers];
        for (int l = 0; l < layers; l++) z[l] = l * r.latticeConstant() / 10;
        String[] names = {"vacancy", "Cl", "Br", "I"};
        long[][][] c = new long[Species.COUNT][n][layers];
        for (int i = 0; i < n; i++) {
            t[i] = ps.get(i).time();
            for (int l = 0; l < layers; l++) {
                for (int s = 0; s < Species.COUNT; s++) c[s][i][l] = ps.get(i).counts()[l][s];
            }
        }
        Units.put(g, "time_s", t, "s");
        Units.put(g, "z_nm", z, "nm");
        for (int s = 0; s < Species.COUNT; s++) Units.put(g, "count_" + names[s], c[s], "counts");
    }

    /** /wire: the device observables (front, migration, Cl entering the Br segment, electrode stores, potential). */
    private static void wire(WritableGroup g, RunResult r) {
        var wd = r.scenario().wire();
        var ws = r.wire();
        int n = ws.size();
        g.putAttribute("description", "wire device: front (x_Br = 0.55) and migration into the Br-rich end segment in physical nm, "
                + "Cl fraction entered into that segment, halides stored in the electrodes (0 low-z, 1 high-z), "
                + "vacancy fraction under each contact (the Pb0 signal of 000), potential per layer [time][layer]");
        g.putAttribute("length_scale", wd.lengthScale());
        g.putAttribute("vacancy_scale", r.scenario().vacancyScale());
        g.putAttribute("contact_cells", (long) wd.contactCells());
        g.putAttribute("scale_note", "simulated wire = physical wire / length_scale along z; simulated time × time_scale = physical "
                + "(time_scale = vacancy_scale × length_scale²); the cross-section is reduced, periodic");
        g.putAttribute("space_charge", wd.spaceCharge() == null ? "off" : "on, eps_r = " + wd.spaceCharge().relativePermittivity()
                + ", refresh every " + wd.spaceCharge().refreshInterval() + " s");
        g.putAttribute("electrodes", wd.sources() == null ? "off" : "on, active at the " + wd.sources().active());
        double[] t = new double[n], front = new double[n], mig = new double[n], cl = new double[n], v0 = new double[n], v1 = new double[n];
        String[] names = {"vacancy", "Cl", "Br", "I"};
        long[][][] stored = new long[2][Species.COUNT][n];
        double[][] pot = new double[n][];
        for (int i = 0; i < n; i++) {
            var w = ws.get(i);
            t[i] = w.time();
            front[i] = w.frontNm();
            mig[i] = w.migrationNm();
            cl[i] = w.clInBr();
            v0[i] = w.contactVacancy()[0];
            v1[i] = w.contactVacancy()[1];
            pot[i] = w.potential();
            for (int e = 0; e < 2; e++) for (int x = Species.CL; x <= Species.I; x++) stored[e][x][i] = w.stored()[e][x];
        }
        Units.put(g, "time_s", t, "s");
        Units.put(g, "front_nm", front, "nm");
        Units.put(g, "migration_nm", mig, "nm");
        Units.put(g, "cl_into_br_segment", cl, Units.NONE);
        Units.put(g, "contact_vacancy_low", v0, Units.NONE);
        Units.put(g, "contact_vacancy_high", v1, Units.NONE);
        for (int e = 0; e < 2; e++) {
            for (int x = Species.CL; x <= Species.I; x++) Units.put(g, "stored_" + (e == 0 ? "low_" : "high_") + names[x], stored[e][x], "counts");
        }
        double[] z = new double[pot[0].length];
        for (int l = 0; l < z.length; l++) z[l] = l * r.latticeConstant() / 10 * wd.lengthScale();
        Units.put(g, "z_nm", z, "nm");
        Units.put(g, "potential_V", pot, "V");
    }

    /** What time_s means: with no physical vacancy fraction given (time scale 1) it is the simulated time itself (issue 22). */
    static String timeScaleNote(double timeScale) {
        return timeScale == 1
                ? "time_s is the simulated time (no vacancy_fraction_physical given, so time_scale = 1)"
                : "time_s is physical time: simulated time × vacancy_fraction / vacancy_fraction_physical";
    }
}
