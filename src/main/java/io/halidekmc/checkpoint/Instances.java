package io.halidekmc.checkpoint;

import java.lang.reflect.Constructor;

/**
 * An empty instance of a class without running its constructors, for an object the run created
 * after it was built (a worker state made on first use) and that the fresh twin therefore lacks;
 * its fields are all filled from the checkpoint right after. The same route Java serialization
 * takes ({@code jdk.unsupported}'s ReflectionFactory, exported to every module).
 */
final class Instances {
    private Instances() {}

    static Object allocate(Class<?> c) {
        try {
            Constructor<?> root = Object.class.getDeclaredConstructor();
            @SuppressWarnings("removal")
            Constructor<?> k = sun.reflect.ReflectionFactory.getReflectionFactory().newConstructorForSerialization(c, root);
            return k.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CheckpointException("cannot recreate a " + c.getName() + " from the checkpoint: " + e);
        }
    }
}
