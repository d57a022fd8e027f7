#!/bin/bash
# Whether a change to the code moved any output: runs 65 commands (the Monte Carlo with 1 and 2
# threads, with the baseline SIMD forms and at 10^5 draws; the tornados; project, economics,
# followup, report and backtest; on the default scenario, tests/data and examples/) with a
# reference binary (e.g. a copy of build/release/cli/ungegaranti from before the change) and with
# NEW, and compares every output, exit code included, with cmp. Prints a DIFF line for each that
# differs and exits 1 if any does. A speed change that keeps every figure to the bit passes.
#
#   bench/same_outputs.sh REFERENCE_BINARY NEW_BINARY
set -u
[[ $# -eq 2 ]] || { echo "usage: bench/same_outputs.sh REFERENCE_BINARY NEW_BINARY" >&2; exit 2; }
ref=$(realpath "$1"); new=$(realpath "$2")
cd "$(dirname "$0")/.."
root=.
out=$(mktemp -d); rc=0; n=0
run() {  # name, args...
  local name=$1; shift
  "$ref" "$@" >"$out/$name.ref" 2>&1; echo "rc=$?" >>"$out/$name.ref"
  "$new" "$@" >"$out/$name.new" 2>&1; echo "rc=$?" >>"$out/$name.new"
  n=$((n+1))
  if ! cmp -s "$out/$name.ref" "$out/$name.new"; then echo "DIFF $name: $*"; rc=1; fi
}
for t in 1 2; do run mc_t$t sensitivity --draws 2000 --seed 3 --format json --threads $t; done
UNGEGARANTI_NO_AVX2=1 run mc_noavx sensitivity --draws 2000 --seed 3 --format json --threads 2
export UNGEGARANTI_NO_AVX2=1; run mc_noavx2 sensitivity --draws 1500 --seed 5 --format json --threads 1; unset UNGEGARANTI_NO_AVX2
run mc_big sensitivity --draws 100000 --seed 1 --format json
run mc_text sensitivity --draws 3000 --seed 2
for seed in 7 8 11; do run mc_seed$seed sensitivity --draws 700 --seed $seed --format json; done
for f in lolland other variant; do run mc_$f sensitivity -s $root/tests/data/$f.yaml --draws 2000 --seed 3 --format json; run tor_$f sensitivity -s $root/tests/data/$f.yaml --format json; run proj_$f project -s $root/tests/data/$f.yaml --format json; run econ_$f economics -s $root/tests/data/$f.yaml --format json; done
for e in $root/examples/*.yaml; do b=$(basename $e .yaml); run ex_mc_$b sensitivity -s $e --draws 1000 --seed 4 --format json; run ex_proj_$b project -s $e --format json; run ex_econ_$b economics -s $e --format json; done
for m in guld solv bronze; do for o in cost neet npv rank margin; do run tor_${m}_$o sensitivity --model $m --outcome $o --format json; done; done
run proj project --format json
run fu followup $root/examples/opfoelgning-2025-2026.yaml --format json
run fu_track followup $root/examples/opfoelgning-2025-2026.yaml --by track --format json
for f in $root/tests/data/followup/*.yaml; do run fu_$(basename $f .yaml) followup $f --format json; done
run proj_all project --all-municipalities --format json
run econ economics --format json
run cost cost --model all --format json
run report_md report --format md
run report_json report --format json
run report_draws report --format json --draws 2000
run backtest backtest --format json
run set1 sensitivity --draws 1000 --seed 9 --format json --set projection.baseline.dropout=0.05
echo "$n outputs compared, in $out"
exit $rc
