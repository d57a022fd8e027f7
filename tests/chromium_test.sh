#!/usr/bin/env bash
# Opens the HTML report in headless Chromium, as a reader's browser would: the DOM Chromium builds
# must hold every table and all five charts, printing must give an A4 PDF, and a screenshot must not
# be blank.
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
[[ $(grep -o "<svg" "$tmp/dom.html" | wc -l) -eq 5 ]] || fail "the DOM does not have 5 <svg> charts (cost, NEET, three tornadoes)"
# The first table is the summary in words; the second the summary, with the three models side by
# side.
first_table=$(awk '/<table>/ { n++ } n == 1 { print } /<\/table>/ && n == 1 { exit }' "$tmp/dom.html")
grep -qF 'Ungegarantien koster netto' <<<"$first_table" || fail "the first table is not the summary in words"
second_table=$(awk '/<table>/ { n++ } n == 2 { print } /<\/table>/ && n == 2 { exit }' "$tmp/dom.html")
for model in Guld Sølv Bronze; do
  grep -qF "<td>$model</td>" <<<"$second_table" || grep -qF ">$model<" <<<"$second_table" ||
    fail "the summary table lacks $model"
done
for text in 'Sammenfatning i ord' 'Sammenfatning' 'Antagelser og kilder' 'NEET-andel for 16-24-årige' \
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
  fail "pdfinfo is not installed (apt-get install poppler-utils, or scripts/install-deps.sh --test)"
fi
# How it prints (tests/html_print_check.py): page numbers and the title on every page, the
# register on landscape pages, each chart on the page of its table's last row, and at most 26
# pages (20 in Danish and 22 in English when this was written; docs/output.md).
/usr/bin/python3 "$(dirname "$0")/html_print_check.py" "$tmp/bilag.html" "$tmp/bilag.pdf" da 26 ||
  fail "the printed report (Danish)"
"$ungegaranti" report --lang en -o "$tmp/appendix.html" || fail "ungegaranti report --lang en failed"
run_chromium --no-pdf-header-footer --print-to-pdf="$tmp/appendix.pdf" "file://$tmp/appendix.html"
/usr/bin/python3 "$(dirname "$0")/html_print_check.py" "$tmp/appendix.html" "$tmp/appendix.pdf" en 26 ||
  fail "the printed report (English)"

# A screenshot of the first screenful (the summary with the three models side by side) must show
# something: tests/png_not_blank.py decodes it and counts the pixels that are not background.
shot=${screenshot:-$tmp/screenshot.png}
run_chromium --hide-scrollbars --window-size=900,1200 --screenshot="$shot" "file://$tmp/bilag.html"
[[ -s $shot ]] || fail "no screenshot was written"
/usr/bin/python3 "$(dirname "$0")/png_not_blank.py" "$shot" || fail "the screenshot is blank"
echo "chromium_test: ok ($tables tables, 5 charts)"
