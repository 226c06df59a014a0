package io.halidekmc.validate;

import io.halidekmc.io.yaml.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationCaseLoaderTest {
    @TempDir
    Path tmp;

    ValidationCase load(String body) throws Exception {
        Files.writeString(tmp.resolve("s.yaml"), "name: s\n");
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "id: X1\ntitle: t\nuse: check\nruns: {film: s.yaml}\n" + body);
        return ValidationCaseLoader.load(f, Evaluators::known, Evaluators.names());
    }

    @Test
    void shippedCasesLoad() throws Exception {
        var cases = CaseRunner.discover(Path.of("validation"), java.util.List.of());
        assertTrue(cases.stream().map(ValidationCase::id).toList().containsAll(java.util.List.of("A1", "A2", "A3", "A4", "A5", "A6", "A7")));
        for (ValidationCase c : cases) {
            for (Path run : c.runs().values()) io.halidekmc.io.ScenarioLoader.load(run, c.reduced());
        }
    }

    @Test
    void targetsAndConditions() throws Exception {
        ValidationCase c = load("evaluator: segregation_time_s\ntarget: 600\ntolerance: 0.25\n");
        assertTrue(c.passes(700));
        assertTrue(!c.passes(800));
        assertTrue(!c.passes(Double.NaN));
        assertEquals(0.5, c.error(900), 1e-12);
        ValidationCase q = load("evaluator: recovery_after_step_s@1800\npass_if: '<= 60'\n");
        assertTrue(q.passes(59) && !q.passes(61));
    }

    @Test
    void badCasesNameTheKey() {
        var e = assertThrows(InputException.class, () -> load("evaluator: nope\ntarget: 1\ntolerance: 0.1\n"));
        assertTrue(e.getMessage().contains("evaluator") && e.getMessage().contains("segregation_time_s"), e.getMessage());
        e = assertThrows(InputException.class, () -> load("evaluator: segregation_time_s\n"));
        assertTrue(e.getMessage().contains("target"), e.getMessage());
        e = assertThrows(InputException.class, () -> load("evaluator: segregation_time_s\npass_if: 'about 3'\n"));
        assertTrue(e.getMessage().contains("pass_if"), e.getMessage());
        e = assertThrows(InputException.class, () -> load("evaluator: segregation_time_s\ntarget: 1\ntolerance: 0.1\ncolour: red\n"));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
    }
}
