package io.halidekmc.physics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a confinement table: '#' comment lines (the source and every point, for the reader), one
 * header line, then rows whose first two columns are the CsPbBr3-equivalent edge (nm) and ΔE (eV);
 * further columns are provenance (the source's own numbers) that the loader does not use.
 */
final class ConfinementTableFile {
    private ConfinementTableFile() {}

    static ConfinementCurve.Table load(String name, String resource) {
        try (InputStream in = ConfinementTableFile.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("confinement table " + resource + " missing from the classpath");
            return parse(name, resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    static ConfinementCurve.Table parse(String name, String source, BufferedReader r) throws IOException {
        List<double[]> rows = new ArrayList<>();
        boolean header = false;
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (!header) {
                if (!l.startsWith("edge_nm,delta_e_ev")) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": header must start with edge_nm,delta_e_ev");
                }
                header = true;
                continue;
            }
            String[] f = l.split(",");
            try {
                rows.add(new double[] {Double.parseDouble(f[0].strip()), Double.parseDouble(f[1].strip())});
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": two numbers expected, got '" + l + "'");
            }
        }
        double[] edges = new double[rows.size()], shifts = new double[rows.size()];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = rows.get(i)[0];
            shifts[i] = rows.get(i)[1];
        }
        return new ConfinementCurve.Table(name, source, edges, shifts);
    }
}
