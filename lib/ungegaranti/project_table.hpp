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

/// The target's name: "Bedste tredjedel af alle kommuner", ...
std::string target_name(Target target, Lang lang);

/// The threshold rule of a target in words, with the ranks it allows: "placering 1-32 af 98"
/// (best third of all 98: at most floor(98 / 3) = 32), "højst gennemsnittet af de 30 andre i
/// gruppen". Empty for no target.
std::string target_rule(Target target, const ProjectionResult& result, Lang lang);

/// The four rank columns that the projection's and the follow-up's NEET tables share: the rank
/// among all `all` municipalities, its third, the rank in the comparable group of `group`, its
/// third (ids rank_all, tercile_all, rank_group, tercile_group).
std::vector<Column> rank_columns(int all, int group, Lang lang);

/// "Ja", "Usikkert", "Nej" (or in English) for a verdict; empty for none.
std::string verdict_name(Verdict verdict, Lang lang);

/// The sentences that say what a model's verdict rests on: that the target is already met
/// without the guarantee, or met in the central projection but in too few of the futures.
std::vector<std::string> verdict_notes(const ProjectionResult& result, const ModelPath& path,
                                       Lang lang);

}  // namespace ungegaranti
