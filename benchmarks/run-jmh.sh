#!/usr/bin/env bash
# Builds the benchmarks (they compile as test sources) and runs JMH; extra arguments go to JMH,
# e.g. benchmarks/run-jmh.sh -p problem=box64 exact
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$root/bin/java-home.sh"
JAVA_HOME=$(find_jdk25) || { echo "no JDK 25 found" >&2; exit 2; }
export JAVA_HOME MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
cd "$root"
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "$@"
