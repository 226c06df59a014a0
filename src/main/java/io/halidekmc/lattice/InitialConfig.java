package io.halidekmc.lattice;

import org.apache.commons.rng.UniformRandomProvider;

import java.util.Arrays;
import java.util.List;

/**
 * How a run's lattice is filled at t = 0 (scenario key {@code initial:}): the random alloy of the
 * scenario's composition (the default), one of the structured starts researchers use, or a
 * configuration read from a file. The generators fill each region of the crystal as a random
 * alloy with exact counts and then place the scenario's vacancies uniformly, as
 * {@link InitialState#randomAlloy} does; a configuration from a file brings its own vacancies.
 */
public sealed interface InitialConfig {

    /**
     * @param segments        the scenario's composition by z slab (used by the random alloy)
     * @param vacancyFraction vacancies per active site (ignored by {@link Given})
     */
    Occupancy build(Lattice lattice, List<Segment> segments, double vacancyFraction, UniformRandomProvider rng);

    /** One line for /meta/initial. */
    String describe();

    /** Today's default: each segment a random alloy of its composition. */
    record RandomAlloy() implements InitialConfig {
        @Override
        public Occupancy build(Lattice lattice, List<Segment> segments, double vacancyFraction, UniformRandomProvider rng) {
            return InitialState.randomAlloy(lattice, segments, vacancyFraction, rng);
        }

        @Override
        public String describe() {
            return "random alloy";
        }
    }

    /**
     * A core of one composition inside a shell of another: every site less than shellCells cells
     * from an open face is shell (a nanocrystal's six faces).
     */
    record CoreShell(int shellCells, double[] core, double[] shell) implements InitialConfig {
        @Override
        public Occupancy build(Lattice lattice, List<Segment> segments, double vacancyFraction, UniformRandomProvider rng) {
            int[] n = {lattice.cellsX(), lattice.cellsY(), lattice.cellsZ()};
            return RegionFill.fill(lattice, (p) -> {
                int depth = Integer.MAX_VALUE;
                for (int a = 0; a < 3; a++) {
                    if (!lattice.periodic(a)) depth = Math.min(depth, Math.min(p[a], 2 * n[a] - p[a]));
                }
                return depth < 2 * shellCells ? 1 : 0;
            }, new double[][] {core, shell}, vacancyFraction, rng);
        }

        @Override
        public String describe() {
            return "core-shell: shell " + shellCells + " cells " + RegionFill.formula(shell) + ", core " + RegionFill.formula(core);
        }
    }

    /** A composition changing linearly along one axis, cell layer by cell layer, from start to end. */
    record Gradient(int axis, double[] start, double[] end) implements InitialConfig {
        @Override
        public Occupancy build(Lattice lattice, List<Segment> segments, double vacancyFraction, UniformRandomProvider rng) {
            int n = new int[] {lattice.cellsX(), lattice.cellsY(), lattice.cellsZ()}[axis];
            double[][] f = new double[n][Species.COUNT];
            for (int l = 0; l < n; l++) {
                double t = (l + 0.5) / n;
                for (int x = Species.CL; x <= Species.I; x++) f[l][x] = start[x] + (end[x] - start[x]) * t;
            }
            // the closing face of an open axis (half coordinate 2n) belongs to the last layer
            return RegionFill.fill(lattice, p -> Math.min(p[axis] >> 1, n - 1), f, vacancyFraction, rng);
        }

        @Override
        public String describe() {
            return "gradient along " + "xyz".charAt(axis) + ": " + RegionFill.formula(start) + " to " + RegionFill.formula(end);
        }
    }

    /** Pre-segregated: cubic domains of sizeCells cells, alternating composition a and b like a 3D checkerboard. */
    record Domains(int sizeCells, double[] a, double[] b) implements InitialConfig {
        @Override
        public Occupancy build(Lattice lattice, List<Segment> segments, double vacancyFraction, UniformRandomProvider rng) {
            int[] n = {lattice.cellsX(), lattice.cellsY(), lattice.cellsZ()};
            return RegionFill.fill(lattice, p -> {
                int sum = 0;
                for (int ax = 0; ax < 3; ax++) sum += Math.min(p[ax] >> 1, n[ax] - 1) / sizeCells;
                return sum & 1;
            }, new double[][] {a, b}, vacancyFraction, rng);
        }

        @Override
        public String describe() {
            return "domains of " + sizeCells + " cells: " + RegionFill.formula(a) + " | " + RegionFill.formula(b);
        }
    }

    /**
     * A configuration read from a file (a run's snapshot, an extended XYZ frame): the species of
     * every stored site, WALL padding included, its vacancies its own.
     */
    record Given(byte[] species, String source) implements InitialConfig {
        @Override
        public Occupancy build(Lattice lattice, List<Segment> segments, double vacancyFraction, UniformRandomProvider rng) {
            if (species.length != lattice.sites()) {
                throw new IllegalArgumentException("configuration of " + species.length + " sites for a lattice of " + lattice.sites());
            }
            return new Occupancy(lattice, Arrays.copyOf(species, lattice.sites() + 1));
        }

        @Override
        public String describe() {
            return source;
        }
    }
}
