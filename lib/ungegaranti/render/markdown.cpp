// Markdown pipe tables, which pandoc turns into Word tables; numbers are right-aligned.
#include <fmt/format.h>

#include "ungegaranti/render/render.hpp"

namespace ungegaranti::render_detail {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += '\\';
    out += c;
  }
  return out;
}

std::string table_markdown(const Table& table, const RenderOptions& options) {
  std::string out = "## " + escape(titled(table, options)) + "\n\n|";
  for (const Column& c : table.columns)
    out += " " + escape(c.label) + " |";
  out += "\n|";
  for (const Column& c : table.columns)
    out += numeric(c) ? " ---: |" : " --- |";
  out += "\n";
  for (const Row& row : table.rows) {
    bool strong = row.kind == RowKind::kSubtotal || row.kind == RowKind::kTotal;
    out += "|";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      std::string text = escape(display(row.cells[i], table.columns[i], options));
      out += " " + (strong && !text.empty() ? "**" + text + "**" : text) + " |";
    }
    out += "\n";
  }
  out += "\n";
  for (const std::string& note : table.notes)
    out += escape(note) + "\n\n";
  return out;
}

}  // namespace

std::string render_markdown(const std::vector<Table>& tables, const RenderOptions& options) {
  std::string out;
  for (const Table& table : tables)
    out += table_markdown(table, options);
  return out + "*" + escape(stamp_line(tables.front().stamp, options.lang)) + "*\n";
}

}  // namespace ungegaranti::render_detail
