// The report as one HTML file that needs nothing else: a council secretary can mail it, open it
// offline and print it on A4.
#include "ungegaranti/render/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "ungegaranti/render/svg.hpp"

namespace ungegaranti {
namespace {

using render_detail::display;
using render_detail::escape_xml;
using render_detail::numeric;
using render_detail::titled;

// Screen first; the print rules keep each table and chart on one page where it fits and repeat a
// long table's header on every page.
constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 14px;
       line-height: 1.4; color: #222; background: #fff; max-width: 1100px; margin: 24px auto;
       padding: 0 24px; }
header .kind { margin: 0; color: #555; text-transform: uppercase; letter-spacing: .06em;
               font-size: 12px; }
h1 { font-size: 22px; margin: 0 0 12px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.wide { overflow-x: auto; }
table { border-collapse: collapse; margin: 0 0 6px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #444; background: #f2f2f2; }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
tr.subtotal td, tr.total td { font-weight: bold; }
tr.subtotal td { border-top: 1px solid #888; }
tr.total td { border-top: 2px solid #444; }
p.note { font-size: 12px; color: #444; margin: 4px 0; max-width: 60em; }
figure { margin: 28px 0; }
figure svg { display: block; width: 100%; max-width: 720px; height: auto; }
figcaption p { font-size: 12px; color: #444; margin: 4px 0; max-width: 60em; }
footer.stamp { margin-top: 32px; border-top: 1px solid #999; padding-top: 6px; font-size: 12px;
               color: #444; }
@page { size: A4 portrait; margin: 14mm 12mm 16mm 12mm; }
@media print {
  body { font-size: 8.5pt; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 16pt; }
  h2 { font-size: 11.5pt; margin-top: 16pt; break-after: avoid; }
  th, td { padding: 1.5pt 4pt; }
  p.note, figcaption p { font-size: 8pt; }
  .wide { overflow: visible; }
  section, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  figure svg { max-width: 100%; }
  footer.stamp { font-size: 8pt; }
}
)";

std::string_view row_class(RowKind kind) {
  switch (kind) {
    case RowKind::kSubtotal:
      return R"( class="subtotal")";
    case RowKind::kFunding:
      return R"( class="funding")";
    case RowKind::kTotal:
      return R"( class="total")";
    case RowKind::kBody:
      break;
  }
  return "";
}

// Escaped text in which a long word (a scenario path, a URL) may break after . / _ and the like,
// so that the assumptions register fits the width of an A4 page.
std::string breakable(std::string_view text) {
  constexpr size_t kLong = 20;
  std::string out;
  for (size_t start = 0; start <= text.size();) {
    size_t end = std::min(text.find_first_of(" \n", start), text.size());
    std::string_view word = text.substr(start, end - start);
    for (size_t i = 0; i < word.size(); ++i) {
      out += escape_xml(word.substr(i, 1));
      if (word.size() > kLong && i + 1 < word.size() &&
          std::string_view("./_?&=").find(word[i]) != std::string_view::npos)
        out += "<wbr>";
    }
    if (end < text.size())
      out += text[end];
    start = end + 1;
  }
  return out;
}

std::string table_html(const Table& table, const std::string& id, const RenderOptions& options) {
  std::string out =
      fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n<div class=\"wide\">\n<table>\n<thead><tr>",
                  escape_xml(id), escape_xml(titled(table, options)));
  for (const Column& c : table.columns) {
    out += fmt::format(R"(<th scope="col"{}>{}</th>)", numeric(c) ? R"( class="num")" : "",
                       escape_xml(c.label));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const Row& row : table.rows) {
    out += fmt::format("<tr{}>", row_class(row.kind));
    for (size_t i = 0; i < table.columns.size() && i < row.cells.size(); ++i) {
      bool number = type_of(row.cells[i], table.columns[i]) != ColumnType::kText;
      std::string shown = display(row.cells[i], table.columns[i], options);
      out += fmt::format("<td{}>{}</td>", number ? R"( class="num")" : "",
                         number ? escape_xml(shown) : breakable(shown));
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n";
  for (const std::string& note : table.notes)
    out += fmt::format("<p class=\"note\">{}</p>\n", escape_xml(note));
  return out + "</section>\n";
}

const std::vector<std::string>& notes_of(const Chart& chart) {
  return std::visit([](const auto& c) -> const std::vector<std::string>& { return c.notes; },
                    chart);
}

std::string figure_html(const Figure& figure, const RenderOptions& options) {
  std::string out = "<figure>\n" + render_svg(figure.chart, options);
  const std::vector<std::string>& notes = notes_of(figure.chart);
  if (!notes.empty()) {
    out += "<figcaption>";
    for (const std::string& note : notes)
      out += fmt::format("<p>{}</p>", escape_xml(note));
    out += "</figcaption>\n";
  }
  return out + "</figure>\n";
}

}  // namespace

std::string render_html(const std::vector<Table>& tables, const std::vector<Figure>& figures,
                        const RenderOptions& options) {
  check_finite(tables);
  bool da = options.lang == Lang::kDa;
  const Stamp stamp = tables.empty() ? Stamp{} : tables.front().stamp;
  // Each figure goes after the last table with its id; the others after the last table.
  std::map<std::string, size_t> last_of;
  for (size_t i = 0; i < tables.size(); ++i)
    last_of[tables[i].id] = i;
  std::multimap<size_t, const Figure*> after;
  for (const Figure& f : figures) {
    auto it = last_of.find(f.after);
    after.emplace(it != last_of.end() ? it->second : tables.size(), &f);
  }

  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n"
      "<header>\n<p class=\"kind\">{}</p>\n<h1>{}</h1>\n</header>\n<main>\n",
      da ? "da" : "en", escape_xml(stamp.title), kStyle, da ? "Bilag" : "Appendix",
      escape_xml(stamp.title));
  std::map<std::string, int> seen;
  auto place_figures = [&](size_t index) {
    auto [from, to] = after.equal_range(index);
    for (auto it = from; it != to; ++it)
      out += figure_html(*it->second, options);
  };
  for (size_t i = 0; i < tables.size(); ++i) {
    int n = ++seen[tables[i].id];
    std::string id = n == 1 ? tables[i].id : fmt::format("{}-{}", tables[i].id, n);
    out += table_html(tables[i], id, options);
    place_figures(i);
  }
  place_figures(tables.size());
  return out + fmt::format("</main>\n<footer class=\"stamp\">{}</footer>\n</body>\n</html>\n",
                           escape_xml(stamp_line(stamp, options.lang)));
}

}  // namespace ungegaranti
