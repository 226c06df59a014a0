package io.halidekmc.io;

import io.halidekmc.io.yaml.HalideValues;
import io.halidekmc.io.yaml.InputException;
import io.halidekmc.io.yaml.YamlNode;

import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.Segment;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.MaterialParameters;

import java.util.ArrayList;
import java.util.List;

/** The {@code geometry:} mapping with the initial composition (top-level, or per wire segment). */
final class GeometryReader {
    /** Largest lattice we accept, sites: ≈ 64 bytes/site of a 24 GiB machine, with room to spare. */
    private static final long MAX_SITES = 200_000_000L;

    /**
     * @param type          geometry.type as written
     * @param meanFractions the sample's mean composition, by species code
     * @param coarse        cells per site along an edge (1: atomistic)
     * @param lengthScale   physical per simulated length along a wire (1 elsewhere)
     * @param contactCells  wire contact width in cells, or −1 when the file gives none
     */
    record Sample(String type, Geometry geometry, List<Segment> segments, double[] meanFractions, int coarse,
                  double lengthScale, int contactCells) {}

    private GeometryReader() {}

    /** @param material the scenario's material: its lattice constants turn the nm keys into cells */
    static Sample read(YamlNode root, YamlNode geo, MaterialParameters material) {
        String type = geo.choice("type", null, "bulk", "nanocrystal", "nanowire");
        if (type.equals("nanowire")) return nanowire(root, geo, type, material);
        double[] meanFractions = HalideValues.composition(root.child("composition"));
        double a = material.mixture(meanFractions).latticeConstant();
        List<Segment> segments = new ArrayList<>();
        if (type.equals("bulk")) {
            int[] c = cells(geo, "cells", 2);
            checkSize(geo, 3L * c[0] * c[1] * c[2]);
            Geometry geometry = new Geometry.Bulk(c[0], c[1], c[2]);
            segments.add(new Segment(0, c[2], meanFractions));
            geo.rejectUnknown("type", "cells");
            return new Sample(type, geometry, segments, meanFractions, 1, 1, -1);
        }
        int edge;
        int coarse = (int) geo.integer("coarse_grain", 1L, 1, 16);
        if (coarse > 1 && !geo.has("edge_nm")) {
            throw geo.error("coarse_grain", "a coarse-grained nanocrystal needs its size as edge_nm (the physical edge)");
        }
        if (geo.exactlyOne("give exactly one of edge_cells or edge_nm", "edge_cells", "edge_nm").equals("edge_cells")) {
            edge = (int) geo.integer("edge_cells", null, 1, 2000);
        } else {
            double nm = geo.number("edge_nm", null, 0, 1000, true);
            edge = (int) Math.round(nm * 10 / (a * coarse));
            if (edge < 1) throw geo.error("edge_nm", nm + " nm is smaller than one unit cell (" + a / 10 + " nm)");
        }
        checkSize(geo, 3L * (edge + 1) * (edge + 1) * (edge + 1));
        Geometry geometry = new Geometry.Nanocrystal(edge);
        segments.add(new Segment(0, edge, meanFractions));
        geo.rejectUnknown("type", "edge_cells", "edge_nm", "coarse_grain");
        return new Sample(type, geometry, segments, meanFractions, coarse, 1, -1);
    }

    private static Sample nanowire(YamlNode root, YamlNode geo, String type, MaterialParameters material) {
        if (root.has("composition")) {
            throw root.error("composition", "a nanowire takes its composition from geometry.segments; remove this key");
        }
        int[] cross = cells(geo, "cross_section", 2);
        List<Object> segs = geo.list("segments");
        if (segs.isEmpty()) throw geo.error("segments", "needs at least one segment");
        double aMean = meanLatticeConstant(material);
        double lengthScale = geo.number("length_scale", 1.0, 1, 1e4, false);
        if (geo.has("contact_width_nm") && geo.has("contact_cells")) {
            throw geo.error("contact_cells", "give one of contact_width_nm or contact_cells");
        }
        int contactCells = -1;
        if (geo.has("contact_cells")) contactCells = (int) geo.integer("contact_cells", null, 0, 10_000_000);
        if (geo.has("contact_width_nm")) {
            contactCells = (int) Math.round(geo.number("contact_width_nm", null, 0, 1e6, false) * 10 / aMean / lengthScale);
        }
        List<Segment> segments = new ArrayList<>();
        int z = 0;
        double[] sum = new double[Species.COUNT];
        for (int i = 0; i < segs.size(); i++) {
            YamlNode s = YamlNode.of(geo.file(), geo.key("segments") + "[" + i + "]", segs.get(i));
            int len = lengthCells(s, aMean * lengthScale);
            double[] f = HalideValues.composition(s.child("composition"));
            s.rejectUnknown("length_cells", "length_nm", "composition");
            segments.add(new Segment(z, z + len, f));
            for (int k = 0; k < Species.COUNT; k++) sum[k] += f[k] * len;
            z += len;
        }
        for (int k = 0; k < Species.COUNT; k++) sum[k] /= z;
        checkSize(geo, 3L * (cross[0]) * (cross[1]) * (z + 1));
        Geometry geometry = new Geometry.Nanowire(cross[0], cross[1], segments);
        geo.rejectUnknown("type", "cross_section", "segments", "length_scale", "contact_width_nm", "contact_cells");
        // the wire device carries the length scale (and the s² of time), so a scaled wire is one, with bare ends
        if (lengthScale != 1 && contactCells < 0) contactCells = 0;
        return new Sample(type, geometry, segments, sum, 1, lengthScale, contactCells);
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
        if (s.exactlyOne("give exactly one of length_cells or length_nm", "length_cells", "length_nm").equals("length_cells")) return (int) s.integer("length_cells", null, 1, 10_000_000);
        double nm = s.number("length_nm", null, 0, 1e6, true);
        int c = (int) Math.round(nm * 10 / a);
        if (c < 1) throw s.error("length_nm", nm + " nm is shorter than one unit cell");
        return c;
    }

    private static double meanLatticeConstant(MaterialParameters material) {
        // lengths in nm need a lattice constant before the composition is known: use CsPbBr3's
        // (B6: a ≈ 5.8 Å); the error is at most the Vegard spread, ±5 %
        return material.latticeConstant()[Species.BR];
    }
}
