#!/usr/bin/env bash
# Prints the home of a JDK 25: $JAVA_HOME if it is one, else one installed beside the default java
# or under /usr/lib/jvm. Sourced by bin/halide-kmc, bin/test and .ci/run.
find_jdk25() {
  if [ -n "${JAVA_HOME:-}" ] && grep -qs 'JAVA_VERSION="25' "$JAVA_HOME/release"; then echo "$JAVA_HOME"; return 0; fi
  local dirs=()
  if command -v java >/dev/null 2>&1; then
    dirs+=("$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")"/*)
  fi
  dirs+=(/usr/lib/jvm/* /opt/java/* /opt/jdk*)
  for d in "${dirs[@]}"; do
    grep -qs 'JAVA_VERSION="25' "$d/release" && { echo "$d"; return 0; }
  done
  return 1
}
