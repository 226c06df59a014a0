package io.halidekmc.physics;

/**
 * The drive values that rates depend on, constant between two drive-grid points.
 *
 * @param temperature K, > 0
 * @param field       applied field along +z, V/m (positive: potential falls toward +z, so
 *                    halides, charge −1, drift toward −z)
 * @param light       illumination intensity, W/cm² (≥ 0)
 */
public record Conditions(double temperature, double field, double light) {
    public Conditions(double temperature, double field) {
        this(temperature, field, 0);
    }

    public Conditions {
        if (!(light >= 0) || Double.isInfinite(light)) {
            throw new IllegalArgumentException("light intensity must be ≥ 0 W/cm², got " + light);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0 K, got " + temperature);
        }
        if (!Double.isFinite(field)) {
            throw new IllegalArgumentException("field must be finite");
        }
    }

    public double kT() {
        return Constants.K_B * temperature;
    }
}
