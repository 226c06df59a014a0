package io.halidekmc.io;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialConfig;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Species;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code initial: {from: FRAMES.xyz, snapshot: last|TIME}}: a frame of extended XYZ as
 * output.export writes it (and OVITO or ASE write back): {@code Lattice=} an orthorhombic box,
 * {@code Properties=} with species:S:1 and pos:R:3 (other columns ignored), {@code pbc=}, {@code Time=}; species Cl, Br, I and X
 * (vacancy). A site the frame does not list is a vacancy ({@code export_vacancies: false} leaves
 * them out). Positions are matched to sites on the a/2 grid the box and the scenario's cells give,
 * so the file must hold the scenario's geometry: same cells per axis, same periodic axes.
 */
final class XyzConfiguration {
    private static final Pattern LATTICE = Pattern.compile("Lattice=\"([^\"]*)\"");
    private static final Pattern PROPERTIES = Pattern.compile("Properties=(\\S+)");
    private static final Pattern TIME = Pattern.compile("Time=(\\S+)");
    private static final Pattern PBC = Pattern.compile("pbc=\"([^\"]*)\"");
    /** Off the a/2 grid by more than this share of a step: not a site of this lattice (files keep 4 decimals of Å). */
    private static final double GRID_TOLERANCE = 0.05;

    /** One frame: its time, the line its header starts on (1-based) and the frame's lines. */
    private record Frame(double time, int line, List<String> lines) {}

    private XyzConfiguration() {}

    static InitialConfig read(Path file, String name, double time, Geometry geometry, String where) {
        if (!Files.isRegularFile(file)) throw new InputException(where + ": " + name + " not found");
        List<String> all;
        try {
            all = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputException(where + ": cannot read " + name + " (" + e.getMessage() + ")");
        }
        List<Frame> frames = frames(all, name, where);
        List<Double> times = new ArrayList<>();
        for (Frame f : frames) times.add(f.time());
        Frame f = frames.get(ConfigurationFiles.frame(times, time, where, name));
        byte[] species = occupancy(f, geometry, name, where);
        return new InitialConfig.Given(species, "frame t = " + f.time() + " s of " + name);
    }

    private static List<Frame> frames(List<String> all, String name, String where) {
        List<Frame> frames = new ArrayList<>();
        int i = 0;
        while (i < all.size() && !all.get(i).isBlank()) {
            int n;
            try {
                n = Integer.parseInt(all.get(i).strip());
            } catch (NumberFormatException e) {
                throw new InputException(where + ": " + name + " line " + (i + 1) + ": expected the frame's atom count, got '" + all.get(i).strip() + "'");
            }
            if (i + 2 + n > all.size()) throw new InputException(where + ": " + name + " line " + (i + 1) + ": the frame announces " + n + " atoms, the file ends first");
            Matcher t = TIME.matcher(all.get(i + 1));
            double time = t.find() ? Double.parseDouble(t.group(1)) : frames.size();
            frames.add(new Frame(time, i + 1, all.subList(i + 1, i + 2 + n)));
            i += 2 + n;
        }
        return frames;
    }

    private static byte[] occupancy(Frame f, Geometry geometry, String name, String where) {
        String at = where + ": " + name + " line " + (f.line() + 1) + ": ";
        String header = f.lines().getFirst();
        Matcher p = PROPERTIES.matcher(header);
        int[] col = p.find() ? columns(p.group(1)) : null;
        if (col == null) {
            throw new InputException(at + "needs Properties= with species:S:1 and pos:R:3 (as output.export writes them), got "
                    + (p.find(0) ? p.group(1) : "none"));
        }
        int sp = col[0], pos = col[1], width = col[2];
        Matcher l = LATTICE.matcher(header);
        double[] box = l.find() ? Arrays.stream(l.group(1).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray() : null;
        if (box == null || box.length != 9 || box[1] != 0 || box[2] != 0 || box[3] != 0 || box[5] != 0 || box[6] != 0 || box[7] != 0) {
            throw new InputException(at + "needs an orthorhombic Lattice=\"Lx 0 0 0 Ly 0 0 0 Lz\" (the box of a run's export)");
        }
        Matcher b = PBC.matcher(header);
        boolean[] periodic = new boolean[3];
        if (b.find()) {
            String[] t = b.group(1).trim().split("\\s+");
            for (int a = 0; a < 3 && a < t.length; a++) periodic[a] = t[a].equalsIgnoreCase("T");
        }
        double[] edge = {box[0], box[4], box[8]};
        int[] cells = ConfigurationFiles.cells(geometry);
        String shapeHere = ConfigurationFiles.shape(geometry);
        if (!Arrays.equals(periodic, ConfigurationFiles.periodic(geometry))) {
            throw new InputException(at + "a box of pbc " + b.group(1) + ", but the scenario's geometry is " + shapeHere);
        }
        // the file's own a/2: its smallest positive coordinate (the face-centre sites at a/2 from the
        // origin); its box in those steps gives the cells it holds, compared with the scenario's
        double step = Double.POSITIVE_INFINITY;
        for (int k = 1; k < f.lines().size(); k++) {
            String[] w = f.lines().get(k).trim().split("\\s+");
            for (int a = pos; a < pos + 3 && a < w.length; a++) {
                double q = parse(w[a]);
                if (q > 1e-3 && q < step) step = q;
            }
        }
        long[] held = new long[3];
        for (int a = 0; a < 3; a++) held[a] = Math.round(edge[a] / (2 * step));
        if (held[0] != cells[0] || held[1] != cells[1] || held[2] != cells[2]) {
            throw new InputException(at + "a frame of " + ConfigurationFiles.shape(held, periodic) + ", but the scenario's geometry is " + shapeHere);
        }
        Lattice lattice = geometry.lattice();
        byte[] species = new byte[lattice.sites()];
        for (int s = 0; s < species.length; s++) species[s] = lattice.isActive(s) ? Species.VACANCY : Species.WALL;
        boolean[] seen = new boolean[species.length];
        for (int k = 1; k < f.lines().size(); k++) {
            String line = f.lines().get(k);
            String[] w = line.trim().split("\\s+");
            String here = where + ": " + name + " line " + (f.line() + 1 + k) + ": ";
            int code = w.length < width ? -2 : w[sp].equals("X") ? Species.VACANCY : Species.halideCode(w[sp]);
            if (code < 0 || Double.isNaN(parse(w[pos]) + parse(w[pos + 1]) + parse(w[pos + 2]))) {
                throw new InputException(here + "expected species Cl, Br, I or X and x y z in the columns of Properties=, got '" + line.strip() + "'");
            }
            int[] h = new int[3];
            for (int a = 0; a < 3; a++) {
                double q = parse(w[pos + a]) / step;
                h[a] = (int) Math.round(q);
                if (Math.abs(q - h[a]) > GRID_TOLERANCE) h[0] = -1;
            }
            int site = h[0] < 0 ? -1 : lattice.siteAtHalf(h[0], h[1], h[2]);
            if (site < 0) {
                throw new InputException(here + "no site of the scenario's geometry (" + shapeHere + ") lies at " + w[pos] + " " + w[pos + 1] + " "
                        + w[pos + 2] + " Å: the file holds another lattice");
            }
            if (seen[site]) throw new InputException(here + "a second atom on the site at " + w[pos] + " " + w[pos + 1] + " " + w[pos + 2] + " Å");
            seen[site] = true;
            species[site] = (byte) code;
        }
        return species;
    }

    /**
     * Column of species:S:1, first column of pos:R:3 and the number of columns, from
     * extended XYZ's name:type:count triples (OVITO and ASE may add others, e.g. id:I:1), or null.
     */
    static int[] columns(String properties) {
        String[] t = properties.split(":");
        if (t.length % 3 != 0) return null;
        int col = 0, sp = -1, pos = -1;
        for (int i = 0; i < t.length; i += 3) {
            int n;
            try {
                n = Integer.parseInt(t[i + 2]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (t[i].equalsIgnoreCase("species") && t[i + 1].equals("S") && n == 1) sp = col;
            if (t[i].equalsIgnoreCase("pos") && t[i + 1].equals("R") && n == 3) pos = col;
            col += n;
        }
        return sp < 0 || pos < 0 ? null : new int[] {sp, pos, col};
    }

    /** A coordinate, or NaN where the text is none (the line's check names it). */
    private static double parse(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
