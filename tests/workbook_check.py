"""The live workbook (`ungegaranti workbook`) against the tool's own JSON, in LibreOffice.

    workbook_check.py UNGEGARANTI [--scenario FILE] [--lang da|en] [--workdir DIR]

1. Cached values: the workbook as written, read with openpyxl (data_only=True, so without any
   recalculation), must hold in every cell the figure of the JSON of the same table (and every
   sheet must print on A4 landscape, one page wide, with page numbers): `cost --by
   year|category|track|department|role|line`, `coverage`, `project`, `economics`. Every money or
   number cell of the cost and coverage sheets must be a formula.
2. Recalculated: openpyxl saves the workbook again, which drops every cached result, and one
   headless LibreOffice run converts it to xlsx with recalculation on load forced (below). Each
   formula cell must then equal the JSON again, to the krone (0.005 kr.).
3. An input changed in the workbook: in the same LibreOffice run, a copy whose input cells for
   roles.sagsbehandler.annual_cost and initiatives.mentor.per_model.solv.participants were changed
   must equal `cost ... --set` and `coverage --set` with the same two changes; the projection and
   economics sheets keep the values of the stamped input hash, and the check cell must count 2
   changed inputs and warn. The two values are changed in the sheet's XML, as a user's edit in a
   spreadsheet that does not recalculate would leave it: every other cell keeps its (now stale)
   cached result, so only a real recalculation passes.

How recalculation is forced: LibreOffice recalculates an xlsx file on load only when its setting
Formula/Load/OOXMLRecalcMode is 0 ("always"); by default it keeps the cached results and computes
only the formulas that have none (which is why step 2 alone proves little). The run gets a private
profile (-env:UserInstallation, so that concurrent runs do not clash) whose
registrymodifications.xcu sets it. Without the setting step 3 fails.

Exits 0 when every check passes, else prints the first differences and exits 1. Needs
python3-openpyxl and libreoffice-calc-nogui (scripts/install-deps.sh --test); run it with
/usr/bin/python3.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import re
import tempfile
import zipfile

import openpyxl

BODY_ROW = 4  # 1-based: title, note, header, then the body (workbook.hpp, kLiveBodyRow)
BREAKDOWNS = ["year", "category", "track", "department", "role", "line"]
CHANGES = {  # input path -> new value
    "roles.sagsbehandler.annual_cost": 612345,
    "initiatives.mentor.per_model.solv.participants": 52,
}
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


SCENARIO = []  # ["-s", FILE] with --scenario, and ["--lang", "en"] with --lang en
WARNING = {"da": "ADVARSEL", "en": "WARNING"}
LANG = ["da"]


def tool_json(tool, args):
    out = subprocess.run([tool] + args + SCENARIO + ["--format", "json"], check=True,
                         capture_output=True)
    document = json.loads(out.stdout)
    return document["tables"] if "tables" in document else [document]


def tables_of(tool, sets=()):
    """The JSON tables the sheets hold, in sheet order: cost, coverage, then the values."""
    extra = [a for path, value in sets for a in ("--set", f"{path}={value}")]
    cost = [t for by in BREAKDOWNS for t in tool_json(tool, ["cost", "--by", by] + extra)]
    coverage = tool_json(tool, ["coverage"] + extra)
    return cost + coverage


def value_tables(tool):
    return tool_json(tool, ["project"]) + tool_json(tool, ["economics"])


def compare(sheet, table, problems, formulas=None, abs_tol=0.005):
    """Every cell of `table` against `sheet`; returns the count of numbers compared."""
    numbers = 0
    for r, row in enumerate(table["rows"]):
        for c, column in enumerate(table["columns"]):
            cell = sheet.cell(row=BODY_ROW + r, column=1 + c)
            where = f"{sheet.title!r}!{cell.coordinate} ({table['table']}.{column['id']})"
            value = row.get(column["id"])
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                numbers += 1
                if not isinstance(cell.value, (int, float)):
                    problems.append(f"{where}: {cell.value!r}; JSON has {value}")
                elif not math.isclose(cell.value, value, rel_tol=1e-9, abs_tol=abs_tol):
                    problems.append(f"{where}: {cell.value!r} != JSON {value!r}")
                if formulas is not None and value != 0:  # a 0 by structure is a constant
                    formula = formulas[sheet.title].cell(row=cell.row, column=cell.column).value
                    if not (isinstance(formula, str) and formula.startswith("=")):
                        problems.append(f"{where}: not a formula ({formula!r})")
            elif value is None:
                if cell.value not in (None, ""):
                    problems.append(f"{where}: {cell.value!r} where JSON has no value")
            else:
                label = row.get(column["id"] + "_label", value)
                if cell.value != (label if label != "" else None):
                    problems.append(f"{where}: {cell.value!r} != JSON {label!r}")
    return numbers


def compare_book(book, tables, values, problems, formulas=None):
    """Sheets 4.. are the cost and coverage tables, then the value tables, then the stamp."""
    sheets = book.worksheets[3:-1]
    if len(sheets) != len(tables) + len(values):
        problems.append(f"{len(sheets)} table sheets for {len(tables) + len(values)} tables")
    numbers = 0
    for sheet, table in zip(sheets, tables):
        numbers += compare(sheet, table, problems, formulas)
    for sheet, table in zip(sheets[len(tables):], values):
        numbers += compare(sheet, table, problems)
    return numbers


def compare_lines(book, tables, problems):
    """Each cost line of the lines sheet against its row of `cost --by line`."""
    by_line = {(row["model"], row["line"]): row for row in tables[BREAKDOWNS.index("line")]["rows"]}
    sheet = book.worksheets[2]
    header = [c.value for c in sheet[BODY_ROW - 1]]
    years = [h for h in header if isinstance(h, str) and h.isdigit()]
    count = 0
    for row in sheet.iter_rows(min_row=BODY_ROW, values_only=True):
        if row[0] is None or row[1] == "funding":
            continue
        expected = by_line.get((row[0], f"{row[1]}:{row[5]}"))
        if expected is None:
            problems.append(f"lines sheet: no JSON row for {row[0]} {row[1]}:{row[5]}")
            continue
        for i, year in enumerate(years + ["total"]):
            count += 1
            if not math.isclose(row[7 + i], expected[year], rel_tol=1e-9, abs_tol=0.005):
                problems.append(f"lines sheet {row[5]} {year}: {row[7 + i]} != {expected[year]}")
    return count


def change_in_place(source, target, cells):
    """A copy of `source` with new values in the input sheet's `cells` ({"B12": 612345}), every
    cached result left as it was."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for ref, value in cells.items():
                    text, n = re.subn(rf'(<c r="{ref}"[^>]*><v>)[^<]*(</v>)', rf"\g<1>{value}\2",
                                      text)
                    if n != 1:
                        sys.exit(f"workbook_check: input cell {ref} not found in sheet1.xml")
                data = text.encode("utf-8")
            zout.writestr(item, data)


def inputs(book):
    """Input path -> (row, value) of the input sheet."""
    sheet = book.worksheets[0]
    return {row[0].value: (row[0].row, row[1].value) for row in sheet.iter_rows(min_row=BODY_ROW)}


def check_index(book, problems):
    """The index factors, by hand: (1 + rate) ^ (year - price base)."""
    given = {path: value for path, (_, value) in inputs(book).items()}
    sheet = book.worksheets[1]
    for year, wages, other in sheet.iter_rows(min_row=BODY_ROW, values_only=True):
        for rate, got in ((given["indexation.wages"], wages), (given["indexation.other"], other)):
            want = (1 + rate) ** (year - given["price_base"])
            if not math.isclose(got, want, rel_tol=1e-12):
                problems.append(f"index {year}: {got} != (1 + {rate}) ^ ({year} - base) = {want}")


def check_print(book, problems):
    """Every sheet prints on A4 landscape, one page wide, with page numbers; a table sheet repeats
    its header row (row 3) on every page."""
    for sheet in book.worksheets:
        setup, fit = sheet.page_setup, sheet.sheet_properties.pageSetUpPr
        if (setup.orientation != "landscape" or str(setup.paperSize) != "9" or fit is None
                or not fit.fitToPage or setup.fitToHeight != 0
                or sheet.oddFooter.right.text != "&P / &N"):
            problems.append(f"{sheet.title!r}: page setup {setup.orientation} {setup.paperSize} "
                            f"{setup.fitToHeight} {sheet.oddFooter.right.text!r}")
        if sheet.freeze_panes == f"A{BODY_ROW}" and sheet.print_title_rows != "$3:$3":
            problems.append(f"{sheet.title!r}: print titles {sheet.print_title_rows!r}")


def recalculate(files, outdir, workdir):
    profile = os.path.join(workdir, "profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC_ALWAYS)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("workbook_check: soffice is not installed (scripts/install-deps.sh --test)")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "xlsx", "--outdir", outdir] + files,
                   check=True, capture_output=True, timeout=240)


def main(tool, workdir):
    problems = []
    model = os.path.join(workdir, "model.xlsx")
    subprocess.run([tool, "workbook", "-o", model] + SCENARIO, check=True)
    tables, values = tables_of(tool), value_tables(tool)
    changed_tables = tables_of(tool, CHANGES.items())

    # 1. The cached results, as a viewer that does not recalculate shows them.
    formulas = openpyxl.load_workbook(model)
    cached = openpyxl.load_workbook(model, data_only=True)
    n = compare_book(cached, tables, values, problems, formulas)
    n += compare_lines(cached, tables, problems)
    check_index(cached, problems)
    check_print(formulas, problems)
    print(f"cached: {n} numbers compared")

    # 2 and 3: without cached results, and with two inputs changed, through LibreOffice.
    plain, changed = os.path.join(workdir, "plain.xlsx"), os.path.join(workdir, "changed.xlsx")
    formulas.save(plain)  # openpyxl writes the formulas without their cached results
    at = inputs(formulas)
    change_in_place(model, changed, {f"B{at[path][0]}": value for path, value in CHANGES.items()})
    outdir = os.path.join(workdir, "recalculated")
    recalculate([plain, changed], outdir, workdir)

    for name, want, count in (("plain.xlsx", tables, 0), ("changed.xlsx", changed_tables, 2)):
        book = openpyxl.load_workbook(os.path.join(outdir, name), data_only=True)
        before = len(problems)
        n = compare_book(book, want, values, problems)
        n += compare_lines(book, want, problems)
        check_index(book, problems)
        got = book.worksheets[0].cell(row=2, column=1).value
        if got != count:
            problems.append(f"{name}: the check counts {got!r} changed inputs, not {count}")
        warning = book.worksheets[0].cell(row=2, column=2).value or ""
        if warning.startswith(WARNING[LANG[0]]) != (count > 0):
            problems.append(f"{name}: check cell says {warning!r}")
        for sheet in book.worksheets[3 + len(want):-1]:  # the value sheets carry the check too
            if sheet.cell(row=2, column=1).value != warning:
                problems.append(f"{name}: {sheet.title!r}!A2 is not the check")
        print(f"{name} recalculated in LibreOffice: {n} numbers compared, "
              f"{len(problems) - before} differences")

    for p in problems[:30]:
        print(p)
    print(f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="the live workbook against the JSON")
    parser.add_argument("ungegaranti")
    parser.add_argument("--scenario", help="scenario file (default: the embedded one)")
    parser.add_argument("--lang", choices=["da", "en"], default="da")
    parser.add_argument("--workdir", help="keep the files here (default: a temporary folder)")
    options = parser.parse_args()
    if options.scenario:
        SCENARIO.extend(["-s", options.scenario])
    SCENARIO.extend(["--lang", options.lang])
    LANG[0] = options.lang
    if options.workdir:
        os.makedirs(options.workdir, exist_ok=True)
        sys.exit(main(options.ungegaranti, options.workdir))
    with tempfile.TemporaryDirectory() as tmp:
        sys.exit(main(options.ungegaranti, tmp))
