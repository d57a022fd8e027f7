#!/usr/bin/env bash
# Wall time of `ungegaranti cost --model solv` on the built-in scenario, next to the
# CLI's own startup (`--version`) and a bare process start (`/bin/true`).
#
#   bench/cost_bench.sh [BINARY]      default: build/release/cli/ungegaranti
#
# Environment: RUNS (default 200), WARMUP (default 20).
# Reports medians, not means: the machines are shared and the tails are noisy.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin="${1:-build/release/cli/ungegaranti}"
runs="${RUNS:-200}"
warmup="${WARMUP:-20}"

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "cost_bench.sh: hyperfine not found; install it with: apt-get install hyperfine" >&2
  exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "cost_bench.sh: python3 not found; it is needed to summarise hyperfine's JSON" >&2
  exit 1
fi
if [[ ! -x "$bin" ]]; then
  echo "cost_bench.sh: no executable at '$bin'; build a Release binary first:" >&2
  echo "  cmake --preset release && cmake --build --preset release" >&2
  exit 1
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

# Fail early, and visibly, if the command under test does not work.
"$bin" cost --model solv >/dev/null
"$bin" --version >/dev/null

json="$(mktemp "${TMPDIR:-/tmp}/cost_bench.XXXXXX.json")"
trap 'rm -f "$json"' EXIT

# -N: no intermediate shell, so the figures are the process itself.
# --output=null: stdout goes to /dev/null (hyperfine's default, spelled out).
hyperfine -N --warmup "$warmup" --runs "$runs" --output=null --style basic \
  --export-json "$json" \
  -n cost "$bin cost --model solv" \
  -n version "$bin --version" \
  -n true "/bin/true"

echo
echo "machine: $(nproc) cores, $(uname -m); binary: $bin"
python3 - "$json" <<'EOF'
import json, sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
print(f"{'command':<10} {'runs':>5} {'median ms':>10} {'min ms':>8}")
for name in ("cost", "version", "true"):
    r = results[name]
    print(f"{name:<10} {len(r['times']):>5} {r['median'] * 1e3:>10.3f} {r['min'] * 1e3:>8.3f}")
cost = results["cost"]["median"]
print(f"ratio cost/true    (median): {cost / results['true']['median']:.2f}")
print(f"ratio cost/version (median): {cost / results['version']['median']:.2f}")
EOF
