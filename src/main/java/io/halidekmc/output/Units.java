package io.halidekmc.output;

import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

/**
 * The one way this package writes a dataset: with its "units" attribute, so a reader of any file
 * never has to guess a unit from a name ("1": dimensionless, a count of sites is "counts").
 */
public final class Units {
    public static final String NONE = "1";

    private Units() {}

    public static WritableDataset put(WritableGroup g, String name, Object data, String units) {
        WritableDataset d = g.putDataset(name, data);
        d.putAttribute("units", units);
        return d;
    }
}
