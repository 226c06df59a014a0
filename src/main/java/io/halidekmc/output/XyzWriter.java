package io.halidekmc.output;

import io.halidekmc.lattice.Species;
import io.halidekmc.observe.Snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Extended XYZ, one frame per snapshot in one file, as OVITO and ASE ({@code ase.io.read(f, ":")})
 * read a trajectory: the count line, then
 * {@code Lattice="Lx 0 0 0 Ly 0 0 0 Lz" Properties=species:S:1:pos:R:3 Time=<s> pbc="T T F"},
 * then one line per site: species (Cl, Br, I; a vacancy as X, ASE's dummy element) and x y z in Å.
 *
 * <p>Positions are multiples of a/2, so each axis has at most 2n + 2 distinct values: they are
 * formatted once and copied as bytes, not formatted per line (a 64³ box has 786 432 lines a frame).
 */
final class XyzWriter {
    /**
     * Element per species code; a halide held by a non-perovskite octahedron (codes 5–7,
     * Species.FROZEN) is written as its element — the phase is in /snapshots/occupancy. WALL (4)
     * is never written.
     */
    private static final byte[][] NAMES = {bytes("X"), bytes("Cl"), bytes("Br"), bytes("I"), bytes("X"),
            bytes("Cl"), bytes("Br"), bytes("I")};

    private XyzWriter() {}

    static void write(Path target, SitePositions pos, List<Snapshot> snaps, boolean vacancies) throws IOException {
        int max = 0;
        for (int l : pos.layers()) max = Math.max(max, 2 * l);
        byte[][] coord = new byte[max][];
        for (int h = 0; h < max; h++) coord[h] = bytes(String.format(Locale.ROOT, "%.4f", h * pos.step()));
        double[] box = pos.box();
        String lattice = String.format(Locale.ROOT, "Lattice=\"%.4f 0.0 0.0 0.0 %.4f 0.0 0.0 0.0 %.4f\" Properties=species:S:1:pos:R:3",
                box[0], box[1], box[2]);
        OutputFiles.writeAtomically(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                Buffer b = new Buffer(out);
                for (Snapshot s : snaps) {
                    pos.requireMatches(s.species());
                    frame(b, pos, s, vacancies, coord, lattice);
                }
                b.flush();
            }
        });
    }

    private static void frame(Buffer b, SitePositions pos, Snapshot s, boolean vacancies, byte[][] coord, String lattice) throws IOException {
        int[] sites = pos.sites(), half = pos.half();
        byte[] sp = s.species();
        int n = 0;
        for (int site : sites) if (vacancies || sp[site] != Species.VACANCY) n++;
        b.put(bytes(n + "\n" + lattice + " Time=" + s.time() + " pbc=\"" + pos.pbc() + "\"\n"));
        for (int i = 0; i < sites.length; i++) {
            int code = sp[sites[i]];
            if (!vacancies && code == Species.VACANCY) continue;
            b.put(NAMES[code]);
            for (int a = 0; a < 3; a++) {
                b.put((byte) ' ');
                b.put(coord[half[3 * i + a]]);
            }
            b.put((byte) '\n');
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes straight into one array: BufferedOutputStream takes a lock on every write, here millions a frame. */
    private static final class Buffer {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 20];
        private int n;

        Buffer(OutputStream out) {
            this.out = out;
        }

        void put(byte c) throws IOException {
            if (n == buf.length) flush();
            buf[n++] = c;
        }

        void put(byte[] a) throws IOException {
            if (n + a.length > buf.length) flush();
            if (a.length > buf.length) {
                out.write(a);
                return;
            }
            System.arraycopy(a, 0, buf, n, a.length);
            n += a.length;
        }

        void flush() throws IOException {
            out.write(buf, 0, n);
            n = 0;
        }
    }
}
