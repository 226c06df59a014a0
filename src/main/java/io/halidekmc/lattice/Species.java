package io.halidekmc.lattice;

/**
 * Occupants of an anion (X) site, one byte per site. Halides are ordered by ionic radius
 * (TARGETS C9) so that a species code doubles as an index into per-halide parameter tables.
 */
public final class Species {
    public static final byte VACANCY = 0;
    public static final byte CL = 1;
    public static final byte BR = 2;
    public static final byte I = 3;
    /** Not a lattice site: outside a nanocrystal, or the shared sink that stands for a cut bond. */
    public static final byte WALL = 4;

    /** Number of codes that occupy real sites (vacancy and the three halides). */
    public static final int COUNT = 4;

    private static final String[] NAMES = {"vacancy", "Cl", "Br", "I", "wall"};

    private Species() {}

    public static String name(int code) {
        return NAMES[code];
    }

    public static boolean isHalide(int code) {
        return code >= CL && code <= I;
    }

    /** Halide code for a name as written in scenario files (Cl, Br, I), or -1. */
    public static int halideCode(String name) {
        return switch (name) {
            case "Cl" -> CL;
            case "Br" -> BR;
            case "I" -> I;
            default -> -1;
        };
    }
}
