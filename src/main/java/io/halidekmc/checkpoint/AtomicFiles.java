package io.halidekmc.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Write-to-temporary, fsync, rename: a file appears at its final path only complete, and after a
 * power cut or {@code kill -9} at any instant the final path holds the previous file or the new
 * one, never a torn one. The temporary is {@code .NAME.tmp} beside the target; one left by a killed
 * process is never renamed into place and is removed by the next write or {@link #removeStale}.
 */
public final class AtomicFiles {
    /** Suffix of the hidden temporaries; a finished file never has it. */
    public static final String TMP_SUFFIX = ".tmp";

    private AtomicFiles() {}

    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    /** The hidden temporary of {@code target}. */
    public static Path temporaryOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + TMP_SUFFIX);
    }

    /** Writes through {@link #temporaryOf}, forces it to disk, renames it over target, forces the folder. */
    public static void write(Path target, Writer writer) throws IOException {
        Path tmp = temporaryOf(target);
        try {
            // a temporary left by a killed writer must not leak into this one (an append, a stale tail)
            Files.deleteIfExists(tmp);
            writer.write(tmp);
            force(tmp, false);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            // the rename itself lives in the folder's metadata: without this a crash can undo it
            force(target.toAbsolutePath().getParent(), true);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Removes the temporaries a killed writer left in {@code dir} for files whose names start with
     * {@code stem}; returns how many.
     */
    public static int removeStale(Path dir, String stem) throws IOException {
        int n = 0;
        if (!Files.isDirectory(dir)) return 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "." + globEscape(stem) + "*" + TMP_SUFFIX)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) n++;
            }
        }
        return n;
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static void force(Path p, boolean folder) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open or sync a folder; the file itself was synced
            if (!folder) throw e;
        }
    }
}
