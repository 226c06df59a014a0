package io.halidekmc.io;

import io.halidekmc.io.yaml.HalideValues;
import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialConfig;

import java.nio.file.Path;

/**
 * The optional {@code initial:} section (README, "Starting configurations"): a file to start from
 * ({@code from:}, a run's HDF5 file or an extended XYZ file) or a generator ({@code type:}).
 * Without it the lattice starts as today's random alloy.
 */
final class InitialReader {
    static final String[] TYPES = {"random", "core_shell", "gradient", "domains"};

    private InitialReader() {}

    /**
     * @param cellAngstrom the edge of one lattice cell, Å (a × coarse grain): what the _nm keys count in
     * @param film         whether the scenario is a film (its crystals start as random alloys)
     */
    static InitialConfig read(YamlNode root, Geometry geometry, double cellAngstrom, boolean film, Path baseDir) {
        if (!root.has("initial")) return new InitialConfig.RandomAlloy();
        YamlNode in = root.child("initial");
        if (film) throw root.error("initial", "a film's crystals each start as a random alloy of composition; initial: is for one sample");
        if (in.has("from") == in.has("type")) {
            throw in.error("type", "give either from: FILE (.h5 or .xyz) or type: " + String.join(" | ", TYPES));
        }
        if (in.has("from")) return fromFile(in, geometry, baseDir);
        String type = in.choice("type", null, TYPES);
        InitialConfig c = switch (type) {
            case "core_shell" -> {
                if (!(geometry instanceof Geometry.Nanocrystal nc)) {
                    throw in.error("type", "core_shell needs a nanocrystal (its shell lies under the six faces)");
                }
                int shell = cells(in, "shell", cellAngstrom, (nc.edge() + 1) / 2);
                yield new InitialConfig.CoreShell(shell, HalideValues.composition(in.child("core")),
                        HalideValues.composition(in.child("shell")));
            }
            case "gradient" -> {
                int axis = "xyz".indexOf(in.choice("axis", "z", "x", "y", "z"));
                yield new InitialConfig.Gradient(axis, HalideValues.composition(in.child("start")),
                        HalideValues.composition(in.child("end")));
            }
            case "domains" -> new InitialConfig.Domains(cells(in, "size", cellAngstrom, Integer.MAX_VALUE),
                    HalideValues.composition(in.child("a")), HalideValues.composition(in.child("b")));
            default -> new InitialConfig.RandomAlloy();
        };
        in.rejectUnknown(allowed(type));
        return c;
    }

    private static String[] allowed(String type) {
        return switch (type) {
            case "core_shell" -> new String[] {"type", "shell_cells", "shell_nm", "core", "shell"};
            case "gradient" -> new String[] {"type", "axis", "start", "end"};
            case "domains" -> new String[] {"type", "size_cells", "size_nm", "a", "b"};
            default -> new String[] {"type"};
        };
    }

    /** {@code <key>_cells} or {@code <key>_nm} (exactly one), in whole cells from 1 to max. */
    private static int cells(YamlNode in, String key, double cellAngstrom, int max) {
        String c = key + "_cells", nm = key + "_nm";
        if (in.has(c) == in.has(nm)) throw in.error(c, "give exactly one of " + c + " or " + nm);
        if (in.has(c)) return (int) in.integer(c, null, 1, max);
        double v = in.number(nm, null, 0, 1e4, true);
        int n = (int) Math.round(v * 10 / cellAngstrom);
        if (n < 1 || n > max) {
            throw in.error(nm, v + " nm is " + n + " cells; allowed: 1 to " + max + " cells of " + cellAngstrom / 10 + " nm");
        }
        return n;
    }

    private static InitialConfig fromFile(YamlNode in, Geometry geometry, Path baseDir) {
        String name = in.string("from", null);
        Object snap = in.has("snapshot") ? in.raw("snapshot") : "last";
        double time;
        if ("last".equals(snap)) {
            time = Double.NaN;
        } else if (snap instanceof Number n) {
            time = in.asNumber(in.key("snapshot"), n, 0, Double.POSITIVE_INFINITY, false);
        } else {
            throw in.error("snapshot", "expected last or a time in s, got " + YamlNode.describe(snap));
        }
        in.rejectUnknown("from", "snapshot");
        Path file = baseDir == null ? Path.of(name) : baseDir.resolve(name);
        String where = in.file() + ": " + in.key("from");
        if (name.endsWith(".xyz") || name.endsWith(".extxyz")) return XyzConfiguration.read(file, name, time, geometry, where);
        return SnapshotConfiguration.read(file, name, time, geometry, where);
    }
}
