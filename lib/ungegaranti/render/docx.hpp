#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/chart_types.hpp"
#include "ungegaranti/render/render.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// Writes a Word document (.docx, WordprocessingML packed with libzip) on A4: a title, then each
/// table under its title as "heading 1" (shown as "Overskrift 1" by a Danish Word) with its notes
/// below it in a smaller style, each figure as a PNG after the last table its `after` names.
/// The summary in words (the table "narrative") is written as paragraphs. A table too wide for
/// portrait gets a landscape section of its own. The page header holds "Bilag"/"Appendix", the
/// title and the first table's stamp; the footer "Side X af Y". Cells show what the other
/// renderers show (render_detail::display). options.format is ignored. Calls check_finite()
/// first; the file is written whole or not at all (write_file_atomically), and the same input
/// gives the same bytes (every zip entry has a fixed date, and nothing holds today's). Throws
/// Error.
void write_docx(const std::vector<Table>& tables, const std::vector<Figure>& figures,
                const std::string& path, const RenderOptions& options);

namespace render_detail {

/// Page geometry in twips (1/20 pt): A4 with 2 cm margins.
inline constexpr int kA4Short = 11906, kA4Long = 16838, kMargin = 1134;
inline constexpr int kPortraitText = kA4Short - 2 * kMargin;  // 9638
inline constexpr int kLandscapeText = kA4Long - 2 * kMargin;  // 14570
/// The left and right margin inside a table cell, and an allowance for the estimate below.
inline constexpr int kCellMargin = 57, kCellSlack = 40;

/// Text for WordprocessingML content and attributes: & < > " escaped, characters XML 1.0 does
/// not allow (controls other than tab and newline, invalid UTF-8) dropped; other UTF-8, such as
/// æøå, as it is.
std::string docx_escape(std::string_view text);

/// The width of `text` on one line in twips, set in Arial (Liberation Sans) at `points`: the sum
/// of each character's advance width from Arial's metrics (thousandths of an em; 600 for a
/// character outside the table), 7 % more in bold, rounded up.
int text_twips(std::string_view text, double points, bool bold = false);

/// A text cell's break points: the spaces, and in a word longer than 20 bytes (a path, a URL)
/// a zero-width space (U+200B) after each of . / _ ? & = - so that it can wrap there too.
std::string breakable_text(std::string_view text);

/// The narrowest and the preferred width of a column in twips, cell margins included: a number
/// or a bold header word must fit whole; a text cell may wrap between words.
struct ColumnWidth {
  int min = 0, want = 0;
  bool operator==(const ColumnWidth&) const = default;
};
std::vector<ColumnWidth> measure_columns(const Table& table, const RenderOptions& options,
                                         double points);

/// Widths that sum to at most `available`: the preferred widths when they fit; else each column's
/// minimum plus a share of what is left in proportion to (want - min), rounded down; when not even
/// the minimums fit, every column scaled down in proportion to its minimum, rounded down.
std::vector<int> fit_columns(const std::vector<ColumnWidth>& columns, int available);

/// Where a table goes: portrait when its columns' minimums fit the portrait text width at the
/// base size (8 pt; 7 pt for the assumptions register), else landscape at the first of the base
/// size, 7 pt and 6.5 pt at which they fit (the smallest if none does).
struct TableLayout {
  bool landscape = false;
  double points = 8.0;
  std::vector<int> widths;
  bool operator==(const TableLayout&) const = default;
};
TableLayout layout_table(const Table& table, const RenderOptions& options);

}  // namespace render_detail
}  // namespace ungegaranti
