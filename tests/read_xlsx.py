"""Prints an XLSX file as text for tests/xlsx_test.cpp: each sheet with its frozen pane and column
widths; its page setup (orientation, paper, fit to pages, print titles, header and footer); its
merged cells, row heights set by the writer, and its charts with the cells of each series; then each non-empty cell with its
type ('n' number, 's' string), value, number format (numbers only) and style. Run it with
/usr/bin/python3, which has python3-openpyxl."""
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
    if cell.font.i:
        parts.append("italic")
    if cell.alignment.horizontal:
        parts.append(cell.alignment.horizontal)
    if cell.alignment.wrap_text:
        parts.append("wrap")
    return "".join(" " + p for p in parts)


def main(path):
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        widths = " ".join(f"{key}={int(dim.width)}" for key, dim in sorted(sheet.column_dimensions.items())
                          if dim.width)
        print(f"sheet {sheet.title!r} freeze={sheet.freeze_panes} widths: {widths}")
        setup = sheet.page_setup
        fit = sheet.sheet_properties.pageSetUpPr
        fit = f"{setup.fitToWidth or 1}x{setup.fitToHeight}" if fit is not None and fit.fitToPage else "no"
        print(f"  page {setup.orientation} paper={setup.paperSize} fit={fit} "
              f"titles={sheet.print_title_rows} charts={len(sheet._charts)}")
        print(f"  header {sheet.oddHeader.left.text!r} {sheet.oddHeader.right.text!r}")
        print(f"  footer {sheet.oddFooter.left.text!r} {sheet.oddFooter.right.text!r}")
        for chart in sheet._charts:
            mins = [axis.scaling.min for axis in (chart.x_axis, chart.y_axis)
                    if axis.scaling.min is not None]
            print(f"  chart {chart.tagname}" + (f" axis min={mins[0]:g}" if mins else ""))
            for series in chart.series:
                cat = series.cat.numRef or series.cat.strRef if series.cat else None
                print(f"    series name={series.tx.strRef.f if series.tx else None} "
                      f"cat={cat.f if cat else None} val={series.val.numRef.f}")
        merged = " ".join(sorted(str(r) for r in sheet.merged_cells.ranges))
        heights = " ".join(f"{row}={dim.height:g}" for row, dim in sorted(sheet.row_dimensions.items())
                           if dim.height)
        if merged or heights:
            print(f"  merged: {merged or '-'} heights: {heights or '-'}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                shown = f" {cell.number_format!r}" if cell.data_type == "n" else ""
                print(f"  {cell.coordinate} {cell.data_type} {cell.value!r}{shown}{style(cell)}")


if __name__ == "__main__":
    main(sys.argv[1])
