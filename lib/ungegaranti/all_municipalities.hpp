#pragma once

#include <optional>
#include <vector>

#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/population.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// Where one model of the scenario's programme would land in one municipality, at the model's
/// horizon (`project --all-municipalities`, docs/method.md#every-municipality).
struct MunicipalityOutcome {
  int code = 0;
  std::string name;
  int group = 0;  // DST kommunegruppe
  int population = 0;
  Tier tier = Tier::kSolv;
  Target target = Target::kNone;
  int horizon = 0;
  double baseline_pct = 0.0, model_pct = 0.0;  // NEET share at the horizon, percent
  Rank baseline_all, model_all, model_group;   // ranks at the horizon
  double threshold_pct = 0.0, margin_pp = 0.0;
  Verdict verdict = Verdict::kNone;
  std::optional<double> required_scale;  // factor on the effects that just meets the target
  bool operator==(const MunicipalityOutcome&) const = default;
};

/// The scenario for municipality `code`: its name, its age bands' head counts derived from the
/// scenario's own (scaled by the ratio of the two populations, as localize_tree() does), and its
/// own DST group as the comparable group. The participants, staff and costs are the scenario's.
Scenario for_municipality(const Scenario& scenario, int code, const PopulationData& population);

/// project() for every municipality of `data`, in ascending kommunekode, one outcome per
/// municipality and model. Throws Error as project() does, and when a municipality of the data
/// has no population in `population`.
std::vector<MunicipalityOutcome> project_all_municipalities(const Scenario& scenario,
                                                            const NeetData& data,
                                                            const std::vector<Tier>& tiers,
                                                            const PopulationData& population);

/// The one Table of `project --all-municipalities`.
Table all_municipalities_table(const Scenario& scenario,
                               const std::vector<MunicipalityOutcome>& outcomes,
                               const NeetData& data, Lang lang);

}  // namespace ungegaranti
