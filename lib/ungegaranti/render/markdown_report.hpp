#pragma once

#include <string>
#include <vector>

#include "ungegaranti/chart_types.hpp"
#include "ungegaranti/render/render.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The folder of a Markdown document's figures, beside it: "bilag-figurer" for "bilag.md" in
/// Danish, "bilag-figures" in English.
std::string figure_folder(const std::string& path, Lang lang);

/// Writes the tables as Markdown to `path` and each figure as an SVG file in figure_folder(),
/// numbered in order ("1-cost.svg"), which the document links after its table (docs/output.md).
/// Everything is rendered before anything is written, and the two are written as one unit
/// (write_with_folder): a failed run leaves the old pair, and two runs do not mix.
void write_markdown_with_figures(const std::vector<Table>& tables,
                                 const std::vector<Figure>& figures, const RenderOptions& options,
                                 const std::string& path);

}  // namespace ungegaranti
