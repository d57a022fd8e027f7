#!/usr/bin/env bash
# Opens the HTML report in headless Chromium, as a reader's browser would: the DOM Chromium builds
# must hold every table and both charts, and printing must give an A4 PDF.
#
#   tests/chromium_test.sh path/to/ungegaranti [SCREENSHOT.png]
#
# With a second argument it also saves a screenshot to look at. Fails (does not skip) when Chromium
# is missing: scripts/install-deps.sh installs it. CHROMIUM=/path/to/chromium picks another binary.
set -euo pipefail

fail() {
  echo "chromium_test: FAIL: $*" >&2
  exit 1
}

[[ $# -ge 1 ]] || fail "usage: chromium_test.sh UNGEGARANTI [SCREENSHOT.png]"
ungegaranti=$1
screenshot=${2:-}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[[ -n $chromium ]] || fail "chromium is not installed (apt-get install chromium, or scripts/install-deps.sh)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ungegaranti" report -o "$tmp/bilag.html" || fail "ungegaranti report -o bilag.html failed"
tables=$(grep -o '<table>' "$tmp/bilag.html" | wc -l)
[[ $tables -ge 10 ]] || fail "the report has $tables tables; expected at least 10"

# Each run gets a fresh profile, and nothing may reach the network.
run_chromium() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" "$@" 2>>"$tmp/chromium.log" ||
    { cat "$tmp/chromium.log" >&2; fail "chromium $* failed"; }
}

run_chromium --dump-dom "file://$tmp/bilag.html" >"$tmp/dom.html"
dom_tables=$(grep -o '<table>' "$tmp/dom.html" | wc -l)
[[ $dom_tables -eq $tables ]] || fail "the DOM has $dom_tables tables; the file has $tables"
[[ $(grep -o '</table>' "$tmp/dom.html" | wc -l) -eq $tables ]] || fail "a table is not closed"
[[ $(grep -o '<svg' "$tmp/dom.html" | wc -l) -eq 2 ]] || fail "the DOM does not have 2 <svg> charts"
for text in 'Sammenfatning' 'Antagelser og kilder' 'NEET-andel for 16-24-årige' \
  'Udgifter pr. år efter kategori' 'class="stamp"'; do
  grep -qF "$text" "$tmp/dom.html" || fail "the DOM lacks '$text'"
done
if grep -qiwE 'nan|inf|infinity' "$tmp/dom.html"; then
  fail "the DOM has a number that is not finite"
fi

run_chromium --no-pdf-header-footer --print-to-pdf="$tmp/bilag.pdf" "file://$tmp/bilag.html"
[[ -s $tmp/bilag.pdf ]] || fail "no PDF was printed"
[[ $(head -c 4 "$tmp/bilag.pdf") == "%PDF" ]] || fail "the printed file is not a PDF"
if command -v pdfinfo >/dev/null; then
  info=$(pdfinfo "$tmp/bilag.pdf")
  pages=$(awk '/^Pages:/ { print $2 }' <<<"$info")
  [[ $pages -ge 2 ]] || fail "the PDF has ${pages:-no} pages"
  grep -q '^Page size:.*(A4)' <<<"$info" || fail "the PDF is not A4: $(grep '^Page size' <<<"$info")"
  echo "chromium_test: PDF of $pages A4 pages"
else
  echo "chromium_test: pdfinfo (poppler-utils) not found; page count and size not checked"
fi

if [[ -n $screenshot ]]; then
  run_chromium --hide-scrollbars --window-size=1200,1600 --screenshot="$screenshot" \
    "file://$tmp/bilag.html"
  [[ -s $screenshot ]] || fail "no screenshot was written"
fi
echo "chromium_test: ok ($tables tables, 2 charts)"
