package io.halidekmc.observe;

import io.halidekmc.engine.Rng;
import io.halidekmc.lattice.InitialState;
import io.halidekmc.lattice.Lattice;
import io.halidekmc.lattice.Occupancy;
import io.halidekmc.lattice.Species;
import io.halidekmc.physics.BandGap;
import io.halidekmc.physics.ConfinementCurve;
import io.halidekmc.physics.GapBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The regions emission model on lattices built site by site. Peak tolerances: a single line sampled
 * on a 0.25 nm grid and refined by a parabola lands within 0.01 nm of hc/E (a Gaussian in energy
 * peaks at hc/E on a wavelength axis too); that is the tolerance wherever one level emits.
 */
class RegionEmissionTest {
    static final double T = 296.65;          // 001's 23.5 °C
    static final double A_BR_NM = 0.5802;    // CsPbBr3, Materials (TARGETS C8)
    final BandGap gap = BandGap.fitToTargets();
    final ConfinementCurve curve = ConfinementCurve.Table.commPhys2023();
    final double[] grid = PlSpectrum.grid(400, 750, 1401);
    final double eBr = BandGap.HC / BandGap.PEAK_BR;

    static Lattice nanocrystal(int edge) {
        return new Lattice(edge, edge, edge, false, false, false);
    }

    /** Species per active site from its cell position (x, y, z in cells). */
    interface Fill {
        byte at(int x, int y, int z);
    }

    static Occupancy build(Lattice l, Fill f) {
        byte[] sp = new byte[l.sites() + 1];
        int[] p = new int[3];
        for (int s = 0; s < l.sites(); s++) {
            l.position(s, p);
            sp[s] = l.isActive(s) ? f.at(p[0] / 2, p[1] / 2, p[2] / 2) : Species.WALL;
        }
        return new Occupancy(l, sp);
    }

    static boolean[] emissive(Lattice l, IntPredicate site) {
        boolean[] e = new boolean[l.sites()];
        for (int s = 0; s < l.sites(); s++) e[s] = site.test(s);
        return e;
    }

    double[] spectrum(Occupancy o, int blockCells, boolean[] emissive) {
        var r = new EmissiveRegions(o, new GapBlocks(o.lattice, blockCells), emissive);
        double[] s = new double[grid.length];
        RegionEmission.accumulate(RegionEmission.levels(r, gap, curve, 1, T), 1, grid, s);
        return s;
    }

    @ParameterizedTest(name = "edge {0} cells")
    @ValueSource(ints = {4, 6, 8, 12, 20, 36})
    void pureBromideCrystalEmitsAt520PlusTheCurvesShiftForItsEdge(int n) {
        Lattice l = nanocrystal(n);
        Occupancy o = build(l, (x, y, z) -> Species.BR);
        // an n-cell cube holds 3·n·(n+1)² X sites (its closing faces included): L = (n(n+1)²)^{1/3}·a
        double edge = Math.cbrt((double) n * (n + 1) * (n + 1)) * A_BR_NM;
        long[] c = new long[Species.COUNT];
        c[Species.BR] = 1;
        assertEquals(edge, RegionEmission.edgeNm(3L * n * (n + 1) * (n + 1), c, 1), 1e-12);
        double peak = PlSpectrum.peak(grid, spectrum(o, 4, EmissiveRegions.allSites(l)));
        assertEquals(BandGap.HC / (eBr + curve.shiftBromide(edge)), peak, 0.01);
        assertTrue(peak <= 520 + 0.01);
        if (edge >= 21) assertEquals(520, peak, 0.01);
    }

    /** The table's CsPbBr3-equivalent points (nm, from the data file) and the source's peak (nm) against its 527 nm limit. */
    @ParameterizedTest(name = "{0} nm")
    @CsvSource({"2.488889, 498", "3.888889, 514", "4.666667, 518", "5.833333, 522", "15.555556, 525", "21.0, 527"})
    void pureBromideRegionsAtTheTableSizesGiveTheTablePointsBack(double edgeNm, double sourcePeakNm) {
        // a region of exactly 3·(L/a)³ emissive sites (rounded: ≤ 1e-3 relative in L) in one 64-cell block,
        // the rest of the crystal non-emissive
        long sites = Math.round(3 * Math.pow(edgeNm / A_BR_NM, 3));
        Lattice l = nanocrystal((int) Math.ceil(edgeNm / A_BR_NM));
        Occupancy o = build(l, (x, y, z) -> Species.BR);
        long[] seen = {0};
        boolean[] e = emissive(l, s -> l.isActive(s) && seen[0]++ < sites);
        double expected = BandGap.HC / (eBr + BandGap.HC / sourcePeakNm - BandGap.HC / 527);
        assertEquals(expected, PlSpectrum.peak(grid, spectrum(o, 64, e)), 0.02);
    }

    /** A Br core of 8 cells (4.6 nm) in a 16-cell crystal; 2-cell blocks align with the core (cells 4..11). */
    static boolean inCore(int x, int y, int z) {
        return x >= 4 && x < 12 && y >= 4 && y < 12 && z >= 4 && z < 12;
    }

    static Occupancy coreShell(Lattice l) {
        return build(l, (x, y, z) -> inCore(x, y, z) ? Species.BR : Species.I);
    }

    @Test
    void bromideCoreInAnEmissiveIodideShellEmitsRed() {
        // REBUILD-PLAN §6, B's own control: a type-I core/shell hands its carriers to the low-gap shell
        Lattice l = nanocrystal(16);
        Occupancy o = coreShell(l);
        var r = new EmissiveRegions(o, new GapBlocks(l, 2), EmissiveRegions.allSites(l));
        assertEquals(1, r.regions());
        var levels = RegionEmission.levels(r, gap, curve, 1, T);
        double brWeight = 0;
        for (int k = 0; k < levels.energy().length; k++) if (levels.energy()[k] > 2.2) brWeight += levels.weight()[k];
        // exp(−(E_Br − E_I)/kT) = exp(−0.59/0.0256) ≈ 1e-10 per block volume
        assertTrue(brWeight < 1e-8, "Br core keeps " + brWeight);
        double[] s = new double[grid.length];
        RegionEmission.accumulate(levels, 1, grid, s);
        double peak = PlSpectrum.peak(grid, s);
        assertTrue(peak > 660 && peak < 690, "I-rich shell (690 nm bulk, confined as one ≈ 10 nm region) expected, got " + peak);
    }

    @Test
    void bromideCoreInADarkShellEmitsAtItsGapPlusItsConfinement() {
        Lattice l = nanocrystal(16);
        Occupancy o = coreShell(l);
        int[] p = new int[3];
        boolean[] e = emissive(l, s -> {
            l.position(s, p);
            return inCore(p[0] / 2, p[1] / 2, p[2] / 2);
        });
        double core = 8 * A_BR_NM;   // 3·8³ sites
        double expected = BandGap.HC / (eBr + curve.shiftBromide(core));
        double peak = PlSpectrum.peak(grid, spectrum(o, 2, e));
        assertEquals(expected, peak, 0.01);
        assertTrue(peak < 515, "a 4.6 nm core is blue of 520 nm by its confinement (≈ 40 meV), got " + peak);
    }

    @Test
    void weightsOfAMixedCrystalSumToOne() {
        Lattice l = nanocrystal(12);
        Occupancy o = InitialState.randomAlloy(l, InitialState.fractions(0, 0.4, 0.6), 0.01, Rng.stream(7, 0));
        var levels = RegionEmission.levels(new EmissiveRegions(o, new GapBlocks(l, 2), EmissiveRegions.allSites(l)),
                gap, curve, 1, T);
        double sum = 0;
        for (double w : levels.weight()) sum += w;
        assertEquals(1, sum, 1e-12);
        // one level per block holding a halide (the far corner block of the closing faces holds no X site)
        long filled = 0;
        for (long[] c : new GapBlocks(l, 2).counts(o)) if (c[Species.CL] + c[Species.BR] + c[Species.I] > 0) filled++;
        assertEquals(filled, levels.weight().length);
    }

    @Test
    void filmOfIdenticalCrystalsGivesTheSingleCrystalPeakAndADarkCrystalOnlyDimsIt() {
        Lattice l = nanocrystal(10);
        Occupancy o = InitialState.randomAlloy(l, InitialState.fractions(0, 0.4, 0.6), 0, Rng.stream(5, 0));
        double[] one = spectrum(o, 2, EmissiveRegions.allSites(l));
        double[] film = new double[grid.length];
        boolean[] none = new boolean[l.sites()];
        for (Occupancy member : new Occupancy[] {o, o.copy(), o.copy()}) {
            var levels = RegionEmission.levels(new EmissiveRegions(member, new GapBlocks(l, 2), EmissiveRegions.allSites(l)),
                    gap, curve, 1, T);
            RegionEmission.accumulate(levels, l.activeSites(), grid, film);
        }
        var dark = RegionEmission.levels(new EmissiveRegions(o, new GapBlocks(l, 2), none), gap, curve, 1, T);
        assertEquals(0, dark.energy().length);
        RegionEmission.accumulate(dark, l.activeSites(), grid, film);
        for (int k = 0; k < film.length; k++) film[k] /= 4.0 * l.activeSites();
        assertEquals(PlSpectrum.peak(grid, one), PlSpectrum.peak(grid, film), 1e-9);
        for (int k = 0; k < film.length; k++) assertEquals(0.75 * one[k], film[k], 1e-12);
    }

    @Test
    void regionsAreFaceConnectedBlocksAndAPeriodicBoxIsExtended() {
        Lattice l = nanocrystal(12);
        Occupancy o = build(l, (x, y, z) -> Species.BR);
        int[] p = new int[3];
        // two 4-cell blocks that share only an edge (blocks (0,0,0) and (1,1,0)): two regions
        boolean[] diagonal = emissive(l, s -> {
            l.position(s, p);
            int bx = p[0] / 8, by = p[1] / 8, bz = p[2] / 8;
            return bz == 0 && bx == by && bx < 2;
        });
        var r = new EmissiveRegions(o, new GapBlocks(l, 4), diagonal);
        assertEquals(2, r.regions());
        assertEquals(3 * 64, r.regionSites(0));
        Lattice box = new Lattice(8, 8, 8, true, true, true);
        Occupancy bulk = build(box, (x, y, z) -> Species.BR);
        var all = new EmissiveRegions(bulk, new GapBlocks(box, 2), EmissiveRegions.allSites(box));
        assertEquals(1, all.regions());
        assertEquals(0, RegionEmission.confinement(all, curve, 1)[0]);
    }

    double funnelPeak(Occupancy o, int blockCells) {
        double[] s = new double[grid.length];
        PlSpectrum.accumulate(new GapBlocks(o.lattice, blockCells).counts(o), gap, PlSpectrum.Model.FUNNEL, T, 1, grid, s);
        return PlSpectrum.peak(grid, s);
    }

    @Test
    void fullSizeMixedCrystalNearTheGapLaw() {
        // 23 nm CsPbBr1.2I1.8: a = 0.4·5.802 + 0.6·6.075 Å → 38.55 cells (REBUILD-PLAN §0), built as 39
        Lattice l = nanocrystal(39);
        Occupancy o = InitialState.randomAlloy(l, InitialState.fractions(0, 0.4, 0.6), 0, Rng.stream(23, 0));
        var r = new EmissiveRegions(o, new GapBlocks(l, 4), EmissiveRegions.allSites(l));
        // the Bohr diameter of x_I = 0.6 is 10 nm, so 23.6 nm reads as 16.5 nm CsPbBr3: ≈ 7.5 meV, ≈ 2.4 nm at 626 nm
        double de = RegionEmission.confinement(r, curve, 1)[0];
        assertTrue(de > 0 && de < 0.01, "confinement of the 23 nm mixed crystal " + de);
        double peak = PlSpectrum.peak(grid, spectrum(o, 4, EmissiveRegions.allSites(l)));
        double law = gap.peakNm(0, 0.4, 0.6);
        System.out.printf("23 nm CsPbBr1.2I1.8, regions model: dE_conf %.4f eV (%.2f nm alone); 4-cell blocks %.2f nm, "
                        + "2-cell blocks %.2f nm, 8-cell blocks %.2f nm (gap law %.2f nm; funnel model, 4-cell blocks, %.2f nm)%n",
                de, BandGap.HC / (BandGap.HC / law + de), peak, PlSpectrum.peak(grid, spectrum(o, 2, EmissiveRegions.allSites(l))),
                PlSpectrum.peak(grid, spectrum(o, 8, EmissiveRegions.allSites(l))), law, funnelPeak(o, 4));
        assertEquals(626, law, 1e-9);
        // "a few nm" (issue 24 brief): −2.4 nm of confinement and ≈ +4 nm of thermalisation over the
        // 4-cell blocks' alloy scatter (σ_E ≈ 17 meV at 192 sites, σ²/kT ≈ 11 meV)
        assertEquals(626, peak, 4);
    }

    /**
     * A CsPbBr3 core (cells 4..11 of a 16-cell crystal) inside an iodide N shell (frozen), with one
     * perovskite iodide left per 4-cell shell block: such a fragment, far smaller than an exciton,
     * must not emit (EmissiveRegions.MIN_EMISSIVE_SHARE), so the crystal emits from its core at the
     * core's Br peak. Power: the same fragments with the shell blocks counted (share rule off: the
     * frozen sites treated as absent) funnel the emission to a CsPbI3-like line far to the red.
     */
    @Test
    void perovskiteFragmentsInsideTheNShellDoNotTakeTheEmission() {
        int n = 16;
        Lattice l = nanocrystal(n);
        GapBlocks blocks = new GapBlocks(l, 4);
        Occupancy o = build(l, (x, y, z) -> inCore(x, y, z) ? Species.BR : (byte) (Species.FROZEN + Species.I));
        boolean[] fragmentIn = new boolean[blocks.blocks()];
        for (int s = 0; s < l.sites(); s++) {
            int b = blocks.blockOf(s);
            if (Species.isFrozen(o.species[s]) && !fragmentIn[b]) {
                o.species[s] = Species.I;
                fragmentIn[b] = true;
            }
        }
        o.recount();
        double[] with = new double[grid.length];
        RegionEmission.accumulate(RegionEmission.levels(new EmissiveRegions(o, blocks, EmissiveRegions.allSites(l)), gap, curve, 1, T),
                1, grid, with);
        double core = PlSpectrum.peak(grid, with);
        assertTrue(core < 527, "core emission expected near the CsPbBr3 line, got " + core);
        // the control: the frozen shell removed (WALL), so each fragment is a whole emissive block
        Occupancy bare = o.copy();
        for (int s = 0; s < l.sites(); s++) if (Species.isFrozen(bare.species[s])) bare.species[s] = Species.WALL;
        bare.recount();
        double[] without = new double[grid.length];
        RegionEmission.accumulate(RegionEmission.levels(new EmissiveRegions(bare, blocks, EmissiveRegions.allSites(l)), gap, curve, 1, T),
                1, grid, without);
        assertTrue(PlSpectrum.peak(grid, without) > 600, "control should funnel to the iodide fragments: " + PlSpectrum.peak(grid, without));
    }

    /**
     * Exciton-scale averaging: a 16-cell CsPbBr3 crystal holding one 4-cell block of CsPbI3. Block
     * by block (reach 0) the carriers funnel into the iodide block (> 600 nm); averaged over 3×3×3
     * blocks (reach 1: 7 nm, CsPbBr3's Bohr diameter) that block and its neighbours read x_I ≈ 1/27,
     * which lowers the gap by ≈ 0.03–0.05 eV (gap law with bowing), so the crystal emits within 15 nm
     * to the red of its pure-Br line, some 80 nm bluer than block by block. Control of the averaging itself: the neighbourhood counts of
     * the iodide block sum the 27 blocks' halides exactly.
     */
    @Test
    void anExcitonAveragesACompositionFluctuationSmallerThanItself() {
        int n = 16;
        Lattice l = nanocrystal(n);
        GapBlocks blocks = new GapBlocks(l, 4);
        Occupancy o = build(l, (x, y, z) -> x >= 4 && x < 8 && y >= 4 && y < 8 && z >= 4 && z < 8 ? Species.I : Species.BR);
        EmissiveRegions r = new EmissiveRegions(o, blocks, EmissiveRegions.allSites(l));
        double[] blockwise = new double[grid.length], averaged = new double[grid.length];
        RegionEmission.accumulate(RegionEmission.levels(r, gap, curve, 1, T, 0), 1, grid, blockwise);
        RegionEmission.accumulate(RegionEmission.levels(r, gap, curve, 1, T, 1), 1, grid, averaged);
        assertTrue(PlSpectrum.peak(grid, blockwise) > 600, "block by block the iodide block takes the emission: " + PlSpectrum.peak(grid, blockwise));
        double brOnly = PlSpectrum.peak(grid, spectrum(build(l, (x, y, z) -> Species.BR), 4, EmissiveRegions.allSites(l)));
        double avg = PlSpectrum.peak(grid, averaged);
        assertTrue(avg >= brOnly && avg <= brOnly + 15, "averaged " + avg + " against the pure-Br " + brOnly);
        assertTrue(PlSpectrum.peak(grid, blockwise) - avg > 70, "averaging must move the line far to the blue");
        int iodideBlock = -1;
        for (int b = 0; b < r.blocks(); b++) if (r.counts[b][Species.I] > 0) iodideBlock = b;
        long[] sum = r.neighbourhoodCounts(iodideBlock, 1);
        long expected = 0;
        int[] d = blocks.dims();
        int bx = iodideBlock % d[0], by = (iodideBlock / d[0]) % d[1], bz = iodideBlock / (d[0] * d[1]);
        for (int b = 0; b < r.blocks(); b++) {
            int x = b % d[0], y = (b / d[0]) % d[1], z = b / (d[0] * d[1]);
            if (Math.abs(x - bx) <= 1 && Math.abs(y - by) <= 1 && Math.abs(z - bz) <= 1) {
                expected += r.counts[b][Species.BR] + r.counts[b][Species.I];
            }
        }
        assertEquals(expected, sum[Species.BR] + sum[Species.I]);
        assertEquals(r.counts[iodideBlock][Species.I], sum[Species.I]);
    }
}
