"""Checks that a workbook holds the same figures as the JSON of the same command, for
tests/xlsx_test.cpp: table i of the JSON is sheet i of the workbook (title in row 1, unit and
price base in row 2, header in row 3, body from row 4: render/xlsx.cpp, kBodyRow); every number
of the JSON must be a numeric cell equal to it, and every text its label as a string cell. Money
has a grouped format (#,##0 and its scaled forms); other numbers a grouped one with fixed
decimals, or General where the column shows each value with the decimals it has (a range in the
assumptions register, say). Prints a count and exits 0, or prints the first differences and
exits 1. Run it with /usr/bin/python3, which has python3-openpyxl.

    xlsx_matches_json.py WORKBOOK.xlsx DOCUMENT.json
"""
import json
import math
import sys

import openpyxl

BODY_ROW = 4  # 1-based: title, unit and price base, header, then the body


def main(xlsx_path, json_path):
    book = openpyxl.load_workbook(xlsx_path)
    document = json.load(open(json_path, encoding="utf-8"))
    tables = document["tables"] if "tables" in document else [document]
    problems, numbers = [], 0
    if len(book.worksheets) != len(tables) + 1:
        problems.append(f"{len(book.worksheets)} sheets for {len(tables)} tables and the stamp")
    for table, sheet in zip(tables, book.worksheets):
        for r, row in enumerate(table["rows"]):
            for c, column in enumerate(table["columns"]):
                cell = sheet.cell(row=BODY_ROW + r, column=1 + c)
                where = f"{sheet.title!r}!{cell.coordinate} ({table['table']}.{column['id']})"
                value = row.get(column["id"])
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    numbers += 1
                    if cell.data_type != "n" or not isinstance(cell.value, (int, float)):
                        problems.append(f"{where}: {cell.value!r} is not a number; JSON has {value}")
                    elif not math.isclose(cell.value, value, rel_tol=1e-12, abs_tol=1e-9):
                        problems.append(f"{where}: {cell.value!r} != JSON {value!r}")
                    elif not cell.number_format.startswith("#,##0") and not (
                            column["type"] == "number" and cell.number_format == "General"):
                        problems.append(f"{where}: number format {cell.number_format!r}")
                elif value is None:
                    if cell.value is not None:
                        problems.append(f"{where}: {cell.value!r} where JSON has no value")
                elif column["type"] != "text":
                    # A word in a column of numbers ("yes"): JSON has its key, the sheet its label.
                    if cell.data_type != "s" or not cell.value:
                        problems.append(f"{where}: {cell.value!r} where JSON has the word {value!r}")
                else:
                    label = row.get(column["id"] + "_label", value)
                    if cell.value != (label if label != "" else None):  # "" is a blank cell
                        problems.append(f"{where}: {cell.value!r} != JSON {label!r}")
    for p in problems[:20]:
        print(p)
    print(f"{len(tables)} tables, {numbers} numbers compared, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
