// A CPU stand-in for the CUDA features kernels/*.cu use, so their source runs here
// (io.halidekmc.backend.cuda.*EmulationTest). Warp-synchronous kernels (nc_ensemble.cu's resident
// one) run one block at a time, its 32 lanes as 32 threads; the warp collectives (__ballot_sync,
// __shfl_sync, __shfl_down_sync, __syncwarp) meet at a barrier, as every lane of a converged warp
// does. Kernels without collectives (hop_rates.cu's refresh kernels) run thread after thread.
// Block-wide barriers (__syncthreads) are not emulated: a kernel that reaches one stops the run. Statically declared __shared__ arrays are
// function statics (one block runs at a time); the dynamic one is emu_dynamic_shared. Doubles are
// IEEE binary64 on x86-64 (SSE2), compiled with -ffp-contract=off, so __dmul_rn is a plain product.
#pragma once
#include <barrier>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

struct uint4 { unsigned x, y, z, w; };
struct alignas(16) int4 { int x, y, z, w; };
struct alignas(16) double2 { double x, y; };
static inline uint4 make_uint4(unsigned a, unsigned b, unsigned c, unsigned d) { return uint4{a, b, c, d}; }
static inline double2 make_double2(double a, double b) { return double2{a, b}; }
struct emu_dim { unsigned x; };
inline thread_local emu_dim threadIdx;
inline emu_dim blockIdx;
inline emu_dim blockDim{32};
inline emu_dim gridDim{1};
inline unsigned* emu_dynamic_shared;
inline std::barrier<>* emu_bar;
inline unsigned long long emu_slot[32];

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
template <class T> static inline T atomicAdd(T* p, T v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }

static inline void __syncwarp(unsigned = 0xffffffffu) { emu_bar->arrive_and_wait(); }

static inline unsigned __ballot_sync(unsigned mask, bool p) {
    emu_slot[threadIdx.x & 31] = p;
    emu_bar->arrive_and_wait();
    unsigned b = 0;
    for (int i = 0; i < 32; i++) if (emu_slot[i]) b |= 1u << i;
    emu_bar->arrive_and_wait();
    return b & mask;
}

template <class T> static inline T emu_exchange(T v, int from, bool valid) {
    static_assert(sizeof(T) <= 8, "warp exchange of at most 8 bytes");
    unsigned long long bits = 0;
    std::memcpy(&bits, &v, sizeof(T));
    emu_slot[threadIdx.x & 31] = bits;
    emu_bar->arrive_and_wait();
    T r = v;
    if (valid) std::memcpy(&r, &emu_slot[from], sizeof(T));
    emu_bar->arrive_and_wait();
    return r;
}

template <class T> static inline T __shfl_sync(unsigned, T v, int src) { return emu_exchange(v, src & 31, true); }

template <class T> static inline T __shfl_down_sync(unsigned, T v, unsigned d) {
    int from = (int) (threadIdx.x & 31) + (int) d;
    return emu_exchange(v, from, from < 32);
}
