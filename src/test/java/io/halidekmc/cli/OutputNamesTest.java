package io.halidekmc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 item 2: one rule names every output, the same in code, --help and README: the file
 * given on the command line without its extension; the scenario's {@code name:} is only a label inside.
 */
class OutputNamesTest {
    @TempDir
    Path tmp;

    @Test
    void runOutputsAreNamedAfterTheScenarioFileNotItsNameKey() throws IOException {
        Path p = Files.writeString(tmp.resolve("file-stem.yaml"), BadInputTest.GOOD.replace("name: t", "name: label-key"));
        BadInputTest.Outcome o = new BadInputTest().cli("run", p.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(tmp.resolve("out/file-stem.h5")));
        assertTrue(Files.exists(tmp.resolve("out/file-stem.csv")));
        assertFalse(Files.exists(tmp.resolve("out/label-key.h5")));
    }

    @Test
    void defaultFolderIsNamedAfterTheFileToo() {
        assertEquals(Path.of("out", "nc23-light-dark-296K"), RunCommand.defaultFolder(Path.of("validation/scenarios/nc23-light-dark-296K.yaml")));
        assertEquals(Path.of("out", "nc-size-light"), RunCommand.defaultFolder(Path.of("sweeps/nc-size-light.yaml")));
    }

    @Test
    void helpStatesTheSameRule() {
        // picocli wraps lines at 80 columns
        String run = new BadInputTest().cli("run", "--help").out().replaceAll("\\s+", " ");
        assertTrue(run.contains("write <out>/<file>.h5 and .csv."), run);
        assertTrue(run.contains("<file> is the scenario file's name without .yaml; its name: key is the label written inside the outputs."), run);
        assertTrue(run.contains("output folder (default: out/<file>)"), run);
        assertFalse(run.contains("<name>") || run.contains("scenario name"), run);
        String sweep = new BadInputTest().cli("sweep", "--help").out().replaceAll("\\s+", " ");
        assertTrue(sweep.contains("default: out/<file>, the sweep file's name without .yaml"), sweep);
    }

    @Test
    void readmeStatesTheSameRule() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("Outputs are named after the file given on the command line"), "README states the rule");
        assertFalse(readme.contains("<out>/<name>"), "README names outputs <out>/<file>, not after the name: key");
    }
}
