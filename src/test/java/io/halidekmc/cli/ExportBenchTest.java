package io.halidekmc.cli;

import static io.halidekmc.cli.CliOutcome.cli;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench --problem export} on a tiny box: the JSON names every figure README quotes, with
 * the counts the problem defines (101 snapshots at one per 1 % of the run, the frames exported).
 * Nothing here is timed: the times of a 4³ box say nothing.
 */
class ExportBenchTest {


    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": (\"[^\"]*\"|[-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), "no field " + name + " in\n" + json);
        return m.group(1);
    }

    @Test
    void theExportProblemReportsSecondsPerFrameAndTheSnapshotSlowdown() {
        CliOutcome o = cli("bench", "--problem", "export", "--cells", "4", "--events", "20000", "--repeats", "1", "--export-frames", "3");
        assertEquals(0, o.code(), o.err());
        String j = o.out();
        assertEquals("\"export\"", field(j, "problem"));
        assertEquals("192", field(j, "sites"));
        assertEquals("3", field(j, "frames"));
        assertEquals("101", field(j, "snapshots"));
        for (String f : List.of("xyz_s_per_frame", "xyz_bytes_per_frame", "xdmf_s_per_frame", "hdf5_without_export_s", "until_s",
                "snapshot_every_s", "hops", "without_snapshots_s", "with_snapshots_s", "slowdown_percent", "hdf5_write_without_s",
                "hdf5_write_with_s", "slowdown_with_hdf5_percent", "export_xyz_xdmf_estimate_percent", "snapshots_and_export_s_per_run",
                "run_length_for_2_percent_s")) {
            assertTrue(Double.isFinite(Double.parseDouble(field(j, f))), f + " in\n" + j);
        }
        // every crystal site one line of "El x y z" in each frame: at least 4 bytes a site
        assertTrue(Long.parseLong(field(j, "xyz_bytes_per_frame")) > 4 * 192, j);
    }

    @Test
    void badExportSettingsAreOneLineAndExit2() {
        CliOutcome o = cli("bench", "--problem", "export", "--export-frames", "0");
        assertEquals(2, o.code());
        assertEquals("halide-kmc: --export-frames: 0 is out of range; allowed: 1..101", o.err().strip());
        CliOutcome c = cli("bench", "--problem", "export", "--cells", "2");
        assertEquals(2, c.code());
        assertEquals("halide-kmc: --cells: 2 is out of range; allowed: 4..256", c.err().strip());
    }
}
