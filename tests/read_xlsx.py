"""Prints an XLSX file as text for tests/xlsx_test.cpp: each sheet with its frozen pane and column
widths, then each non-empty cell with its type ('n' number, 's' string), value, number format
(numbers only) and style. Run it with /usr/bin/python3, which has python3-openpyxl."""
import sys

try:
    import openpyxl
except ImportError:
    sys.exit("read_xlsx.py: openpyxl is missing; install python3-openpyxl (scripts/install-deps.sh)")


def style(cell):
    parts = []
    if cell.font.b:
        parts.append("bold")
    if cell.border.bottom.style:
        parts.append("bottom=" + cell.border.bottom.style)
    if cell.alignment.horizontal:
        parts.append(cell.alignment.horizontal)
    return "".join(" " + p for p in parts)


def main(path):
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        widths = " ".join(f"{key}={int(dim.width)}" for key, dim in sorted(sheet.column_dimensions.items())
                          if dim.width)
        print(f"sheet {sheet.title!r} freeze={sheet.freeze_panes} widths: {widths}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                shown = f" {cell.number_format!r}" if cell.data_type == "n" else ""
                print(f"  {cell.coordinate} {cell.data_type} {cell.value!r}{shown}{style(cell)}")


if __name__ == "__main__":
    main(sys.argv[1])
