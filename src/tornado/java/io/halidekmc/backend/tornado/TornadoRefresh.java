package io.halidekmc.backend.tornado;

import io.halidekmc.engine.HopKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.RateTable;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.foreign.MemorySegment;

/**
 * Host side of the TornadoVM bulk refresh: the off-heap buffers, one {@link TaskGraph} running
 * {@link TornadoHopKernel#refreshAll} or {@link TornadoHopKernel#refreshAllFactored}, and its
 * {@link TornadoExecutionPlan}, built once for an {@link Occupancy} (its lattice and its vacancy
 * count, which hops conserve).
 *
 * <p>The neighbour table, the regular offsets and the slot dz table are constant for the lattice
 * and go to the device once ({@link DataTransferMode#FIRST_EXECUTION}); the packed words, the
 * vacancy sites and the rate tables change between refreshes and go every execution; the rates and
 * leaf sums come back every execution. The project keeps its state in heap arrays
 * ({@link Occupancy#counts}), so {@link #refresh}/{@link #refreshFactored} copy them into the
 * TornadoVM buffers with one bulk {@link MemorySegment#copy} each (no per-element loop) and copy
 * the results back the same way.
 *
 * <p>Floating point: TornadoVM builds OpenCL kernels with {@code -cl-mad-enable
 * -cl-fast-relaxed-math} by default, which lets the device compiler fuse multiply-adds and
 * reassociate the product chain, so results would drift from the CPU kernel by an ulp or so. The
 * plan here is built with {@link #STRICT_OPENCL_FLAGS} instead (IEEE double, no fast-math), under
 * which the kernel is bitwise equal to {@link HopKernel}; {@code -Dhalidekmc.tornado.fastMath=true}
 * restores TornadoVM's default flags (then only an ulp-level agreement holds).
 */
public final class TornadoRefresh implements AutoCloseable {
    /** Which rate-law form the plan runs (see {@link HopKernel}). */
    public enum Form { DIFFERENCE, FACTORED }

    /** OpenCL build flags of the plan: warnings off, and none of the fast-math options. */
    public static final String STRICT_OPENCL_FLAGS = "-w";

    private final Form form;
    private final int sites;
    private final int vacancies;
    private final IntArray vacancySite;
    private final IntArray words;
    private final IntArray nb;
    private final IntArray off;
    private final IntArray slotDz;
    private final DoubleArray base;
    private final DoubleArray field;
    private final DoubleArray mix;
    private final DoubleArray fv;
    private final DoubleArray gh;
    private final DoubleArray rates;
    private final DoubleArray leafSums;
    private final TornadoExecutionPlan plan;

    /** Difference form. */
    public TornadoRefresh(Occupancy occ) {
        this(occ, Form.DIFFERENCE);
    }

    public TornadoRefresh(Occupancy occ, Form form) {
        Lattice lat = occ.lattice;
        this.form = form;
        this.sites = occ.counts.length;
        this.vacancies = occ.vacancies;
        if (vacancies == 0) throw new IllegalArgumentException("no vacancies to refresh");
        vacancySite = new IntArray(vacancies);
        words = new IntArray(sites);
        nb = new IntArray(lat.neighbours().length);
        copyIn(lat.neighbours(), nb);
        int[] regular = lat.regularOffsets();
        off = new IntArray(regular.length);
        copyIn(regular, off);
        slotDz = new IntArray(3 * Lattice.Z);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < Lattice.Z; j++) slotDz.set(k * Lattice.Z + j, Lattice.offset(k, j, 2) + 1);
        }
        RateTable shape = new RateTable();
        HopKernel.Factors fshape = new HopKernel.Factors();
        base = new DoubleArray(shape.base.length);
        field = new DoubleArray(shape.field.length);
        mix = new DoubleArray(shape.mix.length);
        fv = new DoubleArray(fshape.fv.length);
        gh = new DoubleArray(fshape.gh.length);
        rates = new DoubleArray(vacancies * Lattice.Z);
        leafSums = new DoubleArray(vacancies);

        TaskGraph g = new TaskGraph("hop");
        if (form == Form.DIFFERENCE) {
            g.transferToDevice(DataTransferMode.FIRST_EXECUTION, nb, slotDz)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, vacancySite, words, base, field, mix)
                    .task("refreshAll", TornadoHopKernel::refreshAll, vacancySite, words, nb, slotDz,
                            base, field, mix, rates, leafSums, vacancies);
        } else {
            g.transferToDevice(DataTransferMode.FIRST_EXECUTION, nb, off, slotDz)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, vacancySite, words, fv, gh, field)
                    .task("refreshAllFactored", TornadoHopKernel::refreshAllFactored, vacancySite, words, nb, off,
                            slotDz, fv, gh, field, rates, leafSums, vacancies);
        }
        g.transferToHost(DataTransferMode.EVERY_EXECUTION, rates, leafSums);
        ImmutableTaskGraph itg = g.snapshot();
        plan = new TornadoExecutionPlan(itg);
        if (!Boolean.getBoolean("halidekmc.tornado.fastMath")) {
            plan.withCompilerFlags(TornadoVMBackendType.OPENCL, STRICT_OPENCL_FLAGS);
        }
    }

    public Form form() {
        return form;
    }

    public int vacancies() {
        return vacancies;
    }

    /** The device the plan runs on, in words. */
    public String device() {
        var d = plan.getDevice(0);
        return d.getDeviceName() + " (" + d.getDescription() + ")";
    }

    /**
     * Same contract as {@link HopKernel#refreshAll(int[], int, int[], int[], double[], double[],
     * double[], double[], double[])} for the occupancy this was built for: rates[8·id + j] and
     * leafSums[id] for ids 0..vacancies-1. Needs {@link Form#DIFFERENCE}.
     */
    public void refresh(int[] vacancySiteIn, int vacancyCount, int[] wordsIn, RateTable t,
                        double[] ratesOut, double[] leafSumsOut) {
        require(Form.DIFFERENCE, vacancyCount, wordsIn);
        copyIn(t.base, base);
        copyIn(t.mix, mix);
        run(vacancySiteIn, wordsIn, t.field, ratesOut, leafSumsOut);
    }

    /**
     * Same contract as {@link HopKernel#refreshAllFactored}: the factorised tables and the field
     * factors of the current drive point. Needs {@link Form#FACTORED}.
     */
    public void refreshFactored(int[] vacancySiteIn, int vacancyCount, int[] wordsIn, HopKernel.Factors f,
                                double[] fieldIn, double[] ratesOut, double[] leafSumsOut) {
        require(Form.FACTORED, vacancyCount, wordsIn);
        copyIn(f.fv, fv);
        copyIn(f.gh, gh);
        run(vacancySiteIn, wordsIn, fieldIn, ratesOut, leafSumsOut);
    }

    private void require(Form f, int vacancyCount, int[] wordsIn) {
        if (form != f) throw new IllegalStateException("this plan runs the " + form + " form, not " + f);
        if (vacancyCount != vacancies) {
            throw new IllegalArgumentException("built for " + vacancies + " vacancies, got " + vacancyCount);
        }
        if (wordsIn.length != sites) throw new IllegalArgumentException("words array of another lattice");
    }

    private void run(int[] vacancySiteIn, int[] wordsIn, double[] fieldIn, double[] ratesOut, double[] leafSumsOut) {
        MemorySegment.copy(MemorySegment.ofArray(vacancySiteIn), 0, vacancySite.getSegment(), 0, 4L * vacancies);
        copyIn(wordsIn, words);
        copyIn(fieldIn, field);
        execute();
        MemorySegment.copy(rates.getSegment(), 0, MemorySegment.ofArray(ratesOut), 0, 8L * rates.getSize());
        MemorySegment.copy(leafSums.getSegment(), 0, MemorySegment.ofArray(leafSumsOut), 0, 8L * vacancies);
    }

    /** Runs the plan on the buffers as they are (transfers included), for timing. */
    public void execute() {
        plan.execute();
    }

    private static void copyIn(int[] src, IntArray dst) {
        MemorySegment.copy(MemorySegment.ofArray(src), 0, dst.getSegment(), 0, 4L * src.length);
    }

    private static void copyIn(double[] src, DoubleArray dst) {
        MemorySegment.copy(MemorySegment.ofArray(src), 0, dst.getSegment(), 0, 8L * src.length);
    }

    @Override
    public void close() {
        try {
            plan.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the TornadoVM execution plan", e);
        }
    }
}
