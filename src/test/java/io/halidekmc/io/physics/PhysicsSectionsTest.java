package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.InputException;
import io.halidekmc.io.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PhysicsSectionsTest {
    @Test
    void everyPermittedSectionIsRegisteredExactlyOnce() {
        Set<Class<?>> permitted = new HashSet<>(Arrays.asList(PhysicsSection.class.getPermittedSubclasses()));
        List<Class<?>> registered = PhysicsSections.REGISTRY.stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(permitted.size(), registered.size(), "a class registered twice or a permitted one left out: " + registered);
        assertEquals(permitted, new HashSet<>(registered));
        assertEquals(registered.size(), new HashSet<>(Arrays.asList(PhysicsSections.keys())).size(), "two sections claim one key");
    }

    @Test
    void sectionsAreReadInTheOrderTheirDependenciesNeed() {
        List<String> keys = List.of(PhysicsSections.keys());
        assertEquals(List.of("mixing", "field", "attempt_frequency", "electrodes", "space_charge", "surface_exchange",
                "light_release", "carrier_funnel", "strain", "polaron", "phase_conversion"), keys);
    }

    @Test
    void anUnknownPhysicsKeyListsTheRegisteredKeys() {
        String text = """
                name: t
                geometry: {type: bulk, cells: [4, 4, 4]}
                composition: {Br: 1}
                vacancy_fraction: 0.01
                physics: {mixing: true, straine: {}}
                drives: {temperature: 300}
                run: {until: 10}
                """;
        var e = assertThrows(InputException.class, () -> ScenarioLoader.parse(text, "f.yaml", null));
        assertEquals("f.yaml: physics.straine: unknown key; did you mean `strain`? allowed here: " + String.join(", ", PhysicsSections.keys()), e.getMessage());
    }
}
