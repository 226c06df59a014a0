package io.halidekmc.output;

import io.halidekmc.io.ScenarioLoader;
import io.halidekmc.run.RunResult;
import io.halidekmc.run.Simulation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real readers: tools/check-export.py reads a short run's NAME.xyz with ASE and NAME.xdmf
 * with meshio and checks them against NAME.h5 with h5py. SKIPPED where no python3 has the modules
 * ase, meshio and h5py (Debian: python3-ase python3-meshio python3-h5py, which .ci/run installs);
 * the Java-side checks of the same files are {@link ViewerExportTest}.
 */
class ExportReadersTest {
    /** PATH's python3 first; a pyenv shim there may lack Debian's modules that /usr/bin/python3 has. */
    private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");
    private static String python;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findPython() {
        for (String p : PYTHONS) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import ase.io, meshio, h5py").redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    python = p;
                    return;
                }
                pr.destroyForcibly();
            } catch (IOException | InterruptedException e) {
                // not there: try the next
            }
        }
    }

    /** A nanocrystal (open axes, n + 1 layers), a wire (periodic sideways, open along z) without vacancies in the XYZ. */
    @ParameterizedTest
    @ValueSource(strings = {
            """
            name: nc
            seed: 5
            geometry: {type: nanocrystal, edge_cells: 4}
            composition: {Br: 0.4, I: 0.6}
            vacancy_fraction: 0.05
            drives: {temperature: 400}
            run: {until: 2.0e-9}
            output: {interval: 1.0e-9, snapshots: {every: 5.0e-10}, export: [xyz, xdmf]}
            """,
            """
            name: wire
            seed: 11
            geometry:
              type: nanowire
              cross_section: [2, 3]
              segments: [{length_cells: 3, composition: {Br: 1}}, {length_cells: 3, composition: {Cl: 1}}]
            vacancy_fraction: 0.02
            drives: {temperature: 330, field: 3}
            run: {until: 2.0e-9}
            output: {interval: 1.0e-9, snapshots: [0, 1.0e-9, 2.0e-9], export: [xdmf, xyz], export_vacancies: false}
            """})
    void aseAndMeshioReadTheExportsAsTheHdf5FileSays(String scenario) throws Exception {
        Assumptions.assumeTrue(python != null, "no python3 with ase, meshio and h5py (tried " + PYTHONS + "): reader check skipped");
        RunResult r = new Simulation(ScenarioLoader.parse(scenario, "s.yaml", null)).run(null);
        Path h5 = tmp.resolve(r.scenario().name() + ".h5");
        Hdf5Writer.write(r, h5);
        Process p = new ProcessBuilder(python, "tools/check-export.py", h5.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "check-export.py did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("OK: " + r.scenario().name() + ".xyz: " + r.snapshots().size() + " frames"), out);
        assertTrue(out.contains(r.scenario().name() + ".xdmf: " + r.snapshots().size() + " frames"), out);
    }
}
