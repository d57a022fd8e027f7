#pragma once

#include <vector>

#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The tables of `project`: first the targets at each model's horizon (met or not, margin,
/// required effect), then the NEET path per year for the baseline and each model, with ranks.
std::vector<Table> projection_tables(const Scenario& scenario, const ProjectionResult& result,
                                     Lang lang);

}  // namespace ungegaranti
