#!/usr/bin/env bash
# Builds the libFuzzer targets in build/fuzz (clang, ASan + UBSan) and runs each for a while.
#
#   fuzz/run.sh [SECONDS] [TARGET...]   # default: 600 seconds each for scenario, neet_data,
#                                       # actuals and cli
#   fuzz/run.sh 600 scenario && fuzz/run.sh 300 neet_data actuals
#   fuzz/run.sh --ci                    # what CI runs: 25 s each (UNGEGARANTI_FUZZ_SECONDS)
#
# Needs clang 14 and libclang-rt-14-dev. The seed corpus is copied from the repository's inputs
# into build/fuzz/seeds/<target> on every run; what libFuzzer finds on top of it is kept in
# build/fuzz/corpus/<target>, so a second run goes on from the first. A crash, leak, sanitizer
# report, uncaught exception or timeout stops that target and leaves its input in
# build/fuzz/artifacts/<target>/; the script then exits 1. The full log is build/fuzz/<target>.log.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/fuzz
if [[ ${1:-} == --ci ]]; then
  # CI: every target for a short while, from the corpus kept in build/fuzz (if any) and the seeds.
  shift
  set -- "${UNGEGARANTI_FUZZ_SECONDS:-25}" scenario neet_data actuals cli
fi
seconds=${1:-600}
shift $(($# > 0 ? 1 : 0))
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(scenario neet_data actuals cli)
fi

# Asserts stay on (no -DNDEBUG): the library's invariants are part of what is being checked.
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DUNGEGARANTI_FUZZ=ON \
  -DUNGEGARANTI_SANITIZE=ON -DUNGEGARANTI_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" >/dev/null
cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}"

# Seeds: the real inputs and the broken ones (tests/data/broken). The fuzzer runs from the source
# root, where the relative paths of `extends: ../../scenarios/norddjurs.yaml` and the like would not
# resolve, so these get `extends: builtin:norddjurs`. Each --set seed is a scenario text, a NUL
# byte and an assignment (see scenario_fuzzer.cpp).
seed_scenario() {
  local dir=$1 f
  for f in "$root"/scenarios/norddjurs.yaml "$root"/tests/data/*.yaml "$root"/examples/*.yaml \
    "$root"/tests/data/broken/*.yaml; do
    sed -E 's|^extends: *[^ ]*norddjurs\.yaml|extends: builtin:norddjurs|' "$f" \
      >"$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  local base=$'extends: builtin:norddjurs\n'
  printf '%s\0%s' "$base" 'roles.sagsbehandler.annual_cost=620000' >"$dir/set-cost"
  printf '%s\0%s' "$base" 'municipality.code=101' >"$dir/set-code"
  printf '%s\0%s\0%s' "$base" 'projection.trend=own' 'title="x"' >"$dir/set-two"
  printf '%s\0%s' "$(cat "$root"/tests/data/other.yaml)" 'years.first=2027' >"$dir/set-other"
}

# Seeds: cuts of scenarios/data that are valid next to the fixed files of neet_data_fuzzer.cpp,
# longer cuts that are not, and the broken CSVs of the tests.
seed_neet_data() {
  local dir=$1 data=$root/scenarios/data f
  head -n 46 "$data"/neet_16_24_kommuner_2010_2024.csv >"$dir/shares-46"
  head -n 80 "$data"/neet_16_24_kommuner_2010_2024.csv >"$dir/shares-80"
  head -n 4 "$data"/kommuner_dst_kommunegrupper.csv >"$dir/groups-4"
  head -n 70 "$data"/kommuner_dst_kommunegrupper.csv >"$dir/groups-70"
  cp "$data"/neet_16_24_hele_landet_2010_2024.csv "$dir/national"
  for f in "$root"/tests/data/comparison/*.csv "$root"/tests/data/broken/csv/*.csv; do
    [[ -e $f ]] && cp "$f" "$dir/broken-$(basename "$f")"
  done
  return 0
}

# Seeds: the example actuals file, the tests' actuals files and the broken ones, with `follows`
# pointing at the embedded default (the fuzzer checks them against it).
seed_actuals() {
  local dir=$1 f
  for f in "$root"/examples/*.yaml "$root"/tests/data/followup/*.yaml \
    "$root"/tests/data/broken/actuals*.yaml "$root"/tests/data/broken/followup*.yaml; do
    [[ -e $f ]] && grep -q '^actuals:' "$f" &&
      sed -E 's|^follows: .*|follows: builtin:norddjurs|' "$f" \
        >"$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  return 0
}

# Seeds: the command lines of the broken-input corpus and of the golden transcripts, one argument
# per NUL-ended word ({tmp} paths are redirected by cli_fuzzer.cpp anyway). `report` and
# `sensitivity` take seconds each under ASan, so they are left to the dictionary: with them the
# seeds alone would outlast a CI run.
seed_cli() {
  local dir=$1 n=0 line words
  while IFS= read -r line; do
    n=$((n + 1))
    read -r -a words <<<"$line"  # split at spaces, as the corpus does; no globbing
    printf '%s\0' "${words[@]}" >"$dir/args-$n"
  done < <(sed -n 's/^\$ ungegaranti //p' "$root"/tests/data/broken/cases.txt "$root"/tests/golden/*.txt |
    sed "s|{tmp}|/tmp/x|g; s|''||g" | grep -v '{[0-9]*\*' | grep -Ev '^(report|sensitivity)' |
    sort -u | head -n 200)
  return 0
}

declare -A max_len=([scenario]=65536 [neet_data]=16384 [actuals]=16384 [cli]=4096)
# A `report` takes about 4 s under ASan at -O1, so the command line gets 15 s per input.
declare -A timeout=([scenario]=2 [neet_data]=2 [actuals]=2 [cli]=15)
declare -A extra=([scenario]="-dict=$root/fuzz/scenario.dict" [neet_data]=""
  [actuals]="-dict=$root/fuzz/scenario.dict" [cli]="-dict=$root/fuzz/cli.dict")
declare -A failed=()
for t in "${targets[@]}"; do
  rm -rf "$build/seeds/$t"
  mkdir -p "$build/seeds/$t" "$build/corpus/$t" "$build/artifacts/$t"
  "seed_$t" "$build/seeds/$t"
  echo "== fuzz_$t: ${seconds}s, log in $build/$t.log"
  # From the source root, so that a relative `extends` finds the repository's files; stdin is
  # /dev/null so that `extends: /dev/stdin` cannot wait for a terminal.
  (cd "$root" && UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} "$build/fuzz/fuzz_$t" \
    -max_len="${max_len[$t]}" -timeout="${timeout[$t]}" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$t/" ${extra[$t]:+"${extra[$t]}"} \
    "$build/corpus/$t" "$build/seeds/$t" </dev/null >"$build/$t.log" 2>&1) || failed[$t]=1
done

# The libFuzzer lines of each run: the start, the end (cov, ft, corpus, exec/s) and stat::.
echo
for t in "${targets[@]}"; do
  echo "== fuzz_$t"
  grep -E '^#[0-9]+[[:space:]]+INITED' "$build/$t.log" || true
  grep -E '^#[0-9]+[[:space:]]' "$build/$t.log" | tail -n 1 || true
  grep -E '^stat::' "$build/$t.log" || true
  if [[ -n ${failed[$t]:-} ]]; then
    echo "-- FINDING: the first lines of the report, and the saved input:"
    awk '/runtime error|terminate called|==[0-9]+== ?ERROR|ALARM:/ { on = 1 } on && n++ < 15' \
      "$build/$t.log"
    grep -E 'Test unit written to' "$build/$t.log" || true
  fi
done
((${#failed[@]} == 0))
