#pragma once

#include <string>

#include "ungegaranti/workbook.hpp"

namespace ungegaranti {

/// Writes the live workbook (build_live_workbook()) to `path`: formulas with their cached
/// results, the defined names, input cells unlocked and coloured, every sheet protected without a
/// password. Written whole or not at all, as write_xlsx(). Throws Error.
void write_live_xlsx(const LiveWorkbook& workbook, const std::string& path);

}  // namespace ungegaranti
