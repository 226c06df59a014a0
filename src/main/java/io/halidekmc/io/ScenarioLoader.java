package io.halidekmc.io;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.drive.Schedule;
import io.halidekmc.drive.Table;
import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.engine.sector.SectorEngine;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.Segment;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.Materials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks a scenario file. Every problem becomes an {@link InputException} naming the
 * file, the key path and what is allowed; nothing is run from a file that fails any check.
 * The format is documented in README.md ("Scenario files").
 */
public final class ScenarioLoader {
    /** Largest lattice we accept, sites: ≈ 64 bytes/site of a 24 GiB machine, with room to spare. */
    private static final long MAX_SITES = 200_000_000L;
    /** Temperature resolution of tabled drives, K (DESIGN §4). */
    public static final double TEMPERATURE_RESOLUTION = 0.05;
    /** Field resolution of tabled drives, V/µm. */
    public static final double FIELD_RESOLUTION = 0.01;

    private ScenarioLoader() {}

    public static Scenario load(Path file) {
        return load(file, Map.of());
    }

    /**
     * Loads a scenario with some values replaced, each named by its dotted key path
     * ({@code drives.light.value}, {@code geometry.edge_nm}): how sweeps and the reduced validation
     * cases vary one scenario without copying it. A path into a non-mapping is an input error.
     */
    public static Scenario load(Path file, Map<String, Object> overrides) {
        String name = file.toString();
        String text = YamlFiles.read(file, "scenario file");
        return parse(text, name, file.toAbsolutePath().getParent(), overrides);
    }

    public static Scenario parse(String text, String file, Path baseDir) {
        return parse(text, file, baseDir, Map.of());
    }

    public static Scenario parse(String text, String file, Path baseDir, Map<String, Object> overrides) {
        Object doc = YamlFiles.parse(text, file, "scenario file");
        doc = Overrides.apply(doc, overrides, file);
        text = Overrides.record(text, overrides);
        YamlNode root = YamlNode.of(file, "", doc);
        String scenarioName = root.string("name", null);
        root.string("description", "");
        long seed = root.integer("seed", 1L, 0, Long.MAX_VALUE);
        double vacancyFraction = root.number("vacancy_fraction", null, 0, 0.5, true);
        double timeScale = 1;
        if (root.has("vacancy_fraction_physical")) {
            double physical = root.number("vacancy_fraction_physical", null, 0, vacancyFraction, true);
            timeScale = vacancyFraction / physical;
        }

        YamlNode geo = root.child("geometry");
        int coarse = 1;
        String type = geo.choice("type", null, "bulk", "nanocrystal", "nanowire");
        Geometry geometry;
        List<Segment> segments = new ArrayList<>();
        double lengthScale = 1;
        int contactCells = -1;
        double[] meanFractions;
        if (type.equals("nanowire")) {
            if (root.has("composition")) {
                throw root.error("composition", "a nanowire takes its composition from geometry.segments; remove this key");
            }
            int[] cross = cells(geo, "cross_section", 2);
            List<Object> segs = geo.list("segments");
            if (segs.isEmpty()) throw geo.error("segments", "needs at least one segment");
            double aMean = meanLatticeConstant(segs, geo);
            lengthScale = geo.number("length_scale", 1.0, 1, 1e4, false);
            if (geo.has("contact_width_nm") && geo.has("contact_cells")) {
                throw geo.error("contact_cells", "give one of contact_width_nm or contact_cells");
            }
            if (geo.has("contact_cells")) contactCells = (int) geo.integer("contact_cells", null, 0, 10_000_000);
            if (geo.has("contact_width_nm")) {
                contactCells = (int) Math.round(geo.number("contact_width_nm", null, 0, 1e6, false) * 10 / aMean / lengthScale);
            }
            int z = 0;
            double[] sum = new double[Species.COUNT];
            for (int i = 0; i < segs.size(); i++) {
                YamlNode s = YamlNode.of(file, geo.key("segments") + "[" + i + "]", segs.get(i));
                int len = lengthCells(s, aMean * lengthScale);
                double[] f = composition(s.child("composition"));
                s.rejectUnknown("length_cells", "length_nm", "composition");
                segments.add(new Segment(z, z + len, f));
                for (int k = 0; k < Species.COUNT; k++) sum[k] += f[k] * len;
                z += len;
            }
            for (int k = 0; k < Species.COUNT; k++) sum[k] /= z;
            meanFractions = sum;
            checkSize(geo, 3L * (cross[0]) * (cross[1]) * (z + 1));
            geometry = new Geometry.Nanowire(cross[0], cross[1], segments);
            geo.rejectUnknown("type", "cross_section", "segments", "length_scale", "contact_width_nm", "contact_cells");
            if (lengthScale != 1 && contactCells < 0) contactCells = 0;
        } else {
            meanFractions = composition(root.child("composition"));
            double a = Material.mixture(meanFractions[1], meanFractions[2], meanFractions[3]).latticeConstant();
            if (type.equals("bulk")) {
                int[] c = cells(geo, "cells", 2);
                checkSize(geo, 3L * c[0] * c[1] * c[2]);
                geometry = new Geometry.Bulk(c[0], c[1], c[2]);
                segments.add(new Segment(0, c[2], meanFractions));
                geo.rejectUnknown("type", "cells");
            } else {
                int edge;
                coarse = (int) geo.integer("coarse_grain", 1L, 1, 16);
                if (coarse > 1 && !geo.has("edge_nm")) {
                    throw geo.error("coarse_grain", "a coarse-grained nanocrystal needs its size as edge_nm (the physical edge)");
                }
                if (geo.has("edge_cells") == geo.has("edge_nm")) {
                    throw geo.error("edge_cells", "give exactly one of edge_cells or edge_nm");
                }
                if (geo.has("edge_cells")) {
                    edge = (int) geo.integer("edge_cells", null, 1, 2000);
                } else {
                    double nm = geo.number("edge_nm", null, 0, 1000, true);
                    edge = (int) Math.round(nm * 10 / (a * coarse));
                    if (edge < 1) throw geo.error("edge_nm", nm + " nm is smaller than one unit cell (" + a / 10 + " nm)");
                }
                checkSize(geo, 3L * (edge + 1) * (edge + 1) * (edge + 1));
                geometry = new Geometry.Nanocrystal(edge);
                segments.add(new Segment(0, edge, meanFractions));
                geo.rejectUnknown("type", "edge_cells", "edge_nm", "coarse_grain");
            }
        }
        Material material = Material.mixture(meanFractions[Species.CL], meanFractions[Species.BR], meanFractions[Species.I]);

        boolean mixing = true, field = true;
        io.halidekmc.physics.WireDevice.ElectrodeSources electrodes = null;
        io.halidekmc.physics.WireDevice.SpaceCharge spaceCharge = null;
        boolean spaceChargeAsked = false;
        io.halidekmc.physics.SurfaceExchange surface = null;
        io.halidekmc.physics.LightRelease lightRelease = null;
        io.halidekmc.physics.CarrierFunnel funnel = null;
        io.halidekmc.physics.Strain strain = null;
        io.halidekmc.physics.Polaron polaron = null;
        long[] reservoir = new long[Species.COUNT];
        if (root.has("physics")) {
            YamlNode ph = root.child("physics");
            mixing = ph.bool("mixing", true);
            field = ph.bool("field", true);
            if (ph.has("attempt_frequency")) {
                double nu = ph.number("attempt_frequency", null, 0, 1e16, true);
                material = new Material(material.name(), material.fractions(), material.latticeConstant(), material.barriers(),
                        material.pairEnergies(), nu);
            }
            if (ph.has("electrodes") || ph.has("space_charge")) {
                if (!(geometry instanceof Geometry.Nanowire)) {
                    throw ph.error(ph.has("electrodes") ? "electrodes" : "space_charge", "needs geometry.type nanowire; geometry.type is " + type);
                }
                if (contactCells < 0) contactCells = 0;
            }
            if (ph.has("electrodes")) electrodes = electrodes(ph, contactCells);
            if (ph.has("space_charge")) {
                spaceChargeAsked = true;
                spaceCharge = spaceCharge(ph);
            }
            if (ph.has("surface_exchange")) {
                if (!(geometry instanceof Geometry.Nanocrystal)) {
                    throw ph.error("surface_exchange", "only a nanocrystal has a surface reservoir; geometry.type is " + type);
                }
                if (timeScale != 1) {
                    throw root.error("vacancy_fraction_physical", "time rescaling assumes a fixed vacancy fraction; "
                            + "with physics.surface_exchange the vacancy population is simulated, so remove this key");
                }
                YamlNode sx = ph.child("surface_exchange");
                surface = surfaceExchange(sx, material, reservoir).coarse(coarse);
            }
            if (ph.has("light_release")) {
                if (surface == null) {
                    throw ph.error("light_release", "needs physics.surface_exchange (the reservoir that takes the released halides)");
                }
                YamlNode lr = ph.child("light_release");
                double wl = lr.number("wavelength_nm", 405.0, 100, 2000, false);
                double alpha = lr.number("absorption_per_cm", null, 0, 1e8, true);
                double tau = lr.number("lifetime_s", null, 0, 1, true);
                double[] k = perHalide(lr, "rate", 0.0, 0, 1e15);
                double[] ea = perHalide(lr, "activation", 0.0, 0, 5);
                double tRef = lr.number("reference_temperature", 300.0, 0, 5000, true);
                lr.rejectUnknown("wavelength_nm", "absorption_per_cm", "lifetime_s", "rate", "activation", "reference_temperature");
                lightRelease = new io.halidekmc.physics.LightRelease(wl, alpha, tau, k, ea, tRef).scaled(1.0 / coarse);
            }
            if (ph.has("carrier_funnel")) {
                YamlNode cf = ph.child("carrier_funnel");
                if (surface != null) {
                    throw ph.error("carrier_funnel", "cannot yet be combined with physics.surface_exchange; use one of them");
                }
                int block = (int) cf.integer("block_cells", 4L, 1, 64);
                boolean fromLight = cf.bool("from_light", false);
                if (fromLight == cf.has("carriers")) {
                    throw cf.error("carriers", "give either carriers (a number per sample) or from_light: true");
                }
                double carriers = fromLight ? 0 : cf.number("carriers", null, 0, 1e9, false);
                if (fromLight) {
                    double alpha = cf.number("absorption_per_cm", null, 0, 1e8, true);
                    double tau = cf.number("lifetime_s", null, 0, 1, true);
                    double wl = cf.number("wavelength_nm", 405.0, 100, 2000, false);
                    lightRelease = lightRelease != null ? lightRelease
                            : new io.halidekmc.physics.LightRelease(wl, alpha, tau, new double[Species.COUNT]);
                }
                cf.rejectUnknown("block_cells", "carriers", "from_light", "absorption_per_cm", "lifetime_s", "wavelength_nm");
                funnel = new io.halidekmc.physics.CarrierFunnel(block, carriers, fromLight, io.halidekmc.physics.BandGap.fitToTargets());
            }
            if (ph.has("strain")) {
                if (!(geometry instanceof Geometry.Nanocrystal)) {
                    throw ph.error("strain", "the strain terms belong to a nanocrystal (its reference lattice and surface); geometry.type is " + type);
                }
                strain = strain(ph.child("strain"));
            }
            if (ph.has("polaron")) {
                YamlNode po = ph.child("polaron");
                if (surface != null) {
                    throw ph.error("polaron", "cannot yet be combined with physics.surface_exchange; use one of them");
                }
                double range = po.number("range_nm", io.halidekmc.physics.Polaron.DEFAULT_RANGE_NM, 0, 1000, true);
                double g = po.number("binding", io.halidekmc.physics.Polaron.DEFAULT_BINDING, -5, 5, false);
                double carriers = 0;
                boolean fromLight = false;
                if (funnel != null) {
                    if (po.has("carriers") || po.has("from_light")) {
                        throw po.error(po.has("carriers") ? "carriers" : "from_light",
                                "the carriers come from physics.carrier_funnel when it is on; remove this key");
                    }
                } else {
                    fromLight = po.bool("from_light", false);
                    if (fromLight == po.has("carriers")) {
                        throw po.error("carriers", "give either carriers (a number per sample) or from_light: true");
                    }
                    carriers = fromLight ? 0 : po.number("carriers", null, 0, 1e9, false);
                    if (fromLight) {
                        double alpha = po.number("absorption_per_cm", null, 0, 1e8, true);
                        double tau = po.number("lifetime_s", null, 0, 1, true);
                        double wl = po.number("wavelength_nm", 405.0, 100, 2000, false);
                        lightRelease = lightRelease != null ? lightRelease
                                : new io.halidekmc.physics.LightRelease(wl, alpha, tau, new double[Species.COUNT]);
                    }
                }
                po.rejectUnknown("range_nm", "binding", "carriers", "from_light", "absorption_per_cm", "lifetime_s", "wavelength_nm");
                int block = funnel != null ? funnel.blockCells() : 1;
                polaron = new io.halidekmc.physics.Polaron(
                        io.halidekmc.physics.Polaron.regionCells(range, material.latticeConstant(), block), g, carriers, fromLight);
            }
            ph.rejectUnknown("mixing", "field", "surface_exchange", "light_release", "carrier_funnel", "attempt_frequency",
                    "electrodes", "space_charge", "strain", "polaron");
        }

        // a site standing for b³ cells: the same diffusion coefficient needs 1/b² the hop rate
        if (coarse > 1) material = material.withAttemptFrequency(material.attemptFrequency() / ((double) coarse * coarse));

        YamlNode run = root.child("run");
        double until = run.number("until", null, 0, 1e9, true);
        long maxEvents = run.integer("max_events", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        run.rejectUnknown("until", "max_events");
        YamlNode dr = root.child("drives");
        Schedule temperature = dr.raw("temperature") instanceof java.util.Map<?, ?> m && m.containsKey("heater")
                ? heater(YamlNode.of(file, dr.key("temperature"), dr.raw("temperature")), until, baseDir)
                : schedule(dr, "temperature", 0, 5000, TEMPERATURE_RESOLUTION, 1, baseDir, true);
        Schedule fieldSchedule = new Schedule.Constant(0);
        if (dr.has("field") && dr.has("bias")) throw dr.error("bias", "give either field (V/µm) or bias (V), not both");
        if (dr.has("field")) {
            fieldSchedule = schedule(dr, "field", -1000, 1000, FIELD_RESOLUTION, 1e6, baseDir, false);
        } else if (dr.has("bias")) {
            // with contacts the bias drops over the gap between them; lengths are physical (× s)
            int gap = geometry.lengthZ() - 2 * Math.max(0, contactCells);
            if (gap < 2) throw geo.error("contact_width_nm", "the contacts leave a gap of " + gap + " cells; need ≥ 2");
            double lengthM = gap * material.latticeConstant() * 1e-10 * lengthScale;
            fieldSchedule = schedule(dr, "bias", -1e4, 1e4, FIELD_RESOLUTION * 1e6 * lengthM, 1 / lengthM, baseDir, false);
        }
        Schedule lightSchedule = new Schedule.Constant(0);
        if (dr.has("light")) lightSchedule = schedule(dr, "light", 0, 1e6, 0.01, 1, baseDir, false);
        dr.rejectUnknown("temperature", "field", "bias", "light");

        String engine = root.choice("engine", "exact", "exact", "sector", "sector-uniformized", "uniformized");
        SectorConfig sector = sectorConfig(root, engine, geometry);
        if ((surface != null || funnel != null) && !engine.equals("exact")) {
            throw root.error("engine", "physics.surface_exchange runs on engine: exact only (the sector engine keeps a fixed vacancy count)");
        }
        if ((strain != null || polaron != null) && !engine.equals("exact")) {
            throw root.error("engine", "physics.strain and physics.polaron run on engine: exact only");
        }


        double interval = until / 100;
        boolean profiles = geometry instanceof Geometry.Nanowire;
        List<Double> snaps = new ArrayList<>();
        Scenario.Pl pl = null;
        if (root.has("output")) {
            YamlNode out = root.child("output");
            interval = out.number("interval", interval, 0, until, true);
            profiles = out.bool("profiles", profiles);
            if (out.has("snapshots")) {
                List<Object> l = out.list("snapshots");
                for (int i = 0; i < l.size(); i++) {
                    snaps.add(out.asNumber(out.key("snapshots") + "[" + i + "]", l.get(i), 0, until, false));
                }
            }
            if (out.has("pl")) {
                YamlNode p = out.child("pl");
                String model = p.choice("model", "funnel", "funnel", "core");
                int block = (int) p.integer("block_cells", 4L, 1, 64);
                p.rejectUnknown("model", "block_cells");
                pl = new Scenario.Pl(model.equals("funnel") ? io.halidekmc.observe.PlSpectrum.Model.FUNNEL
                        : io.halidekmc.observe.PlSpectrum.Model.CORE, block);
            }
            out.rejectUnknown("interval", "profiles", "snapshots", "pl");
        }
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
            if (profiles || !snaps.isEmpty()) {
                throw root.error("film", "profiles and snapshots belong to one sample; remove output.profiles/snapshots for a film");
            }
            film = new Scenario.Film(count, geo.number("edge_nm", null, 0, 1000, true), spread, threads, coarse);
        }
        if (engine.equals("uniformized") && film == null) {
            throw root.error("engine", "uniformized runs a film of equal nanocrystals: add film: {count: N} (geometry nanocrystal), "
                    + "or use exact, sector or sector-uniformized");
        }
        io.halidekmc.physics.WireDevice wire = null;
        if (contactCells >= 0) {
            if (geometry.lengthZ() - 2 * contactCells < 2) {
                throw geo.error("contact_width_nm", "the contacts leave a gap of " + (geometry.lengthZ() - 2 * contactCells)
                        + " cells; need ≥ 2");
            }
            if (electrodes != null && contactCells < 1) {
                throw geo.error("contact_width_nm", "physics.electrodes need contacts at least one cell wide");
            }
            if (!engine.equals("exact")) throw root.error("engine", "a wire device runs on engine: exact only");
            if (!spaceChargeAsked) spaceCharge = new io.halidekmc.physics.WireDevice.SpaceCharge(25, Double.MAX_VALUE);
            if (spaceCharge != null && spaceCharge.refreshInterval() == Double.MAX_VALUE) {
                // default: 1000 Poisson solves per run
                spaceCharge = new io.halidekmc.physics.WireDevice.SpaceCharge(spaceCharge.relativePermittivity(), until / 1000);
            }
            timeScale *= lengthScale * lengthScale;
            wire = new io.halidekmc.physics.WireDevice(contactCells, lengthScale, electrodes, spaceCharge);
        }
        root.rejectUnknown("name", "description", "seed", "vacancy_fraction", "vacancy_fraction_physical", "geometry", "film", "composition", "physics",
                "drives", "engine", "sector", "run", "output");
        return new Scenario(scenarioName, text, file, seed, geometry, segments, vacancyFraction, timeScale, material, mixing, field,
                new DriveProgram(temperature, fieldSchedule, lightSchedule), engine, until, maxEvents, interval, profiles, snaps,
                surface, reservoir, pl, sector, lightRelease, funnel, film, wire, strain, polaron);
    }

    /**
     * physics.electrodes: true (TARGETS B2/C1 defaults) or {thermal_rate: s⁻¹, alpha: µm/V/s or
     * {Cl, Br, I}, formation_energy: eV or {Cl, Br, I}, active: anode|cathode|both,
     * store_sites_per_site, store_fill}.
     */
    private static io.halidekmc.physics.WireDevice.ElectrodeSources electrodes(YamlNode ph, int contactCells) {
        var d = io.halidekmc.physics.WireDevice.ElectrodeSources.targets();
        if (ph.raw("electrodes") instanceof Boolean b) {
            return b ? d : null;
        }
        YamlNode e = ph.child("electrodes");
        double r0 = e.number("thermal_rate", d.thermalRate(), 0, 1e6, true);
        double[] alpha = d.alpha().clone();
        if (e.has("alpha")) {
            double[] given = perHalide(e, "alpha", null, 0, 1e3);
            for (int x = Species.CL; x <= Species.I; x++) alpha[x] = given[x];
        }
        double[] ef = d.formationEnergy().clone();
        if (e.has("formation_energy")) {
            double[] given = perHalide(e, "formation_energy", Double.NaN, 0, 10);
            for (int x = Species.CL; x <= Species.I; x++) ef[x] = given[x];
        }
        String active = e.choice("active", "anode", "anode", "cathode", "both");
        double per = e.number("store_sites_per_site", d.storeSitesPerSite(), 0, 1e6, true);
        double fill = e.number("store_fill", d.storeFill(), 0, 1, true);
        if (!(fill < 1)) throw e.error("store_fill", fill + " is out of range; allowed: (0, 1)");
        e.rejectUnknown("thermal_rate", "alpha", "formation_energy", "active", "store_sites_per_site", "store_fill");
        return new io.halidekmc.physics.WireDevice.ElectrodeSources(r0, alpha, ef, active, per, fill);
    }

    /** physics.space_charge: true/false or {relative_permittivity: 25, refresh_interval: s (physical)}. */
    private static io.halidekmc.physics.WireDevice.SpaceCharge spaceCharge(YamlNode ph) {
        if (ph.raw("space_charge") instanceof Boolean b) {
            return b ? new io.halidekmc.physics.WireDevice.SpaceCharge(25, Double.MAX_VALUE) : null;
        }
        YamlNode sc = ph.child("space_charge");
        double eps = sc.number("relative_permittivity", 25.0, 0, 1e4, true);
        double dt = sc.number("refresh_interval", Double.MAX_VALUE, 0, Double.MAX_VALUE, true);
        sc.rejectUnknown("relative_permittivity", "refresh_interval");
        return new io.halidekmc.physics.WireDevice.SpaceCharge(eps, dt);
    }

    /**
     * physics.strain: {bulk_modulus_GPa, matrix_expansion_per_K, surface_strain, collective,
     * reference: {composition: {Cl, Br, I}, temperature: K}} ({@link io.halidekmc.physics.Strain}).
     */
    private static io.halidekmc.physics.Strain strain(YamlNode st) {
        double k = st.number("bulk_modulus_GPa", io.halidekmc.physics.Strain.DEFAULT_BULK_MODULUS_GPA, 0, 1000, false);
        double alpha = st.number("matrix_expansion_per_K", io.halidekmc.physics.Strain.DEFAULT_MATRIX_EXPANSION, -1e-3, 1e-3, false);
        double eps = st.number("surface_strain", io.halidekmc.physics.Strain.DEFAULT_SURFACE_STRAIN, -0.05, 0.05, false);
        boolean collective = st.bool("collective", true);
        double[] refFractions = null;
        double refT = Double.NaN;
        if (st.has("reference")) {
            YamlNode r = st.child("reference");
            if (r.has("composition")) refFractions = composition(r.child("composition"));
            if (r.has("temperature")) refT = r.number("temperature", null, 0, 5000, true);
            r.rejectUnknown("composition", "temperature");
        }
        st.rejectUnknown("bulk_modulus_GPa", "matrix_expansion_per_K", "surface_strain", "collective", "reference");
        return new io.halidekmc.physics.Strain(k, alpha, refFractions, refT, eps, collective);
    }

    /**
     * drives.temperature: {heater: {on: <schedule of the heater state, 0 off / 1 on>, resolution: K}}:
     * the film temperature of the ITO heater of 001 (two-pole response fitted to TARGETS §A,
     * {@link io.halidekmc.drive.HeaterModel}), cut into steps finer than the resolution.
     */
    private static Schedule heater(YamlNode t, double until, Path baseDir) {
        YamlNode h = t.child("heater");
        t.rejectUnknown("heater");
        Schedule on = schedule(h, "on", 0, 1, 1, 1, baseDir, false);
        double res = h.number("resolution", TEMPERATURE_RESOLUTION, 0, 10, true);
        h.rejectUnknown("on", "resolution");
        return io.halidekmc.drive.HeaterModel.fitToTargets().model().temperature(on, until, res);
    }

    /**
     * physics.surface_exchange: {attempt_frequency, activation: eV or {Cl, Br, I}, reservoir_energy:
     * eV or {Cl, Br, I}, repulsion: eV, reservoir_sites_per_surface_site, initial_reservoir: {Cl, Br, I}}.
     */
    private static io.halidekmc.physics.SurfaceExchange surfaceExchange(YamlNode sx, Material m, long[] reservoir) {
        // up to 1e20: a fitted apparent prefactor can exceed a phonon frequency (activation entropy; CALIBRATION.md)
        double nu = sx.number("attempt_frequency", m.attemptFrequency(), 0, 1e20, true);
        double[] act = perHalide(sx, "activation", null, 0, 5);
        double[] eps = perHalide(sx, "reservoir_energy", null, -5, 5);
        double u = sx.number("repulsion", 0.0, 0, 5, false);
        double per = sx.number("reservoir_sites_per_surface_site", 1.0, 0, 1000, true);
        if (sx.has("initial_reservoir")) {
            YamlNode r = sx.child("initial_reservoir");
            for (String h : new String[] {"Cl", "Br", "I"}) reservoir[Species.halideCode(h)] = r.integer(h, 0L, 0, Integer.MAX_VALUE);
            r.rejectUnknown("Cl", "Br", "I");
        }
        sx.rejectUnknown("attempt_frequency", "activation", "reservoir_energy", "repulsion", "reservoir_sites_per_surface_site",
                "initial_reservoir");
        return new io.halidekmc.physics.SurfaceExchange(nu, act, eps, u, per);
    }

    /** A number for every halide, or a mapping {Cl, Br, I} (missing ones take def, or are required). */
    private static double[] perHalide(YamlNode n, String key, Double def, double min, double max) {
        double[] out = new double[Species.COUNT];
        if (!n.has(key)) {
            if (def == null) throw n.error(key, "missing (eV, a number or a mapping {Cl, Br, I})");
            java.util.Arrays.fill(out, def);
            return out;
        }
        Object v = n.raw(key);
        if (v instanceof Number) {
            double d = n.asNumber(n.key(key), v, min, max, false);
            for (int x = Species.CL; x <= Species.I; x++) out[x] = d;
            return out;
        }
        YamlNode m = YamlNode.of(n.file(), n.key(key), v);
        for (String h : new String[] {"Cl", "Br", "I"}) out[Species.halideCode(h)] = m.number(h, def, min, max, false);
        m.rejectUnknown("Cl", "Br", "I");
        return out;
    }

    /**
     * The optional {@code sector: {window: s, blocks: [bx, by, bz], threads: n}} mapping (sector
     * engine only). Whether the blocks fit the lattice is checked when the engine is built.
     */
    private static SectorConfig sectorConfig(YamlNode root, String engine, Geometry geometry) {
        if (!root.has("sector")) return SectorConfig.defaults();
        if (!engine.startsWith("sector")) {
            throw root.error("sector", "only for engine: sector or sector-uniformized; remove this key or set one of those engines");
        }
        YamlNode sec = root.child("sector");
        double window = sec.number("window", 0.0, 0, 1e9, true);   // absent: 0 = automatic
        int[] blocks = null;
        if (sec.has("blocks")) {
            Object v = sec.raw("blocks");
            if (!(v instanceof List<?> l) || l.size() != 3) {
                throw sec.error("blocks", "expected a list of 3 sector counts like [4, 4, 4], got " + YamlNode.describe(v));
            }
            blocks = new int[3];
            for (int i = 0; i < 3; i++) {
                Object o = l.get(i);
                if (!(o instanceof Integer || o instanceof Long) || ((Number) o).longValue() < 1 || ((Number) o).longValue() > 100_000) {
                    throw InputException.at(sec.file(), sec.key("blocks") + "[" + i + "]",
                            "expected a sector count in [1, 100000] (1 or even on periodic axes), got " + YamlNode.describe(o));
                }
                blocks[i] = ((Number) o).intValue();
            }
        }
        if (blocks != null) {
            boolean[] periodic = switch (geometry) {
                case Geometry.Bulk b -> new boolean[] {true, true, true};
                case Geometry.Nanowire w -> new boolean[] {true, true, false};
                case Geometry.Nanocrystal c -> new boolean[] {false, false, false};
            };
            int[] layers = switch (geometry) {
                case Geometry.Bulk b -> new int[] {b.nx(), b.ny(), b.nz()};
                case Geometry.Nanowire w -> new int[] {w.nx(), w.ny(), w.lengthZ() + 1};
                case Geometry.Nanocrystal c -> new int[] {c.edge() + 1, c.edge() + 1, c.edge() + 1};
            };
            String problem = SectorEngine.blocksProblem(blocks, layers, periodic);
            if (problem != null) throw sec.error("blocks", problem);
        }
        int threads = (int) sec.integer("threads", 1L, 1, 1024);
        sec.rejectUnknown("window", "blocks", "threads");
        return new SectorConfig(window, blocks, threads);
    }

    private static void checkSize(YamlNode geo, long sites) {
        if (sites > MAX_SITES) {
            throw InputException.at(geo.file(), geo.key("type"), "sample has " + sites + " sites; at most " + MAX_SITES + " fit in memory");
        }
    }

    private static int[] cells(YamlNode node, String key, int min) {
        if (!node.has(key)) throw node.error(key, "missing (a list of " + 3 + " or " + 2 + " cell counts)");
        Object v = node.raw(key);
        List<?> l = v instanceof List<?> list ? list : null;
        if (l == null) throw node.error(key, "expected a list of cell counts like [32, 32, 32], got " + YamlNode.describe(v));
        int want = key.equals("cross_section") ? 2 : 3;
        if (l.size() != want) throw node.error(key, "expected " + want + " cell counts, got " + l.size());
        int[] out = new int[want];
        for (int i = 0; i < want; i++) {
            Object o = l.get(i);
            if (!(o instanceof Integer || o instanceof Long)) {
                throw InputException.at(node.file(), node.key(key) + "[" + i + "]", "expected an integer cell count, got " + YamlNode.describe(o));
            }
            long c = ((Number) o).longValue();
            if (c < min || c > 100_000) {
                throw InputException.at(node.file(), node.key(key) + "[" + i + "]", c + " is out of range; allowed: [" + min + ", 100000] cells (periodic axes need ≥ 2)");
            }
            out[i] = (int) c;
        }
        return out;
    }

    private static int lengthCells(YamlNode s, double a) {
        if (s.has("length_cells") == s.has("length_nm")) {
            throw s.error("length_cells", "give exactly one of length_cells or length_nm");
        }
        if (s.has("length_cells")) return (int) s.integer("length_cells", null, 1, 10_000_000);
        double nm = s.number("length_nm", null, 0, 1e6, true);
        int c = (int) Math.round(nm * 10 / a);
        if (c < 1) throw s.error("length_nm", nm + " nm is shorter than one unit cell");
        return c;
    }

    private static double meanLatticeConstant(List<Object> segs, YamlNode geo) {
        // lengths in nm need a lattice constant before the composition is known: use CsPbBr3's
        // (B6: a ≈ 5.8 Å); the error is at most the Vegard spread, ±5 %
        return Materials.CS_PB_BR3.latticeConstant();
    }

    static double[] composition(YamlNode c) {
        double[] f = new double[Species.COUNT];
        double sum = 0;
        for (String h : new String[] {"Cl", "Br", "I"}) {
            double x = c.number(h, 0.0, 0, 1, false);
            f[Species.halideCode(h)] = x;
            sum += x;
        }
        c.rejectUnknown("Cl", "Br", "I");
        if (Math.abs(sum - 1) > 1e-6) {
            throw InputException.at(c.file(), c.key("").replaceAll("\\.$", ""),
                    "halide fractions Cl + Br + I sum to " + sum + "; they must sum to 1");
        }
        return f;
    }

    /**
     * A drive: a number (constant), or one of {steps: [[t, v], ...]}, {pulses: {base, peak, width,
     * period, start, count}}, {table: [[t, v], ...], resolution}, {csv: file, resolution}.
     * Values are multiplied by {@code scale} into SI units after range checks in file units.
     */
    private static Schedule schedule(YamlNode parent, String key, double min, double max, double resolution,
                                     double scale, Path baseDir, boolean minExclusive) {
        String path = parent.key(key);
        Object v = parent.raw(key);
        String file = parent.file();
        if (v instanceof Number) {
            return new Schedule.Constant(scale * parent.asNumber(path, v, min, max, minExclusive));
        }
        YamlNode n = YamlNode.of(file, path, v);
        String allowed = "a number, or a mapping with one of: steps, pulses, table, csv";
        int forms = (n.has("steps") ? 1 : 0) + (n.has("pulses") ? 1 : 0) + (n.has("table") ? 1 : 0) + (n.has("csv") ? 1 : 0);
        if (forms != 1) throw InputException.at(file, path, "expected " + allowed);
        Schedule s;
        if (n.has("steps")) {
            double[][] tv = pairs(n, "steps", min, max, minExclusive);
            double[] t = tv[0], val = tv[1];
            for (int i = 0; i < val.length; i++) val[i] *= scale;
            s = new Schedule.Steps(val[0], t, val);
            n.rejectUnknown("steps");
        } else if (n.has("pulses")) {
            YamlNode p = n.child("pulses");
            double base = p.number("base", null, min, max, minExclusive);
            double peak = p.number("peak", null, min, max, minExclusive);
            double width = p.number("width", null, 0, 1e9, true);
            double period = p.number("period", null, 0, 1e9, true);
            if (!(period > width)) throw p.error("period", "must be longer than width (" + width + " s)");
            double start = p.number("start", 0.0, 0, 1e9, false);
            long count = p.integer("count", 0L, 0, Long.MAX_VALUE);
            p.rejectUnknown("base", "peak", "width", "period", "start", "count");
            n.rejectUnknown("pulses");
            s = new Schedule.PulseTrain(base * scale, peak * scale, width, period, start, count);
        } else {
            double[][] tv;
            if (n.has("table")) {
                tv = pairs(n, "table", min, max, minExclusive);
            } else {
                tv = csv(n, baseDir, min, max, minExclusive);
            }
            double res = n.number("resolution", resolution / scale, 0, 1e9, true);
            n.rejectUnknown("table", "csv", "resolution");
            double[] val = tv[1];
            for (int i = 0; i < val.length; i++) val[i] *= scale;
            s = Table.piecewise(tv[0], val, res * scale);
        }
        return s;
    }

    private static double[][] pairs(YamlNode n, String key, double min, double max, boolean minExclusive) {
        List<Object> rows = n.list(key);
        if (rows.isEmpty()) throw n.error(key, "needs at least one [time, value] pair");
        double[] t = new double[rows.size()], v = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String p = n.key(key) + "[" + i + "]";
            if (!(rows.get(i) instanceof List<?> r) || r.size() != 2) {
                throw InputException.at(n.file(), p, "expected a [time, value] pair");
            }
            t[i] = n.asNumber(p + "[0]", r.get(0), 0, 1e12, false);
            v[i] = n.asNumber(p + "[1]", r.get(1), min, max, minExclusive);
            if (i > 0 && !(t[i] > t[i - 1])) throw InputException.at(n.file(), p + "[0]", "times must increase");
        }
        return new double[][] {t, v};
    }

    private static double[][] csv(YamlNode n, Path baseDir, double min, double max, boolean minExclusive) {
        String name = n.string("csv", null);
        Path p = baseDir == null ? Path.of(name) : baseDir.resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            throw n.error("csv", "cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("[,;\\s]+");
            try {
                rows.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
            } catch (RuntimeException e) {
                if (rows.isEmpty()) continue; // a header line
                throw n.error("csv", p + " line " + (i + 1) + ": expected 'time, value'");
            }
        }
        if (rows.isEmpty()) throw n.error("csv", p + " has no 'time, value' rows");
        double[] t = new double[rows.size()], v = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            t[i] = rows.get(i)[0];
            v[i] = n.asNumber(n.key("csv") + " (" + p.getFileName() + " row " + (i + 1) + ")", rows.get(i)[1], min, max, minExclusive);
            if (i > 0 && !(t[i] > t[i - 1])) throw n.error("csv", p + ": times must increase (row " + (i + 1) + ")");
        }
        return new double[][] {t, v};
    }
}
