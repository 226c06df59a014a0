package io.halidekmc.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * validate --reduced killed in the middle of its second case and run again with the same
 * arguments reuses the first case, continues the second from its checkpoint, and reports the
 * values of a validation never killed.
 */
class ValidateResumeTest {
    @TempDir
    Path tmp;

    private static final class Killed extends RuntimeException {
        Killed() {
            super("validate killed", null, false, false);
        }
    }

    @Test
    void aKilledValidationRunAgainReusesTheFirstCaseAndContinuesTheSecond() throws Exception {
        List<ValidationCase> cases = CaseRunner.discover(Path.of("validation"), List.of("B1", "B3-rev"));
        assertEquals(2, cases.size());
        // shortened (the same for every run below): the test is about reuse, not the targets
        Map<String, Object> shorter = Map.of("run.until", 2.0, "output.interval", 0.25);
        List<CaseRunner.Row> whole = CaseRunner.run(cases, true, shorter, 1, null, line -> { });

        Path dir = tmp.resolve("restart");
        Object[] first = {null};
        int[] safePoints = {0};
        // one thread: the runs go in case order, so the kill falls in the second case's run
        RestartFolder killing = new RestartFolder(dir, 0, (sim, stopping) -> {
            if (first[0] == null) first[0] = sim;
            if (sim != first[0] && ++safePoints[0] == 6) throw new Killed();
        });
        RuntimeException e = assertThrows(RuntimeException.class, () -> CaseRunner.run(cases, true, shorter, 1, killing, line -> { }));
        assertTrue(e instanceof Killed || e.getCause() instanceof Killed, e.toString());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "the finished first run and the killed second one each left a checkpoint");
        }

        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RestartFolder again = new RestartFolder(dir, 600);
        List<CaseRunner.Row> resumed = CaseRunner.run(cases, true, shorter, 1, again, log::add);
        String said = String.join("\n", log);
        assertTrue(said.contains("reusing the finished run "), said);
        assertTrue(said.contains("continuing the run "), said);
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).value(), resumed.get(i).value(), cases.get(i).id());
            assertEquals(whole.get(i).checks().toString(), resumed.get(i).checks().toString(), cases.get(i).id());
        }
        again.clear();
        assertFalse(Files.exists(dir), "a completed validation removes its restart files");
    }
}
