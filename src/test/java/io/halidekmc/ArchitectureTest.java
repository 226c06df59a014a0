package io.halidekmc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package map of docs/ARCHITECTURE.md, held to the sources: a package refers only to packages
 * of a lower layer (imports and fully qualified names alike, comments and strings left out), and
 * no class in src/main grows past 400 lines (issue: one step of redesign).
 */
class ArchitectureTest {
    /** Layer of each package, as in docs/ARCHITECTURE.md (a higher number may use a lower one). */
    static final Map<String, Double> LAYERS = Map.ofEntries(
            Map.entry("lattice", 0.0), Map.entry("physics", 1.0), Map.entry("drive", 2.0), Map.entry("observe", 2.0),
            Map.entry("engine", 3.0), Map.entry("engine.event", 3.2), Map.entry("engine.exact", 3.5),
            Map.entry("engine.sector", 3.5), Map.entry("engine.ensemble", 3.6), Map.entry("engine.uniformized", 3.7),
            Map.entry("io.yaml", 3.9), Map.entry("io.physics", 3.95), Map.entry("io", 4.0), Map.entry("checkpoint", 4.5),
            Map.entry("backend.cuda", 3.9), Map.entry("backend", 4.0), Map.entry("run", 5.0), Map.entry("output", 5.5),
            Map.entry("validate", 6.0), Map.entry("sweep", 6.0), Map.entry("bench", 6.0), Map.entry("cluster", 7.0),
            Map.entry("cli", 8.0), Map.entry("", 9.0));
    /** Peers allowed to use each other, "from -> to". */
    static final Set<String> PEER_EDGES = Set.of("bench -> sweep");
    static final int MAX_LINES = 400;

    private static final Path MAIN = Path.of("src/main/java/io/halidekmc");
    private static final Pattern REF = Pattern.compile("io\\.halidekmc\\.([a-z.]+?)\\.[A-Z]");

    @Test
    void noPackageUsesAPackageAboveIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path f : sources()) {
            String code = stripped(Files.readString(f));
            String pkg = packageOf(code);
            assertTrue(LAYERS.containsKey(pkg), "package " + pkg + " of " + f + " has no layer in docs/ARCHITECTURE.md");
            Set<String> used = new TreeSet<>();
            Matcher m = REF.matcher(code);
            while (m.find()) used.add(m.group(1));
            for (String q : used) {
                if (q.equals(pkg)) continue;
                assertTrue(LAYERS.containsKey(q), "package " + q + " used by " + f + " has no layer");
                if (LAYERS.get(q) >= LAYERS.get(pkg) && !PEER_EDGES.contains(pkg + " -> " + q)) {
                    wrong.add(f.getFileName() + ": " + pkg + " -> " + q);
                }
            }
        }
        assertEquals(List.of(), wrong, "references that run upwards or sideways");
    }

    @Test
    void noClassInMainIsLongerThan400Lines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path f : sources()) {
            long n = Files.readAllLines(f).size();
            if (n > MAX_LINES) long_.add(f.getFileName() + " " + n);
        }
        assertEquals(List.of(), long_, "split by responsibility, not by cutting");
    }

    @Test
    void theCheckSeesAnUpwardReference() {
        // the check's own negative control: an engine class naming a run class must be caught
        String code = stripped("package io.halidekmc.engine;\n/** io.halidekmc.run.Simulation in a comment is fine */\n"
                + "class X { io.halidekmc.run.RunResult r; String s = \"io.halidekmc.cli.Main\"; }");
        Matcher m = REF.matcher(code);
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(m.group(1));
        assertEquals(List.of("run"), found);
        assertTrue(LAYERS.get("run") > LAYERS.get(packageOf(code)));
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(String code) {
        Matcher m = Pattern.compile("package io\\.halidekmc(?:\\.([\\w.]+))?;").matcher(code);
        assertTrue(m.find(), "no package line");
        return m.group(1) == null ? "" : m.group(1);
    }

    /** The code without comments and string literals (a javadoc link is not a dependency). */
    static String stripped(String code) {
        String s = code.replaceAll("(?s)/\\*.*?\\*/", " ");
        s = s.replaceAll("//[^\\n]*", " ");
        return s.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    }
}
