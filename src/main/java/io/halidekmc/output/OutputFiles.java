package io.halidekmc.output;

import io.halidekmc.io.yaml.InputException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    /** Writes to a hidden temporary name beside target, then renames it over target. */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
