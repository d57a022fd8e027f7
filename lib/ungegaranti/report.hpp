#pragma once

#include <vector>

#include "ungegaranti/comparison.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The council-paper appendix as tables, in order: summary; costs by category, track, department
/// and role; coverage; projection; economics; the assumptions register; the stamp. Sections the
/// scenario cannot give (no projection or economics section, or no data) are left out and the
/// summary's notes say so. `data` is the scenario's comparison data, or nullptr. With a Monte
/// Carlo result (`report --draws`), the summary gains the probability of meeting the target, the
/// sensitivity section the Monte Carlo's tables, and the stamp the seed.
std::vector<Table> report_tables(const Scenario& scenario, const NeetData* data, Lang lang,
                                 const MonteCarloResult* monte_carlo = nullptr);

}  // namespace ungegaranti
