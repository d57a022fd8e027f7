#include "ungegaranti/render/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "ungegaranti/error.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/render/html.hpp"

namespace ungegaranti {

std::optional<Format> parse_format(std::string_view text) { return enum_from_id(kFormatIds, text); }

std::optional<Format> format_for_path(std::string_view path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  if (ext == ".txt")
    return Format::kTable;
  if (ext == ".md")
    return Format::kMarkdown;
  if (ext == ".csv")
    return Format::kCsv;
  if (ext == ".json")
    return Format::kJson;
  if (ext == ".html" || ext == ".htm")
    return Format::kHtml;
  if (ext == ".xlsx")
    return Format::kXlsx;
  if (ext == ".docx")
    return Format::kDocx;
  return std::nullopt;
}

std::string render(const Table& table, const RenderOptions& options) {
  return render(std::vector<Table>{table}, options);
}

namespace {

// 2^53: above it a double no longer holds every whole number, so a sum of kroner stops matching
// its rows, and a figure printed with d decimals stops being exact above 2^53 / 10^d.
constexpr double kExact = 9007199254740992.0;

double exact_limit(const Cell& cell, const Column& column) {
  if (type_of(cell, column) != ColumnType::kNumber)
    return kExact;  // money: whole kroner, whatever the unit it is shown in
  int decimals = decimals_of(cell, column);
  return decimals == kAsNeeded ? kExact : kExact / std::pow(10.0, std::min(decimals, 15));
}

// The row's text columns (model, line) name it; words in number columns do not.
std::string row_label(const Table& table, const Row& row) {
  std::string label;
  for (size_t k = 0; k < row.cells.size() && k < table.columns.size(); ++k) {
    const Cell& c = row.cells[k];
    if (table.columns[k].type == ColumnType::kText && !c.text.empty())
      label += (label.empty() ? "" : " / ") + c.text;
  }
  return label;
}

}  // namespace

void check_finite(const std::vector<Table>& tables) {
  for (const Table& table : tables) {
    for (const Row& row : table.rows) {
      for (size_t i = 0; i < row.cells.size() && i < table.columns.size(); ++i) {
        const std::optional<double>& v = row.cells[i].number;
        if (!v)
          continue;
        if (!std::isfinite(*v)) {
          throw Error({}, msg("'{}', række '{}', kolonne '{}': tallet er ikke et endeligt tal; et "
                              "input bag det er for stort",
                              "'{}', row '{}', column '{}': the figure is not a finite number; an "
                              "input behind it is too large",
                              table.title, row_label(table, row), table.columns[i].label));
        }
        double limit = exact_limit(row.cells[i], table.columns[i]);
        if (std::fabs(*v) > limit) {
          throw Error({}, msg("'{}', række '{}', kolonne '{}': tallet er over {}, hvor et "
                              "kommatal ikke længere kan vise det præcist; et input bag det er "
                              "for stort",
                              "'{}', row '{}', column '{}': the figure is above {}, where a "
                              "floating-point number can no longer show it exactly; an input "
                              "behind it is too large",
                              table.title, row_label(table, row), table.columns[i].label,
                              fmt::format("{:.0f}", limit)));
        }
      }
    }
  }
}

std::string render(const std::vector<Table>& tables, const RenderOptions& options) {
  check_finite(tables);
  switch (options.format) {
    case Format::kTable:
      return render_detail::render_text(tables, options);
    case Format::kMarkdown:
      return render_detail::render_markdown(tables, options);
    case Format::kCsv:
      return render_detail::render_csv(tables, options);
    case Format::kJson:
      return render_detail::render_json(tables);
    case Format::kHtml:
      return render_html(tables, {}, options);
    case Format::kXlsx:
      break;
    case Format::kDocx:
      throw Error({},
                  msg("et Word-dokument skrives til en fil (write_docx), ikke som tekst",
                      "a Word document is written to a file (write_docx), not rendered as text"));
  }
  throw Error({}, msg("en XLSX-projektmappe skrives til en fil (write_xlsx), ikke som tekst",
                      "an XLSX workbook is written to a file (write_xlsx), not rendered as text"));
}

namespace render_detail {

bool numeric(const Column& column) { return column.type != ColumnType::kText; }

std::vector<size_t> figure_positions(const std::vector<std::string>& table_ids,
                                     const std::vector<std::string>& figure_afters) {
  std::map<std::string, std::vector<size_t>> tables_with;  // id -> its tables' indexes, in order
  for (size_t i = 0; i < table_ids.size(); ++i)
    tables_with[table_ids[i]].push_back(i);
  std::map<std::string, size_t> placed;
  std::vector<size_t> out;
  for (const std::string& after : figure_afters) {
    auto it = tables_with.find(after);
    if (it == tables_with.end()) {
      out.push_back(table_ids.size());
    } else {
      size_t k = std::min(placed[after]++, it->second.size() - 1);
      out.push_back(it->second[k]);
    }
  }
  return out;
}

std::string display(const Cell& cell, const Column& column, const RenderOptions& options) {
  ColumnType type = type_of(cell, column);
  if (type == ColumnType::kText || !cell.number)
    return cell.text;
  if (type == ColumnType::kNumber && decimals_of(cell, column) == kAsNeeded)
    return format_shortest(*cell.number, 6, options.lang);
  if (type == ColumnType::kNumber)
    return format_number(*cell.number, decimals_of(cell, column), options.lang);
  return format_number(*cell.number / unit_divisor(options.unit), unit_decimals(options.unit),
                       options.lang);
}

std::string titled(const Table& table, const RenderOptions& options) {
  bool money = std::any_of(table.columns.begin(), table.columns.end(),
                           [](const Column& c) { return c.type == ColumnType::kMoney; }) ||
               std::any_of(table.rows.begin(), table.rows.end(), [](const Row& row) {
                 return std::any_of(row.cells.begin(), row.cells.end(),
                                    [](const Cell& c) { return c.type == ColumnType::kMoney; });
               });
  if (!money)
    return table.title;
  return fmt::format("{} ({})", table.title, unit_name(options.unit, options.lang));
}

}  // namespace render_detail
}  // namespace ungegaranti
