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
@page { size: A4 portrait; margin: 16mm 12mm 16mm 12mm; }
@page register { size: A4 landscape; margin: 14mm 12mm 14mm 12mm; }
@media print {
  body { font-size: 8.5pt; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 16pt; }
  h2 { font-size: 11.5pt; margin-top: 16pt; break-after: avoid; }
  th, td { padding: 1.5pt 4pt; }
  p.note, figcaption p { font-size: 8pt; }
  .wide { overflow: visible; }
  /* A short table is kept whole; a long one may break between rows, so that the chart after
     it can stay on the page of its last rows. */
  section.short, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  /* No row alone at the foot or the head of a page: at least two rows on each side of a break,
     and a table's notes and chart stay with its last rows. */
  tbody tr:nth-child(2), tbody tr:nth-last-child(1), tbody tr:nth-last-child(2) {
    break-before: avoid; }
  p.note, figure { break-before: avoid; }
  p { orphans: 3; widows: 3; }
  figure svg { max-width: 100%; }
  footer.stamp { font-size: 8pt; }
  /* The assumptions register on landscape pages, in a small type: its notes are long. */
  section.register { page: register; }
  section.register table { font-size: 6.8pt; width: 100%; }
  section.register th, section.register td { padding: 1pt 3pt; }
  section.register td:last-child { min-width: 38%; }
}
)";

// A CSS string literal: "text" with " and \ escaped, line breaks as spaces, and < as the escape
// \3c, so that a title holding "</style>" cannot end the style element.
std::string css_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '<') {
      out += "\\3c ";
      continue;
    }
    if (c == '"' || c == '\\')
      out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + '"';
}

// The printed page's margins: the title and "Bilag" in the header, the stamp and "Side 3 af 20"
// in the footer (CSS page-margin boxes).
std::string page_margins(const Stamp& stamp, const RenderOptions& options) {
  std::string header = stamp.title;
  header += in_lang(options.lang, " · Bilag", " · Appendix");
  header = css_string(header);
  std::string footer = css_string(stamp_line(stamp, options.lang));
  std::string page = in_lang(options.lang, R"("Side " counter(page) " af " counter(pages))",
                             R"("Page " counter(page) " of " counter(pages))");
  std::string boxes = fmt::format(
      "  @top-left {{ content: {}; font: 7.5pt 'Liberation Sans', Arial, sans-serif; color: #555; "
      "}}\n"
      "  @bottom-left {{ content: {}; font: 6.5pt 'Liberation Sans', Arial, sans-serif; color: "
      "#555;"
      " width: 80%; }}\n"
      "  @bottom-right {{ content: {}; font: 7.5pt 'Liberation Sans', Arial, sans-serif; }}\n",
      header, footer, page);
  return fmt::format("@media print {{\n@page {{\n{0}}}\n@page register {{\n{0}}}\n}}\n", boxes);
}

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

// A table of at most this many rows is printed on one page (it moves to the next page whole).
constexpr size_t kShortTable = 15;

std::string table_html(const Table& table, const std::string& id, const RenderOptions& options) {
  std::string out =
      fmt::format("<section id=\"{}\"{}>\n<h2>{}</h2>\n<div class=\"wide\">\n<table>\n<thead><tr>",
                  escape_xml(id),
                  table.id == "assumptions"          ? R"( class="register")"
                  : table.rows.size() <= kShortTable ? R"( class="short")"
                                                     : "",
                  escape_xml(titled(table, options)));
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
  const Stamp stamp = tables.empty() ? Stamp{} : tables.front().stamp;
  // Each figure goes after its table (render_detail::figure_positions); the others at the end.
  std::vector<std::string> ids, afters;
  for (const Table& t : tables)
    ids.push_back(t.id);
  for (const Figure& f : figures)
    afters.push_back(f.after);
  std::vector<size_t> position = render_detail::figure_positions(ids, afters);
  std::multimap<size_t, const Figure*> after;
  for (size_t k = 0; k < figures.size(); ++k)
    after.emplace(position[k], &figures[k]);

  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}{}</style>\n</head>\n<body>\n"
      "<header>\n<p class=\"kind\">{}</p>\n<h1>{}</h1>\n</header>\n<main>\n",
      in_lang(options.lang, "da", "en"), escape_xml(stamp.title), kStyle,
      page_margins(stamp, options), in_lang(options.lang, "Bilag", "Appendix"),
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
