package io.halidekmc.physics;

import io.halidekmc.lattice.Species;

import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of the model as a table row (scenario key, value, unit, source), for
 * {@code halide-kmc materials}, and the resolved {@code material:} section as YAML for /meta, so a
 * run can be repeated from its output file.
 * The sources are those of {@link Materials},
 * {@link BandGap}, {@link Strain} and {@link Polaron}, shortened to one line each.
 */
public final class MaterialTable {
    /** One parameter: its scenario key path, value, unit, source. */
    public record Row(String key, String value, String unit, String source) {}

    private static final String[] HALIDES = {"", "Cl", "Br", "I"};
    private static final String[] PAIRS = {"ClBr", "ClI", "BrI"};

    private MaterialTable() {}

    /** The rows of one resolved parameter set, material keys first, then the terms' defaults. */
    public static List<Row> rows(MaterialParameters p) {
        List<Row> r = new ArrayList<>();
        r.add(new Row("material.mixing.w_BrI", num(p.wBrI()), "eV",
                "estimate for CsPb(Br,I)3, Tc = 214 K (kTc = 3.075 w), below the 8.31 meV bound of 001's NCs mixed in the dark (A2)"));
        r.add(new Row("material.mixing.w_ClBr", num(p.wClBr()), "eV",
                "MAPb(I,Br)3 w = k·343 K/3.075 = " + num(Materials.W_BR_I_MA) + " eV (C7) × (15/24)² (size mismatch, C9); estimate"));
        r.add(new Row("material.mixing.w_ClI", num(p.wClI()), "eV",
                "MAPb(I,Br)3 w (C7) × (39/24)² (size mismatch, C9); estimate"));
        r.add(new Row("material.migration_barrier.Cl", num(p.barriers()[Species.CL]), "eV",
                "assumption: the measured I value (C5) until B1 calibrates the mobility"));
        r.add(new Row("material.migration_barrier.Br", num(p.barriers()[Species.BR]), "eV", "TARGETS C4 (Mizusaki et al. 1983)"));
        r.add(new Row("material.migration_barrier.I", num(p.barriers()[Species.I]), "eV", "TARGETS C5 (Futscher et al. 2019)"));
        r.add(new Row("material.attempt_frequency", num(p.attemptFrequency()), "1/s",
                "phonon scale; physics.attempt_frequency replaces it for the hops (calibrated wires and NCs)"));
        for (int x = Species.CL; x <= Species.I; x++) {
            r.add(new Row("material.band_gap.peak_nm." + HALIDES[x], num(p.gapPeakNm()[x]), "nm",
                    "end-member PL peak, TARGETS §D (000)"));
        }
        String[] bowSource = {"least squares to 000's CsPb(Br0.5Cl0.5)3 471 nm and 36 % Cl 480 nm (§D)",
                "no mixed Cl/I point: mean of the other two (assumption)", "fitted to 001's CsPbBr1.2I1.8 at 626 nm (§D)"};
        for (int i = 0; i < 3; i++) {
            r.add(new Row("material.band_gap.bowing." + PAIRS[i], num(p.bowing()[i]), "eV", bowSource[i]));
        }
        r.add(new Row("physics.strain.bulk_modulus_GPa", num(Strain.DEFAULT_BULK_MODULUS_GPA), "GPa",
                "literature estimate (10–24 GPa computed for CsPbBr3, J. Phys. Chem. C 126, 9898, 2022)"));
        r.add(new Row("physics.strain.matrix_expansion_per_K", num(Strain.DEFAULT_MATRIX_EXPANSION), "1/K",
                "glass substrate estimate (soda-lime/ITO 8–9e-6/K); free parameter"));
        r.add(new Row("physics.strain.surface_strain", num(Strain.DEFAULT_SURFACE_STRAIN), "1", "TARGETS C10 (0.05–0.17 %), middle"));
        r.add(new Row("physics.polaron.range_nm", num(Polaron.DEFAULT_RANGE_NM), "nm", "TARGETS C11 (Bischak/Limmer 2017)"));
        r.add(new Row("physics.polaron.binding", num(Polaron.DEFAULT_BINDING), "eV", "free parameter, to be calibrated"));
        r.add(new Row("physics.surface_exchange.*, physics.light_release.*", "required", "",
                "no library value: the scenario gives them (calibrated: validation/CALIBRATION.md)"));
        for (int x = Species.CL; x <= Species.I; x++) {
            r.add(new Row("material.lattice_constant_angstrom." + HALIDES[x], num(p.latticeConstant()[x]), "Å",
                    x == Species.CL ? "CsPbCl3, cubic phase, Møller 1958" : "300 K, TARGETS C8 (001)"));
        }
        for (int x = Species.CL; x <= Species.I; x++) {
            r.add(new Row("material.expansion_per_K." + HALIDES[x], num(p.expansionPerK()[x]), "1/K",
                    x == Species.CL ? "no source: Br's value assumed (physics.strain)" : "TARGETS C8 (001, 300 → 310 K; physics.strain)"));
        }
        for (int x = Species.CL; x <= Species.I; x++) {
            r.add(new Row("material.ionic_radius_pm." + HALIDES[x], num(p.ionicRadiusPm()[x]), "pm", "Shannon, TARGETS C9 (physics.strain)"));
        }
        r.add(new Row("physics.electrodes.formation_energy.Cl", num(Materials.CS_PB_CL3.formationEnergy()), "eV",
                "vacancy formation energy, TARGETS C1 (Lai et al. PNAS 2018)"));
        r.add(new Row("physics.electrodes.formation_energy.Br", num(Materials.CS_PB_BR3.formationEnergy()), "eV",
                "vacancy formation energy, TARGETS C1; I: none in our sources"));
        return r;
    }

    /**
     * The resolved {@code material:} section as YAML that a scenario file takes back unchanged:
     * every number in Java's shortest round-trip form, so reading it gives the same doubles.
     */
    public static String yaml(MaterialParameters p) {
        double[] b = p.barriers(), peak = p.gapPeakNm(), bow = p.bowing();
        return "material:\n"
                + "  name: " + p.name() + "\n"
                + "  mixing: {w_BrI: " + num(p.wBrI()) + ", w_ClBr: " + num(p.wClBr()) + ", w_ClI: " + num(p.wClI()) + "}\n"
                + "  migration_barrier: {Cl: " + num(b[Species.CL]) + ", Br: " + num(b[Species.BR]) + ", I: " + num(b[Species.I]) + "}\n"
                + "  attempt_frequency: " + num(p.attemptFrequency()) + "\n"
                + "  band_gap:\n"
                + "    peak_nm: {Cl: " + num(peak[Species.CL]) + ", Br: " + num(peak[Species.BR]) + ", I: " + num(peak[Species.I]) + "}\n"
                + "    bowing: {ClBr: " + num(bow[0]) + ", ClI: " + num(bow[1]) + ", BrI: " + num(bow[2]) + "}\n"
                + "  lattice_constant_angstrom: " + perHalide(p.latticeConstant()) + "\n"
                + "  expansion_per_K: " + perHalide(p.expansionPerK()) + "\n"
                + "  ionic_radius_pm: " + perHalide(p.ionicRadiusPm()) + "\n";
    }

    private static String perHalide(double[] v) {
        return "{Cl: " + num(v[Species.CL]) + ", Br: " + num(v[Species.BR]) + ", I: " + num(v[Species.I]) + "}";
    }

    /** Double.toString: the shortest decimal that reads back as the same double (YAML 1.2 takes 1.0E13). */
    static String num(double v) {
        return Double.toString(v);
    }
}
