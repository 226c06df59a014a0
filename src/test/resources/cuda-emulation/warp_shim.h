// A CPU stand-in for the CUDA features kernels/*.cu use, so their source runs here
// (io.halidekmc.backend.cuda.*EmulationTest). A warp-synchronous kernel runs one block at a time
// through emu_run_warp: its 32 lanes are coroutines (ucontext) on one thread, each run in turn up
// to its next warp collective (__ballot_sync, __shfl_sync, __shfl_down_sync, __syncwarp), where it
// leaves its value; when all have arrived the collective's result is formed and every lane goes on
// — what a converged warp does, without 32 threads meeting at a barrier. Kernels without
// collectives (the refresh kernels) run thread after thread. Block-wide barriers (__syncthreads)
// are not emulated: a kernel that reaches one stops the run. Statically declared __shared__ arrays
// are function statics (one block runs at a time); the dynamic one is emu_dynamic_shared. Doubles
// are IEEE binary64 on x86-64 (SSE2), compiled with -ffp-contract=off, so __dmul_rn is a product.
#pragma once
#include <cstdint>
#include <functional>
#include <ucontext.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>

struct uint4 { unsigned x, y, z, w; };
struct alignas(16) int4 { int x, y, z, w; };
struct alignas(16) double2 { double x, y; };
static inline uint4 make_uint4(unsigned a, unsigned b, unsigned c, unsigned d) { return uint4{a, b, c, d}; }
static inline double2 make_double2(double a, double b) { return double2{a, b}; }
struct emu_dim { unsigned x; };
inline emu_dim threadIdx;
inline emu_dim blockIdx;
inline emu_dim blockDim{32};
inline emu_dim gridDim{1};
inline unsigned* emu_dynamic_shared;
inline unsigned long long emu_slot[32];   // what each lane left at the collective
inline unsigned long long emu_snap[32];   // those values once all have arrived
inline unsigned emu_ballot;               // and which were non-zero
inline bool emu_at[32];                   // which lanes stopped at a collective
inline ucontext_t emu_main, emu_lane[32];
inline std::function<void()> emu_kernel;

static inline void emu_collective() { swapcontext(&emu_lane[threadIdx.x & 31], &emu_main); }

static inline void emu_lane_entry() { emu_kernel(); }

// Runs one block of 32 lanes of kernel (a call of the __global__ function) to its end.
static inline void emu_run_warp(std::function<void()> kernel) {
    static char stacks[32][1 << 16];
    emu_kernel = std::move(kernel);
    bool done[32] = {};
    for (int l = 0; l < 32; l++) {
        getcontext(&emu_lane[l]);
        emu_lane[l].uc_stack.ss_sp = stacks[l];
        emu_lane[l].uc_stack.ss_size = sizeof stacks[l];
        emu_lane[l].uc_link = &emu_main;
        makecontext(&emu_lane[l], emu_lane_entry, 0);
    }
    int active = 32;
    while (active > 0) {
        int waiting = 0;
        for (int l = 0; l < 32; l++) {
            if (done[l]) continue;
            threadIdx.x = (unsigned) l;
            swapcontext(&emu_main, &emu_lane[l]);
        }
        // a lane that returned ran off its context (uc_link); one at a collective left emu_slot set
        for (int l = 0; l < 32; l++) {
            if (done[l]) continue;
            if (emu_at[l]) {
                waiting++;
                emu_at[l] = false;
            } else {
                done[l] = true;
                active--;
            }
        }
        if (waiting > 0 && waiting != active) {
            fprintf(stderr, "warp diverged at a collective: %d of %d lanes arrived\n", waiting, active);
            abort();
        }
        std::memcpy(emu_snap, emu_slot, sizeof emu_slot);
        emu_ballot = 0;
        for (int i = 0; i < 32; i++) if (emu_slot[i]) emu_ballot |= 1u << i;
    }
}

#define __global__
#define __device__
#define __forceinline__ inline
#define __restrict__ __restrict
#define __constant__
#define __shared__ static
#define __launch_bounds__(...)

static inline unsigned __umulhi(unsigned a, unsigned b) { return (unsigned) (((unsigned long long) a * b) >> 32); }
static inline unsigned long long __umul64hi(unsigned long long a, unsigned long long b) {
    return (unsigned long long) (((unsigned __int128) a * b) >> 64);
}
static inline double __dmul_rn(double a, double b) { return a * b; }
static inline double __dadd_rn(double a, double b) { return a + b; }
static inline void __syncthreads() {
    fprintf(stderr, "__syncthreads is not emulated\n");
    abort();
}
template <class T> static inline T __ldg(const T* p) { return *p; }
template <class T> static inline T __ldcg(const T* p) { return *p; }
static inline int __ffs(unsigned x) { return __builtin_ffs((int) x); }
static inline int __popc(unsigned x) { return __builtin_popcount(x); }
template <class T> static inline T atomicAdd(T* p, T v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }

static inline void emu_arrive(unsigned long long v) {
    emu_slot[threadIdx.x & 31] = v;
    emu_at[threadIdx.x & 31] = true;
    emu_collective();
}

static inline void __syncwarp(unsigned = 0xffffffffu) { emu_arrive(0); }

static inline unsigned __ballot_sync(unsigned mask, bool p) {
    emu_arrive(p ? 1 : 0);
    return emu_ballot & mask;
}

template <class T> static inline T emu_exchange(T v, int from, bool valid) {
    static_assert(sizeof(T) <= 8, "warp exchange of at most 8 bytes");
    unsigned long long bits = 0;
    std::memcpy(&bits, &v, sizeof(T));
    emu_arrive(bits);
    T r = v;
    if (valid) std::memcpy(&r, &emu_snap[from], sizeof(T));
    return r;
}

template <class T> static inline T __shfl_sync(unsigned, T v, int src) { return emu_exchange(v, src & 31, true); }

template <class T> static inline T __shfl_down_sync(unsigned, T v, unsigned d) {
    int from = (int) (threadIdx.x & 31) + (int) d;
    return emu_exchange(v, from, from < 32);
}
