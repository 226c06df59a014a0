package io.halidekmc.io.physics;

import io.halidekmc.io.yaml.HalideValues;
import io.halidekmc.io.yaml.YamlNode;
import io.halidekmc.lattice.Geometry;
import io.halidekmc.physics.Strain;

/**
 * physics.strain: {bulk_modulus_GPa, matrix_expansion_per_K, surface_strain, collective,
 * reference: {composition: {Cl, Br, I}, temperature: K}} ({@link Strain}).
 */
record StrainSection() implements PhysicsSection {
    @Override
    public String key() {
        return "strain";
    }

    @Override
    public void read(YamlNode physics, PhysicsBuild build) {
        if (!physics.has(key())) return;
        if (!(build.geometry instanceof Geometry.Nanocrystal)) {
            throw physics.error(key(), "the strain terms belong to a nanocrystal (its reference lattice and surface); geometry.type is "
                    + build.geometryType);
        }
        build.strain = strain(physics.child(key())).withEndMembers(build.parameters.expansionPerK(),
                build.parameters.ionicRadiusPm(), build.parameters.latticeConstant());
    }

    private static Strain strain(YamlNode st) {
        double k = st.number("bulk_modulus_GPa", Strain.DEFAULT_BULK_MODULUS_GPA, 0, 1000, false);
        double alpha = st.number("matrix_expansion_per_K", Strain.DEFAULT_MATRIX_EXPANSION, -1e-3, 1e-3, false);
        double eps = st.number("surface_strain", Strain.DEFAULT_SURFACE_STRAIN, -0.05, 0.05, false);
        boolean collective = st.bool("collective", true);
        double[] refFractions = null;
        double refT = Double.NaN;
        if (st.has("reference")) {
            YamlNode r = st.child("reference");
            if (r.has("composition")) refFractions = HalideValues.composition(r.child("composition"));
            if (r.has("temperature")) refT = r.number("temperature", null, 0, 5000, true);
            r.rejectUnknown("composition", "temperature");
        }
        st.rejectUnknown("bulk_modulus_GPa", "matrix_expansion_per_K", "surface_strain", "collective", "reference");
        return new Strain(k, alpha, refFractions, refT, eps, collective);
    }
}
