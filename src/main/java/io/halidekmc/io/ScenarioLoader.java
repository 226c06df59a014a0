package io.halidekmc.io;

import io.halidekmc.io.yaml.HalideValues;
import io.halidekmc.io.yaml.YamlFiles;
import io.halidekmc.io.yaml.InputException;
import io.halidekmc.io.yaml.YamlNode;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.io.physics.PhysicsBuild;
import io.halidekmc.io.physics.PhysicsSections;
import io.halidekmc.lattice.InitialConfig;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MaterialParameters;
import io.halidekmc.physics.WireDevice;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and checks a scenario file. Every problem becomes an {@link InputException} naming the
 * file, the key path and what is allowed; nothing is run from a file that fails any check.
 * The format is documented in README.md ("Scenario files").
 *
 * <p>Each top-level section has its reader ({@link GeometryReader}, {@link PhysicsSections},
 * {@link DriveReader}, {@link SectorReader}, {@link OutputReader}, {@link FilmReader},
 * {@link WireReader}); this class fixes the order they run in, which is the order in which a
 * file's errors are reported, and what each passes on to the next.
 */
public final class ScenarioLoader {
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
        // without this, a sweep file fails on its first missing scenario key, which says nothing of the mix-up
        if (root.has("grid") && root.has("scenario") && !root.has("geometry")) {
            throw InputException.at(file, "", "this is a sweep file: use `halide-kmc sweep " + file + "`");
        }
        String scenarioName = root.string("name", null);
        root.string("description", "");
        long seed = root.integer("seed", 1L, 0, Long.MAX_VALUE);
        double vacancyFraction = root.number("vacancy_fraction", null, 0, 0.5, true);
        double timeScale = 1;
        if (root.has("vacancy_fraction_physical")) {
            double physical = root.number("vacancy_fraction_physical", null, 0, vacancyFraction, true);
            timeScale = vacancyFraction / physical;
        }

        // the material first: its lattice constants turn the geometry's nm into cells
        MaterialParameters parameters = MaterialReader.read(root);
        YamlNode geo = root.child("geometry");
        GeometryReader.Sample sample = GeometryReader.read(root, geo, parameters);
        PhysicsBuild physics = new PhysicsBuild(root, sample.geometry(), sample.type(), sample.coarse(), timeScale,
                sample.contactCells(), parameters.mixture(sample.meanFractions()));
        physics.useParameters(parameters);
        if (root.has("physics")) PhysicsSections.read(root.child("physics"), physics);

        Material material = physics.material();
        // physics.attempt_frequency replaces the material's ν0: the resolved set records the one the hops use
        parameters = parameters.withAttemptFrequency(material.attemptFrequency());
        int coarse = sample.coarse();
        // a site standing for b³ cells: the same diffusion coefficient needs 1/b² the hop rate
        if (coarse > 1) material = material.withAttemptFrequency(material.attemptFrequency() / ((double) coarse * coarse));

        YamlNode run = root.child("run");
        double until = run.number("until", null, 0, 1e9, true);
        long maxEvents = run.integer("max_events", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        run.rejectUnknown("until", "max_events");
        DriveProgram drive = DriveReader.read(root.child("drives"), until, sample.geometry(), geo, physics.contactCells(),
                material.latticeConstant(), sample.lengthScale(), baseDir);

        String engine = root.choice("engine", "exact", "exact", "sector", "sector-uniformized", "uniformized");
        SectorConfig sector = SectorReader.read(root, engine, sample.geometry());
        physics.requireEngine(engine);
        OutputReader.Settings output = OutputReader.read(root, until, sample.geometry());
        Scenario.Film film = FilmReader.read(root, geo, sample.geometry(), engine, output, coarse);
        InitialConfig initial = InitialReader.read(root, sample.geometry(), material.latticeConstant() * coarse, film != null, baseDir);
        WireDevice wire = WireReader.read(root, geo, sample.geometry(), engine, until, sample.lengthScale(), physics);
        // a wire shrunk s times along z runs s² faster (drift–diffusion invariance, WireDevice)
        if (wire != null) timeScale *= sample.lengthScale() * sample.lengthScale();
        root.rejectUnknown("name", "description", "seed", "vacancy_fraction", "vacancy_fraction_physical", "geometry", "film", "composition", "physics",
                "drives", "engine", "sector", "run", "output", "material", "initial");
        return new Scenario(scenarioName, text, file, seed, sample.geometry(), sample.segments(), vacancyFraction, timeScale, material,
                physics.mixing(), physics.field(), drive, engine, until, maxEvents, output.interval(), output.profiles(),
                output.snapshots(), physics.surface(), physics.reservoir(), output.pl(), sector, physics.lightRelease(),
                physics.funnel(), film, wire, physics.strain(), physics.polaron(), coarse, output.export(), physics.phaseConversion(),
                parameters, initial);
    }

    /** {Cl, Br, I} fractions summing to 1, by species code. */
    static double[] composition(YamlNode c) {
        return HalideValues.composition(c);
    }
}
