package io.halidekmc.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aStaleTemporaryFromAKilledWriterNeverReachesTheTarget() throws IOException {
        Path target = dir.resolve("run.csv");
        // what kill -9 during a write leaves: a torn temporary longer than the new content
        Files.writeString(AtomicFiles.temporaryOf(target), "torn torn torn torn torn torn torn");
        AtomicFiles.write(target, tmp -> Files.writeString(tmp, "complete", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE));
        assertEquals("complete", Files.readString(target));
        assertFalse(Files.exists(AtomicFiles.temporaryOf(target)));
    }

    @Test
    void aWriterThatFailsLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("run.h5");
        Files.writeString(target, "previous");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("previous", Files.readString(target));
        assertFalse(Files.exists(AtomicFiles.temporaryOf(target)));
    }

    @Test
    void staleTemporariesOfOneStemAreRemovedAndNothingElse() throws IOException {
        Files.writeString(dir.resolve(".box.h5.tmp"), "x");
        Files.writeString(dir.resolve(".box-order.png.tmp"), "x");
        Files.writeString(dir.resolve(".other.h5.tmp"), "x");
        Files.writeString(dir.resolve("box.h5"), "finished");
        assertEquals(2, AtomicFiles.removeStale(dir, "box"));
        assertTrue(Files.exists(dir.resolve(".other.h5.tmp")));
        assertTrue(Files.exists(dir.resolve("box.h5")));
        assertFalse(Files.exists(dir.resolve(".box.h5.tmp")));
    }
}
