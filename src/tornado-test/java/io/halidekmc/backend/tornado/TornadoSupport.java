package io.halidekmc.backend.tornado;

import io.halidekmc.engine.HopKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.RateTable;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared by the TornadoVM tests and the benchmark: the skip rule and the CPU twin. */
final class TornadoSupport {
    private TornadoSupport() {}

    static final String SKIP_MESSAGE = "TORNADOVM_HOME is not set: TornadoVM backend tests skipped "
            + "(install the TornadoVM SDK, set TORNADOVM_HOME, and run mvn -Ptornado test; see README)";

    static boolean sdkPresent() {
        String home = System.getenv("TORNADOVM_HOME");
        return home != null && !home.isBlank();
    }

    /** JUnit: skips the calling test with {@link #SKIP_MESSAGE} unless TORNADOVM_HOME is set. */
    static void assumeSdk() {
        if (!sdkPresent()) System.err.println("[tornado] " + SKIP_MESSAGE);
        assumeTrue(sdkPresent(), SKIP_MESSAGE);
        // set but launched without the SDK's JVM flags (argfile): a clear failure beats a NoClassDefFoundError
        assumeTrue(ModuleLayer.boot().findModule("tornado.runtime").isPresent(),
                "TORNADOVM_HOME is set but the JVM was not started with its argfile "
                        + "(@$TORNADOVM_HOME/tornado-argfile): TornadoVM backend tests skipped");
    }

    /** The CPU kernel's answer, difference form. */
    static void cpuRefresh(Occupancy occ, RateTable t, double[] rates, double[] leafSums) {
        HopKernel.refreshAll(occ.vacancySite, occ.vacancies, occ.counts, occ.lattice.neighbours(),
                t.base, t.field, t.mix, rates, leafSums);
    }

    /** The CPU kernel's answer, factorised form (the exact engine's refresh). */
    static void cpuRefreshFactored(Occupancy occ, HopKernel.Factors f, double[] field, double[] rates, double[] leafSums) {
        HopKernel.refreshAllFactored(occ.vacancySite, occ.vacancies, occ.counts, occ.lattice.neighbours(),
                occ.lattice.regularOffsets(), f.fv, f.gh, field, rates, leafSums);
    }

    static double[] newRates(Occupancy occ) {
        return new double[occ.vacancies * Lattice.Z];
    }
}
