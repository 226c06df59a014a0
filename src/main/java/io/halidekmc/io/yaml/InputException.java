package io.halidekmc.io.yaml;

/**
 * Bad user input (scenario file, flag, path): reported as one line and exit code 2, never a
 * stack trace. The message names the file, the key path and what is allowed.
 */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message, null, false, false);
    }

    public static InputException at(String file, String keyPath, String problem) {
        return new InputException(file + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + problem);
    }
}
