#pragma once

#include <string>
#include <vector>

#include "ungegaranti/chart_types.hpp"
#include "ungegaranti/render/render.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// One self-contained HTML document: inline CSS and inline SVG, no scripts and nothing fetched.
/// The tables in order, each as a <table> with its notes below it, each figure after the last
/// table its `after` names (at the end if there is none), and the first table's stamp at the end.
/// Print CSS lays it out on A4. options.format is ignored. Calls check_finite() first.
std::string render_html(const std::vector<Table>& tables, const std::vector<Figure>& figures,
                        const RenderOptions& options);

}  // namespace ungegaranti
