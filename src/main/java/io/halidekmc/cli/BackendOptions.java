package io.halidekmc.cli;

import io.halidekmc.backend.Backends;
import io.halidekmc.engine.RateBackend;
import io.halidekmc.io.yaml.InputException;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** --backend / --devices of run and bench: checked here, chosen by {@link Backends#select}. */
final class BackendOptions {
    private BackendOptions() {}

    static List<Integer> devices(String devices) {
        try {
            return Backends.parseDevices(devices);
        } catch (IllegalArgumentException e) {
            throw new InputException("--devices: " + e.getMessage());
        }
    }

    static void checkName(String backend) {
        if (!Backends.NAMES.contains(backend.toLowerCase(Locale.ROOT))) {
            throw new InputException("--backend: '" + backend + "' is not a backend; allowed: " + String.join(", ", Backends.NAMES));
        }
    }

    static Backends.Choice choose(String backend, String devices, Consumer<RateBackend> timeRefresh) {
        checkName(backend);
        return Backends.select(backend, devices(devices), timeRefresh);
    }
}
