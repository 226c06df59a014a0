// Runs the factorised refresh kernels of kernels/hop_rates.cu (included after warp_shim.h) on the
// CPU, thread after thread: refresh_factored (a thread per vacancy), refresh_factored_sweep (a
// thread per site) and refresh_factored_stream (a strided grid, here 3 blocks of 32 threads so
// every thread takes several turns). Reads argv[1], writes each kernel's rates and sums to argv[2].
// Input (little-endian, as RefreshKernelEmulationTest writes it): int sites, vacancies;
// int vacancySite[vacancies], vacancyAt[sites], words[sites], nb[sites*8], off[24], slotDz[24];
// double fv[3<<12], gh[3<<12], field[3]. Output: per kernel, double rates[vacancies*8], sums[vacancies].
#include "warp_shim.h"
#include "hop_rates.cu"
#include <vector>

template <class T> static void rd(FILE* f, T* p, size_t n) {
    if (fread(p, sizeof(T), n, f) != n) { fprintf(stderr, "short input\n"); exit(3); }
}

template <class F> static void grid(unsigned blocks, unsigned threads, F kernel) {
    gridDim.x = blocks;
    blockDim.x = threads;
    for (unsigned b = 0; b < blocks; b++) {
        blockIdx.x = b;
        for (unsigned t = 0; t < threads; t++) {
            threadIdx.x = t;
            kernel();
        }
    }
}

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    FILE* f = fopen(argv[1], "rb");
    if (!f) return 2;
    int hdr[2];
    rd(f, hdr, 2);
    int sites = hdr[0], n = hdr[1];
    std::vector<int> vs(n), vat(sites), nb((size_t) sites * Z), off(3 * Z), slotDz(3 * Z);
    // 16-byte aligned, as cuMemAlloc's are, with room for a whole last int4
    int* words = static_cast<int*>(std::aligned_alloc(16, ((sites + 3) / 4) * 16));
    std::vector<double> fv(3 << 12), gh(3 << 12), field(3);
    rd(f, vs.data(), n);
    rd(f, vat.data(), sites);
    rd(f, words, sites);
    rd(f, nb.data(), nb.size());
    rd(f, off.data(), off.size());
    rd(f, slotDz.data(), slotDz.size());
    rd(f, fv.data(), fv.size());
    rd(f, gh.data(), gh.size());
    rd(f, field.data(), field.size());
    fclose(f);
    FILE* o = fopen(argv[2], "wb");
    if (!o) return 2;
    for (int k = 0; k < 3; k++) {
        std::vector<double> rates((size_t) n * Z, -1.0), sums(n, -1.0);
        if (k == 0) {
            grid((n + 63) / 64, 64, [&] { refresh_factored(vs.data(), n, words, nb.data(), off.data(), slotDz.data(), fv.data(), gh.data(), field.data(), rates.data(), sums.data()); });
        } else if (k == 1) {
            grid((sites + 63) / 64, 64, [&] { refresh_factored_sweep(sites, vat.data(), words, nb.data(), off.data(), slotDz.data(), fv.data(), gh.data(), field.data(), rates.data(), sums.data()); });
        } else {
            grid(3, 32, [&] { refresh_factored_stream(sites, vat.data(), words, nb.data(), off.data(), slotDz.data(), fv.data(), gh.data(), field.data(), rates.data(), sums.data()); });
        }
        fwrite(rates.data(), sizeof(double), rates.size(), o);
        fwrite(sums.data(), sizeof(double), sums.size(), o);
    }
    std::free(words);
    return fclose(o) == 0 ? 0 : 2;
}
