package io.halidekmc.validate;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The negative control of A1r–A4r's state criteria: the same cases, run on the model of
 * CALIBRATION.md (validation/scenarios/nc23-light-dark-*.yaml, one crystal at b = 6, the light and
 * dark phases of the cases' earlier form) must fail, and for the reasons issue 24 gives: light
 * drains iodide uniformly into an unbounded reservoir, so the lattice is about half empty
 * (vacancy bound broken), the reservoir holds several monolayers, and no iodide-rich surface forms
 * (contrast ≈ 0), while the halide ledger stays exact. The case files themselves now run the
 * rebuilt AC model (AcStateCasesTest). Fixed seeds (the scenarios' own) make the runs deterministic.
 */
class SegregationStateCasesTest {
    /**
     * "≈ 0" for the contrast: at the end of the light phase (x_vacancy ≈ 0.46) the 432-site surface
     * layer holds ≈ 233 halides and the 108-site core ≈ 58, at x_I ≈ 0.29 of the halides, so
     * σ = √(0.205 (1/233 + 1/58)) ≈ 0.067; 4σ = 0.27, about half the 0.5 the cases ask for.
     */
    private static final double NO_CONTRAST = 0.27;

    /** The case with its runs replaced by the old model's crystal and protocol (the cases' form before the AC model). */
    static ValidationCase onTheOldModel(ValidationCase c) {
        boolean hot = c.id().equals("A3r") || c.id().equals("A4r");
        Path scenario = Path.of("validation/scenarios/nc23-light-dark-" + (hot ? "308K" : "296K") + ".yaml").toAbsolutePath();
        Map<String, Object> overrides = new LinkedHashMap<>(Map.of("film.count", 1, "film.spread_nm", 0, "film.threads", 1));
        if (!hot) {
            overrides.put("drives.light", Map.of("steps", List.of(List.of(0, 50), List.of(900, 0))));
            overrides.put("run.until", 8100);
        }
        Map<String, Object> reduced = Map.of("run.until", hot ? 1500 : 3600);
        return new ValidationCase(c.file(), c.id(), c.title(), c.source(), c.use(), Map.of("nc", scenario), Map.of(), overrides, reduced,
                c.evaluator(), c.unit(), c.target(), c.tolerance(), c.passIf(), c.note(), c.criteria());
    }

    @Test
    void theOldModelFailsTheReducedStateCasesOnTheVacancyBoundAndWithoutContrast() {
        List<ValidationCase> cases = CaseRunner.discover(Path.of("validation"), List.of("A1r", "A2r", "A3r", "A4r")).stream()
                .map(SegregationStateCasesTest::onTheOldModel).toList();
        List<CaseRunner.Row> rows = CaseRunner.run(cases, true, 2, line -> { });
        StringBuilder b = new StringBuilder();
        for (CaseRunner.Row r : rows) {
            b.append(r.c().id()).append(' ').append(r.value()).append(": ");
            for (Check k : r.checks()) b.append(k.line()).append("; ");
            b.append('\n');
        }
        String all = b.toString();
        assertEquals(4, rows.size(), all);
        for (CaseRunner.Row r : rows) {
            assertFalse(r.verdict(), r.c().id() + " passes on the old model:\n" + all);
            Set<String> failed = r.failed().stream().map(Check::name).collect(Collectors.toSet());
            assertTrue(failed.containsAll(Set.of(Invariants.VACANCY_BOUND, Invariants.RESERVOIR_BOUND)), r.c().id() + ":\n" + all);
            assertFalse(failed.contains(Invariants.CONSERVATION), "the old model conserves halides:\n" + all);
            double vacancies = r.checks().stream().filter(k -> k.name().equals(Invariants.VACANCY_BOUND)).findFirst().orElseThrow().value();
            // issue 24 measured 0.43 (23.5 °C) and 0.49 (35 °C) on the film; far above any physical bound either way
            assertTrue(vacancies > 0.3, r.c().id() + " vacancy fraction " + vacancies);
            if (r.c().evaluator().equals("radial_contrast_after_light")) {
                assertFalse(r.pass(), all);
                assertEquals(0, r.value(), NO_CONTRAST, r.c().id() + " contrast:\n" + all);
            }
        }
    }
}
