// Markdown pipe tables, which pandoc turns into Word tables; numbers are right-aligned.
#include <fmt/format.h>

#include <algorithm>

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

// The document: each table, then the figures that follow it, then the stamp.
std::string markdown_document(const std::vector<Table>& tables,
                              const std::vector<FigureLink>& figures,
                              const RenderOptions& options) {
  std::string out;
  for (size_t i = 0; i < tables.size(); ++i) {
    out += table_markdown(tables[i], options);
    bool last_of_its_kind =
        std::none_of(tables.begin() + static_cast<std::ptrdiff_t>(i) + 1, tables.end(),
                     [&](const Table& t) { return t.id == tables[i].id; });
    for (const FigureLink& f : figures) {
      if (last_of_its_kind && f.after == tables[i].id)
        out += "![" + escape(f.title) + "](" + f.path + ")\n\n";
    }
  }
  return out + "*" + escape(stamp_line(tables.front().stamp, options.lang)) + "*\n";
}

std::string render_markdown(const std::vector<Table>& tables, const RenderOptions& options) {
  return markdown_document(tables, {}, options);
}

}  // namespace ungegaranti::render_detail

namespace ungegaranti {

std::string render_markdown(const std::vector<Table>& tables,
                            const std::vector<FigureLink>& figures, const RenderOptions& options) {
  check_finite(tables);
  return render_detail::markdown_document(tables, figures, options);
}

}  // namespace ungegaranti
