// Sector steps of the uniformized sector engine: the CUDA twins of
// io.halidekmc.engine.uniformized.SectorTrialKernel (begin, runTrials), which read its class comment. One warp
// per sector of the running colour; sectors of one colour never share a written site, so the
// warps of a launch are independent. Within a warp, sector_trials is the ensemble kernel's scheme
// (kernels/nc_ensemble.cu): 32 consecutive trials against the current state, the accepted ones
// fire in order (each hop's 18 integer updates spread over the lanes as atomics, which commute) up
// to the first trial that a hop fired before it in the round may have changed (sec_near); the rest
// are discarded and their counters reused, so the result is the Java kernel's sequential loop, bit
// for bit. Words, vacancy sites and list entries change under the warp's own writes, so they are
// read with __ldcg (L2, never a stale L1 line); __syncwarp orders the writes before the next round.
//
// Compiled at run time by NVRTC (io.halidekmc.backend.cuda.CudaSectorRunner), or ahead of time by
// nvcc into target/classes/kernels/ when the build has it. Self-contained: no #include.

#define Z 8                 // Lattice.Z
#define SPECIES_MASK 0xFF   // Occupancy.SPECIES_MASK
#define SP_CL 1             // Species.CL
#define COUNT_SHIFT 8       // Occupancy.COUNT_SHIFT
#define CL_SHIFT (COUNT_SHIFT + 4 * 1)
#define REGULAR_BIT 24      // Occupancy.REGULAR = 1 << 24
#define HALIDE_BITS 12      // HopKernel.HALIDE_BITS
#define SECTOR_TAG 0x73656374u   // SectorTrialKernel.STREAM_TAG

// Z, SPECIES_MASK, SP_CL, COUNT_SHIFT, REGULAR bit, HALIDE_BITS, SECTOR_TAG
extern "C" __constant__ int SECTOR_ABI[7] = {Z, SPECIES_MASK, SP_CL, COUNT_SHIFT, REGULAR_BIT, HALIDE_BITS, (int) SECTOR_TAG};

__device__ __forceinline__ uint4 sec_philox(unsigned k0, unsigned k1, uint4 c) {
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

// Trial t of sector s: nc_ensemble.cu's trial_draw with this file's tag (the files stay
// self-contained for NVRTC, so the few lines are repeated there)
__device__ __forceinline__ double sec_draw(unsigned key0, unsigned key1, unsigned long long t, unsigned s,
                                           unsigned long long n, int* id, int* slot) {
    uint4 r = sec_philox(key0, key1, make_uint4((unsigned) t, (unsigned) (t >> 32), s, SECTOR_TAG));
    *id = (int) __umul64hi(((unsigned long long) r.x << 32) | r.y, n);
    *slot = r.z & 7u;
    return __dmul_rn((double) ((((unsigned long long) r.w) << 21) | (r.z >> 11)), 0x1p-53);
}

__device__ __forceinline__ unsigned sec_counts(unsigned w) {
    return (w >> CL_SHIFT) & ((1u << HALIDE_BITS) - 1u);
}

__device__ __forceinline__ int sec_neighbour(int s, unsigned w, int j, const int* __restrict__ nb, const int* __restrict__ off) {
    return ((w >> REGULAR_BIT) & 1u) ? s + __ldg(off + (s % 3) * Z + j) : __ldg(nb + (long long) s * Z + j);
}

// A round's bookkeeping (as in nc_ensemble.cu, repeated: each file stands alone): accepted, the lanes whose trial
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

// Site s's position in half lattice constants (cell x, y, z doubled, plus one along the sublattice's axis).
__device__ __forceinline__ void sec_position(int s, const int* __restrict__ geo, int* p0, int* p1, int* p2) {
    int k = s % 3, cell = s / 3;
    int r = cell / geo[0];
    *p0 = 2 * (cell % geo[0]) + (k == 0);
    *p1 = 2 * (r % geo[1]) + (k == 1);
    *p2 = 2 * (r / geo[1]) + (k == 2);
}

// Whether a trial from the vacancy at p may have read a word that a hop from the vacancy at q wrote.
// A trial reads its vacancy's and its target's words; a hop writes its vacancy's, its target's and
// their neighbours' words; neighbours differ by at most one half lattice constant per axis, so
// nothing is shared unless the vacancies are within 3 per axis — measured the short way round
// every axis (periodic axes wrap; on an open axis that only makes the test more cautious).
__device__ __forceinline__ bool sec_axis_near(int a, int b, int period) {
    int d = a > b ? a - b : b - a;
    return d <= 3 || period - d <= 3;
}

__device__ __forceinline__ bool sec_near(int p0, int p1, int p2, int q0, int q1, int q2, const int* __restrict__ geo) {
    return sec_axis_near(p0, q0, 2 * geo[0]) && sec_axis_near(p1, q1, 2 * geo[1]) && sec_axis_near(p2, q2, 2 * geo[2]);
}

// SectorTrialKernel.sectorOf; geo = {layers x, y, z, blocks x, y, z}
__device__ __forceinline__ int sec_of(int s, const int* __restrict__ geo) {
    int cell = s / 3;
    int x = cell % geo[0], r = cell / geo[0];
    int y = r % geo[1], z = r / geo[1];
    return (int) ((long long) x * geo[3] / geo[0])
           + geo[3] * ((int) ((long long) y * geo[4] / geo[1]) + geo[4] * (int) ((long long) z * geo[5] / geo[2]));
}

// SectorTrialKernel.begin for sectors[blockIdx.x]: the list compacted in order (ballot prefix
// counts), then the touching sectors' outbox entries for it appended in ascending sector order.
// lenOut[blockIdx.x] = the new length; a list that would outgrow cap sets *overflow to 1.
// Launch: one 32-thread block per sector of the colour.
extern "C" __global__ void sector_begin(const int* __restrict__ sectors, int cap, int* __restrict__ list,
                                        int* __restrict__ len, const int* __restrict__ outbox,
                                        const int* __restrict__ outTo, int* __restrict__ nOut,
                                        const int* __restrict__ touch, const int* __restrict__ touchStart,
                                        int* __restrict__ lenOut, int* __restrict__ overflow) {
    const int s = sectors[blockIdx.x];
    const int lane = threadIdx.x & 31;
    const unsigned below = (1u << lane) - 1u;
    int* l = list + (long long) s * cap;
    const int n = len[s];
    int m = 0;
    for (int i0 = 0; i0 < n; i0 += 32) {
        int i = i0 + lane;
        int e = i < n ? l[i] : -1;
        unsigned b = __ballot_sync(0xffffffffu, e >= 0);
        if (e >= 0) l[m + __popc(b & below)] = e;   // ≤ i: entries not yet read are never overwritten
        m += __popc(b);
        __syncwarp();
    }
    for (int k = touchStart[s]; k < touchStart[s + 1]; k++) {
        int t = touch[k];
        int nt = nOut[t];
        for (int i0 = 0; i0 < nt; i0 += 32) {
            int i = i0 + lane;
            bool take = i < nt && outTo[(long long) t * cap + i] == s;
            unsigned b = __ballot_sync(0xffffffffu, take);
            int pos = m + __popc(b & below);
            if (take) {
                if (pos < cap) l[pos] = outbox[(long long) t * cap + i];
                else *overflow = 1;
            }
            m += __popc(b);
        }
    }
    __syncwarp();
    if (lane == 0) {
        len[s] = m < cap ? m : cap;
        nOut[s] = 0;
        lenOut[blockIdx.x] = m;
    }
}

// SectorTrialKernel.runTrials for sectors[blockIdx.x] (its trials [trialStart[i], + trialCount[i])).
// events[s] and netDz[s] accumulate. slotDz[k*8+j] = dz+1 of slot j on sublattice k; moveZ[k*8+j] =
// the halide's z displacement. Launch: one 32-thread block per sector of the colour.
extern "C" __global__ void sector_trials(int* __restrict__ words, int* __restrict__ vacSite,
                                         const int* __restrict__ sectors, int cap, int* __restrict__ list,
                                         const int* __restrict__ len, int* __restrict__ outbox,
                                         int* __restrict__ outTo, int* __restrict__ nOut,
                                         const long long* __restrict__ trialStart, const long long* __restrict__ trialCount,
                                         unsigned long long* __restrict__ events, long long* __restrict__ netDz,
                                         const int* __restrict__ nb, const int* __restrict__ off,
                                         const int* __restrict__ slotDz, const int* __restrict__ moveZ,
                                         const int* __restrict__ geo,
                                         const double* __restrict__ fv, const double* __restrict__ gh,
                                         const double* __restrict__ field, double rmax,
                                         unsigned key0, unsigned key1, int sink, int* __restrict__ overflow) {
    const int s = sectors[blockIdx.x];
    const int lane = threadIdx.x & 31;
    int* l = list + (long long) s * cap;
    const unsigned long long n = (unsigned) len[s];
    const unsigned long long t0 = (unsigned long long) trialStart[blockIdx.x];
    const long long total = trialCount[blockIdx.x];
    int no = nOut[s];
    long long done = 0, dz = 0;
    unsigned long long ev = 0;
    while (done < total) {
        long long rem = total - done;
        int m = rem < 32 ? (int) rem : 32;
        bool accept = false;
        int v = 0, h = 0, x = 0, id = 0, slot = 0, e = -1;
        unsigned wv = 0, wh = 0;
        if (lane < m) {
            double u = sec_draw(key0, key1, t0 + (unsigned long long) (done + lane), (unsigned) s, n, &id, &slot);
            e = __ldcg(l + id);
            if (e >= 0) {
                v = __ldcg(vacSite + e);
                wv = (unsigned) __ldcg(words + v);
                h = sec_neighbour(v, wv, slot, nb, off);
                wh = (unsigned) __ldcg(words + h);
                x = (int) (wh & SPECIES_MASK) - SP_CL;
                if (x >= 0 && x < 3) {
                    double rate = __dmul_rn(__dmul_rn(__ldg(fv + ((x << HALIDE_BITS) | sec_counts(wv))),
                                                      __ldg(gh + ((x << HALIDE_BITS) | sec_counts(wh)))),
                                            __ldg(field + __ldg(slotDz + (v % 3) * Z + slot)));
                    accept = __dmul_rn(u, rmax) < rate;
                }
            }
        }
        unsigned b = __ballot_sync(0xffffffffu, accept);
        if (b == 0) {
            done += m;
            continue;
        }
        // The round's trials were all evaluated on the state before it. In sequence the first
        // accepted one fires; a later trial's outcome still stands if no hop fired before it in
        // the round wrote what it read (sec_near; so not its vacancy either: a lane whose entry
        // had already left reads nothing a hop writes), so the accepted ones among those fire
        // too, in order. The first trial that may have read a fired hop's words is where the next
        // round starts. Same hops, same order as one trial at a time.
        int p0 = 0, p1 = 0, p2 = 0;
        if (lane < m && e >= 0) sec_position(v, geo, &p0, &p1, &p2);
        unsigned conflict = 0;
        int src = __ffs(b) - 1;
        while (true) {
            int hv = __shfl_sync(0xffffffffu, v, src), hh = __shfl_sync(0xffffffffu, h, src);
            unsigned hwv = __shfl_sync(0xffffffffu, wv, src), hwh = __shfl_sync(0xffffffffu, wh, src);
            int hx = __shfl_sync(0xffffffffu, x, src), hid = __shfl_sync(0xffffffffu, id, src);
            int hslot = __shfl_sync(0xffffffffu, slot, src), he = __shfl_sync(0xffffffffu, e, src);
            int q0 = __shfl_sync(0xffffffffu, p0, src), q1 = __shfl_sync(0xffffffffu, p1, src), q2 = __shfl_sync(0xffffffffu, p2, src);
            int sx = hx + SP_CL;
            int toX = (1 << (COUNT_SHIFT + 4 * sx)) - (1 << COUNT_SHIFT);   // one more X, one vacancy fewer
            int to = sec_of(hh, geo);                                        // the same on every lane
            if (lane < Z) {
                int a = sec_neighbour(hv, hwv, lane, nb, off);
                if (a != sink) atomicAdd(words + a, toX);
            } else if (lane < 2 * Z) {
                int a = sec_neighbour(hh, hwh, lane - Z, nb, off);
                if (a != sink) atomicAdd(words + a, -toX);
            } else if (lane == 2 * Z) {
                atomicAdd(words + hv, sx);
            } else if (lane == 2 * Z + 1) {
                atomicAdd(words + hh, -sx);
                vacSite[he] = hh;
                if (to != s) {
                    l[hid] = -1;
                    if (no < cap) {
                        outbox[(long long) s * cap + no] = he;
                        outTo[(long long) s * cap + no] = to;
                    } else {
                        *overflow = 1;
                    }
                }
            }
            if (to != s) no++;
            if (lane == 0) {
                ev++;
                dz += __ldg(moveZ + (hv % 3) * Z + hslot);
            }
            __syncwarp();
            conflict |= __ballot_sync(0xffffffffu, lane > src && lane < m && e >= 0 && sec_near(p0, p1, p2, q0, q1, q2, geo));
            src = round_next(b, conflict, src);
            if (src < 0) break;
        }
        done += round_done(conflict, m);
    }
    if (lane == 0) {
        nOut[s] = no < cap ? no : cap;
        events[s] += ev;
        netDz[s] += dz;
    }
}

// The sums of an output frame (io.halidekmc.observe.FrameCounts, which gives the layout): species
// census, halide pairs from each halide's neighbour counts, surface halides and iodides, read from
// the packed words alone. A grid-stride loop over words[0, sites); each lane sums into registers,
// the warp adds its lanes' sums by shuffles and lane 0 adds them to out[15] with 64-bit atomics
// (integer sums: the result does not depend on the order). out must be zeroed before the launch.
// Launch: 32-thread blocks, a few per multiprocessor.
#define SURFACE_BIT 25      // Occupancy.SURFACE = 1 << 25

extern "C" __global__ void observe_counts(const int* __restrict__ words, int sites, unsigned long long* __restrict__ out) {
    unsigned long long c[15];
#pragma unroll
    for (int i = 0; i < 15; i++) c[i] = 0;
    for (int s = blockIdx.x * blockDim.x + threadIdx.x; s < sites; s += gridDim.x * blockDim.x) {
        unsigned w = (unsigned) __ldg(words + s);
        int a = (int) (w & SPECIES_MASK);
        if (a >= 4) continue;
#pragma unroll
        for (int i = 0; i < 4; i++) c[i] += a == i;
        if (a == 0) continue;
        int row = 4 + 3 * (a - SP_CL);
#pragma unroll
        for (int b = 0; b < 3; b++) {
            unsigned nb = (w >> (COUNT_SHIFT + 4 * (b + SP_CL))) & 0xFu;
#pragma unroll
            for (int r = 0; r < 3; r++) if (row == 4 + 3 * r) c[4 + 3 * r + b] += nb;
        }
        if ((w >> SURFACE_BIT) & 1u) {
            c[13]++;
            c[14] += a == 3;
        }
    }
#pragma unroll
    for (int i = 0; i < 15; i++) {
        unsigned long long v = c[i];
        for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
        if ((threadIdx.x & 31) == 0 && v != 0) atomicAdd(out + i, v);
    }
}
