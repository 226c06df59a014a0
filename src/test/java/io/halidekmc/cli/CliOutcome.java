package io.halidekmc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one in-process CLI call returned: its exit code and what it printed (tests). */
record CliOutcome(int code, String out, String err) {
    static CliOutcome cli(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = Main.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new CliOutcome(code, o.toString(), e.toString());
    }
}
