package io.halidekmc.checkpoint;

/**
 * What a checkpoint says about itself, readable without restoring it: which code and which run
 * wrote it (checked before anything is restored), where the run had got to, and the command-line
 * values needed to rebuild the run from its scenario file alone ({@code run --resume DIR}).
 *
 * @param scenarioHash SHA-256 of the scenario text with the effective seed, limits and threads
 * @param threads      the {@code --threads} given, 0 when none
 * @param maxEvents    the {@code --max-events} given, 0 when none
 * @param until        the {@code --until} given, NaN when none
 * @param seed         the {@code --seed} given, -1 when none
 */
public record CheckpointHeader(String version, String scenarioHash, String engine, String backend, String scenarioFile,
                               long seed, double until, long maxEvents, int threads, double simTime, long events,
                               String written) {
    public CheckpointHeader {
        for (String s : new String[] {version, scenarioHash, engine, backend, scenarioFile, written}) {
            if (s == null) throw new IllegalArgumentException("checkpoint header: a text field is null");
        }
    }
}
