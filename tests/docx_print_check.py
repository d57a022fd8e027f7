"""Prints the Word appendix as LibreOffice does, for the libreoffice.docx_* tests: converts
`ungegaranti report -o bilag.docx` to PDF with LibreOffice Writer (headless, with a profile of its
own so that tests can run side by side) and checks with poppler-utils that

  - every page is A4 (portrait or landscape) and there are at most --max-pages of them;
  - every number of the cost tables (and every number of 4 characters or more of any table) is
    printed whole on one line: pdftotext -layout must find it with no digit, point or comma
    straight before or after it.

Fails (does not skip) when soffice, pdfinfo or pdftotext is missing: scripts/install-deps.sh
--test installs them. Run it with /usr/bin/python3, which has python3-docx.

    docx_print_check.py UNGEGARANTI --max-pages N [REPORT OPTIONS...]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import docx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from docx_matches_json import parse_number, text_of  # noqa: E402


def tool(name):
    path = shutil.which(name)
    if path is None:
        sys.exit(f"docx_print_check: {name} is not installed (scripts/install-deps.sh --test)")
    return path


def printed_numbers(document, tables, lang):
    """(table id, shown) for each number shown in a table of the document."""
    grid = [t for t in tables if not (t["table"] == "narrative" and len(t["columns"]) == 1)]
    for table, word in zip(grid, document.tables):
        for row in word.rows[1:]:
            for cell in row.cells:
                shown = text_of(cell)
                if parse_number(shown, lang) is not None:
                    yield table["table"], shown


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ungegaranti")
    parser.add_argument("--max-pages", type=int, required=True)
    args, report_options = parser.parse_known_args()
    lang = "en" if "en" in report_options else "da"
    soffice = shutil.which("soffice") or tool("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "bilag.docx")
        subprocess.run([args.ungegaranti, "report", "-o", source] + report_options, check=True)
        out = subprocess.run([args.ungegaranti, "report", "--format", "json"] + report_options,
                             check=True, capture_output=True, text=True).stdout
        data = json.loads(out)
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", tmp, source],
                       check=True, capture_output=True, timeout=240)
        pdf = os.path.join(tmp, "bilag.pdf")
        info = subprocess.run([tool("pdfinfo"), "-f", "1", "-l", "10000", pdf], check=True,
                              capture_output=True, text=True).stdout
        text = subprocess.run([tool("pdftotext"), "-layout", pdf, "-"], check=True,
                              capture_output=True, text=True).stdout
        document = docx.Document(source)

    problems = []
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    if pages > args.max_pages:
        problems.append(f"{pages} pages; at most {args.max_pages} expected")
    for page, size in re.findall(r"^Page\s+(\d+) size:\s+([\d.]+ x [\d.]+)", info, re.M):
        w, h = (round(float(x)) for x in size.split(" x "))
        if sorted((w, h)) != [595, 842]:
            problems.append(f"page {page} is {size} pt, not A4")
    checked = 0
    for table, shown in set(printed_numbers(document, data["tables"], lang)):
        if table != "cost" and len(shown) < 4:
            continue
        checked += 1
        if not re.search(r"(?<![\d.,])" + re.escape(shown) + r"(?![\d.,])", text):
            problems.append(f"{table}: {shown!r} is not printed whole on one line")
    for p in sorted(problems)[:20]:
        print(p)
    print(f"{pages} pages, {checked} numbers looked for, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
