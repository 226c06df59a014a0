package io.halidekmc.backend.cuda;

import io.halidekmc.engine.BackendUnavailable;
import io.halidekmc.engine.uniformized.UniformizedKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;

import java.lang.foreign.MemorySegment;

/**
 * The three ensemble kernels of kernels/nc_ensemble.cu, loaded and configured on one device.
 *
 * @param residentFailure why the resident kernel could not be set up (the others stay usable), or null
 */
record EnsembleKernels(CudaModule module, MemorySegment global, MemorySegment cached, MemorySegment resident,
                       String residentFailure) {

    static EnsembleKernels load(CudaSession session) throws BackendUnavailable {
        CudaDriver cu = session.cu;
        CudaModule module = session.load("nc_ensemble");
        module.checkAbi(cu, "ENSEMBLE_ABI", new int[] {Lattice.Z, Occupancy.SPECIES_MASK, Species.CL, Occupancy.COUNT_SHIFT,
                Integer.numberOfTrailingZeros(Occupancy.REGULAR), 12, UniformizedKernel.STREAM_TAG}, "kernels/nc_ensemble.cu");
        MemorySegment global = module.function(cu, session.arena, "ensemble_trials");
        MemorySegment cached = module.function(cu, session.arena, "ensemble_trials_cached");
        cu.check(cu.call(cu.cuFuncSetAttribute, cached, CudaDriver.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, CudaEnsemble.MAX_SHARED),
                "cuFuncSetAttribute(max dynamic shared memory)");
        MemorySegment resident = null;
        String failure = null;
        try {
            // a resident kernel that cannot be set up leaves the others usable, with the reason
            resident = module.function(cu, session.arena, "ensemble_trials_resident");
            cu.check(cu.call(cu.cuFuncSetAttribute, resident, CudaDriver.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                    CudaEnsemble.MAX_SHARED - 1024), "cuFuncSetAttribute(max dynamic shared memory)");
            // four 23 nm crystals (55 kB each) per multiprocessor only with the largest shared-memory carveout
            cu.check(cu.call(cu.cuFuncSetAttribute, resident, CudaDriver.CU_FUNC_ATTRIBUTE_PREFERRED_SHARED_MEMORY_CARVEOUT, 100),
                    "cuFuncSetAttribute(preferred shared memory carveout)");
        } catch (BackendUnavailable e) {
            failure = e.getMessage();
        }
        return new EnsembleKernels(module, global, cached, resident, failure);
    }
}
