package io.halidekmc.cli;

import io.halidekmc.Version;
import io.halidekmc.io.yaml.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** Entry point: {@code halide-kmc <command>}. Bad input exits with 2 and one line on stderr. */
@Command(name = "halide-kmc", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Kinetic Monte Carlo of halide segregation in mixed-halide lead perovskites.",
        subcommands = {RunCommand.class, SweepCommand.class, SummaryCommand.class, PlotCommand.class, ValidateCommand.class, CalibrateCommand.class,
                InfoCommand.class, BenchCommand.class, MaterialsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("halide-kmc: " + ex.getMessage().replace('\n', ' ') + " (see --help)");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InputException) {
                err.println("halide-kmc: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"halide-kmc " + Version.VERSION,
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
