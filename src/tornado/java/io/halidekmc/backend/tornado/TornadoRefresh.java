package io.halidekmc.backend.tornado;

import io.halidekmc.engine.HopKernel;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.RateTable;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.foreign.MemorySegment;

/**
 * Host side of the TornadoVM bulk refresh: the off-heap buffers, one {@link TaskGraph} running
 * {@link TornadoHopKernel#refreshAll} or {@link TornadoHopKernel#refreshAllFactored}, and its
 * {@link TornadoExecutionPlan}, built once for a lattice and a vacancy capacity (hops conserve the
 * vacancy count; fewer vacancies are padded, see the array constructor).
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
    /** What the constant buffers were filled from: the table by identity, the offsets by value. */
    private final int[] nbSource;
    private final int[] offSource;

    /** Difference form. */
    public TornadoRefresh(Occupancy occ) {
        this(occ, Form.DIFFERENCE);
    }

    /** For exactly the vacancies of {@code occ}, on TornadoVM's default device. */
    public TornadoRefresh(Occupancy occ, Form form) {
        this(occ.lattice.neighbours(), occ.lattice.regularOffsets(), occ.counts.length, occ.vacancies, form, null);
    }

    /**
     * For a lattice given by its neighbour table {@code nbIn} and regular offsets {@code offIn}
     * (both uploaded once), {@code sites} packed words, and up to {@code capacity} vacancies: the
     * kernel's work size is fixed when the plan is built, so a refresh of fewer vacancies pads the
     * list with a real vacancy site and discards the padded results (hops conserve the vacancy
     * count; surface and electrode events change it, and a plan with room to spare is not rebuilt,
     * which would recompile the kernel).
     *
     * @param device where to run, or null for TornadoVM's default device
     */
    public TornadoRefresh(int[] nbIn, int[] offIn, int sites, int capacity, Form form, TornadoDevice device) {
        this.form = form;
        this.sites = sites;
        this.vacancies = capacity;
        if (capacity <= 0) throw new IllegalArgumentException("no vacancies to refresh");
        vacancySite = new IntArray(capacity);
        words = new IntArray(sites);
        nb = new IntArray(nbIn.length);
        copyIn(nbIn, nb);
        nbSource = nbIn;
        offSource = offIn == null ? new int[3 * Lattice.Z] : offIn.clone();   // the difference form reads no offsets
        off = new IntArray(offSource.length);
        copyIn(offSource, off);
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
        rates = new DoubleArray(capacity * Lattice.Z);
        leafSums = new DoubleArray(capacity);

        TaskGraph g = new TaskGraph("hop");
        if (form == Form.DIFFERENCE) {
            g.transferToDevice(DataTransferMode.FIRST_EXECUTION, nb, slotDz)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, vacancySite, words, base, field, mix)
                    .task("refreshAll", TornadoHopKernel::refreshAll, vacancySite, words, nb, slotDz,
                            base, field, mix, rates, leafSums, capacity);
        } else {
            g.transferToDevice(DataTransferMode.FIRST_EXECUTION, nb, off, slotDz)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, vacancySite, words, fv, gh, field)
                    .task("refreshAllFactored", TornadoHopKernel::refreshAllFactored, vacancySite, words, nb, off,
                            slotDz, fv, gh, field, rates, leafSums, capacity);
        }
        g.transferToHost(DataTransferMode.EVERY_EXECUTION, rates, leafSums);
        ImmutableTaskGraph itg = g.snapshot();
        plan = new TornadoExecutionPlan(itg);
        if (device != null) plan.withDevice(device);
        if (!Boolean.getBoolean("halidekmc.tornado.fastMath")) {
            plan.withCompilerFlags(TornadoVMBackendType.OPENCL, STRICT_OPENCL_FLAGS);
        }
    }

    public Form form() {
        return form;
    }

    /**
     * Whether this plan can refresh {@code n} vacancies of the lattice with neighbour table
     * {@code nbIn} (the same array), offsets {@code offIn} (equal values; ignored when null) and
     * {@code sitesIn} words.
     */
    public boolean fits(int[] nbIn, int[] offIn, int sitesIn, int n) {
        return nbIn == nbSource && sitesIn == sites && n >= 1 && n <= vacancies
                && (offIn == null || java.util.Arrays.equals(offIn, offSource));
    }

    /** The most vacancies one refresh takes (the kernel's work size). */
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
        refresh(vacancySiteIn, vacancyCount, wordsIn, t.base, t.field, t.mix, ratesOut, leafSumsOut);
    }

    /** {@link #refresh(int[], int, int[], RateTable, double[], double[])} with the table arrays. */
    public void refresh(int[] vacancySiteIn, int vacancyCount, int[] wordsIn, double[] baseIn, double[] fieldIn,
                        double[] mixIn, double[] ratesOut, double[] leafSumsOut) {
        require(Form.DIFFERENCE, vacancyCount, wordsIn);
        copyIn(baseIn, base);
        copyIn(mixIn, mix);
        run(vacancySiteIn, vacancyCount, wordsIn, fieldIn, ratesOut, leafSumsOut);
    }

    /**
     * Same contract as {@link HopKernel#refreshAllFactored}: the factorised tables and the field
     * factors of the current drive point. Needs {@link Form#FACTORED}.
     */
    public void refreshFactored(int[] vacancySiteIn, int vacancyCount, int[] wordsIn, HopKernel.Factors f,
                                double[] fieldIn, double[] ratesOut, double[] leafSumsOut) {
        refreshFactored(vacancySiteIn, vacancyCount, wordsIn, f.fv, f.gh, fieldIn, ratesOut, leafSumsOut);
    }

    /** {@link #refreshFactored(int[], int, int[], HopKernel.Factors, double[], double[], double[])} with the table arrays. */
    public void refreshFactored(int[] vacancySiteIn, int vacancyCount, int[] wordsIn, double[] fvIn, double[] ghIn,
                                double[] fieldIn, double[] ratesOut, double[] leafSumsOut) {
        require(Form.FACTORED, vacancyCount, wordsIn);
        copyIn(fvIn, fv);
        copyIn(ghIn, gh);
        run(vacancySiteIn, vacancyCount, wordsIn, fieldIn, ratesOut, leafSumsOut);
    }

    private void require(Form f, int vacancyCount, int[] wordsIn) {
        if (form != f) throw new IllegalStateException("this plan runs the " + form + " form, not " + f);
        if (vacancyCount < 1 || vacancyCount > vacancies) {
            throw new IllegalArgumentException("built for 1.." + vacancies + " vacancies, got " + vacancyCount);
        }
        if (wordsIn.length != sites) throw new IllegalArgumentException("words array of another lattice");
    }

    private void run(int[] vacancySiteIn, int n, int[] wordsIn, double[] fieldIn, double[] ratesOut, double[] leafSumsOut) {
        MemorySegment.copy(MemorySegment.ofArray(vacancySiteIn), 0, vacancySite.getSegment(), 0, 4L * n);
        // padding: a real vacancy site, so the padded work-items read valid rows; their results are dropped
        for (int i = n; i < vacancies; i++) vacancySite.set(i, vacancySiteIn[0]);
        copyIn(wordsIn, words);
        copyIn(fieldIn, field);
        execute();
        MemorySegment.copy(rates.getSegment(), 0, MemorySegment.ofArray(ratesOut), 0, 8L * Lattice.Z * n);
        MemorySegment.copy(leafSums.getSegment(), 0, MemorySegment.ofArray(leafSumsOut), 0, 8L * n);
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
