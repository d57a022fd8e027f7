#!/usr/bin/env bash
# Time of `ungegaranti validate` on a scenario with many initiatives (issue 15: loading must stay
# near-linear in the input). Generates the scenario: the default plus N initiatives of one line
# each (N = 18000 gives 2.4 MB), then prints the median wall and user time of RUNS runs.
#
#   bench/validate_bench.sh [BINARY]      default: build/release/cli/ungegaranti
#
# Environment: N (default 18000), RUNS (default 5).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin="${1:-build/release/cli/ungegaranti}"
n="${N:-18000}"
runs="${RUNS:-5}"
if [[ ! -x "$bin" ]]; then
  echo "validate_bench.sh: no executable at '$bin'; build a Release binary first" >&2
  exit 1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file="$dir/many.yaml"
{
  echo "extends: $PWD/scenarios/norddjurs.yaml"
  echo "initiatives:"
  for ((i = 0; i < n; i++)); do
    echo "  - {id: x$i, name: X$i, track: stotte, age_band: unge_16_24, wage_share: 0.9," \
      "per_model: {guld: {participants: 1, unit_cost: 1}}}"
  done
} >"$file"
echo "validate_bench: $n initiatives, $(stat -c %s "$file") bytes, $runs runs"
"$bin" validate "$file" >/dev/null  # once untimed: the file into the page cache
for ((r = 0; r < runs; r++)); do
  /usr/bin/time -f '%e %U %M' "$bin" validate "$file" 2>&1 >/dev/null | tail -n 1
done | sort -n | awk '{ wall[NR] = $1; user[NR] = $2; rss[NR] = $3 }
  END { m = int((NR + 1) / 2); printf "median wall %.2f s, user %.2f s, peak RSS %d MB\n",
        wall[m], user[m], rss[m] / 1024 }'
