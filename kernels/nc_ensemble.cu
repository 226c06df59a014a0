// Nanocrystal ensemble by uniformization: the CUDA twin of io.halidekmc.engine.uniformized.UniformizedKernel
// (read its class comment for the method). One group of L lanes (L = 32, 16 or 8) per nanocrystal:
// the group evaluates L consecutive trials against the current state and fires the accepted ones
// in order (each hop's 18 integer updates spread over the lanes as atomics, which commute) up to
// the first trial that a hop fired before it in the round may have changed, where the next round
// starts; the trials from there are discarded and their counters reused, so the result is the
// sequential loop of the Java kernel, bit for bit.
//
// Compiled at run time by NVRTC (io.halidekmc.backend.cuda.CudaEnsemble), or ahead of time by nvcc
// into target/classes/kernels/ when the build has it. Self-contained: no #include.
//
// Bitwise equality with the Java kernel: products as explicit __dmul_rn in Java's order (no FMA
// can form: there are no adds), integer arithmetic and Philox4x32-10 exact. Packed words and
// vacancy lists change under the group's own atomics, so they are read with __ldcg (L2, never a
// stale L1 line); __syncwarp orders the updates before the next round's loads.

#define Z 8                 // Lattice.Z
#define SPECIES_MASK 0xFF   // Occupancy.SPECIES_MASK
#define SP_CL 1             // Species.CL
#define COUNT_SHIFT 8       // Occupancy.COUNT_SHIFT
#define CL_SHIFT (COUNT_SHIFT + 4 * 1)
#define REGULAR_BIT 24      // Occupancy.REGULAR = 1 << 24
#define HALIDE_BITS 12      // HopKernel.HALIDE_BITS
#define STREAM_TAG 0x756E6966u   // UniformizedKernel.STREAM_TAG

// Z, SPECIES_MASK, SP_CL, COUNT_SHIFT, REGULAR bit, HALIDE_BITS, STREAM_TAG
extern "C" __constant__ int ENSEMBLE_ABI[7] = {Z, SPECIES_MASK, SP_CL, COUNT_SHIFT, REGULAR_BIT, HALIDE_BITS,
                                               (int) STREAM_TAG};

__device__ __forceinline__ uint4 philox4x32_10(unsigned k0, unsigned k1, uint4 c) {
#pragma unroll
    for (int r = 0; r < 10; r++) {
        unsigned hi0 = __umulhi(0xD2511F53u, c.x), lo0 = 0xD2511F53u * c.x;
        unsigned hi1 = __umulhi(0xCD9E8D57u, c.z), lo1 = 0xCD9E8D57u * c.z;
        c = make_uint4(hi1 ^ c.y ^ k0, lo1, hi0 ^ c.w ^ k1, lo0);
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return c;
}

// Trial t of stream s (a member): its Philox4x32-10 block at counter (t, s, STREAM_TAG), and from it
// the pick among n (64 bits, multiply-high), the slot (3 bits) and the acceptance uniform (53
// bits): UniformizedKernel.pick / slot / uniform.
__device__ __forceinline__ double trial_draw(unsigned key0, unsigned key1, unsigned long long t, unsigned s,
                                             unsigned long long n, int* id, int* slot) {
    uint4 r = philox4x32_10(key0, key1, make_uint4((unsigned) t, (unsigned) (t >> 32), s, STREAM_TAG));
    *id = (int) __umul64hi(((unsigned long long) r.x << 32) | r.y, n);
    *slot = r.z & 7u;
    return __dmul_rn((double) ((((unsigned long long) r.w) << 21) | (r.z >> 11)), 0x1p-53);
}

__device__ __forceinline__ unsigned halide_counts(unsigned w) {
    return (w >> CL_SHIFT) & ((1u << HALIDE_BITS) - 1u);
}

__device__ __forceinline__ int neighbour(int s, unsigned w, int j, const int* __restrict__ nb,
                                         const int* __restrict__ off) {
    return ((w >> REGULAR_BIT) & 1u) ? s + __ldg(off + (s % 3) * Z + j) : __ldg(nb + (long long) s * Z + j);
}

// The same neighbour without the site's packed word: the REGULAR flag from the lattice's bit set
// (shared by all members, cache-resident), so the loads of the vacancy's and the halide's words
// are issued together instead of one after the other.
__device__ __forceinline__ int neighbour_of(int s, int j, const unsigned* __restrict__ regBits,
                                            const int* __restrict__ nb, const int* __restrict__ off) {
    return ((__ldg(regBits + (s >> 5)) >> (s & 31)) & 1u) ? s + __ldg(off + (s % 3) * Z + j)
                                                          : __ldg(nb + (long long) s * Z + j);
}

// A round's bookkeeping (lanes numbered within the group): accepted, the lanes whose trial
// accepted; conflict, the lanes whose trial a hop fired earlier in the round may have changed. The
// next lane to fire after `fired` is the lowest accepted one above it and below every conflicting
// one (-1: none); the round consumed the trials below its first conflicting lane, or all m.
__device__ __forceinline__ int round_next(unsigned accepted, unsigned conflict, int fired) {
    unsigned before = conflict ? (1u << (__ffs(conflict) - 1)) - 1u : 0xffffffffu;
    unsigned next = accepted & ~((2u << fired) - 1u) & before;
    return next ? __ffs(next) - 1 : -1;
}

__device__ __forceinline__ int round_done(unsigned conflict, int m) {
    return conflict ? __ffs(conflict) - 1 : m;
}

// The site's position in half lattice constants, packed p0 | p1 << 10 | p2 << 20 (open boxes).
__device__ __forceinline__ int nc_position(int s, int nx, int ny) {
    int k = s % 3, cell = s / 3, rest = cell / nx;
    return (2 * (cell % nx) + (k == 0)) | ((2 * (rest % ny) + (k == 1)) << 10) | ((2 * (rest / ny) + (k == 2)) << 20);
}

// Whether a trial from the vacancy at packed position e may have read a word that a hop from the
// vacancy at f wrote. A trial reads its vacancy's and its target's words (and, in the resident
// kernel, their neighbours' species); a hop writes its vacancy's and its target's words (and, here,
// their neighbours' counts); neighbours differ by at most one half lattice constant per axis, so
// nothing is shared unless the two vacancies are within 3 per axis.
__device__ __forceinline__ bool nc_near(int e, int f) {
    int d0 = (e & 1023) - (f & 1023), d1 = ((e >> 10) & 1023) - ((f >> 10) & 1023), d2 = (e >> 20) - (f >> 20);
    return d0 <= 3 && d0 >= -3 && d1 <= 3 && d1 >= -3 && d2 <= 3 && d2 >= -3;
}

// words: members × wordStride packed words (sites + sink each); vac: members × vacStride vacancy
// sites; nvac[c] vacancies of member c. Member c runs trials [trialStart[c], trialStart[c] +
// trialCount[c]); events[c] and netDz[c] accumulate. slotDz[k*8+j] = dz+1 of slot j on sublattice
// k (HopKernel.SLOT_DZ); moveZ[k*8+j] = the halide's z displacement (HopKernel.HALIDE_MOVE, axis z);
// regBits: bit s set where site s is Occupancy.REGULAR.
// memberBase: the film index of this device's first member (several devices split a film; the
// trial streams are the film's). Launch: members << lanesLog2 threads in blocks of a multiple of 32.
// nx, ny: stored cells along x and y of an open box (site = 3·(x + nx·(y + ny·z)) + k), from which a
// round finds which of its trials a fired hop can have changed (nc_near); 0: a periodic lattice,
// where only the first accepted trial of a round fires.
extern "C" __global__ void ensemble_trials(int* __restrict__ words, long long wordStride,
                                           int* __restrict__ vac, long long vacStride,
                                           const int* __restrict__ nvac,
                                           const long long* __restrict__ trialStart,
                                           const long long* __restrict__ trialCount,
                                           unsigned long long* __restrict__ events, long long* __restrict__ netDz,
                                           const int* __restrict__ nb, const int* __restrict__ off,
                                           const unsigned* __restrict__ regBits,
                                           const int* __restrict__ slotDz, const int* __restrict__ moveZ,
                                           const double* __restrict__ fv, const double* __restrict__ gh,
                                           const double* __restrict__ field, double rmax,
                                           unsigned key0, unsigned key1, int members, int memberBase, int lanesLog2,
                                           int nx, int ny) {
    const int L = 1 << lanesLog2;
    long long gtid = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    int member = (int) (gtid >> lanesLog2);
    if (member >= members) return;           // groups are lane-aligned: a whole group leaves together
    const int lane = threadIdx.x & 31;
    const int gl = lane & (L - 1);
    const int gbase = lane & ~(L - 1);
    const unsigned gmask = L == 32 ? 0xffffffffu : ((1u << L) - 1u) << gbase;

    int* w = words + (long long) member * wordStride;
    int* vl = vac + (long long) member * vacStride;
    const unsigned long long n = (unsigned) nvac[member];
    const unsigned long long t0 = (unsigned long long) trialStart[member];
    const long long total = trialCount[member];
    long long done = 0, dz = 0;
    unsigned long long ev = 0;
    while (done < total) {
        long long rem = total - done;
        int m = rem < L ? (int) rem : L;
        bool accept = false;
        int v = 0, h = 0, x = 0, id = 0, slot = 0;
        unsigned wv = 0, wh = 0;
        if (gl < m) {
            double u = trial_draw(key0, key1, t0 + (unsigned long long) (done + gl), (unsigned) (member + memberBase), n, &id, &slot);
            v = __ldcg(vl + id);
            h = neighbour_of(v, slot, regBits, nb, off);
            wv = (unsigned) __ldcg(w + v);
            wh = (unsigned) __ldcg(w + h);
            x = (int) (wh & SPECIES_MASK) - SP_CL;
            if (x >= 0 && x < 3) {
                double rate = __dmul_rn(__dmul_rn(__ldg(fv + ((x << HALIDE_BITS) | halide_counts(wv))),
                                                  __ldg(gh + ((x << HALIDE_BITS) | halide_counts(wh)))),
                                        __ldg(field + __ldg(slotDz + (v % 3) * Z + slot)));
                accept = __dmul_rn(u, rmax) < rate;
            }
        }
        unsigned b = __ballot_sync(gmask, accept) >> gbase;
        if (L < 32) b &= (1u << L) - 1u;
        if (b == 0) {
            done += m;
            continue;
        }
        // The group's trials were all evaluated on the state before this round. In sequence the
        // first accepted one fires; a later trial's outcome still stands if no hop fired before it
        // in the round wrote a word it read (nc_near; so not its vacancy either), so the accepted
        // ones among those fire too, in order. The first trial that may have read a fired hop's
        // words is where the next round starts. Same hops, same order as one trial at a time.
        int e = nx > 0 && gl < m ? nc_position(v, nx, ny) : 0;
        unsigned conflict = 0;   // group lanes that may have read a fired hop's words
        int j = __ffs(b) - 1;
        while (true) {
            int src = gbase + j;
            int hv = __shfl_sync(gmask, v, src), hh = __shfl_sync(gmask, h, src);
            unsigned hwv = __shfl_sync(gmask, wv, src), hwh = __shfl_sync(gmask, wh, src);
            int hx = __shfl_sync(gmask, x, src), hid = __shfl_sync(gmask, id, src), hslot = __shfl_sync(gmask, slot, src);
            int he = __shfl_sync(gmask, e, src);
            int sx = hx + SP_CL;
            int toX = (1 << (COUNT_SHIFT + 4 * sx)) - (1 << COUNT_SHIFT);   // one more X, one vacancy fewer
            for (int q = gl; q < 2 * Z + 2; q += L) {
                if (q < Z) {
                    atomicAdd(w + neighbour(hv, hwv, q, nb, off), toX);
                } else if (q < 2 * Z) {
                    atomicAdd(w + neighbour(hh, hwh, q - Z, nb, off), -toX);
                } else if (q == 2 * Z) {
                    atomicAdd(w + hv, sx);
                } else {
                    atomicAdd(w + hh, -sx);
                    vl[hid] = hh;
                }
            }
            if (gl == 0) {
                ev++;
                dz += __ldg(moveZ + (hv % 3) * Z + hslot);
            }
            __syncwarp(gmask);
            unsigned c = __ballot_sync(gmask, gl > j && gl < m && (nx == 0 || nc_near(e, he))) >> gbase;
            if (L < 32) c &= (1u << L) - 1u;
            conflict |= c;
            j = round_next(b, conflict, j);
            if (j < 0) break;
        }
        done += round_done(conflict, m);
    }
    if (gl == 0) {
        events[member] += ev;
        netDz[member] += dz;
    }
}

// The same trials with each member's vacancy list in shared memory, every entry caching the
// vacancy's halide counts beside its site: (site << 12) | counts. A trial then reads one word
// from device memory (the halide's) instead of three. The cache is kept exact: a hop moves the
// vacancy's entry to h with h's counts plus the halide now at v; the neighbour updates are
// atomics that return the old word, and a neighbour that holds another vacancy (its species is
// unchanged by this hop, except v and h themselves, which are skipped) gets its entry's count of
// X raised (around v) or lowered (around h); the group finds that entry by a shared-memory scan.
// Needs sites < 2^20. Dynamic shared memory: (blockDim.x / L) * vacStride ints.
extern "C" __global__ void ensemble_trials_cached(int* __restrict__ words, long long wordStride,
                                                  int* __restrict__ vac, long long vacStride,
                                                  const int* __restrict__ nvac,
                                                  const long long* __restrict__ trialStart,
                                                  const long long* __restrict__ trialCount,
                                                  unsigned long long* __restrict__ events, long long* __restrict__ netDz,
                                                  const int* __restrict__ nb, const int* __restrict__ off,
                                                  const unsigned* __restrict__ regBits,
                                                  const int* __restrict__ slotDz, const int* __restrict__ moveZ,
                                                  const double* __restrict__ fv, const double* __restrict__ gh,
                                                  const double* __restrict__ field, double rmax,
                                                  unsigned key0, unsigned key1, int members, int memberBase, int lanesLog2) {
    extern __shared__ unsigned svac[];
    const int L = 1 << lanesLog2;
    long long gtid = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    int member = (int) (gtid >> lanesLog2);
    if (member >= members) return;
    const int lane = threadIdx.x & 31;
    const int gl = lane & (L - 1);
    const int gbase = lane & ~(L - 1);
    const unsigned gmask = L == 32 ? 0xffffffffu : ((1u << L) - 1u) << gbase;
    unsigned* sv = svac + (long long) (threadIdx.x >> lanesLog2) * vacStride;

    int* w = words + (long long) member * wordStride;
    int* vl = vac + (long long) member * vacStride;
    const int nv = nvac[member];
    for (int i = gl; i < nv; i += L) {
        int s = __ldcg(vl + i);
        sv[i] = ((unsigned) s << HALIDE_BITS) | halide_counts((unsigned) __ldcg(w + s));
    }
    __syncwarp(gmask);
    const unsigned long long n = (unsigned) nv;
    const unsigned long long t0 = (unsigned long long) trialStart[member];
    const long long total = trialCount[member];
    long long done = 0, dz = 0;
    unsigned long long ev = 0;
    while (done < total) {
        long long rem = total - done;
        int m = rem < L ? (int) rem : L;
        bool accept = false;
        int v = 0, h = 0, x = 0, id = 0, slot = 0;
        unsigned wh = 0;
        if (gl < m) {
            double u = trial_draw(key0, key1, t0 + (unsigned long long) (done + gl), (unsigned) (member + memberBase), n, &id, &slot);
            unsigned e = sv[id];
            v = (int) (e >> HALIDE_BITS);
            h = neighbour_of(v, slot, regBits, nb, off);
            wh = (unsigned) __ldcg(w + h);
            x = (int) (wh & SPECIES_MASK) - SP_CL;
            if (x >= 0 && x < 3) {
                double rate = __dmul_rn(__dmul_rn(__ldg(fv + ((x << HALIDE_BITS) | (e & ((1u << HALIDE_BITS) - 1u)))),
                                                  __ldg(gh + ((x << HALIDE_BITS) | halide_counts(wh)))),
                                        __ldg(field + __ldg(slotDz + (v % 3) * Z + slot)));
                accept = __dmul_rn(u, rmax) < rate;
            }
        }
        unsigned b = __ballot_sync(gmask, accept) >> gbase;
        if (L < 32) b &= (1u << L) - 1u;
        if (b == 0) {
            done += m;
            continue;
        }
        int j = __ffs(b) - 1;
        int src = gbase + j;
        v = __shfl_sync(gmask, v, src);
        h = __shfl_sync(gmask, h, src);
        wh = __shfl_sync(gmask, wh, src);
        x = __shfl_sync(gmask, x, src);
        id = __shfl_sync(gmask, id, src);
        slot = __shfl_sync(gmask, slot, src);
        done += j + 1;
        int sx = x + SP_CL;
        int toX = (1 << (COUNT_SHIFT + 4 * sx)) - (1 << COUNT_SHIFT);   // one more X, one vacancy fewer
        unsigned unitX = 1u << (4 * x);                                  // X in the 12-bit halide counts
        // passes of L updates (uniform across the group, so the ballots below are well formed);
        // after each pass, the neighbours found holding another vacancy get their entries fixed
        for (int p = 0; p < 2 * Z + 2; p += L) {
            int q = p + gl;
            int found = -1;
            unsigned delta = 0;
            if (q < Z) {
                int s = neighbour_of(v, q, regBits, nb, off);
                int old = atomicAdd(w + s, toX);
                if (s != h && (old & SPECIES_MASK) == 0) { found = s; delta = unitX; }
            } else if (q < 2 * Z) {
                int s = neighbour_of(h, q - Z, regBits, nb, off);
                int old = atomicAdd(w + s, -toX);
                if (s != v && (old & SPECIES_MASK) == 0) { found = s; delta = 0u - unitX; }
            } else if (q == 2 * Z) {
                atomicAdd(w + v, sx);
            } else if (q == 2 * Z + 1) {
                atomicAdd(w + h, -sx);
                sv[id] = ((unsigned) h << HALIDE_BITS) | (halide_counts(wh) + unitX);
            }
            unsigned want = __ballot_sync(gmask, found >= 0) >> gbase;
            if (L < 32) want &= (1u << L) - 1u;
            while (want) {
                int k = __ffs(want) - 1;
                want &= want - 1;
                int site = __shfl_sync(gmask, found, gbase + k);
                unsigned d = __shfl_sync(gmask, delta, gbase + k);
                for (int i = gl; i < nv; i += L) {
                    unsigned e = sv[i];
                    if ((int) (e >> HALIDE_BITS) == site) sv[i] = e + d;
                }
                __syncwarp(gmask);
            }
        }
        if (gl == 0) {
            ev++;
            dz += __ldg(moveZ + (v % 3) * Z + slot);
        }
        __syncwarp(gmask);
    }
    for (int i = gl; i < nv; i += L) vl[i] = (int) (sv[i] >> HALIDE_BITS);
    if (gl == 0) {
        events[member] += ev;
        netDz[member] += dz;
    }
}

// The same trials with the whole nanocrystal on chip (DESIGN §6: a thread block owns a crystal):
// the CUDA twin of io.halidekmc.engine.uniformized.ResidentKernel, which reads its class comment. One warp per
// member, one member per block, 32 trials per round; unlike the kernels above, a round fires every
// accepted trial that no earlier hop of the round can have changed (nc_near), not only the first,
// which the sequential twin's result allows. The member's species, 2 bits per site (16 sites per word), and its
// vacancy list are loaded into shared memory at the start and stored back at the end, so a trial
// reads device memory only for the rate tables (cache-resident). Neighbours are computed from the
// site's position (s + off, the bond cut on a face of the box), and the neighbour counts are
// counted from the 8 neighbours' species when a trial needs them, so a hop writes two 2-bit fields
// and one list entry, done by the one lane that fired it. In shared memory the vacancy list holds
// packed positions (p0 | p1 << 10 | p2 << 20), so no trial divides; the rate tables are the dense
// ones (x*729 + Cl + 9*Br + 81*I, ResidentKernel.dense), whose hot entries fit the small L1.
// speciesInts: words per member (stride in device memory too); dynamic shared memory:
// 4 * (speciesInts + vacStride) bytes. geo = {nx, ny, 2*edgeX, 2*edgeY, 2*edgeZ}; tab, 166 ints:
// off[24], cutLow[9], cutHigh[9], slotDz[24], moveZ[24], slotPos[72] (Lattice.offset(k, j, a) at
// (k*8 + j)*3 + a), countUnit[4] = {0, 1, 9, 81} — cutLow/cutHigh[k*3 + a]: the slots cut when
// p[a] = 0 / p[a] = 2*edge[a].
#define RES_TAB 166
#define RES_DENSE 729

__device__ __forceinline__ unsigned res_species(const unsigned* s, int i) {
    return (s[i >> 4] >> ((i & 15) << 1)) & 3u;
}

__device__ __forceinline__ void res_set(unsigned* s, int i, unsigned x) {
    int sh = (i & 15) << 1;
    s[i >> 4] = (s[i >> 4] & ~(3u << sh)) | (x << sh);
}

__device__ __forceinline__ unsigned res_cut(const int* t, int k, int p0, int p1, int p2, const int* geo) {
    const int* lo = t + 24;
    const int* hi = t + 33;
    unsigned m = 0;
    if (p0 == 0) m |= lo[k * 3];
    if (p1 == 0) m |= lo[k * 3 + 1];
    if (p2 == 0) m |= lo[k * 3 + 2];
    if (p0 == geo[2]) m |= hi[k * 3];
    if (p1 == geo[3]) m |= hi[k * 3 + 1];
    if (p2 == geo[4]) m |= hi[k * 3 + 2];
    return m;
}

// dense count index Cl + 9*Br + 81*I of the site's uncut neighbours
__device__ __forceinline__ int res_counts(const unsigned* s, int site, int k, unsigned cut, const int* t) {
    int c = 0;
#pragma unroll
    for (int j = 0; j < Z; j++) {
        if (!((cut >> j) & 1u)) c += t[162 + res_species(s, site + t[k * Z + j])];
    }
    return c;
}

__device__ __forceinline__ int res_sublattice(int p0, int p1) {
    return (p0 & 1) ? 0 : (p1 & 1) ? 1 : 2;
}

__device__ __forceinline__ int res_site(int e, const int* geo) {
    int p0 = e & 1023, p1 = (e >> 10) & 1023, p2 = (unsigned) e >> 20;
    return 3 * ((p0 >> 1) + geo[0] * ((p1 >> 1) + geo[1] * (p2 >> 1))) + res_sublattice(p0, p1);
}

extern "C" __global__ void ensemble_trials_resident(unsigned* __restrict__ species, long long speciesInts,
                                                    int* __restrict__ vac, long long vacStride,
                                                    const int* __restrict__ nvac,
                                                    const long long* __restrict__ trialStart,
                                                    const long long* __restrict__ trialCount,
                                                    unsigned long long* __restrict__ events, long long* __restrict__ netDz,
                                                    const int* __restrict__ tabIn, const int* __restrict__ geoIn,
                                                    const double* __restrict__ fv, const double* __restrict__ gh,
                                                    const double* __restrict__ field, double rmax,
                                                    unsigned key0, unsigned key1, int members, int memberBase) {
    extern __shared__ unsigned res[];
    __shared__ int t[RES_TAB];
    __shared__ int geo[5];
    const int member = blockIdx.x;
    if (member >= members) return;
    const int lane = threadIdx.x & 31;
    for (int i = lane; i < RES_TAB; i += 32) t[i] = __ldg(tabIn + i);
    if (lane < 5) geo[lane] = __ldg(geoIn + lane);
    unsigned* sp = res;
    int* vl = (int*) (res + speciesInts);
    unsigned* gsp = species + (long long) member * speciesInts;
    int* gvl = vac + (long long) member * vacStride;
    const int nv = nvac[member];
    for (long long i = lane; i < speciesInts; i += 32) sp[i] = gsp[i];
    __syncwarp();
    const int nx = geo[0], ny = geo[1];
    // the vacancy list as packed positions: the only divisions of the launch
    for (int i = lane; i < nv; i += 32) {
        int s = gvl[i];
        int k = s % 3, cell = s / 3, rest = cell / nx;
        vl[i] = (2 * (cell % nx) + (k == 0)) | ((2 * (rest % ny) + (k == 1)) << 10) | ((2 * (rest / ny) + (k == 2)) << 20);
    }
    __syncwarp();
    const unsigned long long n = (unsigned) nv;
    const unsigned long long t0 = (unsigned long long) trialStart[member];
    const long long total = trialCount[member];
    long long done = 0, dz = 0;
    unsigned long long ev = 0;
    while (done < total) {
        long long rem = total - done;
        int m = rem < 32 ? (int) rem : 32;
        bool accept = false;
        int v = 0, h = 0, id = 0, slot = 0, k = 0, eh = 0;
        unsigned sx = 0;
        if (lane < m) {
            double u = trial_draw(key0, key1, t0 + (unsigned long long) (done + lane), (unsigned) (member + memberBase), n, &id, &slot);
            int e = vl[id];
            int p0 = e & 1023, p1 = (e >> 10) & 1023, p2 = (unsigned) e >> 20;
            k = res_sublattice(p0, p1);
            v = 3 * ((p0 >> 1) + nx * ((p1 >> 1) + ny * (p2 >> 1))) + k;
            unsigned cutV = res_cut(t, k, p0, p1, p2, geo);
            if (!((cutV >> slot) & 1u)) {
                h = v + t[k * Z + slot];
                sx = res_species(sp, h);
                if (sx != 0) {
                    int x = (int) sx - SP_CL;
                    const int* d = t + 90 + (k * Z + slot) * 3;
                    int q0 = p0 + d[0], q1 = p1 + d[1], q2 = p2 + d[2];
                    int kh = res_sublattice(q0, q1);
                    unsigned cutH = res_cut(t, kh, q0, q1, q2, geo);
                    eh = q0 | (q1 << 10) | (q2 << 20);
                    double rate = __dmul_rn(__dmul_rn(__ldg(fv + (x * RES_DENSE + res_counts(sp, v, k, cutV, t))),
                                                      __ldg(gh + (x * RES_DENSE + res_counts(sp, h, kh, cutH, t)))),
                                            __ldg(field + t[42 + k * Z + slot]));
                    accept = __dmul_rn(u, rmax) < rate;
                }
            }
        }
        unsigned b = __ballot_sync(0xffffffffu, accept);
        if (b == 0) {
            done += m;
            continue;
        }
        // The round's trials were all evaluated on the state before it. In sequence, the first
        // accepted one fires; a later trial's outcome still stands if no hop fired before it in
        // this round wrote what it read (its vacancy not within nc_near: so not the same one), so the
        // accepted ones among those fire too, in order, each applied by its own lane. The first
        // trial that may have read a fired hop's sites ends the round: it and the trials after
        // it run again in the next. Same hops, same order as one trial at a time.
        int e = lane < m ? vl[id] : 0;   // the trial's vacancy before the round (a fired lane's entry changes below)
        unsigned conflict = 0;
        int fired = __ffs(b) - 1;
        while (true) {
            int ef = __shfl_sync(0xffffffffu, e, fired);
            if (lane == fired) {
                res_set(sp, v, sx);
                res_set(sp, h, 0u);
                vl[id] = eh;
                ev++;
                dz += t[66 + k * Z + slot];
            }
            __syncwarp();
            conflict |= __ballot_sync(0xffffffffu, lane > fired && lane < m && nc_near(e, ef));
            fired = round_next(b, conflict, fired);
            if (fired < 0) break;
        }
        done += round_done(conflict, m);
    }
    for (long long i = lane; i < speciesInts; i += 32) gsp[i] = sp[i];
    for (int i = lane; i < nv; i += 32) gvl[i] = res_site(vl[i], geo);
    // every lane's own hops and displacement, summed
    for (int o = 16; o > 0; o >>= 1) {
        ev += __shfl_down_sync(0xffffffffu, ev, o);
        dz += __shfl_down_sync(0xffffffffu, dz, o);
    }
    if (lane == 0) {
        events[member] += ev;
        netDz[member] += dz;
    }
}
