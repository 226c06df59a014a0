#!/usr/bin/env bash
# Pack what the TornadoVM device checks need on a GPU machine without Java into ONE archive
# (the device tool carries at most 64 MiB):
#   jre/        a jlink Java 25 runtime with the JVMCI module TornadoVM compiles with (jdk.internal.vm.ci)
#   tornadovm/  the parts of an EXISTING TornadoVM SDK ($TORNADOVM_HOME) that TornadoVM loads for the
#               packed backends: their drivers and native libraries, the runtime, API and annotation
#               jars and the jars they require, the Graal compiler jars, etc/ and the argfile template
#               (no other backends, examples, benchmarks, unit tests, docs or launcher scripts)
#   lib-ocl/    the OpenCL ICD loader (ocl-icd's libOpenCL.so.1), used only where the machine has none
#   halide-kmc.jar   the -Ptornado jar (mvn -Ptornado -Dtornado.version=$V -DskipTests package)
#   tornado-bench.jar   io.halidekmc.backend.tornado.TornadoRefreshBench (+ TornadoSupport) from target/test-classes
# This script builds nothing of TornadoVM: the SDK is built outside the project (README, "TornadoVM backend").
#
# usage: TORNADOVM_HOME=/path/to/sdk benchmarks/gpu/pack-tornado.sh [ARCHIVE]
#   ARCHIVE defaults to .device/tornado-bundle.tar.gz (.device/ is ignored by git)
#   BACKENDS=opencl,ptx   backends to pack (default: those the SDK was built with, etc/tornado.backend)
#   COMPRESS=gz|xz        archive format (default gz: every machine can unpack it; xz is smaller, needs xz there)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
sdk=${TORNADOVM_HOME:?set TORNADOVM_HOME to a TornadoVM SDK (the folder that has tornado-argfile)}
compress=${COMPRESS:-gz}
archive=${1:-$root/.device/tornado-bundle.tar.$compress}
limit=$((64 * 1024 * 1024))
jdk=${JAVA_HOME:-}
if [ -z "$jdk" ] || ! "$jdk/bin/java" -version 2>&1 | grep -q 'version "25'; then
  . "$root/bin/java-home.sh"; jdk=$(find_jdk25) || { echo "no JDK 25 found" >&2; exit 1; }
fi
jar="$root/target/halide-kmc.jar"
unzip -l "$jar" 2>/dev/null | grep 'io/halidekmc/backend/tornado/TornadoRateBackend.class' >/dev/null \
  || { echo "$jar has no TornadoVM backend: mvn -Ptornado -Dtornado.version=\$V -DskipTests package" >&2; exit 1; }
bench=$root/target/test-classes/io/halidekmc/backend/tornado
[ -f "$bench/TornadoRefreshBench.class" ] \
  || { echo "no TornadoRefreshBench in target/test-classes: mvn -Ptornado -Dtornado.version=\$V test-compile" >&2; exit 1; }

built=$(sed -n 's/^tornado.backends=//p' "$sdk/etc/tornado.backend" 2>/dev/null | sed 's/-backend//g')
backends=${BACKENDS:-${built:-opencl}}
echo "SDK $sdk (built with: ${built:-?}); packing backends: $backends"

stage=$(mktemp -d /tmp/tornado-pack.XXXXXX)
trap 'rm -rf "$stage"' EXIT
b=$stage/halide-tornado
t=$b/tornadovm
mkdir -p "$t/etc" "$t/lib" "$t/share/java/tornado" "$t/share/java/graalJars" "$b/lib-ocl"
# each backend's driver jars in a folder of their own, share/java/tornado-<backend>: a driver module on the module
# path is resolved by service binding even when --add-modules leaves it out, and one that cannot load (no libcuda,
# no OpenCL ICD) stops the runtime, so a run puts only its backend's folder on the module path

# --- TornadoVM: what it loads for the packed backends ---
cp "$sdk/etc/tornado.properties" "$t/etc/"
[ -f "$sdk/etc/tornado.release" ] && cp "$sdk/etc/tornado.release" "$t/etc/"
echo "tornado.backends=$(echo "$backends" | sed 's/\([a-z]*\)/\1-backend/g')" > "$t/etc/tornado.backend"
tj=$sdk/share/java/tornado
for p in tornado-api tornado-runtime tornado-annotation tornado-drivers-common asm commons-math3 snmp4j; do
  cp "$tj"/$p-[0-9]*.jar "$t/share/java/tornado/"
done
# the Graal compiler (upgrades the JDK's jdk.graal.compiler) and what it requires
for p in compiler truffle-compiler collections word; do
  cp "$sdk/share/java/graalJars"/$p-[0-9]*.jar "$t/share/java/graalJars/"
done
# argfile: the SDK's template (${TORNADOVM_HOME} placeholders), else its argfile with the path made a placeholder
if [ -f "$sdk/tornado-argfile.template" ]; then cp "$sdk/tornado-argfile.template" "$t/"
else sed "s#$sdk#\${TORNADOVM_HOME}#g" "$sdk/tornado-argfile" > "$t/tornado-argfile.template"; fi
# no "." on the module path (a jar in the working folder would stop the JVM)
sed -i 's#--module-path \.:#--module-path #' "$t/tornado-argfile.template"
for be in opencl ptx spirv cuda metal; do
  if [[ ",$backends," == *",$be,"* ]]; then
    mkdir -p "$t/share/java/tornado-$be"
    cp "$tj"/tornado-drivers-$be-[0-9]*.jar "$t/share/java/tornado-$be/"
    cp "$tj"/tornado-drivers-$be-jni-*-libs.jar "$t/share/java/tornado-$be/" 2>/dev/null || true
    cp "$sdk/lib/libtornado-$be.so" "$t/lib/"
  else   # a backend the SDK has but the bundle leaves out: drop it from the argfile
    sed -i -e "s/,tornado\.drivers\.$be\b//g" -e "/tornado\.drivers\.$be\b/d" "$t/tornado-argfile.template"
  fi
done
# --- the OpenCL ICD loader, a fallback for machines whose driver brings no libOpenCL.so.1 ---
if [[ ",$backends," == *",opencl,"* ]]; then
  ocl=$(ldconfig -p | awk '/libOpenCL\.so\.1 .*x86-64/ {print $NF; exit}')
  [ -n "$ocl" ] && cp -L "$ocl" "$b/lib-ocl/libOpenCL.so.1" || echo "warning: no libOpenCL.so.1 here to pack (apt-get install ocl-icd-libopencl1)"
fi

# --- the Java runtime: the project's modules + JVMCI (+ jdk.management, which truffle-compiler requires;
#     + java.desktop, which the PTX driver module requires) ---
mods=java.base,java.logging,jdk.unsupported,java.management,jdk.management,jdk.internal.vm.ci
[[ ",$backends," == *",ptx,"* ]] && mods=$mods,java.desktop
"$jdk/bin/jlink" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
  --compress=${JLINK_COMPRESS:-zip-0} --output "$b/jre"
strip --strip-unneeded "$b/jre/lib/server/libjvm.so" 2>/dev/null || true
rm -rf "$b/jre/legal"

# --- the project ---
cp "$jar" "$b/halide-kmc.jar"
(cd "$root/target/test-classes" && "$jdk/bin/jar" --create --file "$b/tornado-bench.jar" \
  io/halidekmc/backend/tornado/TornadoRefreshBench*.class io/halidekmc/backend/tornado/TornadoSupport.class)
git -C "$root" rev-parse --short HEAD > "$b/COMMIT" 2>/dev/null || true
echo "$backends" > "$b/BACKENDS"

mkdir -p "$(dirname "$archive")"
case $compress in
  xz) tar -C "$stage" -cf - halide-tornado | xz -9e -T1 > "$archive" ;;
  gz) tar -C "$stage" -czf "$archive" halide-tornado ;;
  *) echo "COMPRESS=xz or gz" >&2; exit 1 ;;
esac
size=$(stat -c %s "$archive")
echo "parts (unpacked):"
(cd "$b" && du -sk jre tornadovm/share/java/graalJars tornadovm/share/java/tornado* tornadovm/lib lib-ocl halide-kmc.jar tornado-bench.jar \
  | awk '{printf "  %-36s %7.1f MiB\n", $2, $1 / 1024}')
printf "archive: %s  %.1f MiB (%d bytes; limit 64 MiB)\n" "$archive" "$(echo "$size / 1048576" | bc -l)" "$size"
[ "$size" -le "$limit" ] || { echo "over the 64 MiB carry limit" >&2; exit 3; }
