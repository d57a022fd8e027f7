"""Reads a Word document back with python-docx and checks it against the JSON of the same command,
for tests/docx_test.cpp and the docx.* tests in tests/CMakeLists.txt:

  - the tables: JSON table i (the summary in words left out) is Word table i; its header row holds
    the column labels, and every row its cells: a number of the JSON is shown as that number
    (parsed from the Danish or English display, scaled by --unit for money, equal within the
    rounding of the decimals shown) and right-aligned; a text its label (the zero-width spaces that
    let a long path wrap are taken out); the header row repeats on each page (w:tblHeader) and no
    row splits across pages (w:cantSplit);
  - the headings: every table's title, in order, as a paragraph in the style "Heading 1" (Word's
    built-in "heading 1", which a Danish Word shows as "Overskrift 1"), with the unit added where
    the table has money;
  - the summary in words ("narrative"): each sentence as a paragraph of its own;
  - every section is A4, portrait or landscape; the header holds "Bilag" (or "Appendix") and the
    stamp's input hash, the footer PAGE and NUMPAGES fields.

With --landscape the document must have a landscape section, and with --figures N exactly N
images. Prints a count and exits 0, or prints the first differences and exits 1. Run it with
/usr/bin/python3, which has python3-docx (scripts/install-deps.sh --test).

    docx_matches_json.py DOCUMENT.docx DOCUMENT.json [--lang en] [--unit tkr|mkr]
                         [--landscape] [--figures N]
"""
import argparse
import json
import math
import re
import sys

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Twips

DIVISOR = {"kr": 1, "tkr": 1_000, "mkr": 1_000_000}
UNIT_NAME = {("kr", "da"): "kr.", ("tkr", "da"): "1.000 kr.", ("mkr", "da"): "mio. kr.",
             ("kr", "en"): "kr.", ("tkr", "en"): "1,000 kr.", ("mkr", "en"): "million kr."}


def text_of(cell):
    return "\n".join(p.text for p in cell.paragraphs).replace("\u200b", "")


def parse_number(shown, lang):
    """The value and the decimals of a displayed number, or None when it is not one."""
    group, point = (".", ",") if lang == "da" else (",", ".")
    if not re.fullmatch(r"-?\d{1,3}(" + re.escape(group) + r"\d{3})*(" + re.escape(point) +
                        r"\d+)?|-?\d+(" + re.escape(point) + r"\d+)?", shown):
        return None
    plain = shown.replace(group, "").replace(point, ".")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return float(plain), decimals


def check_number(where, shown, value, column, args, problems):
    parsed = parse_number(shown, args.lang)
    if parsed is None:
        problems.append(f"{where}: {shown!r} is not a number; JSON has {value}")
        return
    number, decimals = parsed
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    divisors = [DIVISOR[args.unit]] if column["type"] == "money" else [1, DIVISOR[args.unit]]
    if not any(math.isclose(number, value / d, abs_tol=tolerance) for d in divisors):
        problems.append(f"{where}: {shown!r} != JSON {value!r}")


def check_table(table, word, args, problems):
    """Returns how many numbers were compared."""
    name = table["table"]
    rows = word.rows
    if len(rows) != len(table["rows"]) + 1:
        problems.append(f"{name}: {len(rows)} rows in Word, {len(table['rows'])} + header in JSON")
        return 0
    labels = [text_of(c) for c in rows[0].cells]
    if labels != [c["label"] for c in table["columns"]]:
        problems.append(f"{name}: header {labels} != {[c['label'] for c in table['columns']]}")
    if rows[0]._tr.trPr is None or rows[0]._tr.trPr.find(qn("w:tblHeader")) is None:
        problems.append(f"{name}: the header row does not repeat (no w:tblHeader)")
    numbers = 0
    for r, (row, word_row) in enumerate(zip(table["rows"], rows[1:])):
        if word_row._tr.trPr is None or word_row._tr.trPr.find(qn("w:cantSplit")) is None:
            problems.append(f"{name} row {r + 1}: may split across pages (no w:cantSplit)")
        for column, cell in zip(table["columns"], word_row.cells):
            where = f"{name} row {r + 1} {column['id']}"
            value, shown = row.get(column["id"]), text_of(cell)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                numbers += 1
                check_number(where, shown, value, column, args, problems)
                if cell.paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT:
                    problems.append(f"{where}: the number {shown!r} is not right-aligned")
            elif value is None:
                # No number: blank, or a placeholder word the other renderers show too ("-").
                if parse_number(shown, args.lang) is not None:
                    problems.append(f"{where}: {shown!r} where JSON has no value")
            elif column["type"] != "text":
                if not shown:  # a word in a column of numbers: JSON has its key, Word its label
                    problems.append(f"{where}: empty where JSON has the word {value!r}")
            elif shown != row.get(column["id"] + "_label", value):
                problems.append(f"{where}: {shown!r} != JSON {row.get(column['id'] + '_label')!r}")
    return numbers


def title_of(table, args):
    money = any(c["type"] == "money" for c in table["columns"]) or "unit" in table
    return f"{table['title']} ({UNIT_NAME[(args.unit, args.lang)]})" if money else table["title"]


def check_layout(document, stamp, args, problems):
    a4 = {(Twips(11906), Twips(16838)), (Twips(16838), Twips(11906))}
    landscape = 0
    for i, section in enumerate(document.sections):
        if (section.page_width, section.page_height) not in a4:
            problems.append(f"section {i + 1}: {section.page_width} x {section.page_height} is not A4")
        wide = section.page_width > section.page_height
        if wide != (section.orientation == WD_ORIENT.LANDSCAPE):
            problems.append(f"section {i + 1}: the orientation does not match the page size")
        landscape += wide
    if args.landscape and landscape == 0:
        problems.append("no landscape section")
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    kind = "Bilag" if args.lang == "da" else "Appendix"
    if kind not in header or stamp["input_hash"] not in header:
        problems.append(f"the page header {header!r} lacks {kind!r} or the input hash")
    footer = document.sections[0].footer._element.xml
    if "PAGE" not in footer or "NUMPAGES" not in footer:
        problems.append("the footer has no PAGE and NUMPAGES fields")
    if args.figures is not None and len(document.inline_shapes) != args.figures:
        problems.append(f"{len(document.inline_shapes)} images; expected {args.figures}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("docx")
    parser.add_argument("json")
    parser.add_argument("--lang", default="da", choices=["da", "en"])
    parser.add_argument("--unit", default="kr", choices=list(DIVISOR))
    parser.add_argument("--landscape", action="store_true")
    parser.add_argument("--figures", type=int)
    args = parser.parse_args()
    document = docx.Document(args.docx)
    data = json.load(open(args.json, encoding="utf-8"))
    tables = data["tables"] if "tables" in data else [data]
    problems = []

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    titles = [title_of(t, args) for t in tables]
    if headings != titles:
        problems.append(f"headings {headings} != titles {titles}")
    paragraphs = {p.text for p in document.paragraphs}
    grid = []
    for table in tables:
        if table["table"] == "narrative" and len(table["columns"]) == 1:
            for row in table["rows"]:
                if row["text_label"] not in paragraphs:
                    problems.append(f"narrative: no paragraph {row['text_label']!r}")
        else:
            grid.append(table)
    if len(document.tables) != len(grid):
        problems.append(f"{len(document.tables)} tables in Word, {len(grid)} in JSON")
    numbers = sum(check_table(t, w, args, problems) for t, w in zip(grid, document.tables))
    check_layout(document, data["stamp"], args, problems)
    for p in problems[:20]:
        print(p)
    print(f"{len(tables)} tables, {numbers} numbers compared, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
