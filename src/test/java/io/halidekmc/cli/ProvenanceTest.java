package io.halidekmc.cli;

import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 22 item 1: what /meta, the CSV header, stderr and run.log say about how a run came to be and why it stopped. */
class ProvenanceTest {
    static final String SCENARIO = """
            name: t
            seed: 3
            geometry: {type: bulk, cells: [8, 8, 8]}
            composition: {Br: 0.5, I: 0.5}
            vacancy_fraction: 0.02
            drives: {temperature: 300}
            run: {until: 30}
            """;

    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {}

    private Outcome cli(String... args) throws IOException {
        Files.writeString(tmp.resolve("s.yaml"), SCENARIO);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static String attr(HdfFile f, String name) {
        return String.valueOf(f.getByPath("meta").getAttribute(name).getData());
    }

    @Test
    void metaHoldsTheOverriddenSeedAndUntilTheCommandAndTheStopReason() throws IOException {
        String file = tmp.resolve("s.yaml").toString(), out = tmp.resolve("out").toString();
        Outcome o = cli("run", file, "--out", out, "--seed", "9", "--until", "3", "--max-events", "200", "--quiet");
        assertEquals(0, o.code(), o.err());
        assertEquals("halide-kmc: stopped: max-events", o.err().strip().replaceFirst(" \\(t = .*", ""), o.err());
        Path h5 = tmp.resolve("out/s.h5");
        try (HdfFile f = new HdfFile(h5)) {
            assertEquals("9", attr(f, "seed"));
            assertEquals("3.0", attr(f, "until_s"));
            assertEquals("200", attr(f, "max_events"));
            assertEquals("max-events", attr(f, "stop_reason"));
            // no vacancy_fraction_physical: the time axis is the simulated one and /meta says so
            assertEquals("time_s is the simulated time (no vacancy_fraction_physical given, so time_scale = 1)", attr(f, "time_scale_note"));
            assertEquals("halide-kmc run " + file + " --out " + out + " --seed 9 --until 3 --max-events 200 --quiet", attr(f, "command_line"));
            String commit = attr(f, "commit");
            assertTrue(commit.equals("unknown") || commit.matches("[0-9a-f]{40}(\\+dirty)?"), commit);
            assertFalse(attr(f, "host").isBlank());
            assertEquals("1", attr(f, "threads"));
            Instant start = Instant.parse(attr(f, "wall_start")), end = Instant.parse(attr(f, "wall_end"));
            assertFalse(end.isBefore(start));
            String scenario = ((String[]) f.getDatasetByPath("meta/scenario").getData())[0];
            assertTrue(scenario.startsWith(SCENARIO), scenario);
            assertTrue(scenario.endsWith("# resolved (after command-line overrides): seed: 9, until: 3.0 s, max_events: 200, threads: 1\n"), scenario);
        }
        String csv = Files.readString(tmp.resolve("out/s.csv"));
        assertTrue(csv.contains("\n# stop_reason: max-events\n"), csv);
        assertTrue(csv.contains("\n# command_line: halide-kmc run " + file), csv);
        assertTrue(csv.contains("# | # resolved (after command-line overrides): seed: 9, until: 3.0 s"), csv);
        String log = Files.readString(tmp.resolve("out/run.log"));
        assertTrue(log.startsWith("# halide-kmc run " + file), log);
        assertTrue(log.contains("\nbackend: cpu"), log);
        assertTrue(log.contains("\nwrote " + tmp.resolve("out/s.h5")), log);
        assertTrue(log.contains("\nhalide-kmc: stopped: max-events (t = "), log);
        assertTrue(log.contains("\n# end "), log);
    }

    @Test
    void aRunThatReachesUntilSaysSoAndIsQuietUnderQuiet() throws IOException {
        String file = tmp.resolve("s.yaml").toString(), out = tmp.resolve("out").toString();
        Outcome o = cli("run", file, "--out", out, "--until", "1e-9", "--quiet");
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err());
        assertEquals("", o.out());
        try (HdfFile f = new HdfFile(tmp.resolve("out/s.h5"))) {
            assertEquals("until", attr(f, "stop_reason"));
            assertEquals("3", attr(f, "seed"));
        }
        assertTrue(Files.readString(tmp.resolve("out/run.log")).contains("halide-kmc: stopped: until"));

        o = cli("run", file, "--out", out, "--until", "1e-9");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().strip().startsWith("halide-kmc: stopped: until (t = "), o.err());
        assertTrue(o.out().contains("wrote " + tmp.resolve("out/run.log")), o.out());
    }

    /**
     * SIGINT (Ctrl-C) and SIGTERM through a real CLI process, sent with kill(1): the files must
     * still be complete, and /meta, stderr and run.log name the signal.
     */
    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    @org.junit.jupiter.api.condition.DisabledOnOs(org.junit.jupiter.api.condition.OS.WINDOWS)
    void aSignalIsTheStopReason(String signal, int exitCode) throws Exception {
        // a process started with SIGINT ignored (a background job of a non-interactive shell) passes that on, and
        // the JVM then leaves SIGINT alone, as POSIX asks: Ctrl-C cannot reach such a run, so there is nothing to test
        org.junit.jupiter.api.Assumptions.assumeFalse(signal.equals("INT") && sigintIgnored(),
                "SIGINT is ignored in this test's process (SigIgn in /proc/self/status): a child cannot receive it");
        Path file = Files.writeString(tmp.resolve("s.yaml"), SCENARIO.replace("until: 30", "until: 1.0e6"));
        Path out = tmp.resolve("out");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "io.halidekmc.cli.Main", "run", file.toString(),
                "--out", out.toString()).redirectError(tmp.resolve("err.txt").toFile()).redirectOutput(tmp.resolve("out.txt").toFile())
                .start();
        // a signal before the stop hook is in place would end the JVM with nothing written: run prints
        // its backend line once the hook is installed, so wait for that line (however slow the machine)
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.readString(tmp.resolve("out.txt")).contains("backend: ")) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "the run never started: " + Files.readString(tmp.resolve("err.txt")));
            Thread.sleep(50);
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the run did not stop on SIG" + signal);
        String err = Files.readString(tmp.resolve("err.txt"));
        assertEquals(exitCode, p.exitValue(), err);
        assertTrue(err.contains("halide-kmc: stopped: interrupted: SIG" + signal + " (t = "), err);
        try (HdfFile f = new HdfFile(out.resolve("s.h5"))) {
            assertEquals("interrupted: SIG" + signal, attr(f, "stop_reason"));
            assertEquals("yes", attr(f, "interrupted"));
        }
        assertTrue(Files.readString(out.resolve("run.log")).contains("halide-kmc: stopped: interrupted: SIG" + signal));
        assertTrue(Files.exists(out.resolve("s.csv")), "the CSV is written too");
        // a cluster's SIGTERM at the end of the wall time (or a Ctrl-C): the checkpoint stays, so resubmitting the command continues
        assertTrue(Files.exists(out.resolve("s.checkpoint")), err);
        assertTrue(err.contains("halide-kmc: checkpoint kept: " + out.resolve("s.checkpoint")), err);
    }

    /** Whether SIGINT (signal 2) is in this process's ignored set, read from Linux's /proc. */
    static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
        }
        return false;
    }
}
