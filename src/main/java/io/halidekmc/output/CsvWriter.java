package io.halidekmc.output;

import io.halidekmc.run.RunResult;
import io.halidekmc.lattice.Species;
import io.halidekmc.observe.Frame;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The CSV summary: provenance as '#' comment lines, then one row per output time. */
public final class CsvWriter {
    private CsvWriter() {}

    public static void write(RunResult r, Path target) throws IOException {
        write(r, target, Provenance.of(r));
    }

    public static void write(RunResult r, Path target, Provenance prov) throws IOException {
        OutputFiles.writeAtomically(target, tmp -> {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp))) {
                w.printf("# halide-kmc %s%n", r.version());
                w.printf("# scenario: %s (%s)%n", r.scenario().name(), r.scenario().source());
                w.printf("# seed: %d, engine: %s, backend: %s, material: %s%n", r.seed(), r.engine(), r.backend(),
                        r.scenario().material().name());
                w.printf("# wall: %s .. %s, interrupted: %s%n", r.wallStart(), r.wallEnd(), r.interrupted() ? "yes" : "no");
                w.printf("# stop_reason: %s%n", prov.stopReason());
                w.printf("# command_line: %s%n", prov.commandLine());
                w.printf("# commit: %s, host: %s, threads: %d%n", prov.commit(), prov.host(), prov.threads());
                for (String line : Provenance.resolvedScenario(r).split("\n", -1)) {
                    if (!line.isEmpty()) w.printf("# | %s%n", line);
                }
                w.println("time_s,events,temperature_K,field_V_per_m,x_vacancy,x_Cl,x_Br,x_I,vacancies,order_parameter,surface_I_fraction,net_halide_dz_m,reservoir_Cl,reservoir_Br,reservoir_I,radial_contrast_I,energy_eV,light_W_per_cm2,bias_V,pl_peak_nm,x_N");
                double biasLength = Hdf5Writer.biasLength(r);
                for (Frame f : r.frames()) {
                    double[] x = f.fractions();
                    w.println(String.format(Locale.ROOT, "%.9g,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%d,%.6g,%.6g,%.6g,%d,%d,%d,%.6g,%.9g,%.6g,%.6g,%.6g,%.6g",
                            f.time(), f.events(), f.temperature(), f.field(), x[Species.VACANCY], x[Species.CL],
                            x[Species.BR], x[Species.I], f.vacancies(), f.order(), f.surfaceIodide(), f.netHalideDz(),
                            f.reservoir()[Species.CL], f.reservoir()[Species.BR], f.reservoir()[Species.I], f.radialContrast(),
                            f.energy(), f.light(), f.field() * biasLength, f.plPeak(), f.frozenFraction()));
                }
            }
        });
    }
}
