#!/usr/bin/env bash
# Wall time and peak memory of the Monte Carlo (`sensitivity --draws N`) on the default scenario,
# for 10^3, 10^4 and 10^5 draws (10^6 with --million), with all cores.
#
#   bench/monte_carlo_bench.sh [BINARY] [--million]     default: build/release/cli/ungegaranti
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/release/cli/ungegaranti}
counts=(1000 10000 100000)
if [[ "${2:-}" == "--million" ]]; then
  counts+=(1000000)
fi
echo "machine: $(nproc) cores, $(uname -m); binary: $binary"
printf '%10s  %9s  %12s  %10s\n' draws "wall s" "draws/s" "peak MB"
for n in "${counts[@]}"; do
  out=$( { /usr/bin/time -f '%e %M' "$binary" sensitivity --draws "$n" --seed 1 >/dev/null; } 2>&1 )
  read -r wall kb <<<"$out"
  awk -v n="$n" -v w="$wall" -v kb="$kb" \
    'BEGIN { printf "%10d  %9.2f  %12.0f  %10.1f\n", n, w, (w > 0 ? n / w : 0), kb / 1024 }'
done
