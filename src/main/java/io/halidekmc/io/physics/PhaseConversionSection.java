package io.halidekmc.io.physics;

import io.halidekmc.lattice.Geometry;
import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.PhaseConversion;

/**
 * physics.phase_conversion: {light_prefactor: s⁻¹ per W/cm², light_barrier: eV,
 * min_iodide_fraction, reconversion_prefactor: s⁻¹, reconversion_barrier: eV, formation_energy: eV,
 * bromide_cost: eV, interface_energy: eV per P–N contact, iodide_boundary_preference: eV per cut
 * bond} — octahedra converting between the
 * perovskite and a wide-gap N phase ({@link PhaseConversion}). The boundary preference δ is no
 * event parameter but part of the pair energies (V_II += δ, V_BrBr −= δ: the mixing energy w is
 * unchanged, and an iodide gains δ over a bromide per cut bond, at the crystal's faces and at the
 * P/N interface alike; cutting bonds of a 50:50 region costs nothing on average, so δ does not
 * shift the P/N balance g_N), so it needs mixing on. Atomistic crystals only: an octahedron is one Pb.
 */
record PhaseConversionSection() implements PhysicsSection {
    static final String[] KEYS = {"light_prefactor", "light_barrier", "min_iodide_fraction", "reconversion_prefactor",
            "reconversion_barrier", "formation_energy", "bromide_cost", "interface_energy", "iodide_boundary_preference"};

    @Override
    public String key() {
        return "phase_conversion";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        if (!physics.has(key())) return;
        if (!(build.geometry instanceof Geometry.Nanocrystal)) {
            throw physics.error(key(), "phase conversion belongs to a nanocrystal (it starts at its faces); geometry.type is "
                    + build.geometryType);
        }
        if (build.coarse != 1) {
            throw physics.error(key(), "phase conversion needs atomistic sites (an octahedron is one Pb): geometry.coarse_grain must be 1, got "
                    + build.coarse);
        }
        YamlNode n = physics.child(key());
        double nuL = n.number("light_prefactor", null, 0, 1e15, false);
        double eL = n.number("light_barrier", null, 0, 3, false);
        double fI = n.number("min_iodide_fraction", 5.0 / 6, 0, 1, false);
        double nuR = n.number("reconversion_prefactor", null, 0, PhaseConversion.MAX_PREFACTOR, false);
        double eR = n.number("reconversion_barrier", null, 0, 3, false);
        double gN = n.number("formation_energy", null, -1, 2, false);
        double gBr = n.number("bromide_cost", 0.0, -1, 2, false);
        double gamma = n.number("interface_energy", 0.0, -1, 1, false);
        double delta = n.number("iodide_boundary_preference", 0.0, -0.2, 0.2, false);
        n.rejectUnknown(KEYS);
        if (delta != 0 && !build.mixing) {
            throw physics.error(key() + ".iodide_boundary_preference", "enters the pair energies: needs physics.mixing: true");
        }
        build.phaseConversion = new PhaseConversion(nuL, eL, fI, nuR, eR, gN, gBr, gamma).requirePhysicalPrefactors()
                .perSimulatedSecond(build.timeScale);
        if (delta != 0) {
            double[][] v = build.material.pairEnergies();
            build.material = build.material
                    .withPairEnergy(Species.I, Species.I, v[Species.I][Species.I] + delta)
                    .withPairEnergy(Species.BR, Species.BR, v[Species.BR][Species.BR] - delta);
        }
    }
}
