package io.halidekmc.physics;

/**
 * A biased nanowire device (003, 000): metal contacts over both ends of a wire along z, the
 * applied voltage dropping over the gap between them, optional vacancy sources at the contacts and
 * an optional space-charge (1D Poisson) correction to the potential.
 *
 * <p>Length scale s (DESIGN §3 extended to lengths): the simulated wire is the physical one
 * shrunk s times along z (lengths in the scenario are physical). Drift–diffusion is invariant
 * when the voltage is kept (so the simulated field is s·E), times are multiplied by s², source
 * rates per site by s² and the permittivity divided by s² (Debye length ∝ s); see
 * {@code WirePotential} and {@code WireDeviceState}. The per-hop field energy grows by s, so
 * s·e·E·a/2 ≪ kT keeps the response linear (at 4 V/µm and s = 10: 0.45 kT per hop, rate factor
 * sinh(x)/x − 1 < 1 %).
 *
 * @param contactCells cell layers under each contact (field-free, the metal pins the potential)
 * @param lengthScale  s ≥ 1, physical length per simulated length along z
 * @param sources      electrode reactions, or null (closed wire)
 * @param spaceCharge  Poisson correction, or null (the applied potential only)
 */
public record WireDevice(int contactCells, double lengthScale, ElectrodeSources sources, SpaceCharge spaceCharge) {
    public WireDevice {
        if (contactCells < 0) throw new IllegalArgumentException("contact width must be ≥ 0 cells");
        if (!(lengthScale >= 1)) throw new IllegalArgumentException("length scale must be ≥ 1");
        if (sources != null && contactCells < 1) throw new IllegalArgumentException("electrode sources need contacts ≥ 1 cell wide");
    }

    /**
     * Vacancy creation/annihilation under the contacts with halide storage in the electrodes
     * (000: electrodes act as halide reservoirs). A halide X at a contact site moves into its
     * electrode's store (a lattice gas of {@code storeSitesPerSite} places per contact site,
     * initially {@code storeFill} full with the adjoining segment's composition), leaving a
     * vacancy; the reverse fills a contact vacancy from the store. Rates per contact site,
     * physical: k = (r0 + α_X·|E|) at the active electrode, r0 at the other, times the Boltzmann
     * split of {@link SurfaceExchange} (detailed balance with the store's energy and entropy at
     * every field). The store energies ε_X are set so that a pure-X contact is in equilibrium with
     * the scenario's vacancy fraction at the initial temperature, shifted by the formation-energy
     * difference E_f,X − E_f,Br (TARGETS C1), so a Cl contact holds exp(−0.12 eV/kT) ≈ 1 % as many.
     *
     * @param thermalRate     r0, s⁻¹ per site, the zero-field exchange rate
     * @param alpha           α_X per species code, µm V⁻¹ s⁻¹ (TARGETS B2: Br 1.3e-5, Cl 3.8e-7)
     * @param formationEnergy E_f,X per species code, eV (C1; NaN: taken equal to Br's)
     * @param active          where the field-linear part acts: "anode" (halides enter the positive
     *                        metal, 000), "cathode" or "both"
     * @param storeSitesPerSite store capacity per contact site (> 0)
     * @param storeFill       initial filling of the store, (0, 1)
     */
    public record ElectrodeSources(double thermalRate, double[] alpha, double[] formationEnergy, String active,
                                   double storeSitesPerSite, double storeFill) {
        public ElectrodeSources {
            if (!(thermalRate > 0)) throw new IllegalArgumentException("thermal rate must be > 0");
            if (!(storeSitesPerSite > 0) || !(storeFill > 0 && storeFill < 1)) {
                throw new IllegalArgumentException("store needs sites > 0 and fill in (0, 1)");
            }
            if (!java.util.Set.of("anode", "cathode", "both").contains(active)) {
                throw new IllegalArgumentException("active must be anode, cathode or both");
            }
        }

        /** α_X of TARGETS B2 and E_f of C1; 1e-6 s⁻¹ thermal exchange (an assumption: small against α·E at ≥ 0.1 V/µm). */
        public static ElectrodeSources targets() {
            double[] a = new double[io.halidekmc.lattice.Species.COUNT];
            double[] e = new double[io.halidekmc.lattice.Species.COUNT];
            a[io.halidekmc.lattice.Species.BR] = 1.3e-5;
            a[io.halidekmc.lattice.Species.CL] = 3.8e-7;
            a[io.halidekmc.lattice.Species.I] = 1.3e-5;
            e[io.halidekmc.lattice.Species.BR] = Materials.CS_PB_BR3.formationEnergy();
            e[io.halidekmc.lattice.Species.CL] = Materials.CS_PB_CL3.formationEnergy();
            e[io.halidekmc.lattice.Species.I] = Double.NaN;
            return new ElectrodeSources(1e-6, a, e, "anode", 1.0, 0.5);
        }
    }

    /**
     * Space charge of the vacancies: ρ = e·c_s·(x_V − x_V⁰)/F with c_s = 3/a³ and F the vacancy
     * rescaling factor (each simulated vacancy carries 1/F of a physical vacancy's density), as in
     * 003 (ε = 25 ε0, charge from the vacancy excess over the initial equilibrium, B6).
     *
     * @param relativePermittivity ε/ε0
     * @param refreshInterval      physical seconds between Poisson solves (each a drive-grid point)
     */
    public record SpaceCharge(double relativePermittivity, double refreshInterval) {
        public SpaceCharge {
            if (!(relativePermittivity > 0) || !(refreshInterval > 0)) {
                throw new IllegalArgumentException("space charge needs ε > 0 and a refresh interval > 0");
            }
        }
    }
}
