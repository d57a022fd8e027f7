#!/usr/bin/env bash
# Builds the Debian package from a fresh clone of this repository, installs it with apt-get, checks
# the installed program, man page, bash completion and data from another folder, then removes the
# package and the temporary folder. Uses sudo when not run as root; installs the build
# dependencies, dpkg-dev and man-db if they are missing. Exits non-zero if anything fails.
#
#   scripts/check-deb.sh              the committed state (HEAD)
#   scripts/check-deb.sh --worktree   HEAD plus uncommitted changes and new files git does not ignore
set -euo pipefail

worktree=false
case "${1:-}" in
  "") ;;
  --worktree) worktree=true ;;
  *)
    echo "usage: scripts/check-deb.sh [--worktree]" >&2
    exit 2
    ;;
esac

repo=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive

say() { echo "check-deb: $*"; }

if dpkg-query -W -f='${Status}' ungegaranti 2>/dev/null | grep -q "ok installed"; then
  say "the ungegaranti package is already installed; remove it first (apt-get remove ungegaranti)" >&2
  exit 1
fi

tmp=$(mktemp -d -t ungegaranti-check-deb.XXXXXX)
chmod 755 "$tmp"  # apt reads the .deb as the _apt user
log=$tmp/log
installed=false
failures=0

cleanup() {
  local status=$?
  if $installed; then
    say "removing the package"
    "${sudo[@]}" apt-get remove -y -q ungegaranti >"$log" 2>&1 || {
      tail -n 20 "$log" >&2
      status=1
    }
  fi
  rm -rf "$tmp"
  if [[ $status -eq 0 ]]; then
    say "all checks passed"
  else
    say "FAILED" >&2
  fi
  exit "$status"
}
trap cleanup EXIT

# run DESCRIPTION COMMAND...: a step the checks need; stops the script if it fails.
run() {
  local what=$1
  shift
  say "$what"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" | sed 's/^/    /' >&2
    say "failed: $what" >&2
    exit 1
  fi
}

# check DESCRIPTION COMMAND...: one check; a failure is counted and the next check still runs.
check() {
  local what=$1
  shift
  if "$@" >"$log" 2>&1; then
    say "ok    $what"
  else
    say "FAIL  $what" >&2
    tail -n 20 "$log" | sed 's/^/    /' >&2
    failures=$((failures + 1))
  fi
}

# Runs COMMAND and fails unless its output (stdout and stderr) contains TEXT.
output_has() {
  local text=$1
  shift
  local out
  out=$("$@" 2>&1) || {
    echo "$out"
    return 1
  }
  grep -qF -- "$text" <<<"$out" || {
    echo "$out"
    echo "(expected the output to contain '$text')"
    return 1
  }
}

ensure_packages() {
  local missing=() p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    run "installing ${missing[*]}" bash -c "${sudo[*]} apt-get update -q && \
      ${sudo[*]} apt-get install -y -q --no-install-recommends ${missing[*]}"
  fi
}

copy_worktree() {
  local file
  while IFS= read -r -d '' file; do
    if [[ -e "$repo/$file" || -L "$repo/$file" ]]; then
      mkdir -p "$src/$(dirname "$file")"
      cp -a "$repo/$file" "$src/$file"
    else
      rm -f "$src/$file"  # deleted in the working tree
    fi
  done < <(git -C "$repo" ls-files -z --cached --others --exclude-standard)
}

src=$tmp/src
build=$src/build
head=$(git -C "$repo" rev-parse HEAD)
run "cloning $repo (${head:0:12}) into $src" git clone --quiet "$repo" "$src"
run "checking out ${head:0:12}" git -C "$src" checkout --quiet --detach "$head"
if $worktree; then
  run "copying uncommitted changes over the clone (--worktree)" copy_worktree
elif [[ -n "$(git -C "$repo" status --porcelain)" ]]; then
  say "note: uncommitted changes are not checked (use --worktree for them)"
fi

run "installing missing build dependencies (scripts/install-deps.sh)" "$src/scripts/install-deps.sh"
ensure_packages dpkg-dev man-db
run "configuring a Release build" cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release
run "building" cmake --build "$build" -j"$(nproc)"
run "making the package (cpack -G DEB)" bash -c "cd '$build' && cpack -G DEB"

debs=("$build"/ungegaranti_*.deb)
if [[ ${#debs[@]} -ne 1 || ! -f "${debs[0]}" ]]; then
  say "expected one ungegaranti_*.deb in $build, found: ${debs[*]}" >&2
  exit 1
fi
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
say "package: $(basename "$deb")"
say "Depends: $(dpkg-deb -f "$deb" Depends)"

check "the file name is ungegaranti_<version>_<arch>.deb" \
  test "$(basename "$deb")" = "ungegaranti_${version}_$(dpkg --print-architecture).deb"
check "Depends names the runtime libraries" \
  bash -c "dpkg-deb -f '$deb' Depends | grep -q libyaml-cpp && dpkg-deb -f '$deb' Depends | grep -q libfmt"
check "the package holds no tests or build tools" \
  bash -c "! dpkg-deb -c '$deb' | grep -E 'embed_scenario|_tests|/tests?/|fuzz|bench'"

run "installing the package (apt-get install ./$(basename "$deb"))" \
  bash -c "cd '$build' && ${sudo[*]} apt-get install -y -q ./$(basename "$deb")"
installed=true

elsewhere=$tmp/elsewhere
mkdir "$elsewhere"
cd "$elsewhere"
say "checking from $elsewhere"
check "ungegaranti on PATH is /usr/bin/ungegaranti" test "$(type -P ungegaranti)" = /usr/bin/ungegaranti
check "ungegaranti --version prints $version" output_has "ungegaranti $version" ungegaranti --version
check "ungegaranti cost --model solv" output_has "Netto i alt" ungegaranti cost --model solv
check "man -w ungegaranti finds the man page" output_has /usr/share/man/man1/ungegaranti.1.gz \
  man -w ungegaranti
check "man renders it without warnings" \
  bash -c "man --warnings -P cat ungegaranti 2>&1 >/dev/null | { ! grep .; }"
check "the bash completion is installed and loads" \
  bash -c "f=/usr/share/bash-completion/completions/ungegaranti; test -f \$f && source \$f \
    && complete -p ungegaranti"
check "ungegaranti validate the installed scenario and examples" \
  ungegaranti validate /usr/share/ungegaranti/scenarios/norddjurs.yaml \
  /usr/share/ungegaranti/examples/*.yaml
check "ungegaranti followup /usr/share/ungegaranti/examples/opfoelgning-2025-2026.yaml" \
  output_has "2026" ungegaranti followup /usr/share/ungegaranti/examples/opfoelgning-2025-2026.yaml
check "ungegaranti project -s /usr/share/ungegaranti/examples/solv-hoejere-loen.yaml --model solv" \
  output_has "NEET" ungegaranti project -s /usr/share/ungegaranti/examples/solv-hoejere-loen.yaml \
  --model solv
cd /

say "removing the package (apt-get remove -y ungegaranti)"
"${sudo[@]}" apt-get remove -y -q ungegaranti >"$log" 2>&1
installed=false
check "/usr/bin/ungegaranti is gone" test ! -e /usr/bin/ungegaranti

if [[ $failures -gt 0 ]]; then
  say "$failures check(s) failed" >&2
  exit 1
fi
