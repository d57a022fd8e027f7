// Plain text for a terminal: aligned columns, numbers right-aligned, totals set apart by a rule.
#include <fmt/format.h>

#include <algorithm>

#include "ungegaranti/render/render.hpp"

namespace ungegaranti::render_detail {
namespace {

// Display width of UTF-8 text: counts code points, which is right for the Latin text we print.
size_t width(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string pad(const std::string& text, size_t to, bool right) {
  std::string fill(to > width(text) ? to - width(text) : 0, ' ');
  return right ? fill + text : text + fill;
}

// One table with its title and notes.
std::string table_text(const Table& table, const RenderOptions& options) {
  std::vector<std::vector<std::string>> grid;
  std::vector<std::string> header;
  for (const Column& c : table.columns)
    header.push_back(c.label);
  grid.push_back(header);
  for (const Row& row : table.rows) {
    std::vector<std::string> line;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      line.push_back(display(row.cells[i], table.columns[i], options));
    }
    grid.push_back(std::move(line));
  }
  std::vector<size_t> widths(table.columns.size(), 0);
  for (const auto& line : grid) {
    for (size_t i = 0; i < line.size(); ++i)
      widths[i] = std::max(widths[i], width(line[i]));
  }
  auto format_line = [&](const std::vector<std::string>& line) {
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
      if (i > 0)
        out += "  ";
      out += pad(line[i], widths[i], numeric(table.columns[i]));
    }
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    return out + "\n";
  };
  size_t total_width = 0;
  for (size_t w : widths)
    total_width += w;
  total_width += 2 * (widths.empty() ? 0 : widths.size() - 1);
  std::string rule(total_width, '-');

  std::string out = titled(table, options) + "\n\n" + format_line(grid[0]) + rule + "\n";
  size_t block_start = 0;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    RowKind kind = table.rows[r].kind;
    // A blank line between the blocks of different models, where a block has several rows.
    bool model_changes = table.columns[0].id == "model" && r > 0 &&
                         table.rows[r - 1].cells[0].key != table.rows[r].cells[0].key;
    if (model_changes && r - block_start > 1)
      out += "\n";
    if (model_changes)
      block_start = r;
    if (kind == RowKind::kSubtotal || kind == RowKind::kTotal)
      out += rule + "\n";
    out += format_line(grid[r + 1]);
  }
  if (!table.notes.empty())
    out += "\n";
  for (const std::string& note : table.notes)
    out += note + "\n";
  return out;
}

}  // namespace

std::string render_text(const std::vector<Table>& tables, const RenderOptions& options) {
  std::string out;
  for (const Table& table : tables)
    out += table_text(table, options) + "\n";  // a blank line after each table
  return out + stamp_line(tables.front().stamp, options.lang) + "\n";
}

}  // namespace ungegaranti::render_detail
