package io.halidekmc.physics;

/**
 * Quantum-confinement energy ΔE_conf of an emitting region versus its cube-equivalent edge L, added
 * to the bulk gap of {@link BandGap} (which is the large-size limit: CsPbBr3 520 nm).
 *
 * <p>Both curves are stated for CsPbBr3; another composition x is read at the edge
 * L·d_B(Br)/d_B(x), so that equal L/d_B means equal confinement (the weak-to-intermediate regime
 * scales with the exciton Bohr diameter). The energy scale is not rescaled with composition, an
 * approximation within the ±5 nm the sources disagree by (SEGREGATION-NOTES §3).
 *
 * <ul>
 *   <li>{@link Table} (default, {@code table}): the MAPbBr3 NC sizes of Commun. Phys. 2023, data file
 *   {@value Table#DEFAULT_RESOURCE}.</li>
 *   <li>{@link InverseSquare} ({@code bracket}): C/L², the strong-confinement form, with C fixed by one
 *   CsPbBr3 point; it confines more than the table at every size, so the two bracket the plateau
 *   prediction (REBUILD-PLAN §3.7: 518.7 vs 513.4 nm for a 16.5 nm core).</li>
 * </ul>
 */
public sealed interface ConfinementCurve permits ConfinementCurve.Table, ConfinementCurve.InverseSquare {

    /** Exciton Bohr diameters, nm: CsPbCl3 5, CsPbBr3 7, CsPbI3 12 [mem: Protesescu et al., Nano Lett. 15, 3692 (2015)]. */
    double BOHR_CL_NM = 5, BOHR_BR_NM = 7, BOHR_I_NM = 12;

    /** The names a scenario file may give ({@code output.pl.confinement}). */
    String[] NAMES = {"table", "bracket"};

    /** ΔE_conf of a CsPbBr3 cube of edge {@code edgeNm}, eV (≥ 0, non-increasing in the edge). */
    double shiftBromide(double edgeNm);

    /** The name a scenario file uses for this curve. */
    String name();

    /** ΔE_conf, eV, of a region of edge {@code edgeNm} and halide fractions (need not be normalised). */
    default double shift(double edgeNm, double cl, double br, double in) {
        return shiftBromide(edgeNm * BOHR_BR_NM / bohrDiameterNm(cl, br, in));
    }

    /** Linear in the halide fractions between the end members' Bohr diameters [mem: Protesescu 2015]. */
    static double bohrDiameterNm(double cl, double br, double in) {
        double s = cl + br + in;
        return (cl * BOHR_CL_NM + br * BOHR_BR_NM + in * BOHR_I_NM) / s;
    }

    static ConfinementCurve named(String name) {
        return switch (name) {
            case "table" -> Table.commPhys2023();
            case "bracket" -> InverseSquare.energies2021();
            default -> throw new IllegalArgumentException("unknown confinement curve '" + name + "'; allowed: "
                    + String.join(", ", NAMES));
        };
    }

    /**
     * A tabulated curve: CsPbBr3-equivalent edges (strictly increasing, nm) and ΔE (non-increasing, the
     * last 0: the large-size limit). Between points a monotone cubic in ln L (Fritsch–Carlson, so no
     * overshoot makes a smaller region redder); beyond the last point 0; below the first ΔE ∝ 1/L²,
     * the strong-confinement limit, so a speck of a few cells is not given the 2.5 nm value.
     */
    record Table(String name, String source, double[] edgesNm, double[] shiftsEv) implements ConfinementCurve {
        public static final String DEFAULT_RESOURCE = "confinement-commphys2023.csv";

        public Table {
            if (edgesNm.length < 2 || edgesNm.length != shiftsEv.length) {
                throw new IllegalArgumentException(source + ": a confinement table needs ≥ 2 points of (edge, ΔE)");
            }
            for (int i = 0; i < edgesNm.length; i++) {
                if (!(edgesNm[i] > 0) || !(shiftsEv[i] >= 0)) {
                    throw new IllegalArgumentException(source + ": point " + (i + 1) + " needs edge > 0 and ΔE ≥ 0");
                }
                if (i > 0 && (!(edgesNm[i] > edgesNm[i - 1]) || shiftsEv[i] > shiftsEv[i - 1])) {
                    throw new IllegalArgumentException(source + ": edges must increase and ΔE must not (point " + (i + 1) + ")");
                }
            }
            if (shiftsEv[shiftsEv.length - 1] != 0) {
                throw new IllegalArgumentException(source + ": the last point is the large-size limit, ΔE = 0");
            }
            edgesNm = edgesNm.clone();
            shiftsEv = shiftsEv.clone();
        }

        /** The default: {@value #DEFAULT_RESOURCE} (loaded once per call; a frame needs it once). */
        public static Table commPhys2023() {
            return ConfinementTableFile.load("table", DEFAULT_RESOURCE);
        }

        @Override
        public double shiftBromide(double edgeNm) {
            int n = edgesNm.length;
            if (edgeNm >= edgesNm[n - 1]) return 0;
            if (edgeNm <= edgesNm[0]) {
                double r = edgesNm[0] / edgeNm;
                return shiftsEv[0] * r * r;
            }
            return MonotoneCubic.at(logEdges(), shiftsEv, Math.log(edgeNm));
        }

        double[] logEdges() {
            double[] x = new double[edgesNm.length];
            for (int i = 0; i < x.length; i++) x[i] = Math.log(edgesNm[i]);
            return x;
        }
    }

    /** ΔE = C/L², eV with L in nm. */
    record InverseSquare(String name, double cEvNm2) implements ConfinementCurve {
        /**
         * CsPbBr3 NCs of 9.9 nm emit at 2.469 eV [src: Energies 14, 275 (2021), via SEGREGATION-NOTES §3]:
         * C = (2.469 eV − hc/520 nm)·(9.9 nm)² = 8.30 eV·nm².
         */
        public static final double ENERGIES_2021_EDGE_NM = 9.9, ENERGIES_2021_EV = 2.469;

        public static InverseSquare energies2021() {
            double de = ENERGIES_2021_EV - BandGap.HC / BandGap.PEAK_BR;
            return new InverseSquare("bracket", de * ENERGIES_2021_EDGE_NM * ENERGIES_2021_EDGE_NM);
        }

        @Override
        public double shiftBromide(double edgeNm) {
            return cEvNm2 / (edgeNm * edgeNm);
        }
    }
}
