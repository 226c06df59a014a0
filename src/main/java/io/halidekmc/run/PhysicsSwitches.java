package io.halidekmc.run;

import io.halidekmc.engine.KmcEngine;
import io.halidekmc.engine.ensemble.EnsembleEngine;
import io.halidekmc.engine.exact.ExactEngine;
import io.halidekmc.io.Scenario;

/**
 * Switches on the scenario's optional physics on a newly built engine, in a fixed order (the
 * order sources register in, which fixes the trajectory for a seed). A film's members get the
 * light, strain and phase terms here; their surface exchange comes with the film itself.
 */
final class PhysicsSwitches {
    private PhysicsSwitches() {}

    static void enable(Scenario scenario, KmcEngine engine) {
        if (engine instanceof EnsembleEngine film) {
            for (ExactEngine m : film.ensemble().members()) {
                if (scenario.carrierFunnel() != null || scenario.polaron() != null) {
                    m.enableLightCarriers(scenario.carrierFunnel(), scenario.polaron(), scenario.lightRelease());
                }
                if (scenario.lightRelease() != null && scenario.surfaceExchange() != null) m.enableLightRelease(scenario.lightRelease());
                if (scenario.strain() != null) m.enableStrain(scenario.strain());
                if (scenario.phaseConversion() != null) m.enablePhaseConversion(scenario.phaseConversion());
            }
            return;
        }
        if ((scenario.carrierFunnel() != null || scenario.polaron() != null) && engine instanceof ExactEngine exact) {
            exact.enableLightCarriers(scenario.carrierFunnel(), scenario.polaron(), scenario.lightRelease());
        }
        if (scenario.wire() != null) {
            if (!(engine instanceof ExactEngine exact)) throw new IllegalStateException("a wire device needs engine: exact");
            exact.enableWireDevice(scenario.wire(), scenario.vacancyFraction(), scenario.timeScale(), scenario.vacancyScale(),
                    scenario.segments());
        }
        if (scenario.surfaceExchange() != null) {
            if (!(engine instanceof ExactEngine exact)) throw new IllegalStateException("surface exchange needs engine: exact");
            exact.enableSurfaceExchange(scenario.surfaceExchange(), scenario.initialReservoir());
            if (scenario.lightRelease() != null) exact.enableLightRelease(scenario.lightRelease());
        }
        if (scenario.strain() != null) {
            if (!(engine instanceof ExactEngine exact)) throw new IllegalStateException("strain needs engine: exact");
            exact.enableStrain(scenario.strain());
        }
        if (scenario.phaseConversion() != null) {
            if (!(engine instanceof ExactEngine exact)) throw new IllegalStateException("phase conversion needs engine: exact");
            exact.enablePhaseConversion(scenario.phaseConversion());
        }
    }
}
