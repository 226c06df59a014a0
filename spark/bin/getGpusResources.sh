#!/usr/bin/env bash
# Spark GPU discovery script for halide-kmc executors (spark.executor.resource.gpu.discoveryScript,
# spark.worker.resource.gpu.discoveryScript): prints {"name": "gpu", "addresses": ["0", ...]}, the
# CUDA ordinals this process can open. Spark hands each task one of them (TaskContext resources);
# the task passes it to the CUDA backend as its device ordinal.
# With CUDA_VISIBLE_DEVICES set, CUDA renumbers the visible devices from 0, so those are the
# ordinals; else nvidia-smi's indices. No nvidia-smi or no GPU: an empty list.
set -uo pipefail
addresses=()
if [ -n "${CUDA_VISIBLE_DEVICES+x}" ]; then
  IFS=',' read -ra visible <<< "$CUDA_VISIBLE_DEVICES"
  n=0
  for v in "${visible[@]}"; do [ -n "${v// /}" ] && [ "$v" != "-1" ] && n=$((n + 1)); done
  for ((i = 0; i < n; i++)); do addresses+=("$i"); done
elif command -v nvidia-smi > /dev/null 2>&1; then
  while read -r idx; do
    [[ "$idx" =~ ^[0-9]+$ ]] && addresses+=("$idx")
  done < <(nvidia-smi --query-gpu=index --format=csv,noheader 2> /dev/null)
fi
json=""
for a in "${addresses[@]}"; do json+="${json:+, }\"$a\""; done
echo "{\"name\": \"gpu\", \"addresses\": [$json]}"
