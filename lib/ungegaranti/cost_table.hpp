#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The breakdown a cost table is pivoted by (`--by`).
enum class By { kCategory, kTrack, kDepartment, kRole, kLine, kYear };
inline constexpr EnumId<By> kByIds[] = {
    {By::kCategory, "category"}, {By::kTrack, "track"}, {By::kDepartment, "department"},
    {By::kRole, "role"},         {By::kLine, "line"},   {By::kYear, "year"}};
std::optional<By> parse_by(std::string_view text);

/// "Indsatser" / "Initiatives": a category as the tables name it.
std::string category_name(Category category, Lang lang);

/// Pivots cost rows (of one or more models) into a table. For every breakdown but kYear: per
/// model, one row per group with the budget years and a total as columns, then the gross total,
/// the external funding and the net total. For kYear: per model, one row per year with the
/// categories as columns, then a total row. With one model the model column is left out.
Table cost_table(const Scenario& scenario, const std::vector<CostRow>& rows, By by, Lang lang);

}  // namespace ungegaranti
