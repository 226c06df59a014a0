package io.halidekmc.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * One restart file: a magic line, the {@link CheckpointHeader}, the captured state deflated
 * ({@link StateWriter}; fast compression, since a lattice of four species in a byte per site
 * shrinks several-fold), and a CRC-32 of everything before it. Written through
 * {@link AtomicFiles}, so a kill at any instant leaves the previous checkpoint or the new one; a
 * file torn some other way (a copy cut short, a bad disk) fails the checksum and is refused.
 */
public final class CheckpointFile {
    private static final byte[] MAGIC = "halide-kmc checkpoint\n".getBytes(StandardCharsets.US_ASCII);
    /** 2: a layout fingerprint beside every object. */
    private static final int FORMAT = 2;

    private CheckpointFile() {}

    /** Captures {@code root} (less instances of {@code configuration}) and writes it atomically to target. */
    public static void write(Path target, CheckpointHeader h, Object root, Set<Class<?>> configuration) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new DeflaterOutputStream(body, deflater, 1 << 16), 1 << 16))) {
            new StateWriter(out, configuration).writeRoot(root);
        } finally {
            deflater.end();
        }
        AtomicFiles.write(target, tmp -> {
            CRC32 crc = new CRC32();
            try (OutputStream file = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new java.util.zip.CheckedOutputStream(file, crc), 1 << 16))) {
                out.write(MAGIC);
                out.writeInt(FORMAT);
                writeHeader(out, h);
                out.writeLong(body.size());
                body.writeTo(out);
                out.flush();
                // the checksum covers everything above; it is written outside the checked stream
                new DataOutputStream(file).writeLong(crc.getValue());
            }
        });
    }

    /** A checkpoint read and checked (magic, checksum, header), its state not yet restored. */
    public record Loaded(Path file, CheckpointHeader header, byte[] state) {
        /** Lays the captured state over {@code root}, a freshly built twin of the run that wrote it. */
        public void restoreInto(Object root, Set<Class<?>> configuration) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                    new InflaterInputStream(new ByteArrayInputStream(state)), 1 << 16))) {
                try {
                    new StateReader(in, configuration).readRoot(root);
                } catch (CheckpointException e) {
                    throw new CheckpointException(file + ": " + e.getMessage() + "; delete it to start over", e);
                }
                if (in.read() != -1) throw new CheckpointException(file + ": checkpoint holds more state than this run has; delete it to start over");
            } catch (IOException e) {
                throw new CheckpointException(file + ": checkpoint is corrupt or truncated (" + e.getMessage() + "); delete it to start over", e);
            }
        }
    }

    /** Reads and checks a checkpoint; a {@link CheckpointException} with one line for the user otherwise. */
    public static Loaded read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CheckpointException(file + ": not a halide-kmc checkpoint");
        }
        if (all.length < MAGIC.length + 4 + 8) throw corrupt(file);
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) throw corrupt(file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, MAGIC.length, all.length - 8 - MAGIC.length))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new CheckpointException(file + ": checkpoint format " + format + ", this halide-kmc reads format " + FORMAT
                        + "; delete it to start over");
            }
            CheckpointHeader h = readHeader(in);
            long n = in.readLong();
            if (n != in.available()) throw corrupt(file);
            byte[] state = in.readNBytes((int) n);
            return new Loaded(file, h, state);
        }
    }

    private static CheckpointException corrupt(Path file) {
        return new CheckpointException(file + ": checkpoint is corrupt or truncated (checksum mismatch); delete it to start over");
    }

    private static void writeHeader(DataOutputStream out, CheckpointHeader h) throws IOException {
        out.writeUTF(h.version());
        out.writeUTF(h.scenarioHash());
        out.writeUTF(h.engine());
        out.writeUTF(h.backend());
        out.writeUTF(h.scenarioFile());
        out.writeLong(h.seed());
        out.writeDouble(h.until());
        out.writeLong(h.maxEvents());
        out.writeInt(h.threads());
        out.writeDouble(h.simTime());
        out.writeLong(h.events());
        out.writeUTF(h.written());
    }

    private static CheckpointHeader readHeader(DataInputStream in) throws IOException {
        return new CheckpointHeader(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(),
                in.readDouble(), in.readLong(), in.readInt(), in.readDouble(), in.readLong(), in.readUTF());
    }
}
