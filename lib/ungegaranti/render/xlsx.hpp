#pragma once

#include <string>
#include <vector>

#include "ungegaranti/render/render.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// Writes an Excel workbook: one sheet per table, then a "Stempel"/"Stamp" sheet with each
/// different stamp. A table's sheet has its title (row 1), the unit and price base (row 2), the
/// bold header (row 3, frozen, and repeated on every printed page), the body from row 4, then its
/// notes in wrapped cells. Every sheet prints on A4 landscape, one page wide, with the table's
/// title in the page header ("Bilag"/"Appendix" beside it when the tables are the report's, which
/// has a table "stamp") and the stamp's short form and the page number in the footer. Long text
/// columns wrap. The cost tables, the NEET projection and the tornados get a native chart beside
/// them that refers to their cells. Numbers are numeric cells whose number format shows
/// options.unit (Excel scales tkr and mkr), so a sum in Excel stays in kroner.
/// options.format is ignored. The file is written whole or not at all, as write_file_atomically()
/// does; check_finite() runs before anything is written. Throws Error.
void write_xlsx(const std::vector<Table>& tables, const std::string& path,
                const RenderOptions& options);

namespace render_detail {
/// The sheet names write_xlsx() uses, the stamp sheet last: each kind of table's short name in
/// `lang` by its id ("Sammendrag", "Udgifter efter forankring", "Tornado guld"), or else its title
/// (or its id) made valid for Excel (at most 31 characters, cut at a word boundary, none of
/// []:*?/\, no leading or trailing apostrophe); unique within the workbook, ignoring case, by
/// adding " (2)", " (3)", ...
std::vector<std::string> sheet_names(const std::vector<Table>& tables, Lang lang);
}  // namespace render_detail

}  // namespace ungegaranti
