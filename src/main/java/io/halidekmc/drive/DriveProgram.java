package io.halidekmc.drive;

import io.halidekmc.physics.Conditions;

/**
 * Temperature and applied field over time; the engine asks for the conditions of the current
 * piece and for the next time either changes.
 *
 * @param temperature K
 * @param field       V/m along +z
 * @param light       illumination intensity, W/cm²
 * @param quasiStatic Q ≥ 1: the hops run Q times slower than the material's attempt frequency
 *                    says (the quasi-static approximation, DESIGN §3), per phase of the protocol
 */
public record DriveProgram(Schedule temperature, Schedule field, Schedule light, Schedule quasiStatic) {

    /** Hops at the material's own rate (Q = 1). */
    public DriveProgram(Schedule temperature, Schedule field, Schedule light) {
        this(temperature, field, light, new Schedule.Constant(1));
    }

    /** Dark: temperature and field only. */
    public DriveProgram(Schedule temperature, Schedule field) {
        this(temperature, field, new Schedule.Constant(0));
    }

    public static DriveProgram constant(double kelvin, double voltsPerMetre) {
        return new DriveProgram(new Schedule.Constant(kelvin), new Schedule.Constant(voltsPerMetre));
    }

    public Conditions at(double t) {
        return new Conditions(temperature.valueAt(t), field.valueAt(t), light.valueAt(t), quasiStatic.valueAt(t));
    }

    public double nextChange(double t) {
        return Math.min(Math.min(temperature.nextChange(t), field.nextChange(t)), Math.min(light.nextChange(t), quasiStatic.nextChange(t)));
    }
}
