package io.halidekmc.engine;

import java.util.Objects;

/** The words a run reports for a failure, the same whichever thread the failure happened on. */
public final class Failures {
    private Failures() {}

    /**
     * The message of e, looking through the copies a parallel stream makes: an exception thrown on
     * a fork/join worker reaches the caller as a new exception of the same class whose message is
     * {@code cause.toString()} (ForkJoinTask.getThrowableException), one thrown on the caller's
     * own thread arrives as itself. Both give the original message here, so a reason text does not
     * depend on which thread ran the failing member.
     */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause().getClass() == t.getClass()
                && Objects.equals(t.getMessage(), t.getCause().toString())) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
