package io.halidekmc.physics;

/**
 * Parameters of one pure CsPbX3 compound.
 *
 * @param formula          e.g. "CsPbBr3"
 * @param halide           species code of X
 * @param latticeConstant  pseudo-cubic lattice constant at 300 K, Å
 * @param migrationBarrier vacancy-mediated hop barrier E_m of X, eV
 * @param formationEnergy  halide vacancy formation energy, eV (NaN where no source gives one)
 * @param ionicRadius      Shannon radius of X⁻, pm (TARGETS C9)
 */
public record EndMember(String formula, int halide, double latticeConstant, double migrationBarrier,
                        double formationEnergy, double ionicRadius) {
    public EndMember {
        if (!(latticeConstant > 0) || !(migrationBarrier > 0) || !(ionicRadius > 0)) {
            throw new IllegalArgumentException(formula + ": lattice constant, barrier and radius must be > 0");
        }
    }
}
