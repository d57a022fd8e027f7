#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The output formats. kXlsx and kDocx are binary: write_xlsx() (render/xlsx.hpp) and
/// write_docx() (render/docx.hpp) write them to a file, and render() refuses them. kHtml through
/// render() has no charts; render_html() takes them.
enum class Format { kTable, kMarkdown, kCsv, kJson, kHtml, kXlsx, kDocx };
inline constexpr EnumId<Format> kFormatIds[] = {
    {Format::kTable, "table"}, {Format::kMarkdown, "md"}, {Format::kCsv, "csv"},
    {Format::kJson, "json"},   {Format::kHtml, "html"},   {Format::kXlsx, "xlsx"},
    {Format::kDocx, "docx"}};
std::optional<Format> parse_format(std::string_view text);

/// The format that an output file's extension asks for (.txt, .md, .csv, .json, .html or .htm,
/// .xlsx, .docx), or nullopt.
std::optional<Format> format_for_path(std::string_view path);

struct RenderOptions {
  Format format = Format::kTable;
  Lang lang = Lang::kDa;
  Unit unit = Unit::kKr;
};

/// The whole document for one table, ending with its stamp.
std::string render(const Table& table, const RenderOptions& options);

/// Throws Error naming the table, row and column of the first number that is not finite, or too
/// large to be exact: above 2^53 (about 9e15) kroner for money, where a double no longer holds
/// whole kroner and totals stop matching their rows, and above 2^53 / 10^d for a number shown
/// with d decimals. No renderer ever writes one (libxlsxwriter would write a broken cell, JSON a
/// null, the text formats 300 digits).
void check_finite(const std::vector<Table>& tables);

/// One document with several tables, one after the other, ending with the first table's stamp.
/// Calls check_finite() first.
std::string render(const std::vector<Table>& tables, const RenderOptions& options);

/// A figure of a Markdown document: an image link placed after the last table whose id is `after`.
struct FigureLink {
  std::string after, path, title;
};

/// Markdown with image links to figures stored beside it (the report's `bilag-figurer/`).
std::string render_markdown(const std::vector<Table>& tables,
                            const std::vector<FigureLink>& figures, const RenderOptions& options);

namespace render_detail {
std::string render_text(const std::vector<Table>& tables, const RenderOptions& options);
std::string render_markdown(const std::vector<Table>& tables, const RenderOptions& options);
std::string markdown_document(const std::vector<Table>& tables,
                              const std::vector<FigureLink>& figures, const RenderOptions& options);
std::string render_csv(const std::vector<Table>& tables, const RenderOptions& options);
std::string render_json(const std::vector<Table>& tables);

/// Where each figure goes: the index of the table it follows, or `table_ids.size()` (the end) for
/// a figure whose `after` names no table. The k-th figure that names an id follows the k-th table
/// with that id (the last one when there are more such figures than tables), so each chart stays
/// with its own table: the report's cost chart (by category) with the first cost table, each
/// model's tornado with its model's table.
std::vector<size_t> figure_positions(const std::vector<std::string>& table_ids,
                                     const std::vector<std::string>& figure_afters);

/// Whether a column holds numbers (right-aligned).
bool numeric(const Column& column);

/// A cell as shown to a person: text as is, money scaled to the unit and grouped.
std::string display(const Cell& cell, const Column& column, const RenderOptions& options);

/// The title with the unit, when the table has money columns: "Udgifter pr. år — Sølv (kr.)".
std::string titled(const Table& table, const RenderOptions& options);
}  // namespace render_detail

}  // namespace ungegaranti
