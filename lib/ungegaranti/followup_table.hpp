#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ungegaranti/actuals.hpp"
#include "ungegaranti/followup.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The breakdown of the follow-up's money table (`followup --by`).
enum class FollowBy { kYear, kTrack, kDepartment, kCategory, kLine };
inline constexpr EnumId<FollowBy> kFollowByIds[] = {{FollowBy::kYear, "year"},
                                                    {FollowBy::kTrack, "track"},
                                                    {FollowBy::kDepartment, "department"},
                                                    {FollowBy::kCategory, "category"},
                                                    {FollowBy::kLine, "line"}};
std::optional<FollowBy> parse_follow_by(std::string_view text);

/// The tables of `followup` (docs/output.md): money (budget, forbrug, afvigelse per group and
/// reported year, and cumulative to date); reach (participants, FTE, company places); and, with
/// NEET observations, the observations against the projected path and the re-projection. Lines
/// whose deviation is beyond `tolerance_pct` are flagged. Every table's stamp is followup_stamp().
std::vector<Table> followup_tables(const Scenario& scenario, const Actuals& actuals,
                                   const FollowUp& result, FollowBy by, double tolerance_pct,
                                   Lang lang);

/// stamp_of(scenario) with the input hash "<scenario>+<actuals>", and "+<newer data>" when the
/// actuals file names newer comparison data; the data field is the plan's vintage (when the NEET
/// tables use it), or "plan: <vintage>; observed: <newer vintage>" ("observeret" in Danish).
Stamp followup_stamp(const Scenario& scenario, const Actuals& actuals, const FollowUp& result,
                     Lang lang);

}  // namespace ungegaranti
