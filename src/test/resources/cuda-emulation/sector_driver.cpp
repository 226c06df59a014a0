// Runs one launch of kernels/sector_steps.cu (included after warp_shim.h) on the CPU: argv[1] holds
// the lattice state, the operation (0: sector_begin, 1: sector_trials, 2: observe_counts over 3
// blocks) and its sectors; each block's
// 32 lanes run through emu_run_warp; the state after the launch goes to argv[2]. Layout (little-endian, as
// SectorKernelEmulationTest writes it): int op, sites, vacancies, sectors, cap, touches, sink,
// key0, key1, launched; double rmax; int words[sites], vacSite[vacancies], list[sectors*cap],
// len[sectors], outbox[sectors*cap], outTo[sectors*cap], nOut[sectors], touch[touches],
// touchStart[sectors+1], geo[6], nb[sites*8], off[24], slotDz[24], moveZ[24]; double fv[3<<12],
// gh[3<<12], field[3]; int launchedSectors[launched]; long long start[launched], count[launched];
// unsigned long long events[sectors]; long long dz[sectors]. Output: words, vacSite, list, len,
// outbox, outTo, nOut, lenOut[launched], events, dz, overflow (int), counts[15] (unsigned long long).
#include "warp_shim.h"
#include "sector_steps.cu"
#include <vector>

template <class T> static void rd(FILE* f, std::vector<T>& v) {
    if (fread(v.data(), sizeof(T), v.size(), f) != v.size()) { fprintf(stderr, "short input\n"); exit(3); }
}

template <class T> static void wr(FILE* f, const std::vector<T>& v) { fwrite(v.data(), sizeof(T), v.size(), f); }

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    FILE* f = fopen(argv[1], "rb");
    if (!f) return 2;
    std::vector<int> h(10);
    std::vector<double> rmax(1);
    rd(f, h);
    rd(f, rmax);
    int op = h[0], sites = h[1], nv = h[2], ns = h[3], cap = h[4], nt = h[5], sink = h[6], launched = h[9];
    unsigned key0 = (unsigned) h[7], key1 = (unsigned) h[8];
    std::vector<int> words(sites), vacSite(nv), list((size_t) ns * cap), len(ns), outbox((size_t) ns * cap), outTo((size_t) ns * cap),
        nOut(ns), touch(nt), touchStart(ns + 1), geo(6), nb((size_t) sites * Z), off(3 * Z), slotDz(3 * Z), moveZ(3 * Z),
        secs(launched), lenOut(launched), overflow(1);
    std::vector<unsigned long long> counts(15);
    std::vector<double> fv(3 << 12), gh(3 << 12), field(3);
    std::vector<long long> start(launched), count(launched), dz(ns);
    std::vector<unsigned long long> events(ns);
    rd(f, words); rd(f, vacSite); rd(f, list); rd(f, len); rd(f, outbox); rd(f, outTo); rd(f, nOut); rd(f, touch);
    rd(f, touchStart); rd(f, geo); rd(f, nb); rd(f, off); rd(f, slotDz); rd(f, moveZ); rd(f, fv); rd(f, gh); rd(f, field);
    rd(f, secs); rd(f, start); rd(f, count); rd(f, events); rd(f, dz);
    fclose(f);
    if (op == 2) {   // a strided grid of 3 warps, so every lane takes several turns
        gridDim.x = 3;
        for (int b = 0; b < 3; b++) {
            blockIdx.x = (unsigned) b;
            emu_run_warp([&] { observe_counts(words.data(), sink, counts.data()); });
        }
        launched = 0;
    }
    for (int b = 0; b < launched; b++) {
        blockIdx.x = (unsigned) b;
        emu_run_warp([&] {
            if (op == 0) {
                sector_begin(secs.data(), cap, list.data(), len.data(), outbox.data(), outTo.data(), nOut.data(), touch.data(),
                             touchStart.data(), lenOut.data(), overflow.data());
            } else {
                sector_trials(words.data(), vacSite.data(), secs.data(), cap, list.data(), len.data(), outbox.data(), outTo.data(),
                              nOut.data(), start.data(), count.data(), events.data(), dz.data(), nb.data(), off.data(), slotDz.data(),
                              moveZ.data(), geo.data(), fv.data(), gh.data(), field.data(), rmax[0], key0, key1, sink, overflow.data());
            }
        });
    }
    FILE* o = fopen(argv[2], "wb");
    if (!o) return 2;
    wr(o, words); wr(o, vacSite); wr(o, list); wr(o, len); wr(o, outbox); wr(o, outTo); wr(o, nOut); wr(o, lenOut);
    wr(o, events); wr(o, dz); wr(o, overflow); wr(o, counts);
    return fclose(o) == 0 ? 0 : 2;
}
