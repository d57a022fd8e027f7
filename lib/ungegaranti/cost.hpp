#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// What a cost line pays for. kFunding lines are external funding and carry negative amounts.
enum class Category { kStaffing, kInitiatives, kCoordination, kOneOff, kFunding };
inline constexpr EnumId<Category> kCategoryIds[] = {{Category::kStaffing, "staffing"},
                                                    {Category::kInitiatives, "initiatives"},
                                                    {Category::kCoordination, "coordination"},
                                                    {Category::kOneOff, "one_off"},
                                                    {Category::kFunding, "funding"}};
inline constexpr Category kAllCategories[] = {Category::kStaffing, Category::kInitiatives,
                                              Category::kCoordination, Category::kOneOff,
                                              Category::kFunding};
std::string_view category_id(Category category);

/// One amount of one cost line in one budget year: the tidy row every breakdown pivots.
struct CostRow {
  int year = 0;
  Tier tier = Tier::kSolv;
  Category category = Category::kStaffing;
  std::string track;       // track id; empty for lines shared by all tracks
  std::string department;  // department id
  std::string role;        // role id for personnel lines; empty otherwise
  std::string line;        // the line's id, unique within (tier, category)
  std::string label;       // the line's name from the scenario
  double dkk = 0.0;        // current prices: price base indexed to `year`

  bool operator==(const CostRow&) const = default;
};

/// Index factor for `year` at `rate` per year from the price base: (1 + rate)^(year - base).
double index_factor(double rate, int price_base, int year);

/// Every cost line of one model for every budget year, in the order of the scenario. Lines that
/// are zero in every year are still listed, so that breakdowns show them. Never throws: a Scenario
/// that load_scenario() returned is valid.
std::vector<CostRow> compute_cost(const Scenario& scenario, Tier tier);

/// As compute_cost(), in price-base prices: no indexation (what the economics discounts).
std::vector<CostRow> compute_cost_unindexed(const Scenario& scenario, Tier tier);

}  // namespace ungegaranti
