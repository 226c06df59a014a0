package io.halidekmc.io;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.Segment;
import io.halidekmc.physics.Material;

import java.util.List;

/**
 * One checked scenario file (DESIGN §1). Values are in SI units here (the file's V/µm already
 * converted to V/m).
 *
 * @param name            scenario name
 * @param text            the file's text, stored in /meta so a run can be repeated from its output
 * @param source          file it came from
 * @param seed            master seed
 * @param geometry        sample shape
 * @param segments        initial composition by z slab (one segment for bulk and nanocrystals)
 * @param vacancyFraction vacancies per active X site
 * @param timeScale       physical seconds per simulated second: vacancy_fraction over
 *                        vacancy_fraction_physical when the file gives the latter, else 1 (DESIGN §3)
 * @param material        mixture parameters
 * @param mixing          mixing term on
 * @param field           field term on
 * @param drive           temperature and field schedules
 * @param engine          engine name ("exact" or "sector")
 * @param until           simulated end time, s
 * @param maxEvents       hop limit
 * @param interval        output interval, s
 * @param profiles        record composition profiles along z
 * @param snapshots       times at which to store the full occupancy
 * @param surfaceExchange surface release/refill with a reservoir (nanocrystals), or null
 * @param initialReservoir halides in the reservoir at t = 0, by species code
 * @param pl              synthetic PL settings, or null for none
 * @param lightRelease    light-driven surface release (non-equilibrium), or null
 * @param carrierFunnel   carrier funnelling (light-driven free energy), or null
 * @param film            a film of nanocrystals with a size distribution, or null for one sample
 * @param strain          strain terms (collective misfit and surface strain, nanocrystals), or null
 * @param polaron         polaron strain term (light-driven carrier free energy), or null
 * @param sector          sector-engine settings (used when engine is "sector")
 * @param wire            a biased nanowire device (contacts, electrode sources, space charge), or null
 * @param coarseGrain     cells per lattice site along an edge (geometry.coarse_grain, 1: atomistic); what a
 *                        count of sites means physically (a monolayer of a coarse crystal is its surface sites / b)
 * @param export          snapshot interval and viewer files
 * @param phaseConversion octahedra converting to a non-perovskite phase, or null
 * @param parameters      the resolved material parameters (material:, physics.attempt_frequency), recorded in /meta
 * @param initial         how the lattice is filled at t = 0 (initial:; default the random alloy of segments)
 */
public record Scenario(String name, String text, String source, long seed, Geometry geometry, List<Segment> segments,
                       double vacancyFraction, double timeScale, Material material, boolean mixing, boolean field, DriveProgram drive,
                       String engine, double until, long maxEvents, double interval, boolean profiles,
                       List<Double> snapshots, io.halidekmc.physics.SurfaceExchange surfaceExchange,
                       long[] initialReservoir, Pl pl, SectorConfig sector,
                       io.halidekmc.physics.LightRelease lightRelease, io.halidekmc.physics.CarrierFunnel carrierFunnel,
                       Film film, io.halidekmc.physics.WireDevice wire,
                       io.halidekmc.physics.Strain strain, io.halidekmc.physics.Polaron polaron, int coarseGrain,
                       Export export, io.halidekmc.physics.PhaseConversion phaseConversion,
                       io.halidekmc.physics.MaterialParameters parameters, io.halidekmc.lattice.InitialConfig initial) {

    /**
     * Simulated over physical vacancy fraction, F (the time scale without the wire's s² factor).
     */
    public double vacancyScale() {
        double s = wire == null ? 1 : wire.lengthScale();
        return timeScale / (s * s);
    }

    /**
     * count nanocrystals, edges normal around geometry.edge_nm with this spread, on threads; each
     * lattice site stands for coarseGrain³ cells (1: atomistic).
     */
    public record Film(int count, double meanEdgeNm, double spreadNm, int threads, int coarseGrain) {
    }


    /**
     * Synthetic PL: emission model, the local-state block edge in cells, and the size–PL curve the
     * regions model confines with (a {@link io.halidekmc.physics.ConfinementCurve} name; unused by the others).
     */
    public record Pl(io.halidekmc.observe.PlSpectrum.Model model, int blockCells, String confinement, double excitonNm) {
    }

    /**
     * Snapshots every {@code every} seconds (0: only the listed times), and the viewer files written
     * from them beside the HDF5 file: extended XYZ (OVITO, ASE) and an XDMF sidecar (ParaView,
     * meshio); {@code vacancies}: whether the XYZ frames list vacant sites (as species X).
     */
    public record Export(double every, boolean xyz, boolean xdmf, boolean vacancies) {
        public static final Export NONE = new Export(0, false, false, true);

        public Export {
            if (!(every >= 0)) throw new IllegalArgumentException("snapshot interval must be ≥ 0");
        }

        /**
         * 0, every, 2·every, … up to until: each the decimal product i × every rounded once, so the
         * third of every 2.5e-9 s is the 7.5e-9 a reader writes (i·every in doubles gives
         * 7.500000000000001e-9, and summing drifts further).
         */
        public java.util.List<Double> times(double until) {
            java.math.BigDecimal step = java.math.BigDecimal.valueOf(every);
            java.util.List<Double> t = new java.util.ArrayList<>();
            for (long i = 0, n = count(until); i < n; i++) {
                t.add(Math.min(step.multiply(java.math.BigDecimal.valueOf(i)).doubleValue(), until));
            }
            return t;
        }

        /** How many times {@link #times} gives, computed without listing them. */
        public long count(double until) {
            return java.math.BigDecimal.valueOf(until).divideToIntegralValue(java.math.BigDecimal.valueOf(every)).longValueExact() + 1;
        }
    }

    public Scenario {
        if (!(timeScale >= 1)) throw new IllegalArgumentException("time scale must be ≥ 1");
        if (export == null) export = Export.NONE;
        segments = List.copyOf(segments);
        snapshots = List.copyOf(snapshots);
        if (sector == null) sector = SectorConfig.defaults();
        if (coarseGrain < 1) throw new IllegalArgumentException("coarse grain must be ≥ 1");
        if (parameters == null) parameters = io.halidekmc.physics.MaterialParameters.defaults();
        if (initial == null) initial = new io.halidekmc.lattice.InitialConfig.RandomAlloy();
    }

    public Scenario withSeed(long s) {
        return new Scenario(name, text, source, s, geometry, segments, vacancyFraction, timeScale, material, mixing, field, drive,
                engine, until, maxEvents, interval, profiles, snapshots, surfaceExchange, initialReservoir, pl, sector, lightRelease, carrierFunnel, film, wire, strain, polaron, coarseGrain, export, phaseConversion, parameters, initial);
    }

    /** The sector engine's thread count replaced (run --threads); results do not depend on it. */
    public Scenario withThreads(int threads) {
        return new Scenario(name, text, source, seed, geometry, segments, vacancyFraction, timeScale, material, mixing, field, drive,
                engine, until, maxEvents, interval, profiles, snapshots, surfaceExchange, initialReservoir, pl,
                sector.withThreads(threads), lightRelease, carrierFunnel,
                film == null ? null : new Film(film.count(), film.meanEdgeNm(), film.spreadNm(), threads, film.coarseGrain()), wire, strain, polaron, coarseGrain, export, phaseConversion, parameters, initial);
    }

    /** New limits; snapshots taken at an interval run on to the new end (InputException past the snapshot limit). */
    public Scenario withLimits(double newUntil, long newMaxEvents) {
        if (export.every() > 0 && export.count(newUntil) > SnapshotReader.MAX_SNAPSHOTS) {
            throw new io.halidekmc.io.yaml.InputException(source + ": --until " + newUntil + ": output.snapshots.every = "
                    + SnapshotReader.tooMany(export.every(), export.count(newUntil), newUntil));
        }
        return new Scenario(name, text, source, seed, geometry, segments, vacancyFraction, timeScale, material, mixing, field, drive,
                engine, newUntil, newMaxEvents, Math.min(interval, newUntil), profiles,
                export.every() > 0 ? export.times(newUntil) : snapshots, surfaceExchange,
                initialReservoir, pl, sector, lightRelease, carrierFunnel, film, wire, strain, polaron, coarseGrain, export, phaseConversion, parameters, initial);
    }
}
