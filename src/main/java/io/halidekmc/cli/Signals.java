package io.halidekmc.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Which signal ended a run: a shutdown hook cannot tell SIGINT from SIGTERM, so a handler notes
 * the name and passes the signal on to the JVM's own handler, which runs the hooks as before.
 * Where sun.misc.Signal is missing (a runtime without jdk.unsupported) the name stays unknown.
 */
final class Signals implements AutoCloseable {
    private volatile String caught;
    private final List<Object[]> previous = new ArrayList<>();

    Signals() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal sig = new Signal(name);
                SignalHandler[] old = new SignalHandler[1];
                old[0] = Signal.handle(sig, s -> {
                    caught = "SIG" + s.getName();
                    if (old[0] == SignalHandler.SIG_IGN) return;
                    try {
                        old[0].handle(s);
                    } catch (UnsupportedOperationException defaultHandler) {
                        Runtime.getRuntime().exit(128 + s.getNumber());
                    }
                });
                previous.add(new Object[] {sig, old[0]});
            } catch (IllegalArgumentException | LinkageError unavailable) {
                // -Xrs or no jdk.unsupported: the stop reason says "interrupted" without a name
            }
        }
    }

    /** "SIGINT", "SIGTERM", or null when no signal was seen. */
    String caught() {
        return caught;
    }

    @Override
    public void close() {
        for (Object[] p : previous) {
            try {
                Signal.handle((Signal) p[0], (SignalHandler) p[1]);
            } catch (IllegalArgumentException ignored) {
                // the JVM is shutting down with the signal in hand: nothing left to restore
            }
        }
    }
}
