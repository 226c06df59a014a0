package io.halidekmc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code run} printed, kept as {@code run.log} beside the outputs (as LAMMPS keeps
 * log.lammps): the terminal scrolls away, the folder stays. The progress bar is not kept.
 */
final class RunLog {
    private final PrintWriter out, err;
    private final StringBuilder text = new StringBuilder();

    RunLog(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Kept in the log only: what the user did not ask to see (--quiet) but the folder should still say. */
    void note(String line) {
        synchronized (text) {
            text.append(line).append('\n');
        }
    }

    /** A resumed run: the log of the run it continues comes first, so run.log tells the whole story. */
    void continues(Path previousLog) {
        try {
            String before = Files.readString(previousLog);
            synchronized (text) {
                text.insert(0, before + (before.endsWith("\n") ? "" : "\n"));
            }
        } catch (IOException e) {
            note("# the log of the run this one continues could not be read (" + e.getMessage() + ")");
        }
    }

    void out(String line) {
        out.println(line);
        note(line);
    }

    void err(String line) {
        err.println(line);
        err.flush();
        note(line);
    }

    void write(Path dir) {
        try {
            io.halidekmc.output.OutputFiles.writeAtomically(dir.resolve("run.log"), tmp -> Files.writeString(tmp, text.toString()));
        } catch (IOException e) {
            err.println("halide-kmc: could not write " + dir.resolve("run.log") + " (" + e.getMessage() + ")");
        }
    }
}
