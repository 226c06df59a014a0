package io.halidekmc.backend;

import io.halidekmc.engine.BackendUnavailable;

import io.halidekmc.engine.RateBackend;

import java.util.List;

/**
 * A rate backend that the default build does not contain and that is found at run time with
 * {@link java.util.ServiceLoader} (DESIGN §6): the TornadoVM backend lives in the optional Maven
 * profile {@code -Ptornado} (src/tornado) and registers itself through
 * {@code META-INF/services/io.halidekmc.backend.RateBackendProvider}, so this module needs no
 * TornadoVM type to select it. Implementations must be cheap to construct and must not touch
 * their own runtime's classes before {@link #probe()} or {@link #open(List)} has checked that
 * the JVM can load them.
 */
public interface RateBackendProvider {
    /** The --backend name ("tornado"). */
    String name();

    /** Whether it can run in this JVM, and on what (devices, one per line); never throws. */
    Backends.Status probe();

    /**
     * A backend on the device {@code devices.get(0)} (meaning up to the provider); a reason when it
     * cannot run here (wrong JVM, no device, a driver error).
     */
    RateBackend open(List<Integer> devices) throws BackendUnavailable;

    /**
     * The uniformized ensemble's trial runner on the device {@code devices.get(0)}, for
     * {@code members} nanocrystals on {@code lattice} with {@code vacancies} vacancies each; a reason
     * when it cannot run here or the provider has no ensemble kernel.
     */
    default io.halidekmc.engine.uniformized.TrialRunner openEnsemble(List<Integer> devices, io.halidekmc.lattice.Lattice lattice,
                                                         int members, int vacancies, long seed) throws BackendUnavailable {
        throw new BackendUnavailable(name() + " has no ensemble kernel");
    }

    /**
     * The uniformized sector engine's sector steps on the device {@code devices.get(0)}, from the
     * initial state {@code state}; a reason when it cannot run here or the provider has no sector kernel.
     */
    default io.halidekmc.engine.uniformized.SectorRunner openSectors(List<Integer> devices, io.halidekmc.engine.uniformized.SectorState state)
            throws BackendUnavailable {
        throw new BackendUnavailable(name() + " has no sector kernel");
    }
}
