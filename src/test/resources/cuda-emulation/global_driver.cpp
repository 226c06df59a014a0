// Runs ensemble_trials of kernels/nc_ensemble.cu (included after warp_shim.h) on the CPU: reads one
// launch's arguments from argv[1], runs every 32-thread block (emu_run_warp; groups of L lanes per
// member, as CudaEnsemble launches them), writes the members' words, vacancy lists, hop counts and
// displacements to argv[2]. Layout (little-endian, as GlobalKernelEmulationTest writes it):
// int members, wordStride, vacStride, lanesLog2, sites, nbLength, nx, ny; unsigned key0, key1; double rmax;
// int nb[nbLength], off[24], regBits[(sites + 31) / 32], slotDz[24], moveZ[24];
// double fv[3 << 12], gh[3 << 12], field[3]; int nvac[members]; long long start[members], count[members];
// int words[members*wordStride]; int vac[members*vacStride]; unsigned long long events[members]; long long dz[members].
#include "warp_shim.h"
#include "nc_ensemble_emu.cu"
#include <cstdio>
#include <vector>

template <class T> static void rd(FILE* f, T* p, size_t n) {
    if (fread(p, sizeof(T), n, f) != n) { fprintf(stderr, "short input\n"); exit(3); }
}

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    FILE* f = fopen(argv[1], "rb");
    if (!f) return 2;
    int hdr[8];
    unsigned key[2];
    double rmax;
    rd(f, hdr, 8);
    rd(f, key, 2);
    rd(f, &rmax, 1);
    int members = hdr[0], wordStride = hdr[1], vacStride = hdr[2], lanesLog2 = hdr[3], sites = hdr[4], nbLength = hdr[5];
    int nx = hdr[6], ny = hdr[7];
    std::vector<int> nb(nbLength), off(24), slotDz(24), moveZ(24), nvac(members);
    std::vector<unsigned> regBits((sites + 31) / 32);
    std::vector<double> fv(3 << 12), gh(3 << 12), field(3);
    std::vector<long long> start(members), count(members), dz(members);
    std::vector<int> words((size_t) members * wordStride), vac((size_t) members * vacStride);
    std::vector<unsigned long long> events(members);
    rd(f, nb.data(), nb.size());
    rd(f, off.data(), off.size());
    rd(f, regBits.data(), regBits.size());
    rd(f, slotDz.data(), slotDz.size());
    rd(f, moveZ.data(), moveZ.size());
    rd(f, fv.data(), fv.size());
    rd(f, gh.data(), gh.size());
    rd(f, field.data(), field.size());
    rd(f, nvac.data(), nvac.size());
    rd(f, start.data(), start.size());
    rd(f, count.data(), count.size());
    rd(f, words.data(), words.size());
    rd(f, vac.data(), vac.size());
    rd(f, events.data(), events.size());
    rd(f, dz.data(), dz.size());
    fclose(f);
    long long threads = (long long) members << lanesLog2;
    for (long long b = 0; b * 32 < threads; b++) {
        blockIdx.x = (unsigned) b;
        emu_run_warp([&] {
            ensemble_trials(words.data(), wordStride, vac.data(), vacStride, nvac.data(), start.data(), count.data(),
                            events.data(), dz.data(), nb.data(), off.data(), regBits.data(), slotDz.data(), moveZ.data(),
                            fv.data(), gh.data(), field.data(), rmax, key[0], key[1], members, 0, lanesLog2, nx, ny);
        });
    }
    FILE* o = fopen(argv[2], "wb");
    if (!o) return 2;
    fwrite(words.data(), sizeof(int), words.size(), o);
    fwrite(vac.data(), sizeof(int), vac.size(), o);
    fwrite(events.data(), sizeof(unsigned long long), events.size(), o);
    fwrite(dz.data(), sizeof(long long), dz.size(), o);
    return fclose(o) == 0 ? 0 : 2;
}
