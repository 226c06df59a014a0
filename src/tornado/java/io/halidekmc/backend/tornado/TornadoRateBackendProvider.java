package io.halidekmc.backend.tornado;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.backend.Backends;
import io.halidekmc.engine.RateBackend;
import io.halidekmc.backend.RateBackendProvider;

import java.util.List;

/**
 * Registers the TornadoVM backend with {@link Backends} (META-INF/services, -Ptornado builds only).
 * This class names no TornadoVM type, so it loads in any JVM; it reaches {@link TornadoRateBackend}
 * only once {@link #underTornado()} has seen the TornadoVM runtime in the boot layer. A -Ptornado
 * jar started with plain {@code java -jar} thus reports why tornado is unavailable instead of
 * failing with a NoClassDefFoundError.
 */
public final class TornadoRateBackendProvider implements RateBackendProvider {
    static final String NOT_UNDER_TORNADO = "this JVM was not started by TornadoVM (run with the tornado launcher, "
            + "tornado -jar halide-kmc.jar ..., or java @$TORNADOVM_HOME/tornado-argfile -jar halide-kmc.jar ...)";

    /** The TornadoVM runtime and its API are loadable here: the JVM was started with TornadoVM's argfile. */
    static boolean underTornado() {
        if (ModuleLayer.boot().findModule("tornado.runtime").isEmpty()) return false;
        try {
            Class.forName("uk.ac.manchester.tornado.api.TornadoExecutionPlan", false,
                    TornadoRateBackendProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public Backends.Status probe() {
        if (!underTornado()) return new Backends.Status("tornado", false, NOT_UNDER_TORNADO);
        try {
            List<String> d = TornadoRateBackend.devices();
            if (d.isEmpty()) return new Backends.Status("tornado", false, "TornadoVM found no device");
            return new Backends.Status("tornado", true, d.size() + " TornadoVM device" + (d.size() == 1 ? "" : "s")
                    + " (--devices N picks 0:N):\n           " + String.join("\n           ", d));
        } catch (RuntimeException | LinkageError e) {
            return new Backends.Status("tornado", false, "TornadoVM runtime does not start (" + e + ")");
        }
    }

    @Override
    public RateBackend open(List<Integer> devices) throws BackendUnavailable {
        if (!underTornado()) throw new BackendUnavailable(NOT_UNDER_TORNADO);
        return TornadoRateBackend.open(devices.isEmpty() ? 0 : devices.get(0));
    }

    @Override
    public io.halidekmc.engine.uniformized.TrialRunner openEnsemble(List<Integer> devices, io.halidekmc.lattice.Lattice lattice,
                                                        int members, int vacancies, long seed) throws BackendUnavailable {
        if (!underTornado()) throw new BackendUnavailable(NOT_UNDER_TORNADO);
        return TornadoEnsemble.open(devices.isEmpty() ? 0 : devices.get(0), lattice, members, vacancies, seed);
    }

    @Override
    public io.halidekmc.engine.uniformized.SectorRunner openSectors(List<Integer> devices, io.halidekmc.engine.uniformized.SectorState state)
            throws BackendUnavailable {
        if (!underTornado()) throw new BackendUnavailable(NOT_UNDER_TORNADO);
        return TornadoSectorRunner.open(devices.isEmpty() ? 0 : devices.get(0), state);
    }
}
