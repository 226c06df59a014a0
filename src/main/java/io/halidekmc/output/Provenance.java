package io.halidekmc.output;

import io.halidekmc.run.RunResult;

import java.net.InetAddress;
import java.util.Locale;

/**
 * What a finished file must say about how it came to be, beyond the scenario: the command, the
 * build, the machine and why the run stopped. A file that cannot answer "what was run and why
 * did it end" cannot be trusted or repeated.
 *
 * @param commandLine the full command, or "" where there was none (a sweep point, a test)
 * @param commit      the build's git commit, "+dirty" when the tree had changes, or "unknown"
 * @param stopReason  until, max-events, interrupted: SIGINT|SIGTERM, or error: …
 */
public record Provenance(String commandLine, String commit, String host, int threads, String stopReason) {

    /** For writers called without a command (sweep points, tests): the rest is still known. */
    public static Provenance of(RunResult r) {
        return new Provenance("", BuildInfo.commit(), localHost(), threads(r), stopReason(r, null));
    }

    /** The stop reason the result itself tells; {@code signal} names the interrupt where known. */
    public static String stopReason(RunResult r, String signal) {
        if (r.interrupted()) return "interrupted" + (signal != null ? ": " + signal : "");
        // the engine stops at the first limit reached: fewer hops than the cap means it reached until
        return r.events() >= r.scenario().maxEvents() ? "max-events" : "until";
    }

    /** Worker threads the engine ran with: the film's or the sector engine's (1 for the exact engine). */
    public static int threads(RunResult r) {
        var s = r.scenario();
        if (s.film() != null) return s.film().threads();
        return s.sector() != null ? s.sector().threads() : 1;
    }

    public static String localHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            return "unknown";
        }
    }

    /**
     * The scenario as it ran: the file's text with the values the command line may have changed
     * appended as YAML comments, so the text still parses and states the effective seed and limits.
     */
    public static String resolvedScenario(RunResult r) {
        var s = r.scenario();
        String text = s.text().endsWith("\n") ? s.text() : s.text() + "\n";
        return text + String.format(Locale.ROOT, "# resolved (after command-line overrides): seed: %d, until: %s s, max_events: %s, threads: %d%n",
                r.seed(), s.until(), s.maxEvents() == Long.MAX_VALUE ? "none" : Long.toString(s.maxEvents()), threads(r));
    }
}
