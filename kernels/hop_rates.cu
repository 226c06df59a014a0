// Bulk hop-rate refresh and reductions: the CUDA twins of io.halidekmc.engine.HopKernel
// (refreshAll / refreshAllFactored) and io.halidekmc.engine.PairwiseSum.
//
// Compiled at run time by NVRTC (io.halidekmc.backend.cuda.CudaRateBackend), or ahead of time by
// nvcc into target/classes/kernels/ when the build has it. Self-contained: no #include, so NVRTC
// needs no headers.
//
// Bitwise equality with the CPU kernels: every floating-point operation is written as an explicit
// round-to-nearest intrinsic (__dmul_rn, __dadd_rn), which the compiler never contracts into an
// FMA, in the same order as the Java source (Java evaluates a*b*c*d left to right, each product
// rounded, and never fuses). Table lookups and integer arithmetic are exact. So for the same
// inputs every rate and every per-vacancy sum is bit-identical to HopKernel's; the tests check it.
//
// Constants mirror io.halidekmc.lattice.{Species, Occupancy, Lattice} and physics.RateTable;
// CudaRateBackend checks the Java values against KERNEL_ABI below before it loads the module.

#define Z 8                 // Lattice.Z
#define SPECIES_MASK 0xFF   // Occupancy.SPECIES_MASK
#define SP_VACANCY 0        // Species.VACANCY
#define SP_CL 1             // Species.CL
#define SP_I 3              // Species.I
#define SP_COUNT 4          // Species.COUNT
#define DIFFS 17            // RateTable.DIFFS
#define COUNT_SHIFT 8       // Occupancy.COUNT_SHIFT
#define CL_SHIFT (COUNT_SHIFT + 4 * 1)
#define BR_SHIFT (COUNT_SHIFT + 4 * 2)
#define I_SHIFT (COUNT_SHIFT + 4 * 3)
#define REGULAR (1 << 24)   // Occupancy.REGULAR
#define HALIDE_BITS 12      // HopKernel.HALIDE_BITS
#define REDUCE_BLOCK 256    // PairwiseSum.BLOCK

// Z, SPECIES_MASK, SP_CL, SP_I, SP_COUNT, DIFFS, COUNT_SHIFT, REGULAR bit, HALIDE_BITS, REDUCE_BLOCK
extern "C" __constant__ int KERNEL_ABI[10] = {Z, SPECIES_MASK, SP_CL, SP_I, SP_COUNT, DIFFS, COUNT_SHIFT, 24,
                                              HALIDE_BITS, REDUCE_BLOCK};

__device__ __forceinline__ unsigned nib(unsigned w, int shift) { return (w >> shift) & 0xFu; }

__device__ __forceinline__ unsigned halide_counts(unsigned w) {
    return (w >> CL_SHIFT) & ((1u << HALIDE_BITS) - 1u);
}

__device__ __forceinline__ void store8(double* __restrict__ rates, long long id, const double r[Z]) {
    double2* out = reinterpret_cast<double2*>(rates + id * Z);   // 64-byte rows, 16-byte aligned
#pragma unroll
    for (int j = 0; j < Z / 2; j++) out[j] = make_double2(r[2 * j], r[2 * j + 1]);
}

// Difference form (HopKernel.vacancyRates): one thread per vacancy id.
// slotDz[k*8+j] = dz+1 of slot j on sublattice k (HopKernel.SLOT_DZ).
extern "C" __global__ void refresh_diff(const int* __restrict__ vacancySite, int vacancies,
                                        const int* __restrict__ words, const int* __restrict__ nb,
                                        const int* __restrict__ slotDz,
                                        const double* __restrict__ base, const double* __restrict__ field,
                                        const double* __restrict__ mix,
                                        double* __restrict__ rates, double* __restrict__ leafSums) {
    int id = blockIdx.x * blockDim.x + threadIdx.x;
    if (id >= vacancies) return;
    int v = vacancySite[id];
    unsigned cv = (unsigned) words[v];
    long long row = (long long) v * Z;
    int dzRow = (v % 3) * Z;
    double r[Z];
    double sum = 0.0;
#pragma unroll
    for (int j = 0; j < Z; j++) {
        unsigned ch = (unsigned) words[nb[row + j]];
        int x = (int) (ch & SPECIES_MASK);
        double rj = 0.0;
        if (x >= SP_CL && x <= SP_I) {
            int mx = x * SP_COUNT * DIFFS + 8;
            int dCl = (int) nib(cv, CL_SHIFT) - (int) nib(ch, CL_SHIFT);
            int dBr = (int) nib(cv, BR_SHIFT) - (int) nib(ch, BR_SHIFT);
            int dI = (int) nib(cv, I_SHIFT) - (int) nib(ch, I_SHIFT);
            // Java: base[x] * field[..] * mix[..Cl] * mix[..Br] * mix[..I], left to right
            rj = __dmul_rn(__dmul_rn(__dmul_rn(__dmul_rn(base[x], field[slotDz[dzRow + j]]),
                                               mix[mx + DIFFS + dCl]),
                                     mix[mx + 2 * DIFFS + dBr]),
                           mix[mx + 3 * DIFFS + dI]);
        }
        r[j] = rj;
        sum = __dadd_rn(sum, rj);
    }
    store8(rates, id, r);
    leafSums[id] = sum;
}

// The 8 rates of the vacancy at site v, factorised form (HopKernel.vacancyRatesFactored).
__device__ __forceinline__ double factored_rates(int v, const int* __restrict__ words, const int* __restrict__ nb,
                                                 const int* __restrict__ off, const int* __restrict__ slotDz,
                                                 const double* __restrict__ fv, const double* __restrict__ gh,
                                                 const double* __restrict__ field, double r[Z]) {
    unsigned cv = (unsigned) words[v];
    unsigned iv = halide_counts(cv);
    bool regular = (cv & REGULAR) != 0;
    long long row = (long long) v * Z;
    int dzRow = (v % 3) * Z;
    double sum = 0.0;
#pragma unroll
    for (int j = 0; j < Z; j++) {
        int s = regular ? v + off[dzRow + j] : nb[row + j];
        unsigned ch = (unsigned) words[s];
        int x = (int) (ch & SPECIES_MASK) - SP_CL;
        double rj = 0.0;
        if (x >= 0 && x < 3) {
            int t = x << HALIDE_BITS;
            // Java: fv[t + iv] * gh[t + counts(ch)] * field[..], left to right
            rj = __dmul_rn(__dmul_rn(fv[t + iv], gh[t + halide_counts(ch)]), field[slotDz[dzRow + j]]);
        }
        r[j] = rj;
        sum = __dadd_rn(sum, rj);
    }
    return sum;
}

// Factorised form, one thread per vacancy id (the engine's default path).
extern "C" __global__ void refresh_factored(const int* __restrict__ vacancySite, int vacancies,
                                            const int* __restrict__ words, const int* __restrict__ nb,
                                            const int* __restrict__ off, const int* __restrict__ slotDz,
                                            const double* __restrict__ fv, const double* __restrict__ gh,
                                            const double* __restrict__ field,
                                            double* __restrict__ rates, double* __restrict__ leafSums) {
    int id = blockIdx.x * blockDim.x + threadIdx.x;
    if (id >= vacancies) return;
    double r[Z];
    double sum = factored_rates(vacancySite[id], words, nb, off, slotDz, fv, gh, field, r);
    store8(rates, id, r);
    leafSums[id] = sum;
}

// Factorised form as a site sweep: one thread per site; vacancies (found from the packed word)
// write their rates at their id (vacancyAt). The same results as refresh_factored; it streams the
// word array once, coalesced, and finds the neighbour words in L2, so it moves fewer DRAM bytes
// than the per-vacancy gather when the vacancies are sparse.
extern "C" __global__ void refresh_factored_sweep(int sites, const int* __restrict__ vacancyAt,
                                                  const int* __restrict__ words, const int* __restrict__ nb,
                                                  const int* __restrict__ off, const int* __restrict__ slotDz,
                                                  const double* __restrict__ fv, const double* __restrict__ gh,
                                                  const double* __restrict__ field,
                                                  double* __restrict__ rates, double* __restrict__ leafSums) {
    int s = blockIdx.x * blockDim.x + threadIdx.x;
    if (s >= sites) return;
    if ((words[s] & SPECIES_MASK) != SP_VACANCY) return;
    int id = vacancyAt[s];
    double r[Z];
    double sum = factored_rates(s, words, nb, off, slotDz, fv, gh, field, r);
    store8(rates, id, r);
    leafSums[id] = sum;
}

// Factorised form as a streamed sweep: a grid of a few blocks per multiprocessor strides over the
// word array four sites at a time (one 16-byte load per thread), so the array streams at full
// width with many loads in flight, and the rare vacancy (1 %) finds its neighbours' words in L2,
// read moments before or after by the same wave. The same results as refresh_factored (the same
// function computes them). words: 16-byte aligned (cuMemAlloc aligns to 256); sites: its length.
// Launch: 256-thread blocks, 6 per multiprocessor (the 40 registers it needs allow 1536 threads).
extern "C" __global__ void __launch_bounds__(256, 6) refresh_factored_stream(int sites, const int* __restrict__ vacancyAt,
                                                   const int* __restrict__ words, const int* __restrict__ nb,
                                                   const int* __restrict__ off, const int* __restrict__ slotDz,
                                                   const double* __restrict__ fv, const double* __restrict__ gh,
                                                   const double* __restrict__ field,
                                                   double* __restrict__ rates, double* __restrict__ leafSums) {
    const int4* w4 = reinterpret_cast<const int4*>(words);
    const int quads = (sites + 3) >> 2;
    const int stride = gridDim.x * blockDim.x;
    for (int q = blockIdx.x * blockDim.x + threadIdx.x; q < quads; q += stride) {
        int c[4];
        if (4 * q + 3 < sites) {
            int4 w = __ldg(w4 + q);
            c[0] = w.x;
            c[1] = w.y;
            c[2] = w.z;
            c[3] = w.w;
        } else {
#pragma unroll
            for (int i = 0; i < 4; i++) c[i] = 4 * q + i < sites ? words[4 * q + i] : SP_CL;   // past the end: not a vacancy
        }
#pragma unroll
        for (int i = 0; i < 4; i++) {
            if ((c[i] & SPECIES_MASK) == SP_VACANCY) {
                int s = 4 * q + i;
                int id = vacancyAt[s];
                double r[Z];
                double sum = factored_rates(s, words, nb, off, slotDz, fv, gh, field, r);
                store8(rates, id, r);
                leafSums[id] = sum;
            }
        }
    }
}

// One pass of the fixed-order pairwise sum (PairwiseSum.pass): block b sums in[b*256 .. b*256+256)
// (zero-padded) by halving strides 128, 64, ..., 1 and writes out[b]. The host repeats passes
// until one value is left; the CPU twin does the same additions in the same order, so the total
// is bit-identical (x + 0.0 == x for the non-negative rates summed here).
extern "C" __global__ void reduce_sum(const double* __restrict__ in, int n, double* __restrict__ out) {
    __shared__ double s[REDUCE_BLOCK];
    int t = threadIdx.x;
    int i = blockIdx.x * REDUCE_BLOCK + t;
    s[t] = i < n ? in[i] : 0.0;
    __syncthreads();
#pragma unroll
    for (int stride = REDUCE_BLOCK / 2; stride > 0; stride >>= 1) {
        if (t < stride) s[t] = __dadd_rn(s[t], s[t + stride]);
        __syncthreads();
    }
    if (t == 0) out[blockIdx.x] = s[0];
}
