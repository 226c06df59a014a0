package io.halidekmc.engine;

/** A backend cannot run here; the message is the reason, logged and recorded when the CPU backend takes over. */
public final class BackendUnavailable extends Exception {
    public BackendUnavailable(String reason) {
        super(reason);
    }

    public BackendUnavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
