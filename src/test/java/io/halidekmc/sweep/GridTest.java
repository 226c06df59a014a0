package io.halidekmc.sweep;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.io.Scenario;
import io.halidekmc.lattice.Geometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid's full product in a fixed order, each point's seed, and its scenario carrying every override. */
class GridTest {
    @TempDir
    Path tmp;

    @Test
    void fullProductFirstAxisSlowestWithSeedBasePlusIndex() throws Exception {
        List<SweepPoint> points = Grid.expand(SweepFixtures.spec(tmp, SweepFixtures.SWEEP));
        assertEquals(4, points.size());
        assertEquals(List.of("300", "[4, 4, 4]"), points.get(0).values());
        assertEquals(List.of("300", "[4, 4, 6]"), points.get(1).values());
        assertEquals(List.of("350", "[4, 4, 4]"), points.get(2).values());
        assertEquals(List.of("350", "[4, 4, 6]"), points.get(3).values());
        for (int i = 0; i < 4; i++) {
            assertEquals(i, points.get(i).index());
            assertEquals(100 + i, points.get(i).seed());
        }
        Scenario s = points.get(3).load();
        assertEquals(103, s.seed());
        assertEquals(350, s.drive().temperature().valueAt(0), 1e-12);
        assertEquals(6, ((Geometry.Bulk) s.geometry()).nz());
        assertTrue(s.text().contains("#   seed: 103"), "the overrides are recorded in the scenario text");
        assertEquals(4, points.stream().map(SweepPoint::fingerprint).distinct().count());
        assertEquals(points, Grid.expand(SweepFixtures.spec(tmp, SweepFixtures.SWEEP)), "expansion is reproducible");
    }

    @Test
    void sameSeedForEveryPointWhenNotPerPoint() throws Exception {
        var points = Grid.expand(SweepFixtures.spec(tmp, SweepFixtures.SWEEP.replace("seeds: {base: 100}", "seeds: {base: 5, per_point: false}")));
        assertTrue(points.stream().allMatch(p -> p.seed() == 5));
        assertNotEquals(points.get(0).fingerprint(), points.get(1).fingerprint());
    }

    @Test
    void withoutSeedsTheScenarioSeedStartsTheCount() throws Exception {
        var points = Grid.expand(SweepFixtures.spec(tmp, SweepFixtures.SWEEP.replace("seeds: {base: 100}\n", "")));
        assertEquals(List.of(7L, 8L, 9L, 10L), points.stream().map(SweepPoint::seed).toList());
    }

    @Test
    void aPointWithAnInvalidScenarioIsReportedWithItsValuesBeforeAnythingRuns() throws Exception {
        var spec = SweepFixtures.spec(tmp, SweepFixtures.SWEEP.replace("[300, 350]", "[300, -5]"));
        InputException e = assertThrows(InputException.class, () -> Grid.expand(spec));
        assertTrue(e.getMessage().contains("grid point 2 (drives.temperature=-5, geometry.cells=[4, 4, 4])"), e.getMessage());
        assertTrue(e.getMessage().contains("drives.temperature"), e.getMessage());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }
}
