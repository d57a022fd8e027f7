#pragma once

#include <string>
#include <vector>

#include "ungegaranti/render/render.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// Writes an Excel workbook: one sheet per table (title row, bold header, frozen below it), then a
/// "Stempel"/"Stamp" sheet with the stamp and each table's notes. Numbers are numeric cells whose
/// number format shows options.unit (Excel scales tkr and mkr), so a sum in Excel stays in kroner.
/// options.format is ignored. The file is written whole or not at all, as write_file_atomically()
/// does; check_finite() runs before anything is written. Throws Error.
void write_xlsx(const std::vector<Table>& tables, const std::string& path,
                const RenderOptions& options);

namespace render_detail {
/// The sheet names write_xlsx() uses, the stamp sheet last: each table's title (or its id) made
/// valid for Excel (at most 31 characters, none of []:*?/\, no leading or trailing apostrophe)
/// and unique within the workbook, ignoring case, by adding " (2)", " (3)", ...
std::vector<std::string> sheet_names(const std::vector<Table>& tables, Lang lang);
}  // namespace render_detail

}  // namespace ungegaranti
