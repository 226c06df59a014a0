package io.halidekmc.io;

import io.halidekmc.io.yaml.YamlNode;

import io.halidekmc.io.physics.PhysicsBuild;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.physics.WireDevice;

/**
 * The wire device a file describes across geometry: (contacts, length scale) and physics:
 * (electrodes, space charge): checked together once the engine and run length are known.
 */
final class WireReader {
    private WireReader() {}

    /** The device, or null when the file has no contacts (a plain wire, bulk or nanocrystal). */
    static WireDevice read(YamlNode root, YamlNode geo, Geometry geometry, String engine, double until, double lengthScale,
                           PhysicsBuild physics) {
        int contactCells = physics.contactCells();
        if (contactCells < 0) return null;
        if (geometry.lengthZ() - 2 * contactCells < 2) {
            throw geo.error("contact_width_nm", "the contacts leave a gap of " + (geometry.lengthZ() - 2 * contactCells)
                    + " cells; need ≥ 2");
        }
        if (physics.electrodes() != null && contactCells < 1) {
            throw geo.error("contact_width_nm", "physics.electrodes need contacts at least one cell wide");
        }
        if (!engine.equals("exact")) throw root.error("engine", "a wire device runs on engine: exact only");
        WireDevice.SpaceCharge spaceCharge = physics.spaceChargeAsked() ? physics.spaceCharge()
                : new WireDevice.SpaceCharge(25, Double.MAX_VALUE);
        if (spaceCharge != null && spaceCharge.refreshInterval() == Double.MAX_VALUE) {
            // default: 1000 Poisson solves per run
            spaceCharge = new WireDevice.SpaceCharge(spaceCharge.relativePermittivity(), until / 1000);
        }
        return new WireDevice(contactCells, lengthScale, physics.electrodes(), spaceCharge);
    }
}
