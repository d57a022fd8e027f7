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
  for (const Column& c : table.columns) {  // appended piece by piece: GCC 12 warns (wrongly)
    out += ' ';                            // about `" " + text + " |"` (-Wrestrict)
    out += escape(c.label);
    out += " |";
  }
  out += "\n|";
  for (const Column& c : table.columns)
    out += numeric(c) ? " ---: |" : " --- |";
  out += "\n";
  for (const Row& row : table.rows) {
    bool strong = row.kind == RowKind::kSubtotal || row.kind == RowKind::kTotal;
    out += "|";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      std::string text = escape(display(row.cells[i], table.columns[i], options));
      bool bold = strong && !text.empty();
      out += bold ? " **" : " ";
      out += text;
      out += bold ? "** |" : " |";
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
  std::vector<std::string> ids, afters;
  for (const Table& t : tables)
    ids.push_back(t.id);
  for (const FigureLink& f : figures)
    afters.push_back(f.after);
  std::vector<size_t> position = figure_positions(ids, afters);
  std::string out;
  auto place_figures = [&](size_t index) {
    for (size_t k = 0; k < figures.size(); ++k) {
      if (position[k] == index)
        out += "![" + escape(figures[k].title) + "](" + figures[k].path + ")\n\n";
    }
  };
  for (size_t i = 0; i < tables.size(); ++i) {
    out += table_markdown(tables[i], options);
    place_figures(i);
  }
  place_figures(tables.size());
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
