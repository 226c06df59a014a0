package io.halidekmc.observe;

/**
 * Composition along z at one output time: per cell layer, the counts of vacancy, Cl, Br, I
 * ([layer][species code]).
 */
public record Profile(double time, long[][] counts) {
}
