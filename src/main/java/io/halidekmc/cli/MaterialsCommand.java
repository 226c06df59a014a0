package io.halidekmc.cli;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.physics.MaterialParameters;
import io.halidekmc.physics.MaterialTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code materials [NAME]}: the library's parameters with their scenario keys, units and sources. */
@Command(name = "materials", mixinStandardHelpOptions = true,
        description = "Print a library material's parameters (all materials without NAME), with units and sources.")
final class MaterialsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "a library material, e.g. CsPbX3")
    String name;

    @Override
    public Integer call() {
        List<String> names = MaterialParameters.names();
        if (name != null && !names.contains(name)) {
            throw new InputException("materials: no material '" + name + "'; known: " + String.join(", ", names));
        }
        PrintWriter o = spec.commandLine().getOut();
        for (String n : name == null ? names : List.of(name)) print(o, MaterialParameters.library(n));
        return 0;
    }

    private static void print(PrintWriter o, MaterialParameters p) {
        o.println(p.name() + ": the defaults of a scenario with `material: {name: " + p.name() + "}` (or no material: section)");
        o.printf("  %-52s %-22s %-4s %s%n", "key", "value", "unit", "source");
        for (MaterialTable.Row r : MaterialTable.rows(p)) {
            o.printf("  %-52s %-22s %-4s %s%n", r.key(), r.value(), r.unit(), r.source());
        }
    }
}
