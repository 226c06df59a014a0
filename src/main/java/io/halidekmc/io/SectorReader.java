package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.io.yaml.YamlNode;

import io.halidekmc.engine.sector.SectorConfig;
import io.halidekmc.engine.sector.SectorEngine;
import io.halidekmc.lattice.Geometry;

import java.util.List;

/** The optional {@code sector:} mapping (sector engines only). */
final class SectorReader {
    private SectorReader() {}

    /**
     * {@code sector: {window: s, blocks: [bx, by, bz], threads: n}}. The blocks are checked against
     * the lattice here, so a bad split fails at load time with its key path rather than in the engine.
     */
    static SectorConfig read(YamlNode root, String engine, Geometry geometry) {
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
}
