package io.halidekmc.cli;

import io.halidekmc.output.OutputFiles;
import io.halidekmc.output.RunFile;
import io.halidekmc.output.RunPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plot RUN.h5}: draws a finished run's PNGs again from its file alone, the same names and
 * the same pictures as the run drew (the file holds every plotted number bit for bit), e.g. after
 * the plots were deleted, or on a machine where the run had no java.desktop.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Re-draw a finished run's PNG plots from its HDF5 file, as <out>/<file name>-<plot>.png.")
final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN.h5", description = "a run's HDF5 file (from `run`, or `sweep --keep-runs`)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the PNGs (default: the folder of RUN.h5)")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (RunFile f = RunFile.open(file)) {
            var inputs = f.plotInputs();
            Path parent = file.toAbsolutePath().getParent();
            Path dir = OutputFiles.prepareFolder(out != null ? out : parent);
            List<Path> written = RunPlots.write(inputs, dir, f.stem());
            for (Path p : written) spec.commandLine().getOut().println("wrote " + p);
        }
        return 0;
    }
}
