// Runs ensemble_trials_resident of kernels/nc_ensemble.cu (included after warp_shim.h, its dynamic
// shared array made emu_dynamic_shared) on the CPU: reads one launch's arguments from argv[1],
// runs every block's 32 lanes (emu_run_warp), writes the members' species, vacancy lists, hop counts
// and displacements to argv[2]. Layout (little-endian, as ResidentKernelEmulationTest writes it):
// int members, speciesInts, vacStride, memberBase; unsigned key0, key1; double rmax; int tab[RES_TAB];
// int geo[5]; double fv[3*729], gh[3*729], field[3] (dense tables); int nvac[members]; long long start[members],
// count[members]; unsigned species[members*speciesInts]; int vac[members*vacStride];
// unsigned long long events[members]; long long dz[members].
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
    int hdr[4];
    unsigned key[2];
    double rmax;
    rd(f, hdr, 4);
    rd(f, key, 2);
    rd(f, &rmax, 1);
    int members = hdr[0], speciesInts = hdr[1], vacStride = hdr[2], memberBase = hdr[3];
    std::vector<int> tab(RES_TAB), geo(5), nvac(members), vac((size_t) members * vacStride);
    std::vector<double> fv(3 * RES_DENSE), gh(3 * RES_DENSE), field(3);
    std::vector<long long> start(members), count(members), dz(members);
    std::vector<unsigned> species((size_t) members * speciesInts);
    std::vector<unsigned long long> events(members);
    rd(f, tab.data(), tab.size());
    rd(f, geo.data(), geo.size());
    rd(f, fv.data(), fv.size());
    rd(f, gh.data(), gh.size());
    rd(f, field.data(), field.size());
    rd(f, nvac.data(), nvac.size());
    rd(f, start.data(), start.size());
    rd(f, count.data(), count.size());
    rd(f, species.data(), species.size());
    rd(f, vac.data(), vac.size());
    rd(f, events.data(), events.size());
    rd(f, dz.data(), dz.size());
    fclose(f);
    std::vector<unsigned> shared((size_t) speciesInts + vacStride);
    for (int b = 0; b < members; b++) {
        blockIdx.x = (unsigned) b;
        emu_dynamic_shared = shared.data();
        emu_run_warp([&] {
            ensemble_trials_resident(species.data(), speciesInts, vac.data(), vacStride, nvac.data(), start.data(), count.data(),
                                     events.data(), dz.data(), tab.data(), geo.data(), fv.data(), gh.data(), field.data(), rmax,
                                     key[0], key[1], members, memberBase);
        });
    }
    FILE* o = fopen(argv[2], "wb");
    if (!o) return 2;
    fwrite(species.data(), sizeof(unsigned), species.size(), o);
    fwrite(vac.data(), sizeof(int), vac.size(), o);
    fwrite(events.data(), sizeof(unsigned long long), events.size(), o);
    fwrite(dz.data(), sizeof(long long), dz.size(), o);
    return fclose(o) == 0 ? 0 : 2;
}
