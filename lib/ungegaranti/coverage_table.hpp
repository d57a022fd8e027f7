#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ungegaranti/coverage.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// `coverage --by initiative|track`.
enum class CoverageBy { kInitiative, kTrack };
inline constexpr EnumId<CoverageBy> kCoverageByIds[] = {{CoverageBy::kInitiative, "initiative"},
                                                        {CoverageBy::kTrack, "track"}};
std::optional<CoverageBy> parse_coverage_by(std::string_view text);

/// The tables of `coverage`: participants per initiative (or track) with their share of the age
/// band and cost per participant; distinct young people per age band; caseload per caseworker
/// against capacity; company places against demand. Warnings go into the notes.
std::vector<Table> coverage_tables(const Scenario& scenario,
                                   const std::vector<ModelCoverage>& models, CoverageBy by,
                                   Lang lang);

}  // namespace ungegaranti
