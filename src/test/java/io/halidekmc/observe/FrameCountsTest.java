package io.halidekmc.observe;

import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/** Frame sums from the packed words alone give the frame the observer computes from species and neighbours. */
class FrameCountsTest {

    @ParameterizedTest
    @ValueSource(strings = {"box", "nanocrystal"})
    void framesFromWordsEqualFramesFromSpecies(String shape) {
        Lattice lat = shape.equals("box") ? new Geometry.Bulk(7, 6, 5).lattice() : new Geometry.Nanocrystal(6).lattice();
        Occupancy o = InitialState.randomAlloy(lat, InitialState.fractions(0.2, 0.3, 0.5), 0.04, Rng.stream(8, 0));
        Frame want = Observer.frame(o, 1, 2, 300, 0, 0);
        Frame got = Observer.frame(FrameCounts.of(o.counts, lat.sites()), 1, 2, 300, 0, 0);
        assertArrayEquals(want.fractions(), got.fractions());
        assertEquals(want.vacancies(), got.vacancies());
        assertEquals(want.order(), got.order(), 0.0);
        assertEquals(want.surfaceIodide(), got.surfaceIodide(), 0.0);
        assertTrue(shape.equals("box") ? Double.isNaN(got.surfaceIodide()) : got.surfaceIodide() > 0, "surface iodide: " + got.surfaceIodide());
    }
}
