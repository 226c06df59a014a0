package io.halidekmc.physics;

/**
 * The drive values that rates depend on, constant between two drive-grid points.
 *
 * @param temperature K, > 0
 * @param field       applied field along +z, V/m (positive: potential falls toward +z, so
 *                    halides, charge −1, drift toward −z)
 * @param light       illumination intensity, W/cm² (≥ 0)
 * @param quasiStatic Q ≥ 1, the factor the hop rates are slowed by (DESIGN §3's quasi-static
 *                    approximation); 1 = the material's own attempt frequency
 */
public record Conditions(double temperature, double field, double light, double quasiStatic) {
    public Conditions(double temperature, double field) {
        this(temperature, field, 0);
    }

    public Conditions(double temperature, double field, double light) {
        this(temperature, field, light, 1);
    }

    public Conditions {
        if (!(quasiStatic >= 1) || Double.isInfinite(quasiStatic)) {
            throw new IllegalArgumentException("quasi-static factor must be ≥ 1, got " + quasiStatic);
        }
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
