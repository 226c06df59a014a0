package io.halidekmc.observe;

/**
 * Wire-device observables of one output time (DESIGN §7, 003/000), one row of /wire.
 *
 * @param time           physical time, s
 * @param frontNm        composition front (x_Br = 0.55) from the low-z end of the wire, physical nm
 * @param migrationNm    distance the front moved into the Br-rich end segment since t = 0, physical nm
 * @param clInBr         Cl fraction among the halides of the initial Br-rich end segment (gap part)
 *                       minus its value at t = 0: the Cl that entered it
 * @param stored         halides stored in the electrodes, [electrode 0 low-z / 1 high-z][species code]
 * @param contactVacancy vacancy fraction under each contact (000 reads it as the Pb⁰ signal)
 * @param potential      potential per cell layer, V
 */
public record WireFrame(double time, double frontNm, double migrationNm, double clInBr, long[][] stored,
                        double[] contactVacancy, double[] potential) {
}
