package io.halidekmc.backend.tornado;

import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.physics.RateTable;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Host side of the TornadoVM bulk refresh: the off-heap buffers, one {@link TaskGraph} running
 * {@link TornadoHopKernel#refreshAll}, and its {@link TornadoExecutionPlan}, built once for an
 * {@link Occupancy} (its lattice and its vacancy count, which hops conserve).
 *
 * <p>The neighbour table and the slot dz table are constant for the lattice and go to the device
 * once ({@link DataTransferMode#FIRST_EXECUTION}); the packed words, the vacancy sites and the
 * rate table change between refreshes and go every execution, the rates and leaf sums come back
 * every execution. The project keeps its state in heap arrays ({@link Occupancy#counts}), so
 * {@link #refresh} copies them into the TornadoVM buffers with one bulk
 * {@link MemorySegment#copy} each (no per-element loop) and copies the results back the same way.
 */
public final class TornadoRefresh implements AutoCloseable {
    private final int sites;
    private final int vacancies;
    private final IntArray vacancySite;
    private final IntArray words;
    private final IntArray nb;
    private final IntArray slotDz;
    private final DoubleArray base;
    private final DoubleArray field;
    private final DoubleArray mix;
    private final DoubleArray rates;
    private final DoubleArray leafSums;
    private final TornadoExecutionPlan plan;

    public TornadoRefresh(Occupancy occ) {
        Lattice lat = occ.lattice;
        this.sites = occ.counts.length;
        this.vacancies = occ.vacancies;
        if (vacancies == 0) throw new IllegalArgumentException("no vacancies to refresh");
        vacancySite = new IntArray(vacancies);
        words = new IntArray(sites);
        nb = new IntArray(lat.neighbours().length);
        copyIn(lat.neighbours(), nb);
        slotDz = new IntArray(3 * Lattice.Z);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < Lattice.Z; j++) slotDz.set(k * Lattice.Z + j, Lattice.offset(k, j, 2) + 1);
        }
        RateTable shape = new RateTable();
        base = new DoubleArray(shape.base.length);
        field = new DoubleArray(shape.field.length);
        mix = new DoubleArray(shape.mix.length);
        rates = new DoubleArray(vacancies * Lattice.Z);
        leafSums = new DoubleArray(vacancies);

        TaskGraph g = new TaskGraph("hop")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, nb, slotDz)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, vacancySite, words, base, field, mix)
                .task("refreshAll", TornadoHopKernel::refreshAll, vacancySite, words, nb, slotDz,
                        base, field, mix, rates, leafSums, vacancies)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, rates, leafSums);
        ImmutableTaskGraph itg = g.snapshot();
        plan = new TornadoExecutionPlan(itg);
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
     * Same contract as {@link io.halidekmc.engine.HopKernel#refreshAll(int[], int, int[], int[],
     * double[], double[], double[], double[], double[])} for the occupancy this was built for:
     * rates[8·id + j] and leafSums[id] for ids 0..vacancies-1.
     */
    public void refresh(int[] vacancySiteIn, int vacancyCount, int[] wordsIn, RateTable t,
                        double[] ratesOut, double[] leafSumsOut) {
        if (vacancyCount != vacancies) {
            throw new IllegalArgumentException("built for " + vacancies + " vacancies, got " + vacancyCount);
        }
        if (wordsIn.length != sites) throw new IllegalArgumentException("words array of another lattice");
        MemorySegment.copy(MemorySegment.ofArray(vacancySiteIn), 0, vacancySite.getSegment(), 0, 4L * vacancies);
        copyIn(wordsIn, words);
        copyIn(t.base, base);
        copyIn(t.field, field);
        copyIn(t.mix, mix);
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
