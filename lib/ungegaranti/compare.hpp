#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

/// Everything `compare` shows for one model of one scenario. Measures a scenario cannot give
/// (no population, projection or economics section) are empty.
struct Measures {
  std::vector<double> gross, net;  // per budget year, DKK, current prices as in `cost`
  double gross_total = 0.0, net_total = 0.0;
  double fte = 0.0;                      // staffing of the model
  std::optional<double> reached;         // distinct young people reached in the last budget year
  std::optional<double> neet_share_pct;  // at the model's horizon
  std::optional<int> horizon;
  std::optional<Rank> rank_all, rank_group;
  std::optional<bool> target_met;
  std::optional<Verdict> verdict;   // as in `project`
  std::optional<bool> met_without;  // the development without the guarantee meets the target
  std::optional<double> p_met, p_met_without;       // in the backtest's futures (project)
  std::optional<double> margin_pp, required_scale;  // as in `project`
  std::optional<double> avoided_neet_years, cost_per_avoided, npv_total, npv_kommune;
  bool operator==(const Measures&) const = default;
};

/// The measures of `tier` in `scenario`. `data` is the scenario's comparison data, needed when it
/// has a projection section (nullptr otherwise).
Measures measure(const Scenario& scenario, Tier tier, const NeetData* data);

/// Checks that scenarios can stand side by side: the same budget years and price base (else
/// Error). Returns notes, in `lang`, on what differs but does not stop the comparison (the
/// municipality, the comparison data).
std::vector<std::string> check_comparable(const std::vector<const Scenario*>& scenarios, Lang lang);

}  // namespace ungegaranti
