package io.halidekmc.validate;

import io.halidekmc.io.yaml.YamlFiles;
import io.halidekmc.io.yaml.YamlNode;

import io.halidekmc.validate.ValidationCase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a validation case file (validation/*.yaml) with the same key-path errors as scenarios. */
public final class ValidationCaseLoader {
    private static final Pattern CONDITION = Pattern.compile("\\s*(<=|>=|<|>)\\s*([-+0-9.eE]+)\\s*");

    private ValidationCaseLoader() {
    }

    /**
     * @param known      whether an evaluator name exists (checked here, so a typo fails before any run)
     * @param evaluators the names to list in the error
     */
    public static ValidationCase load(Path file, java.util.function.Predicate<String> known, Set<String> evaluators) {
        String name = file.toString();
        String text = YamlFiles.read(file, "validation case");
        Object doc = YamlFiles.parse(text, name, "validation case");
        YamlNode root = YamlNode.of(name, "", doc);
        String id = root.string("id", null);
        String title = root.string("title", null);
        String source = root.string("source", "");
        String use = root.choice("use", null, "calibrate", "check");
        Path dir = file.toAbsolutePath().getParent();
        YamlNode r = root.child("runs");
        Map<String, Path> runs = new LinkedHashMap<>();
        Map<String, Map<String, Object>> runOverrides = new LinkedHashMap<>();
        for (var e : r.entries()) {
            String s;
            Map<String, Object> ro = Map.of();
            if (e.getValue() instanceof String str) {
                s = str;
            } else if (e.getValue() instanceof Map<?, ?>) {
                // {scenario: file, overrides: {...}}: one scenario run in several variants
                YamlNode rn = YamlNode.of(name, r.key(e.getKey()), e.getValue());
                s = rn.string("scenario", null);
                if (rn.has("overrides")) ro = rn.child("overrides").entriesMap();
                rn.rejectUnknown("scenario", "overrides");
            } else {
                throw r.error(e.getKey(), "expected a scenario file path or {scenario: file, overrides: {...}}");
            }
            Path p = dir.resolve(s).normalize();
            if (!Files.isRegularFile(p)) throw r.error(e.getKey(), "scenario file not found: " + p);
            runs.put(e.getKey(), p);
            runOverrides.put(e.getKey(), ro);
        }
        if (runs.isEmpty()) throw root.error("runs", "needs at least one run (name: scenario file)");
        Map<String, Object> overrides = root.has("overrides") ? root.child("overrides").entriesMap() : Map.of();
        Map<String, Object> reduced = root.has("reduced") ? root.child("reduced").entriesMap() : Map.of();
        String evaluator = root.string("evaluator", null);
        if (!known.test(evaluator)) {
            throw root.error("evaluator", "unknown evaluator '" + evaluator + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(evaluators)));
        }
        String unit = root.string("unit", "");
        Double target = null;
        double tolerance = 0;
        ValidationCase.Condition cond = null;
        if (root.has("target") == root.has("pass_if")) throw root.error("target", "give either target (with tolerance) or pass_if");
        if (root.has("target")) {
            target = root.number("target", null, -1e300, 1e300, false);
            tolerance = root.number("tolerance", null, 0, 10, true);
        } else {
            cond = condition(root);
        }
        String note = root.string("note", "");
        java.util.List<ValidationCase.Criterion> criteria = new java.util.ArrayList<>();
        if (root.has("criteria")) {
            java.util.List<Object> items = root.list("criteria");
            for (int i = 0; i < items.size(); i++) {
                YamlNode c = YamlNode.of(name, root.key("criteria") + "[" + i + "]", items.get(i));
                String ev = c.string("evaluator", null);
                if (!known.test(ev)) {
                    throw c.error("evaluator", "unknown evaluator '" + ev + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(evaluators)));
                }
                criteria.add(new ValidationCase.Criterion(ev, condition(c), c.string("unit", "")));
                c.rejectUnknown("evaluator", "pass_if", "unit");
            }
        }
        root.rejectUnknown("id", "title", "source", "use", "runs", "overrides", "reduced", "evaluator", "unit", "target", "tolerance",
                "pass_if", "note", "criteria");
        return new ValidationCase(file, id, title, source, use, runs, runOverrides, overrides, reduced, evaluator, unit, target, tolerance, cond,
                note, java.util.List.copyOf(criteria));
    }

    private static ValidationCase.Condition condition(YamlNode n) {
        String c = n.string("pass_if", null);
        Matcher m = CONDITION.matcher(c);
        if (!m.matches()) throw n.error("pass_if", "'" + c + "' is not a condition; allowed: <, <=, >, >= followed by a number");
        return new ValidationCase.Condition(m.group(1), Double.parseDouble(m.group(2)));
    }
}
