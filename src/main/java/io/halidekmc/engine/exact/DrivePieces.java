package io.halidekmc.engine.exact;

import io.halidekmc.drive.DriveProgram;
import io.halidekmc.engine.event.WireDeviceState;
import io.halidekmc.physics.Conditions;
import io.halidekmc.physics.EnergyTerm;
import io.halidekmc.physics.Material;

import java.util.List;

/**
 * The drive as the exact engine sees it: piecewise constant (DESIGN §4), so at each drive-grid
 * point (and each Poisson refresh of a wire device) the rate tables are rebuilt and every rate,
 * hop or source, refreshed in bulk.
 */
final class DrivePieces {
    private final DriveProgram drive;
    private final Material material;
    private final List<EnergyTerm> terms;
    private final VacancyRates rates;
    private final EventSources sources;
    /** A biased wire device whose potential is refreshed with the drive, or null. */
    WireDeviceState device;
    Conditions conditions;
    /** Start of the next piece: the drive's next change or the device's next Poisson refresh. */
    double nextChange;
    long refreshes;
    /** Tests: the difference-form kernel even where the tables factorise. */
    boolean differenceFormOnly;

    DrivePieces(DriveProgram drive, Material material, List<EnergyTerm> terms, VacancyRates rates, EventSources sources) {
        this.drive = drive;
        this.material = material;
        this.terms = terms;
        this.rates = rates;
        this.sources = sources;
    }

    /** Enters the piece that holds time t. */
    void apply(double t) {
        conditions = drive.at(t);
        nextChange = drive.nextChange(t);
        rates.table.build(material, terms, conditions);
        rates.factors.build(rates.table);
        if (differenceFormOnly) rates.factors.valid = false;
        if (device != null) {
            device.updatePotential(conditions, rates.occ);
            rates.fieldZ = device.potential.table();
            nextChange = Math.min(nextChange, device.potential.nextRefresh(t));
        }
        if (rates.funnel != null) rates.funnel.setConditions(conditions);
        if (rates.surfaceStrain != null) rates.surfaceStrain.rebuild(conditions.kT());
        rates.refreshAll();
        // the sources read only the lattice and their own state, so after the hop rates is as good as before
        sources.setConditions(conditions);
        refreshes++;
    }
}
