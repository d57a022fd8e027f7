#!/usr/bin/env bash
# Wall and CPU time of the tornado: `ungegaranti report -o bilag.html` (three NEET tornados, each
# the table's and the chart's) and `ungegaranti sensitivity --model guld --outcome neet` (one).
# With a second binary, both are timed side by side in one hyperfine run, so that a before and an
# after see the same load on a shared machine.
#
#   bench/tornado_bench.sh [BINARY [OTHER_BINARY]]   default: build/release/cli/ungegaranti
#
# Environment: RUNS (default 30). Reports medians (the machines are shared) and mean user time.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs="${RUNS:-30}"
command -v hyperfine >/dev/null 2>&1 || {
  echo "tornado_bench.sh: hyperfine not found; install it with: apt-get install hyperfine" >&2
  exit 1
}
bins=()
for bin in "${1:-build/release/cli/ungegaranti}" ${2:+"$2"}; do
  [[ -x "$bin" ]] || {
    echo "tornado_bench.sh: no executable at '$bin'; build a Release binary first" >&2
    exit 1
  }
  bins+=("$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")")
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/tornado_bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
commands=()
for bin in "${bins[@]}"; do
  "$bin" report -o "$tmp/bilag.html"  # fail early, and visibly, if it does not work
  commands+=("$bin report -o $tmp/bilag.html" "$bin sensitivity --model guld --outcome neet")
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$tmp/times.json" "${commands[@]}" >/dev/null
python3 - "$tmp/times.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    binary, *args = r["command"].split()
    what = " ".join(a.rsplit("/", 1)[-1] for a in args)
    print(f"{binary}: {what}: median {r['median'] * 1000:.1f} ms "
          f"(min {r['min'] * 1000:.1f}, user {r['user'] * 1000:.1f} ms mean, {len(r['times'])} runs)")
PY
