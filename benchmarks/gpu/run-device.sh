#!/usr/bin/env bash
# GPU checks of the CUDA backend, on a machine with an NVIDIA GPU and no Java installed.
# Needs, next to the working tree: .device/jre (jlink runtime: ../shared/tools/jlink-runtime.sh .device/jre;
#   without java.desktop, so runs write their HDF5/CSV and skip the PNG plots: carry is limited to 64 MiB)
# and target/halide-kmc.jar (mvn package; on a build machine with nvcc it holds the prebuilt sm_90 cubin/PTX).
# Writes everything to $OUT (default out/gpu): info, the bitwise-equivalence + bandwidth JSON of the
# bulk rate refresh, and a short run on --backend cuda. Every step is time-limited; one failing step
# does not stop the others. See benchmarks/gpu/README.md.
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
final=${OUT:-$root/out/gpu}
mkdir -p "$final"
# the device tool returns at most 8 files from $OUT: steps write into a scratch folder, and the end
# copies the key files plus one archive of everything back
out=$(mktemp -d /tmp/halide-kmc-gpu.XXXXXX)
java="$root/.device/jre/bin/java"
[ -x "$java" ] || java=$(command -v java || true)
jar="$root/target/halide-kmc.jar"
[ -x "$java" ] && [ -f "$jar" ] || { echo "need .device/jre and target/halide-kmc.jar (see benchmarks/gpu/README.md)" | tee "$out/ERROR"; exit 2; }
cells=${CELLS:-256}
steps=${STEPS:-refresh,ensemble,run}     # which groups of steps: refresh, ensemble, run (comma-separated)
want() { [[ ",$steps," == *",$1,"* ]]; }
ncs=${NCS:-10000}
J=("$java" --enable-native-access=ALL-UNNAMED -Xmx${HEAP:-40g} -XX:+UseParallelGC)

step() {   # step NAME TIMEOUT cmd...: stdout to NAME, stderr to NAME.err, wall time and rc to steps.log
  local name=$1 t=$2; shift 2
  local t0=$(date +%s%N)
  timeout "$t" "$@" > "$out/$name" 2> "$out/$name.err"
  local rc=$?
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  printf '%-28s rc=%-3s %5d.%03d s\n' "$name" "$rc" $((ms / 1000)) $((ms % 1000)) | tee -a "$out/steps.log"
}

{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory --format=csv; nvidia-smi; } > "$out/nvidia-smi.txt" 2>&1
ls /usr/lib/x86_64-linux-gnu/ /usr/lib64 /usr/local/cuda*/lib64 2>/dev/null | grep -E 'libcuda\.so|libnvrtc' | sort -u > "$out/cuda-libs.txt"
step info.txt 60 "${J[@]}" -jar "$jar" info
if want refresh; then
# 1. bitwise equivalence of every kernel on the 64^3 box (box64), kernels compiled the default way
#    (NVRTC if the machine has it, else the nvcc-built cubin in the jar)
step refresh-64.json 120 "${J[@]}" -jar "$jar" bench --problem refresh --backend cuda --cells 64 --repeats 3
# 2. the same with each kernel origin forced, so NVRTC and both prebuilt images are exercised
for k in nvrtc cubin ptx; do
  step refresh-64-$k.json 120 "${J[@]}" -Dhalidekmc.cuda.kernel=$k -jar "$jar" bench --problem refresh --backend cuda --cells 64 --repeats 1
done
# 3. bandwidth of the bulk refresh on a box far larger than L2 (256^3 cells: 50 M sites, 0.5 M vacancies)
step refresh-$cells.json 420 "${J[@]}" -jar "$jar" bench --problem refresh --backend cuda --cells "$cells" --repeats 5
fi
if want ensemble; then
# 4. the nanocrystal ensemble: $ncs × 23 nm on the GPU (global kernel at 8, 16 and 32 lanes per nanocrystal, then the
#    resident kernel: each crystal in shared memory, a warp per crystal; KERNELS= to choose) against the CPU backend
#    (exact engine, 2 threads, 64 NCs) in the same process; members replayed on the CPU bit for bit
step nc-ensemble.json 400 "${J[@]}" -jar "$jar" bench --problem nc-ensemble --backend cuda --ncs "$ncs" --kernels ${KERNELS:-global,resident} --lanes 8,16,32 --repeats 5 --threads 2
fi
if want run; then
# 5. a short run with the engine's bulk refresh on the GPU (auto and cuda); the first lines say what ran and why
step run-cuda.txt 120 "${J[@]}" -jar "$jar" run "$root/scenarios/bulk-anneal-CsPbBr1.2I1.8.yaml" --backend cuda --max-events 2000000 --out "$out/run-cuda"
step run-auto.txt 120 "${J[@]}" -jar "$jar" run "$root/scenarios/bulk-anneal-CsPbBr1.2I1.8.yaml" --backend auto --max-events 2000000 --out "$out/run-auto"
# 6. the uniformized sector engine's sector steps on the GPU (a warp per sector, kernels/sector_steps.cu)
#    and on the CPU threads, same scenario, seed and hop limit: the CSV rows must be equal (same
#    trajectory); each first output line gives hops/s
step run-sector-cuda.txt 240 "${J[@]}" -jar "$jar" run "$root/scenarios/bulk-demix-sector-uniformized.yaml" --backend cuda --max-events 30000000 --out "$out/run-sector-cuda"
step run-sector-cpu.txt 240 "${J[@]}" -jar "$jar" run "$root/scenarios/bulk-demix-sector-uniformized.yaml" --backend cpu --threads 16 --max-events 30000000 --out "$out/run-sector-cpu"
if cmp -s <(grep -v '^#' "$out"/run-sector-cuda/*.csv) <(grep -v '^#' "$out"/run-sector-cpu/*.csv); then
  echo "sector steps: cuda and cpu CSV rows equal" | tee -a "$out/steps.log"
else
  echo "sector steps: cuda and cpu CSV rows DIFFER" | tee -a "$out/steps.log"
fi
# 7. events/s of the sector steps on the GPU against the BKL sector engine on 16 CPU threads, same process, 160^3 box
step sector-bench-160.json 300 "${J[@]}" -jar "$jar" bench --engine sector-uniformized --backend cuda --cells 160 --threads 16 --events 30000000 --repeats 3
# 8. the uniformized film engine in a run: a film of 23 nm NCs with its trials on the GPU and on 16 CPU
#    threads, same scenario and seed, 0.06 s (≈ 1.5e7 hops): the CSV rows must be equal (same trajectory)
step run-film-cuda.txt 120 "${J[@]}" -jar "$jar" run "$root/scenarios/nc-film-anneal-uniformized.yaml" --backend cuda --until 0.06 --out "$out/run-film-cuda"
step run-film-cpu.txt 120 "${J[@]}" -jar "$jar" run "$root/scenarios/nc-film-anneal-uniformized.yaml" --backend cpu --threads 16 --until 0.06 --out "$out/run-film-cpu"
if cmp -s <(grep -v '^#' "$out"/run-film-cuda/*.csv) <(grep -v '^#' "$out"/run-film-cpu/*.csv); then
  echo "film trials: cuda and cpu CSV rows equal" | tee -a "$out/steps.log"
else
  echo "film trials: cuda and cpu CSV rows DIFFER" | tee -a "$out/steps.log"
fi
fi
rm -f "$out"/run-*/*.png "$out"/run-*/*.h5
echo "done" >> "$out/steps.log"
tar czf "$final/gpu-all.tgz" -C "$out" .
cp "$out/steps.log" "$out/info.txt" "$out/refresh-64.json" "$out/refresh-$cells.json" "$out/nc-ensemble.json" "$out/nc-ensemble.json.err" "$out/sector-bench-160.json" "$final/" 2>/dev/null
cat "$out/steps.log"; echo "results in $final (gpu-all.tgz holds every step's output and stderr)"
