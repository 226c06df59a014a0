package io.halidekmc.output;

import io.halidekmc.lattice.Species;
import io.halidekmc.observe.Frame;
import io.halidekmc.run.RunResult;

import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * The columns of a run's /timeseries, listed once: {@link Hdf5Writer} writes them and a sweep
 * reads any of them as an outcome ({@code timeseries:<name>@end}), so a column added here is both.
 */
public final class TimeseriesColumns {
    private TimeseriesColumns() {}

    /**
     * @param description a dataset attribute where the name and unit do not say enough (null: none)
     * @param counts      stored as integers (long[]), the value being a whole count
     */
    public record Column(String name, String unit, String description, boolean counts, ToDoubleBiFunction<RunResult, Frame> value) {
        /** One value per frame: long[] for counts, double[] otherwise. */
        public Object values(RunResult r) {
            List<Frame> frames = r.frames();
            int n = frames.size();
            if (counts) {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = (long) value.applyAsDouble(r, frames.get(i));
                return v;
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = value.applyAsDouble(r, frames.get(i));
            return v;
        }
    }

    private static final List<Column> ALL = List.of(
            new Column("time_s", "s", null, false, (r, f) -> f.time()),
            new Column("events", "counts", null, true, (r, f) -> f.events()),
            new Column("temperature_K", "K", null, false, (r, f) -> f.temperature()),
            new Column("field_V_per_m", "V/m", null, false, (r, f) -> f.field()),
            new Column("bias_V", "V", null, false, (r, f) -> f.field() * Hdf5Writer.biasLength(r)),
            new Column("light_W_per_cm2", "W/cm^2", null, false, (r, f) -> f.light()),
            new Column("x_vacancy", Units.NONE, null, false, (r, f) -> f.fractions()[Species.VACANCY]),
            new Column("x_Cl", Units.NONE, null, false, (r, f) -> f.fractions()[Species.CL]),
            new Column("x_Br", Units.NONE, null, false, (r, f) -> f.fractions()[Species.BR]),
            new Column("x_I", Units.NONE, null, false, (r, f) -> f.fractions()[Species.I]),
            new Column("vacancies", "counts", null, true, (r, f) -> f.vacancies()),
            new Column("order_parameter", Units.NONE, null, false, (r, f) -> f.order()),
            new Column("surface_I_fraction", Units.NONE, null, false, (r, f) -> f.surfaceIodide()),
            new Column("net_halide_dz_m", "m", null, false, (r, f) -> f.netHalideDz()),
            new Column("radial_contrast_I", Units.NONE, null, false, (r, f) -> f.radialContrast()),
            new Column("energy_eV", "eV", "configurational energy of the active energy terms "
                    + "(mixing, field), recomputed in full at each frame, defined up to a constant; film: summed over its crystals; "
                    + "NaN for a uniformized film on a GPU, whose crystals stay there", false, (r, f) -> f.energy()),
            new Column("pl_peak_nm", "nm", "synthetic PL peak (as /pl/peak_nm); NaN without PL", false, (r, f) -> f.plPeak()),
            new Column("x_N", Units.NONE, "share of the halide sites held (frozen in place) by non-perovskite N octahedra "
                    + "(physics.phase_conversion); x_vacancy, x_Cl, x_Br, x_I count the perovskite sites only", false,
                    (r, f) -> f.frozenFraction()),
            new Column("reservoir_Cl", "counts", null, true, (r, f) -> f.reservoir()[Species.CL]),
            new Column("reservoir_Br", "counts", null, true, (r, f) -> f.reservoir()[Species.BR]),
            new Column("reservoir_I", "counts", null, true, (r, f) -> f.reservoir()[Species.I]));

    public static List<Column> all() {
        return ALL;
    }

    /** The column of this name, or null. */
    public static Column byName(String name) {
        for (Column c : ALL) if (c.name().equals(name)) return c;
        return null;
    }

    public static List<String> names() {
        return ALL.stream().map(Column::name).toList();
    }
}
