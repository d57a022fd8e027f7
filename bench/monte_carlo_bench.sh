#!/usr/bin/env bash
# Wall time, draws per second and peak memory of the Monte Carlo (`sensitivity --draws N`) on the
# default scenario, for 10^4, 10^5 and 10^6 draws, with all cores (issue #5's three sizes).
# Each size runs RUNS times (default 3); the median wall time is printed, and the largest peak
# resident set (/usr/bin/time's %M). docs/performance.md has the figures and the method.
#
#   bench/monte_carlo_bench.sh [BINARY] [RUNS]     default: build/release/cli/ungegaranti 3
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/release/cli/ungegaranti}
runs=${2:-3}
echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg); binary: $binary"
echo "median of $runs runs each"
printf '%10s  %9s  %12s  %10s\n' draws "wall s" "draws/s" "peak MB"
for n in 10000 100000 1000000; do
  walls=() peak=0
  for ((r = 0; r < runs; ++r)); do
    out=$( { /usr/bin/time -f '%e %M' "$binary" sensitivity --draws "$n" --seed 1 >/dev/null; } 2>&1 )
    read -r wall kb <<<"$out"
    walls+=("$wall")
    ((kb > peak)) && peak=$kb
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  awk -v n="$n" -v w="$median" -v kb="$peak" \
    'BEGIN { printf "%10d  %9.2f  %12.0f  %10.1f\n", n, w, (w > 0 ? n / w : 0), kb / 1024 }'
done
