package io.halidekmc.io.yaml;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading an input YAML file (scenario, sweep, validation case) with the one-line errors of bad input. */
public final class YamlFiles {
    private YamlFiles() {
    }

    /** The file's text; kind names it in errors ("sweep file"). */
    public static String read(Path file, String kind) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new InputException(name + ": " + kind + " not found");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read " + kind + " (" + e.getMessage() + ")");
        }
    }

    /** The parsed document, never null. */
    public static Object parse(String text, String name, String kind) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(name).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().replace('\n', ' ').replaceAll("\\s+", " ");
            throw new InputException(name + ": not valid YAML: " + msg);
        }
        if (doc == null) throw new InputException(name + ": empty " + kind);
        return doc;
    }
}
