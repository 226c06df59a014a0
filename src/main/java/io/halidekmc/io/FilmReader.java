package io.halidekmc.io;

import io.halidekmc.io.yaml.YamlNode;

import io.halidekmc.lattice.Geometry;

/** The optional {@code film:} mapping: many nanocrystals run as one sample. */
final class FilmReader {
    private FilmReader() {}

    /**
     * The film, or null for one sample. Also rejects engine: uniformized without a film, since
     * that engine exists only to run a film's equal nanocrystals on one lattice.
     */
    static Scenario.Film read(YamlNode root, YamlNode geo, Geometry geometry, String engine, OutputReader.Settings output,
                              int coarse) {
        Scenario.Film film = null;
        if (root.has("film")) {
            YamlNode fm = root.child("film");
            if (!(geometry instanceof Geometry.Nanocrystal) || !geo.has("edge_nm")) {
                throw root.error("film", "a film is made of nanocrystals: needs geometry.type nanocrystal with edge_nm (the mean edge)");
            }
            if (!engine.equals("exact") && !engine.equals("uniformized")) {
                throw root.error("engine", "films run on engine: exact (one engine per nanocrystal) or uniformized (equal nanocrystals, GPU-capable)");
            }
            int count = (int) fm.integer("count", null, 1, 100_000);
            double spread = fm.number("spread_nm", 0.0, 0, 1000, false);
            if (engine.equals("uniformized") && spread != 0) {
                throw fm.error("spread_nm", "engine: uniformized runs equal nanocrystals (one lattice for all); set 0 or use engine: exact");
            }
            int threads = (int) fm.integer("threads", 1L, 1, 1024);
            fm.rejectUnknown("count", "spread_nm", "threads");
            if (output.profiles() || !output.snapshots().isEmpty()) {
                throw root.error("film", "profiles and snapshots belong to one sample; remove output.profiles/snapshots for a film");
            }
            film = new Scenario.Film(count, geo.number("edge_nm", null, 0, 1000, true), spread, threads, coarse);
        }
        if (engine.equals("uniformized") && film == null) {
            throw root.error("engine", "uniformized runs a film of equal nanocrystals: add film: {count: N} (geometry nanocrystal), "
                    + "or use exact, sector or sector-uniformized");
        }
        return film;
    }
}
