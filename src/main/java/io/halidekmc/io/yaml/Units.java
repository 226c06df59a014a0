package io.halidekmc.io.yaml;

import java.util.Map;

/**
 * The unit a range message should state, read from the key path: "allowed: [-1000, 1000]" is
 * not enough when the same field could be meant in V/m or V/µm.
 */
final class Units {
    private Units() {}

    /** Keys named after their quantity; the suffix rule below covers keys named with their unit. */
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("temperature", "K"), Map.entry("field", "V/µm"), Map.entry("bias", "V"),
            Map.entry("light", "W/cm²"), Map.entry("until", "s"), Map.entry("interval", "s"),
            Map.entry("snapshots", "s"), Map.entry("window", "s"), Map.entry("width", "s"),
            Map.entry("period", "s"), Map.entry("start", "s"), Map.entry("reference_temperature", "K"),
            Map.entry("ambient", "K"), Map.entry("refresh_interval", "s"),
            // energies of the physics terms (README "Scenario files": every energy in eV)
            Map.entry("activation", "eV"), Map.entry("reservoir_energy", "eV"), Map.entry("repulsion", "eV"),
            Map.entry("binding", "eV"), Map.entry("formation_energy", "eV"), Map.entry("light_barrier", "eV"),
            Map.entry("reconversion_barrier", "eV"), Map.entry("bromide_cost", "eV"), Map.entry("interface_energy", "eV"),
            Map.entry("iodide_boundary_preference", "eV"),
            Map.entry("attempt_frequency", "1/s"), Map.entry("rate", "1/s"), Map.entry("thermal_rate", "1/s"),
            Map.entry("reconversion_prefactor", "1/s"), Map.entry("light_prefactor", "1/s per W/cm²"),
            Map.entry("alpha", "µm/(V·s)"),
            // lengths counted in lattice cells
            Map.entry("edge_cells", "cells"), Map.entry("length_cells", "cells"), Map.entry("contact_cells", "cells"),
            Map.entry("block_cells", "cells"), Map.entry("coarse_grain", "cells per site"));

    // a per-halide mapping ({Cl: .., Br: .., I: ..}) takes its parent's unit too
    private static final java.util.Set<String> INHERIT = java.util.Set.of("resolution", "base", "peak", "steps", "table", "pulses",
            "csv", "heater", "every", "Cl", "Br", "I");

    private static final String[][] SUFFIXES = {
            {"_nm", "nm"}, {"_s", "s"}, {"_per_K", "1/K"}, {"_K", "K"}, {"_GPa", "GPa"}, {"_per_cm", "1/cm"}, {"_pm", "pm"}, {"_angstrom", "Å"}};

    /** The material: section's keys (issue 21): energies in eV, ν0 in 1/s. */
    private static final Map<String, String> MATERIAL = Map.of("migration_barrier", "eV", "w_BrI", "eV", "w_ClBr", "eV",
            "w_ClI", "eV", "bowing", "eV", "attempt_frequency", "1/s");
    /** A per-halide ({Cl, Br, I}) or per-pair ({ClBr, ClI, BrI}) mapping takes its parent's unit. */
    private static final java.util.Set<String> PER_SPECIES = java.util.Set.of("Cl", "Br", "I", "ClBr", "ClI", "BrI");

    /** " UNIT" for the key path, or "" where the quantity has none (fractions, counts). */
    static String suffix(String keyPath) {
        String u = unit(keyPath);
        return u == null ? "" : " " + u;
    }

    static String unit(String keyPath) {
        String p = keyPath;
        int space = p.indexOf(' ');
        if (space >= 0) p = p.substring(0, space);
        // a schedule's [t, v] row: column 0 is its time, column 1 takes the drive's own unit
        if (p.endsWith("][0]")) return "s";
        String[] parts = p.split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
            String k = parts[i].replaceAll("\\[.*", "");
            // first match wins: SUFFIXES lists _per_K before _K, or an expansion would be stated in K
            for (String[] s : SUFFIXES) if (k.endsWith(s[0])) return s[1];
            String u = NAMED.get(k);
            if (u == null) u = MATERIAL.get(k);
            if (u != null) return u;
            // a drive's resolution, a pulse's base/peak, a schedule's rows are in the drive's unit; snapshots.every in s
            if (!INHERIT.contains(k) && !PER_SPECIES.contains(k)) return null;
        }
        return null;
    }
}
