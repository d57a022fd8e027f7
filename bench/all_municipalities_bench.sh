#!/usr/bin/env bash
# Wall time of `ungegaranti project --all-municipalities` (the default programme projected in all
# 98 municipalities, every model) next to one `project` (the default municipality only).
#
#   bench/all_municipalities_bench.sh [BINARY]      default: build/release/cli/ungegaranti
#
# Environment: RUNS (default 5). Prints each run and the median, in milliseconds; the medians go
# in docs/performance.md. No hyperfine needed: date +%s%N around each run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin="${1:-build/release/cli/ungegaranti}"
runs="${RUNS:-5}"
if [[ ! -x "$bin" ]]; then
  echo "all_municipalities_bench.sh: no executable at '$bin'; build a Release binary first:" >&2
  echo "  cmake --preset release && cmake --build --preset release" >&2
  exit 1
fi

# Fail early, and visibly, if a command under test does not work.
"$bin" project --all-municipalities >/dev/null
"$bin" project >/dev/null

median_ms() {
  local label="$1"
  shift
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000)))  # microseconds
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local median
  median=$(echo "$sorted" | sed -n "$(((runs + 1) / 2))p")
  printf '%-40s runs (ms): %s  median: %s ms\n' "$label" \
    "$(echo "$sorted" | awk '{printf "%.1f ", $1 / 1000}')" \
    "$(awk -v m="$median" 'BEGIN{printf "%.1f", m / 1000}')"
}

median_ms "project --all-municipalities" "$bin" project --all-municipalities
median_ms "project --all-municipalities --format json" "$bin" project --all-municipalities --format json
median_ms "project (one municipality)" "$bin" project
