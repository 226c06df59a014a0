#!/usr/bin/env bash
# GPU checks of the CUDA backend, on a machine with an NVIDIA GPU and no Java installed.
# Needs, next to the working tree: .device/jre (jlink runtime: ../shared/tools/jlink-runtime.sh .device/jre;
#   without java.desktop, so runs write their HDF5/CSV and skip the PNG plots: carry is limited to 64 MiB)
# and target/halide-kmc.jar (mvn package; on a build machine with nvcc it holds the prebuilt sm_90 cubin/PTX).
# Writes everything to $OUT (default out/gpu): info, the bitwise-equivalence + bandwidth JSON of the
# bulk rate refresh, and a short run on --backend cuda. Every step is time-limited; one failing step
# does not stop the others. See benchmarks/gpu/README.md.
# STEPS=tornado (issue 23) needs instead only .device/tornado-bundle.tar.gz (benchmarks/gpu/pack-tornado.sh: a jlink
# runtime with JVMCI, the TornadoVM SDK's parts, the -Ptornado jar) and runs TornadoVM and CUDA side by side.
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
final=${OUT:-$root/out/gpu}
mkdir -p "$final"
# the device tool returns at most 8 files from $OUT: steps write into a scratch folder, and the end
# copies the key files plus one archive of everything back
out=$(mktemp -d /tmp/halide-kmc-gpu.XXXXXX)
cells=${CELLS:-256}
steps=${STEPS:-refresh,ensemble,run}     # which groups of steps: refresh, ensemble, run, tornado (comma-separated)
want() { [[ ",$steps," == *",$1,"* ]]; }
java="$root/.device/jre/bin/java"
[ -x "$java" ] || java=$(command -v java || true)
jar="$root/target/halide-kmc.jar"
if want tornado; then
  # STEPS=tornado: everything comes from the bundle (benchmarks/gpu/pack-tornado.sh): its runtime and jar
  # serve the cuda steps too. Unpacked outside the working tree.
  bundle=${TORNADO_BUNDLE:-$(ls "$root"/.device/tornado-bundle.tar.gz "$root"/.device/tornado-bundle.tar.xz 2>/dev/null | head -1)}
  tdir=${TORNADO_DIR:-/tmp/halide-tornado-bundle}
  [ -f "${bundle:-}" ] || { echo "no .device/tornado-bundle.tar.{gz,xz} (benchmarks/gpu/pack-tornado.sh)" | tee "$out/ERROR"; exit 2; }
  rm -rf "$tdir"; mkdir -p "$tdir"
  case $bundle in
    *.xz) command -v xz > /dev/null || { echo "no xz here to unpack $bundle: pack with COMPRESS=gz" | tee "$out/ERROR"; exit 2; }
          tar -xJf "$bundle" -C "$tdir" ;;
    *) tar -xzf "$bundle" -C "$tdir" ;;
  esac || { echo "unpacking $bundle failed" | tee "$out/ERROR"; exit 2; }
  T=$tdir/halide-tornado
  java=$T/jre/bin/java; jar=$T/halide-kmc.jar
fi
[ -x "$java" ] && [ -f "$jar" ] || { echo "need .device/jre and target/halide-kmc.jar (see benchmarks/gpu/README.md)" | tee "$out/ERROR"; exit 2; }
ncs=${NCS:-10000}
J=("$java" --enable-native-access=ALL-UNNAMED -Xmx${HEAP:-40g} -XX:+UseParallelGC)

# BUDGET_S (default 340 s with STEPS=tornado, else none): no step starts after it and none runs past it, so the
# results are always copied to $OUT before the device tool's own time limit
budget=${BUDGET_S:-$(want tornado && echo 340 || echo 0)}
t_start=$(date +%s)
step() {   # step NAME TIMEOUT cmd...: stdout to NAME, stderr to NAME.err, wall time and rc to steps.log
  local name=$1 t=$2; shift 2
  if [ "$budget" -gt 0 ]; then
    local left=$(( t_start + budget - $(date +%s) ))
    if [ "$left" -lt 10 ]; then printf '%-28s skipped: BUDGET_S=%s spent\n' "$name" "$budget" | tee -a "$out/steps.log"; return; fi
    [ "$t" -gt "$left" ] && t=$left
  fi
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
if want tornado; then
# 9. TornadoVM on the GPU (issue 23), side by side with the CUDA backend on the same problems.
#    What the machine offers TornadoVM: its OpenCL loader and ICD vendor files, and libcuda (PTX backend)
{ echo "== ldconfig -p | grep -i opencl"; ldconfig -p | grep -i opencl
  for d in /etc/OpenCL/vendors /usr/share/OpenCL/vendors /usr/local/etc/OpenCL/vendors; do
    echo "== $d"; ls -la "$d" 2>&1; for f in "$d"/*.icd; do [ -f "$f" ] && echo "$f: $(cat "$f")"; done
  done
  echo "== NVIDIA driver libraries"; ldconfig -p | grep -E 'libcuda\.so|libnvidia-(opencl|ptxjitcompiler|ml)\.so'
  echo "== bundle $bundle ($(du -h "$bundle" | cut -f1)), commit $(cat "$T/COMMIT" 2>/dev/null), backends $(cat "$T/BACKENDS")"
  echo "== ldd of the TornadoVM native libraries"; for l in "$T"/tornadovm/lib/*.so; do echo "$l"; ldd "$l"; done
} > "$out/tornado-env.txt" 2>&1
export TORNADOVM_HOME=$T/tornadovm
# OpenCL: the machine's loader if it has one, else the bundled ocl-icd; the NVIDIA ICD (libnvidia-opencl.so.1,
# mounted with the driver) listed in a vendors folder of our own when no system ICD file names it
if ! ldconfig -p | grep -q 'libOpenCL\.so\.1'; then export LD_LIBRARY_PATH=$T/lib-ocl${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}; fi
ocl_ok=0
if ldconfig -p | grep -q 'libnvidia-opencl\.so\.1'; then
  ocl_ok=1
  if ! cat /etc/OpenCL/vendors/*.icd 2>/dev/null | grep -q nvidia; then
    mkdir -p "$T/icd"; echo libnvidia-opencl.so.1 > "$T/icd/nvidia.icd"; export OCL_ICD_VENDORS=$T/icd
  fi
elif ls /etc/OpenCL/vendors/*.icd > /dev/null 2>&1; then ocl_ok=1
fi
ptx_ok=0
ldconfig -p | grep -q 'libcuda\.so\.1' && [ -f "$T/tornadovm/lib/libtornado-ptx.so" ] && ptx_ok=1
argfile() {   # argfile BACKEND: the bundle's argfile with only that backend (one that cannot load stops the runtime)
  local a=$T/argfile-$1
  sed -e "s#\${TORNADOVM_HOME}#$TORNADOVM_HOME#g" \
      -e "s#^--module-path .*#&:$TORNADOVM_HOME/share/java/tornado-$1#" "$T/tornadovm/tornado-argfile.template" > "$a"
  for b in opencl ptx spirv cuda metal; do
    [ "$b" = "$1" ] || sed -i -e "s/,tornado\.drivers\.$b\b//g" -e "/tornado\.drivers\.$b\b/d" "$a"
  done
  echo "$a"
}
tbs=${TORNADO_BACKENDS:-$( { [ $ptx_ok = 1 ] && echo ptx; [ $ocl_ok = 1 ] && echo opencl; } | paste -sd, -)}
echo "tornado: OpenCL ICD usable=$ocl_ok, libcuda (PTX)=$ptx_ok; TornadoVM backends to run: ${tbs:-none} (TORNADO_BACKENDS= to choose)" | tee -a "$out/steps.log"
tcells=${TCELLS:-256}; tncs=${TNCS:-2048}; tsec=${TSECONDS:-1}; tevents=${TEVENTS:-10000000}; tuntil=${TUNTIL:-0.03}
tj() {   # tj BACKEND: the JVM command line of a TornadoVM run on that backend
  TJ=("$java" @"$(argfile "$1")" -Dtornado.recover.bailout=false -Dtornado.device.memory=${TDEVMEM:-16GB} --enable-native-access=ALL-UNNAMED -Xmx${HEAP:-40g})
}
sector=("$root/scenarios/bulk-demix-sector-uniformized.yaml" --max-events "$tevents")
film=("$root/scenarios/nc-film-anneal-uniformized.yaml" --until "$tuntil")
# ordered by what issue 23 needs most (refresh and ensemble side by side, then the trajectories), and so that,
# were BUDGET_S to run out, each problem already has its tornado, cuda and cpu halves
tb1=${tbs%%,*}
if [ -n "$tb1" ]; then
  tj "$tb1"
  step tornado-$tb1-info.txt 60 "${TJ[@]}" -jar "$jar" info
  step tornado-$tb1-refresh-64.txt 120 "${TJ[@]}" -cp "$jar:$T/tornado-bench.jar" io.halidekmc.backend.tornado.TornadoRefreshBench "$tsec" 64
fi
step tcuda-refresh-64.json 120 "${J[@]}" -jar "$jar" bench --problem refresh --backend cuda --cells 64 --repeats 3
[ -n "$tb1" ] && step tornado-$tb1-nc-ensemble.json 150 "${TJ[@]}" -jar "$jar" bench --problem nc-ensemble --backend tornado --ncs "$tncs" --repeats 3 --threads 16
step tcuda-nc-ensemble.json 150 "${J[@]}" -jar "$jar" bench --problem nc-ensemble --backend cuda --ncs "$tncs" --kernels global,resident --lanes 32 --repeats 3 --threads 16
[ -n "$tb1" ] && step tornado-$tb1-refresh-$tcells.txt 240 "${TJ[@]}" -cp "$jar:$T/tornado-bench.jar" io.halidekmc.backend.tornado.TornadoRefreshBench "$tsec" "$tcells"
step tcuda-refresh-$tcells.json 240 "${J[@]}" -jar "$jar" bench --problem refresh --backend cuda --cells "$tcells" --repeats 3
[ -n "$tb1" ] && step run-sector-tornado-$tb1.txt 150 "${TJ[@]}" -jar "$jar" run "${sector[@]}" --backend tornado --out "$out/run-sector-tornado-$tb1"
step run-sector-tcpu.txt 150 "${J[@]}" -jar "$jar" run "${sector[@]}" --backend cpu --threads 16 --out "$out/run-sector-tcpu"
[ -n "$tb1" ] && step run-film-tornado-$tb1.txt 120 "${TJ[@]}" -jar "$jar" run "${film[@]}" --backend tornado --out "$out/run-film-tornado-$tb1"
step run-film-tcpu.txt 120 "${J[@]}" -jar "$jar" run "${film[@]}" --backend cpu --threads 16 --out "$out/run-film-tcpu"
step run-sector-tcuda.txt 150 "${J[@]}" -jar "$jar" run "${sector[@]}" --backend cuda --out "$out/run-sector-tcuda"
step run-film-tcuda.txt 120 "${J[@]}" -jar "$jar" run "${film[@]}" --backend cuda --out "$out/run-film-tcuda"
# the other usable backend (e.g. OpenCL through the NVIDIA ICD after PTX): the short checks only
for tb in $(echo "$tbs" | tr ',' ' ' | cut -s -d' ' -f2-); do
  tj "$tb"
  step tornado-$tb-info.txt 60 "${TJ[@]}" -jar "$jar" info
  step tornado-$tb-refresh-64.txt 120 "${TJ[@]}" -cp "$jar:$T/tornado-bench.jar" io.halidekmc.backend.tornado.TornadoRefreshBench "$tsec" 64
  step tornado-$tb-nc-ensemble.json 150 "${TJ[@]}" -jar "$jar" bench --problem nc-ensemble --backend tornado --ncs "$tncs" --repeats 3 --threads 16
done
for f in "$out"/tornado-*-refresh-*.txt; do [ -f "$f" ] && echo "$(basename "$f"): $(tail -1 "$f" | grep -o '"all_bitwise_equal": [a-z]*')" | tee -a "$out/steps.log"; done
for kind in sector film; do
  for r in "$out"/run-$kind-tornado-* "$out"/run-$kind-tcuda; do
    [ -d "$r" ] || continue
    if cmp -s <(grep -v '^#' "$r"/*.csv 2>/dev/null) <(grep -v '^#' "$out"/run-$kind-tcpu/*.csv 2>/dev/null) && [ -n "$(ls "$r"/*.csv 2>/dev/null)" ]; then
      echo "$kind: $(basename "$r") and cpu CSV rows equal" | tee -a "$out/steps.log"
    else
      echo "$kind: $(basename "$r") and cpu CSV rows DIFFER (or missing)" | tee -a "$out/steps.log"
    fi
  done
done
grep -h -o '"all_bitwise_equal": [a-z]*' "$out"/tornado-*-nc-ensemble.json "$out"/tcuda-*.json 2>/dev/null | sed 's/^/replay\/refresh check: /' >> "$out/steps.log"
fi
rm -f "$out"/run-*/*.png "$out"/run-*/*.h5
echo "done" >> "$out/steps.log"
tar czf "$final/gpu-all.tgz" -C "$out" .
if want tornado; then   # the device tool returns at most 8 files
  cp "$out/steps.log" "$out/tornado-env.txt" "$final/" 2>/dev/null
  tail -n 1 -q "$out"/tornado-*-refresh-*.txt > "$final/tornado-refresh.jsonl" 2>/dev/null
  cp "$out"/tcuda-refresh-$tcells.json "$out"/tcuda-nc-ensemble.json "$final/" 2>/dev/null
  cat "$out"/tornado-*-nc-ensemble.json > "$final/tornado-nc-ensemble.json" 2>/dev/null
else
cp "$out/steps.log" "$out/info.txt" "$out/refresh-64.json" "$out/refresh-$cells.json" "$out/nc-ensemble.json" "$out/nc-ensemble.json.err" "$out/sector-bench-160.json" "$final/" 2>/dev/null
fi
cat "$out/steps.log"; echo "results in $final (gpu-all.tgz holds every step's output and stderr)"
