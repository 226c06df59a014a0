package io.halidekmc.checkpoint;

/**
 * A state that cannot be captured (an object of a kind the codec does not know), or a checkpoint
 * that does not fit the engine it is restored into. One line, said as it is to the user.
 */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
