#pragma once

// The parts of the live workbook (workbook.cpp) that its sheets share: cell references, a sheet
// of cells under construction, the named inputs, and a Table laid out as a sheet with a formula
// for each figure. Internal to workbook.cpp and workbook_coverage.cpp.

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"
#include "ungegaranti/workbook.hpp"

namespace ungegaranti::workbook_detail {

inline constexpr int kYearColumn = 7;  // first year column of the lines sheet (H)

/// "A", "B", ..., "Z", "AA": the letters of a 0-based column.
std::string column_letters(int column);
/// "C5" and "$C$5" for 0-based row and column.
std::string cell(int row, int column);
std::string absolute(int row, int column);
/// A cell of another sheet: 'Linjer'!$H$5.
std::string on(const std::string& sheet, int row, int column);
/// SUM over the cells of `rows` in one column of `sheet`, runs of rows as ranges; "0" for none.
std::string sum_of(const std::string& sheet, std::vector<int> rows, int column);
/// The Excel number format of a table's cell: #,##0 for money, the column's decimals otherwise.
std::string format_of(const Cell& c, const Column& column);

// Cells of one sheet; widths follow the longest text of each column.
class SheetBuilder {
 public:
  explicit SheetBuilder(std::string name) { sheet_.name = std::move(name); }

  void text(int row, int column, std::string text, LiveStyle style = LiveStyle::kPlain) {
    widen(column, text.size(), style == LiveStyle::kTitle);
    sheet_.cells.push_back({row, column, std::move(text), std::nullopt, "", "", style});
  }
  // A line of text that may run across the empty cells to its right.
  void note(int row, std::string text) {
    widen(0, 0, true);
    sheet_.cells.push_back({row, 0, std::move(text), std::nullopt, "", "", LiveStyle::kPlain});
  }
  void number(int row, int column, double value, std::string format,
              LiveStyle style = LiveStyle::kPlain) {
    widen(column, 12, false);
    sheet_.cells.push_back({row, column, "", value, "", std::move(format), style});
  }
  void formula(int row, int column, std::string formula, double cached, std::string format,
               LiveStyle style = LiveStyle::kPlain) {
    widen(column, 12, false);
    sheet_.cells.push_back({row, column, "", cached, std::move(formula), std::move(format), style});
  }
  void formula_text(int row, int column, std::string formula, std::string cached,
                    LiveStyle style = LiveStyle::kPlain) {
    widen(column, 8, false);
    sheet_.cells.push_back(
        {row, column, std::move(cached), std::nullopt, std::move(formula), "", style});
  }
  void freeze(int rows) { sheet_.freeze_rows = rows; }
  const std::string& name() const { return sheet_.name; }
  LiveSheet take() { return std::move(sheet_); }

 private:
  // A title may run across the empty cells to its right, so it does not widen its column.
  void widen(int column, size_t bytes, bool title) {
    auto c = static_cast<size_t>(column);
    if (sheet_.widths.size() <= c)
      sheet_.widths.resize(c + 1, 8.0);
    if (!title)
      sheet_.widths[c] = std::clamp(static_cast<double>(bytes) + 2, sheet_.widths[c], 60.0);
  }
  LiveSheet sheet_;
};

/// The inputs the formulas use, with the defined name of each.
class Inputs {
 public:
  explicit Inputs(const Scenario& s);

  /// The name of `q`'s cell, or the value itself for a quantity that has no path.
  std::string operator()(const Quantity& q);
  std::string price_base() { return (*this)(price_base_); }

  /// Those used, in the order of all_quantities() (the file's order), the price base first.
  std::vector<const Quantity*> used(const Scenario& s) const;
  const std::string& name(const std::string& path) const { return names_.at(path); }

 private:
  Quantity price_base_;
  std::map<std::string, std::string> names_;  // path -> name
  std::set<std::string> taken_;               // names, folded to lower case
  std::vector<const Quantity*> used_;
};

// Row 1: the title; row 2: a note; row 3: the header.
inline void head(SheetBuilder& sheet, const std::string& title, const std::string& note,
                 const std::vector<std::string>& header) {
  sheet.text(0, 0, title, LiveStyle::kTitle);
  if (!note.empty())
    sheet.note(1, note);
  for (size_t c = 0; c < header.size(); ++c)
    sheet.text(kLiveBodyRow - 1, static_cast<int>(c), header[c], LiveStyle::kHeader);
  sheet.freeze(kLiveBodyRow);
}

inline void notes(SheetBuilder& sheet, const Table& table, int row) {
  for (const std::string& note : table.notes)
    sheet.note(row++, note);
}

inline int column_of(const Table& table, const std::string& id) {
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (table.columns[c].id == id)
      return static_cast<int>(c);
  }
  return -1;
}
inline bool is_year(const std::string& id) {
  return !id.empty() &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The tier of a table's row: its model cell, or the one model of the table.
inline Tier tier_of(const Table& table, const Row& row, Tier only) {
  if (!table.columns.empty() && table.columns[0].id == "model")
    return *parse_tier(row.cells[0].key);
  return only;
}

// Title, note, header; body cells: text, or the formula `at` gives (else the value).
template <typename At>
SheetBuilder table_sheet(const Table& table, std::string name, const std::string& note, At at) {
  SheetBuilder sheet(std::move(name));
  std::vector<std::string> header;
  for (const Column& c : table.columns)
    header.push_back(c.label);
  head(sheet, table.title, note, header);
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const Row& row = table.rows[r];
    int sheet_row = kLiveBodyRow + static_cast<int>(r);
    bool bold = row.kind == RowKind::kSubtotal || row.kind == RowKind::kTotal;
    LiveStyle style = bold ? LiveStyle::kBold : LiveStyle::kPlain;
    for (size_t c = 0; c < row.cells.size() && c < table.columns.size(); ++c) {
      const Cell& value = row.cells[c];
      auto column = static_cast<int>(c);
      bool text = type_of(value, table.columns[c]) == ColumnType::kText;
      if (!text && !value.number)
        continue;  // a blank cell: nothing to compute
      std::string formula = at(row, sheet_row, table.columns[c], column);
      if (value.number && !formula.empty()) {
        sheet.formula(sheet_row, column, formula, *value.number, format_of(value, table.columns[c]),
                      style);
      } else if (value.number) {
        sheet.number(sheet_row, column, *value.number, format_of(value, table.columns[c]), style);
      } else if (!formula.empty()) {
        sheet.formula_text(sheet_row, column, formula, value.text, style);
      } else if (!value.text.empty()) {
        sheet.text(sheet_row, column, value.text, style);
      }
    }
  }
  notes(sheet, table, kLiveBodyRow + static_cast<int>(table.rows.size()) + 1);
  return sheet;
}

/// The sheets of the coverage tables (participants, distinct young people, caseload, company
/// places), formulas over the inputs; `initiative_row(tier, id)` is the lines sheet's row of that
/// model's initiative line.
std::vector<SheetBuilder> coverage_sheets(
    const Scenario& s, Lang lang, Inputs& in, const std::string& lines_sheet,
    const std::function<int(Tier, const std::string&)>& initiative_row);

}  // namespace ungegaranti::workbook_detail
