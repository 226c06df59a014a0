package io.halidekmc.lattice;

import java.util.List;

/** Sample shapes (DESIGN §2). Each builds its lattice; segments give the initial composition along z. */
public sealed interface Geometry permits Geometry.Bulk, Geometry.Nanocrystal, Geometry.Nanowire {

    Lattice lattice();

    /** Sample length along z (the field axis), cells. */
    int lengthZ();

    /** Periodic bulk box of nx × ny × nz cells. */
    record Bulk(int nx, int ny, int nz) implements Geometry {
        public Bulk {
            if (nx < 2 || ny < 2 || nz < 2) throw new IllegalArgumentException("a periodic box needs ≥ 2 cells per axis");
        }

        @Override
        public Lattice lattice() {
            return new Lattice(nx, ny, nz, true, true, true);
        }

        @Override
        public int lengthZ() {
            return nz;
        }
    }

    /** Cube nanocrystal of the given edge in cells, free surfaces on all six faces. */
    record Nanocrystal(int edge) implements Geometry {
        public Nanocrystal {
            if (edge < 1) throw new IllegalArgumentException("edge must be ≥ 1 cell");
        }

        @Override
        public Lattice lattice() {
            return new Lattice(edge, edge, edge, false, false, false);
        }

        @Override
        public int lengthZ() {
            return edge;
        }
    }

    /**
     * Wire along z: a reduced cross-section with lateral periodic boundaries (so micrometre-long
     * wires fit in memory), open ends where the contacts sit, segments of different composition.
     */
    record Nanowire(int nx, int ny, List<Segment> segments) implements Geometry {
        public Nanowire {
            if (nx < 2 || ny < 2) throw new IllegalArgumentException("cross-section needs ≥ 2 cells per axis (periodic)");
            if (segments.isEmpty()) throw new IllegalArgumentException("a wire needs at least one segment");
            segments = List.copyOf(segments);
        }

        @Override
        public int lengthZ() {
            return segments.getLast().toZ();
        }

        @Override
        public Lattice lattice() {
            return new Lattice(nx, ny, lengthZ(), true, true, false);
        }
    }
}
