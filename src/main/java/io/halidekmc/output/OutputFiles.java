package io.halidekmc.output;

import io.halidekmc.io.yaml.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output folder checks and write-to-temporary-then-rename, so no half-written file is ever left. */
public final class OutputFiles {
    private OutputFiles() {}

    /** Creates the folder if needed and checks it can be written; InputException otherwise. */
    public static Path prepareFolder(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new InputException(dir + ": --out must be a folder, but this is a file");
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException(dir + ": cannot create output folder (" + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new InputException(dir + ": output folder is not writable");
        }
        return dir;
    }

    public interface Writer extends io.halidekmc.checkpoint.AtomicFiles.Writer {}

    /**
     * Writes to a hidden temporary name beside target, forces it to disk, then renames it over
     * target ({@link io.halidekmc.checkpoint.AtomicFiles}): never a half-written file at target.
     */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        io.halidekmc.checkpoint.AtomicFiles.write(target, writer);
    }
}
