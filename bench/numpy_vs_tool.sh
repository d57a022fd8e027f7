#!/usr/bin/env bash
# The tool's Monte Carlo against an independent vectorised numpy version of the same chain
# (bench/numpy_monte_carlo.py), on the default scenario, at 10^5 and 10^6 draws: the median wall
# time of RUNS runs of each (default 3), the ratio numpy / tool, and the two results side by side
# (P50 and mean of each measure, the probabilities) with their difference in its standard error. Both use the
# machine's cores: the tool its threads, numpy PROCESSES worker processes (default: nproc).
#
#   bench/numpy_vs_tool.sh [BUILD_DIR] [RUNS]     default: build/release 3
#   SIZES="20000" bench/numpy_vs_tool.sh          other draw counts (default "100000 1000000");
#                                                 the agreement is shown at the last
#
# Needs python3-numpy (Debian package) and the dump tool, which the script builds:
#   cmake --build --preset release --target ungegaranti-dump-chain
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
runs=${2:-3}
processes=${PROCESSES:-$(nproc)}
read -ra sizes <<<"${SIZES:-100000 1000000}"
last=${sizes[-1]}
python=${PYTHON:-/usr/bin/python3}  # Debian's, which python3-numpy installs into
binary=$build/cli/ungegaranti
dump=$build/ungegaranti-dump-chain
"$python" -c 'import numpy' 2>/dev/null || { echo "needs python3-numpy (apt-get install python3-numpy)" >&2; exit 1; }
[[ -x $dump ]] || cmake --build "$build" --target ungegaranti-dump-chain >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$dump" >"$tmp/chain.json"

echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg); binary: $binary"
echo "numpy $("$python" -c 'import numpy; print(numpy.__version__)'), $processes processes; median of $runs runs each"
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }
printf '%10s  %10s  %10s  %8s\n' draws "tool s" "numpy s" ratio
for n in "${sizes[@]}"; do
  tool=() numpy=()
  for ((r = 0; r < runs; ++r)); do
    t0=$(now)
    "$binary" sensitivity --draws "$n" --seed 1 --format json >"$tmp/tool_$n.json"
    t1=$(now)
    "$python" bench/numpy_monte_carlo.py "$tmp/chain.json" "$n" --seed "$r" \
      --processes "$processes" >"$tmp/numpy_$n.json"
    t2=$(now)
    tool+=("$(echo "$t1 - $t0" | bc -l)")
    numpy+=("$(echo "$t2 - $t1" | bc -l)")
  done
  mt=$(printf '%s\n' "${tool[@]}" | median)
  mn=$(printf '%s\n' "${numpy[@]}" | median)
  awk -v n="$n" -v t="$mt" -v p="$mn" 'BEGIN { printf "%10d  %10.3f  %10.3f  %8.1f\n", n, t, p, p / t }'
done
echo
echo "Agreement at $last draws (the last runs): tool, numpy, and their difference in the difference's"
echo "own standard errors (two independent runs: of means sqrt(sd_tool^2 + sd_numpy^2)/sqrt(N), each sd"
echo "from its P5-P95 as 3.29 sd; of shares sqrt(2 p(1-p)/N) with p the two runs' mean)"
python3 - "$tmp/tool_$last.json" "$tmp/numpy_$last.json" <<'EOF'
import json, math, sys
tool = json.load(open(sys.argv[1]))
mine = json.load(open(sys.argv[2]))
n = mine["draws"]
rows = {}
for table in tool["tables"]:
    for row in table["rows"]:
        if "model" in row:
            rows.setdefault(row["model"], {})[(table["table"], row.get("measure"))] = row
for m in mine["models"]:
    t = rows[m["model"]]
    for measure in ("cost", "neet", "rank", "npv"):
        if not m.get(measure):
            continue
        a = t[("monte_carlo", measure)]
        b = m[measure]
        sd_a, sd_b = (a["p95"] - a["p5"]) / 3.29, (b["p95"] - b["p5"]) / 3.29
        se = math.hypot(sd_a, sd_b) / math.sqrt(n) if sd_a + sd_b > 0 else float("nan")
        print(f'{m["model"]:7} {measure:5} P50 {a["p50"]:16.4f} {b["p50"]:16.4f}   '
              f'mean {a["mean"]:16.4f} {b["mean"]:16.4f}  ({(b["mean"] - a["mean"]) / se:+.1f} se)')
    p = t[("probabilities", None)]
    for key in ("p_target_met", "p_target_met_without", "p_cheapest"):
        if key in m and p.get(key) is not None:
            a, b = p[key] / 100, m[key]
            pooled = (a + b) / 2
            se = math.sqrt(2 * pooled * (1 - pooled) / n)
            z = (b - a) / se if se > 0 else 0.0  # both 0 or both 1: no difference
            print(f'{m["model"]:7} {key:20} {a:.4f} {b:.4f}  ({z:+.1f} se)')
EOF
