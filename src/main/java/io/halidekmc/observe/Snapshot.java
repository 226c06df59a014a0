package io.halidekmc.observe;

/** The species code of every stored site at one time (WALL padding included, sink excluded). */
public record Snapshot(double time, byte[] species) {
}
