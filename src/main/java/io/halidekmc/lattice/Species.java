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
    /**
     * A halide held by a non-perovskite (N) octahedron, code {@code FROZEN + halide} (5..7): it keeps
     * its place and species but cannot hop and is no neighbour in the pair energy, as a cut bond is
     * (engine/event/PhaseEvents). Codes above WALL, so every kernel that moves only codes CL..I and
     * counts only codes below COUNT treats such a site as a wall without a change.
     */
    public static final byte FROZEN = 4;

    private static final String[] NAMES = {"vacancy", "Cl", "Br", "I", "wall", "Cl(N)", "Br(N)", "I(N)"};

    private Species() {}

    public static String name(int code) {
        return NAMES[code];
    }

    public static boolean isHalide(int code) {
        return code >= CL && code <= I;
    }

    /** Whether the code is a halide held by a non-perovskite octahedron ({@link #FROZEN}). */
    public static boolean isFrozen(int code) {
        return code > WALL && code <= FROZEN + I;
    }

    /** The halide a code stands for, frozen or not (the code itself for vacancy, halides and wall). */
    public static int halideOf(int code) {
        return isFrozen(code) ? code - FROZEN : code;
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
