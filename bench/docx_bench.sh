#!/usr/bin/env bash
# Wall time of `ungegaranti report -o bilag.docx` (the Word appendix: 21 tables, five charts drawn
# to PNG, zipped), next to `report -o bilag.html` (the same tables and charts as SVG) for scale.
#
#   bench/docx_bench.sh [BINARY]      default: build/release/cli/ungegaranti
#
# Environment: RUNS (default 5). Reports medians: the machines are shared.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin="${1:-build/release/cli/ungegaranti}"
runs="${RUNS:-5}"
command -v hyperfine >/dev/null 2>&1 || {
  echo "docx_bench.sh: hyperfine not found; install it with: apt-get install hyperfine" >&2
  exit 1
}
[[ -x "$bin" ]] || {
  echo "docx_bench.sh: no executable at '$bin'; build a Release binary first" >&2
  exit 1
}
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/docx_bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$bin" report -o "$tmp/bilag.docx"  # fail early, and visibly, if it does not work

hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/times.json" \
  "$bin report -o $tmp/bilag.docx" "$bin report -o $tmp/bilag.html" >/dev/null
python3 - "$tmp/times.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    name = r["command"].split()[-1].rsplit("/", 1)[-1]
    print(f"report -o {name}: median {r['median'] * 1000:.0f} ms "
          f"(min {r['min'] * 1000:.0f}, max {r['max'] * 1000:.0f}, {len(r['times'])} runs)")
PY
