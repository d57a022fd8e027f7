#pragma once

#include <vector>

#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The spread per model and measure, and the probabilities.
std::vector<Table> monte_carlo_tables(const Scenario& scenario, const MonteCarloResult& result,
                                      Lang lang);

}  // namespace ungegaranti
