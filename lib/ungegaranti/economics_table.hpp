#pragma once

#include <vector>

#include "ungegaranti/economics.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The tables of `economics`: a summary per model (municipality first), the net result per year,
/// and the steps up from the cheapest model with dominated models marked.
std::vector<Table> economics_tables(const Scenario& scenario, const EconomicsResult& result,
                                    Lang lang);

}  // namespace ungegaranti
