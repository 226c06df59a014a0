package io.halidekmc.bench;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.engine.exact.LinearScanEngine;
import io.halidekmc.engine.Rng;
import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.engine.sector.SectorEngine;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.Material;
import io.halidekmc.physics.MixingTerm;

import java.util.List;

/**
 * The standard benchmark problems of the exact-engine issue, shared by the {@code bench} command
 * and the JMH benchmarks: CsPbBr1.2I1.8, 1 % vacancies, mixing on, 300 K.
 */
public enum BenchProblem {
    /** (a) 64³-cell periodic box. */
    BOX64("box64", "64^3-cell periodic CsPbBr1.2I1.8 box, 1% vacancies, mixing on, 300 K"),
    /** (b) one 23 nm cube nanocrystal (39 cells of the Vegard lattice constant 5.966 Å). */
    NC23("nc23", "one 23 nm cube CsPbBr1.2I1.8 nanocrystal, free surfaces, 1% vacancies, mixing on, 300 K");

    public static final double BR = 0.4, I = 0.6, VACANCIES = 0.01, TEMPERATURE = 300;
    public final String id;
    public final String description;

    BenchProblem(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public Material material() {
        return Material.mixture(0, BR, I);
    }

    public Geometry geometry() {
        return switch (this) {
            case BOX64 -> new Geometry.Bulk(64, 64, 64);
            case NC23 -> new Geometry.Nanocrystal((int) Math.round(230 / material().latticeConstant()));
        };
    }

    public Occupancy occupancy(long seed) {
        Lattice lat = geometry().lattice();
        return InitialState.randomAlloy(lat, InitialState.fractions(0, BR, I), VACANCIES, Rng.stream(seed, 0));
    }

    public ExactEngine exactEngine(long seed) {
        return new ExactEngine(occupancy(seed), material(), List.of(new MixingTerm()),
                DriveProgram.constant(TEMPERATURE, 0), Rng.stream(seed, 1));
    }

    /** Sectors per axis of the sector-engine benchmark: 16-cell slabs on BOX64, 8 sectors per colour. */
    public static final int[] SECTOR_BLOCKS = {4, 4, 4};

    /** The sector engine on this problem (its default window), with the given worker threads. */
    public SectorEngine sectorEngine(long seed, int threads) {
        return new SectorEngine(occupancy(seed), material(), List.of(new MixingTerm()),
                DriveProgram.constant(TEMPERATURE, 0), seed, new SectorConfig(0, SECTOR_BLOCKS, threads));
    }

    public LinearScanEngine baselineEngine(long seed) {
        return new LinearScanEngine(occupancy(seed), material(), List.of(new MixingTerm()),
                new Conditions(TEMPERATURE, 0), Rng.stream(seed, 1));
    }

    public static BenchProblem byId(String id) {
        for (BenchProblem p : values()) if (p.id.equals(id)) return p;
        return null;
    }
}
