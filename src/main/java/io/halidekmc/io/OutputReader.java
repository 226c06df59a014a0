package io.halidekmc.io;

import io.halidekmc.io.yaml.YamlNode;

import io.halidekmc.lattice.Geometry;
import io.halidekmc.observe.PlSpectrum;
import io.halidekmc.physics.ConfinementCurve;

import java.util.ArrayList;
import java.util.List;

/** The optional {@code output:} mapping: what a run records besides its summary. */
final class OutputReader {
    /**
     * @param interval  output interval, s
     * @param profiles  record composition profiles along z
     * @param snapshots times at which to store the full occupancy
     * @param pl        synthetic PL settings, or null
     * @param export    snapshot interval and viewer exports
     */
    record Settings(double interval, boolean profiles, List<Double> snapshots, Scenario.Pl pl, Scenario.Export export) {}

    private OutputReader() {}

    /** Defaults: 100 records per run; composition profiles along z for a nanowire only. */
    static Settings read(YamlNode root, double until, Geometry geometry) {
        double interval = until / 100;
        boolean profiles = geometry instanceof Geometry.Nanowire;
        List<Double> snaps = new ArrayList<>();
        Scenario.Export export = Scenario.Export.NONE;
        Scenario.Pl pl = null;
        if (root.has("output")) {
            YamlNode out = root.child("output");
            interval = out.number("interval", interval, 0, until, true);
            profiles = out.bool("profiles", profiles);
            SnapshotReader.Snapshots sn = SnapshotReader.read(out, until);
            snaps = sn.times();
            export = sn.export();
            if (out.has("pl")) {
                YamlNode p = out.child("pl");
                String model = p.choice("model", "funnel", "funnel", "core", "regions");
                int block = (int) p.integer("block_cells", 4L, 1, 64);
                // the size–PL curve only means something where regions are confined
                if (p.has("confinement") && !model.equals("regions")) {
                    throw p.error("confinement", "applies to model: regions only (this file has model: " + model + ")");
                }
                String curve = p.choice("confinement", "table", ConfinementCurve.NAMES);
                if (p.has("exciton_nm") && !model.equals("regions")) {
                    throw p.error("exciton_nm", "applies to model: regions only (this file has model: " + model + ")");
                }
                double exciton = p.number("exciton_nm", 0.0, 0, 100, false);
                p.rejectUnknown("model", "block_cells", "confinement", "exciton_nm");
                pl = new Scenario.Pl(switch (model) {
                    case "funnel" -> PlSpectrum.Model.FUNNEL;
                    case "core" -> PlSpectrum.Model.CORE;
                    default -> PlSpectrum.Model.REGIONS;
                }, block, curve, exciton);
            }
            out.rejectUnknown("interval", "profiles", "snapshots", "pl", "export", "export_vacancies");
        }
        return new Settings(interval, profiles, snaps, pl, export);
    }
}
