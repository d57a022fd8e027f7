#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/error.hpp"
#include "ungegaranti/lang.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// Every quantity of a resolved scenario, in the order of the file's sections: what the
/// assumptions register lists.
std::vector<const Quantity*> all_quantities(const Scenario& scenario);

/// Every quantity at `path` (a ramp shared by the models is held once per model), to be changed.
std::vector<Quantity*> quantities_at(Scenario& scenario, const std::string& path);

/// Whether a quantity's figure is an assumption rather than a sourced figure: its source says
/// "antagelse" (or "assumption"), it is a default, or it has no source at all.
bool is_assumption(const Quantity& quantity);

/// What a quantity's figure rests on, as the assumptions register shows it: the programme's own
/// proposal (its `source` begins with the scenario's `proposal_source`), another public source,
/// or an assumption (is_assumption()).
enum class SourceKind { kProposal, kPublic, kAssumption };
inline constexpr EnumId<SourceKind> kSourceKindIds[] = {{SourceKind::kProposal, "proposal"},
                                                        {SourceKind::kPublic, "public"},
                                                        {SourceKind::kAssumption, "assumption"}};

SourceKind source_kind(const Scenario& scenario, const Quantity& quantity);

/// "forslaget", "offentlig kilde", "antagelse" (in English: "the proposal", "public source",
/// "assumption").
std::string source_kind_name(SourceKind kind, Lang lang);

/// The initiatives marked `illustration: true`, by name, and that they and their amounts are the
/// tool's illustration for the administration's own figures to replace; nullopt when none is
/// marked. The report's summary notes and `validate` say it.
std::optional<Message> illustration_note(const Scenario& scenario);

}  // namespace ungegaranti
