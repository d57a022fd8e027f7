"""The report's workbook as it prints (issue 13, item 2), against the JSON of the same report.

    xlsx_print_check.py UNGEGARANTI [--lang da|en] [--max-pages N] [--workdir DIR] [--report ARGS]

--report ARGS are passed on to `report` (e.g. --report "--draws 200 --seed 1").

1. Page setup, read back from every sheet's XML with openpyxl: A4 (paper 9) landscape, fit to one
   page wide and any number high; on every table sheet the header row (row 3) repeats as print
   titles; the page header names the table (and "Bilag"/"Appendix" on the right); the footer
   carries the stamp's short form and "Side &P af &N" / "Page &P of &N".
2. Each table sheet carries its own title (row 1), unit and price base (row 2) and notes: each
   note of the JSON, in order, in a wrapped cell below the body. The register's long columns wrap.
   Sheet names are unique, at most 31 characters, and each tornado's names its model.
3. Charts: every cost table, the NEET projection and every tornado has exactly one chart, and no
   other sheet has any. Every series refers to cells of its own sheet, and those cells hold the
   right figures: a cost chart's series are the total rows (their year columns, named by the
   model), the projection's are the share by year of each model, a tornado's the results at the
   low and at the high value of each input.
4. Printed: one headless LibreOffice run (with a private profile, as tests/workbook_check.py does)
   converts the workbook to PDF; pdfinfo counts the pages, which must be at most --max-pages; the
   summary sheet ("Sammendrag"/"Summary") prints on exactly one page, told by the page header.

Exits 0 when every check passes, else prints the problems and exits 1. Needs python3-openpyxl,
poppler-utils and libreoffice-calc-nogui (scripts/install-deps.sh --test); run it with
/usr/bin/python3.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
from openpyxl.utils.cell import range_boundaries

TITLE_ROW, INFO_ROW, HEADER_ROW, BODY_ROW = 1, 2, 3, 4  # 1-based (render/xlsx.cpp, kBodyRow)
WORDS = {
    "da": {"appendix": "Bilag", "page": "Side &P af &N", "stamp": "Stempel", "summary": "Sammendrag",
           "base": "prisniveau", "tornado": {"Guld": "guld", "Sølv": "sølv", "Bronze": "bronze"}},
    "en": {"appendix": "Appendix", "page": "Page &P of &N", "stamp": "Stamp", "summary": "Summary",
           "base": "price base",
           "tornado": {"Gold": "gold", "Silver": "silver", "Bronze": "bronze"}},
}
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
CHARTED = {"cost", "projection", "tornado"}


def close(a, b):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= 1e-9 * max(
        1.0, abs(b))


def label(row, column):
    return row.get(column + "_label", row.get(column))


def check_setup(sheet, title, lang, appendix, repeat, problems):
    setup, words = sheet.page_setup, WORDS[lang]
    where = repr(sheet.title)
    fit = sheet.sheet_properties.pageSetUpPr
    if setup.orientation != "landscape" or str(setup.paperSize) != "9":
        problems.append(f"{where}: page {setup.orientation} paper {setup.paperSize}, not A4 landscape")
    if fit is None or not fit.fitToPage or setup.fitToWidth not in (None, 1) or setup.fitToHeight != 0:
        problems.append(f"{where}: not fitted to one page wide ({setup.fitToWidth}x{setup.fitToHeight})")
    if repeat and sheet.print_title_rows != f"${HEADER_ROW}:${HEADER_ROW}":
        problems.append(f"{where}: print titles {sheet.print_title_rows!r}")
    header = (sheet.oddHeader.left.text or "").replace("&&", "&")
    if header != title:
        problems.append(f"{where}: page header {header!r}, not {title!r}")
    if (sheet.oddHeader.right.text == words["appendix"]) != appendix:
        problems.append(f"{where}: page header right {sheet.oddHeader.right.text!r}")
    if sheet.oddFooter.right.text != words["page"]:
        problems.append(f"{where}: page footer {sheet.oddFooter.right.text!r}")
    if not (sheet.oddFooter.left.text or "").startswith("ungegaranti "):
        problems.append(f"{where}: no stamp in the footer ({sheet.oddFooter.left.text!r})")


def check_sheet(sheet, table, lang, problems):
    where = repr(sheet.title)
    if not str(sheet.cell(TITLE_ROW, 1).value or "").startswith(table["title"]):
        problems.append(f"{where}: A1 {sheet.cell(TITLE_ROW, 1).value!r} is not the title")
    if WORDS[lang]["base"] not in str(sheet.cell(INFO_ROW, 1).value or "").lower():
        problems.append(f"{where}: A2 {sheet.cell(INFO_ROW, 1).value!r} has no price base")
    for c, column in enumerate(table["columns"]):
        if sheet.cell(HEADER_ROW, 1 + c).value != column["label"]:
            problems.append(f"{where}: header {c + 1} is {sheet.cell(HEADER_ROW, 1 + c).value!r}")
    first = BODY_ROW + len(table["rows"]) + 1
    for n, note in enumerate(table.get("notes", [])):
        cell = sheet.cell(first + n, 1)
        if cell.value != note or not cell.alignment.wrap_text:
            problems.append(f"{where}!{cell.coordinate}: note {n + 1} is {cell.value!r}")


def chart_parts(path):
    """{sheet name: [chart XML root, ...]}, following workbook -> sheet -> drawing -> chart."""
    z = zipfile.ZipFile(path)

    def rels(part):
        folder, name = os.path.split(part)
        rel = os.path.join(folder, "_rels", name + ".rels")
        if rel not in z.namelist():
            return {}
        root = ET.fromstring(z.read(rel))
        return {r.get("Id"): os.path.normpath(os.path.join(folder, r.get("Target")))
                for r in root.findall("p:Relationship", NS)}

    book = ET.fromstring(z.read("xl/workbook.xml"))
    book_rels = rels("xl/workbook.xml")
    out = {}
    for s in book.find("m:sheets", NS):
        sheet_part = book_rels[s.get(f"{{{NS['r']}}}id")]
        charts = []
        for target in rels(sheet_part).values():
            if "drawings/" in target:
                for chart in rels(target).values():
                    if "charts/" in chart:
                        charts.append(ET.fromstring(z.read(chart)))
        out[s.get("name")] = charts
    return out


def resolve(book, formula, sheet_name, problems):
    """The values of the cells a chart formula such as 'Tornado guld'!$E$4:$E$15 refers to."""
    match = re.fullmatch(r"(?:'((?:[^']|'')+)'|([^!']+))!(.+)", formula or "")
    if not match:
        problems.append(f"{sheet_name!r}: chart formula {formula!r}")
        return []
    name = (match.group(1) or "").replace("''", "'") or match.group(2)
    if name != sheet_name:
        problems.append(f"{sheet_name!r}: chart refers to another sheet: {formula!r}")
        return []
    first_col, first_row, last_col, last_row = range_boundaries(match.group(3).replace("$", ""))
    sheet = book[name]
    return [sheet.cell(r, c).value for r in range(first_row, last_row + 1)
            for c in range(first_col, last_col + 1)]


def series_of(chart):
    out = []
    for ser in chart.iter(f"{{{NS['c']}}}ser"):
        def ref(tag):
            f = ser.find(f"c:{tag}//c:f", NS)
            return f.text if f is not None else None
        out.append({"name": ref("tx"), "cat": ref("cat"), "val": ref("val")})
    return out


def expected_series(table):
    """[(name, categories, values)] that a table's chart must show, from the JSON."""
    columns = [c["id"] for c in table["columns"]]
    rows = table["rows"]
    if table["table"] == "cost":
        years = [c for c in table["columns"] if re.fullmatch(r"\d{4}", c["id"])]
        name_col = "model" if "model" in columns else columns[columns.index(years[0]["id"]) - 1]
        return [(label(r, name_col), [c["label"] for c in years], [r[c["id"]] for c in years])
                for r in rows if r.get("kind") == "total"]
    if table["table"] == "projection":
        groups = []
        for r in rows:
            if not groups or groups[-1][0] != r["model"]:
                groups.append((r["model"], label(r, "model"), [], []))
            groups[-1][2].append(r["year"])
            groups[-1][3].append(r["share"])
        return [(name, years, shares) for _, name, years, shares in groups]
    header = {c["id"]: c["label"] for c in table["columns"]}
    inputs = [label(r, "input") for r in rows]
    return [(header[c], inputs, [r[c] for r in rows]) for c in ("at_low", "at_high")]


def same(got, want):
    return len(got) == len(want) and all(
        g == w or close(g, w) or str(g) == str(w) for g, w in zip(got, want))


def check_charts(path, book, tables, names, problems):
    charts = chart_parts(path)
    counted = 0
    for table, name in zip(tables, names):
        found = charts.get(name, [])
        want = 1 if table["table"] in CHARTED else 0
        if len(found) != want:
            problems.append(f"{name!r}: {len(found)} charts, expected {want}")
            continue
        if not found:
            continue
        got = series_of(found[0])
        expected = expected_series(table)
        if len(got) != len(expected):
            problems.append(f"{name!r}: {len(got)} series, expected {len(expected)}")
            continue
        for g, (series_name, categories, values) in zip(got, expected):
            counted += 1
            got_name = resolve(book, g["name"], name, problems)
            if got_name != [series_name]:
                problems.append(f"{name!r}: series named {got_name!r}, expected {series_name!r}")
            if not same(resolve(book, g["cat"], name, problems), categories):
                problems.append(f"{name!r}: categories {g['cat']} do not hold {categories}")
            if not same(resolve(book, g["val"], name, problems), values):
                problems.append(f"{name!r}: values {g['val']} do not hold {values}")
    return counted


def printed_pages(path, workdir):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("xlsx_print_check: soffice is not installed (scripts/install-deps.sh --test)")
    profile = os.path.join(workdir, "profile")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", workdir, path],
                   check=True, capture_output=True, timeout=240)
    pdf = os.path.splitext(path)[0] + ".pdf"
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout
    headers = []
    for page in text.split("\f")[:pages]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        headers.append(lines[0] if lines else "")
    return pages, headers


def main(tool, lang, max_pages, extra, workdir):
    problems = []
    xlsx, js = os.path.join(workdir, "bilag.xlsx"), os.path.join(workdir, "bilag.json")
    args = ["report", "--lang", lang] + extra
    subprocess.run([tool] + args + ["-o", xlsx], check=True)
    subprocess.run([tool] + args + ["-o", js], check=True)
    tables = json.load(open(js, encoding="utf-8"))["tables"]
    book = openpyxl.load_workbook(xlsx)
    names = [s.title for s in book.worksheets]
    words = WORDS[lang]

    # 1 and 2: the page setup, titles, units and notes of every sheet; the sheet names.
    if len(names) != len(tables) + 1 or names[-1] != words["stamp"]:
        problems.append(f"sheets {names} for {len(tables)} tables and the stamp")
    if len({n.lower() for n in names}) != len(names) or max(len(n) for n in names) > 31:
        problems.append(f"sheet names not unique or too long: {names}")
    for table, sheet in zip(tables, book.worksheets):
        check_setup(sheet, table["title"], lang, True, True, problems)
        check_sheet(sheet, table, lang, problems)
        if table["table"] == "tornado":
            model = table["title"].rsplit(" — ", 1)[-1]
            if sheet.title != "Tornado " + words["tornado"].get(model, "?"):
                problems.append(f"tornado of {model} is on sheet {sheet.title!r}")
        if table["table"] == "assumptions":
            note = [c["id"] for c in table["columns"]].index("note") + 1
            width = sheet.column_dimensions[openpyxl.utils.get_column_letter(note)].width
            if not sheet.cell(BODY_ROW, note).alignment.wrap_text or not 20 <= width <= 92:
                problems.append(f"{sheet.title!r}: the note column is not wrapped ({width})")
    check_setup(book.worksheets[-1], words["stamp"], lang, True, False, problems)
    print(f"{len(book.worksheets)} sheets: page setup, titles and notes checked")

    # 3. The charts and the cells they refer to.
    n = check_charts(xlsx, book, tables, names, problems)
    print(f"{n} chart series checked against the JSON")

    # 4. Printed through LibreOffice.
    pages, headers = printed_pages(xlsx, workdir)
    summary = next(t["title"] for t in tables if t["table"] == "summary")
    on_summary = [h for h in headers if re.sub(r"\s+" + words["appendix"] + r"$", "", h) == summary]
    print(f"printed: {pages} pages (at most {max_pages}); the summary on {len(on_summary)}")
    if pages > max_pages:
        problems.append(f"the workbook prints on {pages} pages, more than {max_pages}")
    if len(on_summary) != 1:
        problems.append(f"the summary prints on {len(on_summary)} pages, not 1")

    for p in problems[:30]:
        print(p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="the report's workbook as it prints")
    parser.add_argument("ungegaranti")
    parser.add_argument("--lang", choices=["da", "en"], default="da")
    parser.add_argument("--max-pages", type=int, default=30)
    parser.add_argument("--workdir", help="keep the files here (default: a temporary folder)")
    parser.add_argument("--report", default="", help="more arguments for `report`")
    options = parser.parse_args()
    run = lambda d: main(options.ungegaranti, options.lang, options.max_pages,  # noqa: E731
                         shlex.split(options.report), d)
    if options.workdir:
        os.makedirs(options.workdir, exist_ok=True)
        sys.exit(run(options.workdir))
    with tempfile.TemporaryDirectory() as tmp:
        sys.exit(run(tmp))
