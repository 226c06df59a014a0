package io.halidekmc.cli;

import io.halidekmc.checkpoint.CheckpointException;
import io.halidekmc.checkpoint.CheckpointFile;
import io.halidekmc.io.yaml.InputException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finding and reading the checkpoint a {@code run} continues from: the one {@code --resume DIR}
 * names, or the one a plain {@code run} finds at its own output path. Every refusal is an
 * {@link InputException} (one line, exit 2) raised before anything is written, so a refused
 * resume leaves the folder, previous outputs included, as it was.
 */
final class Resume {
    private Resume() {}

    /** The only checkpoint in dir ({@code --resume DIR} without a scenario file). */
    static Path onlyCheckpointIn(Path dir) {
        if (!Files.isDirectory(dir)) throw new InputException("--resume " + dir + ": no such folder");
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.checkpoint")) {
            for (Path p : ds) found.add(p);
        } catch (IOException e) {
            throw new InputException("--resume " + dir + ": cannot list the folder (" + e.getMessage() + ")");
        }
        if (found.isEmpty()) {
            throw new InputException("--resume " + dir + ": no checkpoint here (a run that finished removed its own)");
        }
        if (found.size() > 1) {
            throw new InputException("--resume " + dir + ": " + found.size() + " checkpoints here; name the scenario: run SCENARIO --resume " + dir);
        }
        return found.getFirst();
    }

    /** Whether dir holds an unfinished run's checkpoint. */
    static boolean hasCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.checkpoint")) {
            return ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads and checks a checkpoint file; a torn or foreign one is a one-line refusal. */
    static CheckpointFile.Loaded read(Path file) {
        try {
            return CheckpointFile.read(file);
        } catch (CheckpointException e) {
            throw new InputException(e.getMessage());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the checkpoint (" + e.getMessage() + ")");
        }
    }
}
