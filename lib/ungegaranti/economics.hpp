#pragma once

#include <array>
#include <optional>
#include <vector>

#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// Indexes of the per-payer arrays below: the municipality first, as its staff need its view.
inline constexpr size_t kForKommune = 0, kForStat = 1, kForAll = 2;
using PerPayer = std::array<double, 3>;

struct EconomicsYear {
  int year = 0;
  double avoided_neet_years = 0.0;  // NEET person-years avoided among 16-24-year-olds
  PerPayer cost{}, benefit{};       // DKK, price-base prices
  PerPayer accumulated{};           // discounted net result (benefit - cost) up to this year
  bool operator==(const EconomicsYear&) const = default;
};

struct ModelEconomics {
  Tier tier = Tier::kSolv;
  std::vector<EconomicsYear> years;  // first budget year .. first + horizon_years - 1
  double avoided_neet_years = 0.0;
  PerPayer cost{}, benefit{};              // undiscounted sums
  std::optional<double> cost_per_avoided;  // total cost / avoided NEET person-years
  PerPayer npv{};
  std::array<std::optional<int>, 3> break_even;  // first year the accumulated result is >= 0
  bool operator==(const ModelEconomics&) const = default;
};

/// One step up from a cheaper model to a dearer one (bronze -> sølv -> guld by total cost).
struct Increment {
  Tier from = Tier::kBronze, to = Tier::kSolv;
  double extra_cost = 0.0, extra_avoided = 0.0;
  std::optional<double> cost_per_extra_avoided;
  bool operator==(const Increment&) const = default;
};

struct EconomicsResult {
  double discount_rate = 0.0;
  int first_year = 0, last_year = 0;
  double population_16_24 = 0.0;
  std::vector<ModelEconomics> models;
  std::vector<Increment> increments;
  std::vector<Tier> dominated;  // costs at least as much as another model and avoids less
  // Not strictly dominated, but a mix of its neighbours by cost would avoid more for the money:
  // its extra cost per extra avoided year is higher than the next step's (no guarantee = origin).
  std::vector<Tier> extended_dominated;
  std::string vintage;  // of the comparison data behind the avoided NEET years
  bool operator==(const EconomicsResult&) const = default;
};

/// The last year of the economics: the first budget year + horizon_years - 1. Project at least to
/// it before calling compute_economics().
int economics_last_year(const Scenario& scenario);

/// The budget-economic result of each model in `projection` (docs/method.md). Costs are in
/// price-base prices (the cost engine with indexation off), since the discount rate is real.
/// Never throws: the scenario is valid and has an economics section.
EconomicsResult compute_economics(const Scenario& scenario, const ProjectionResult& projection);

/// Net present value of `net` (one amount per year, the first undiscounted) at `rate`.
double npv(const std::vector<double>& net, double rate);

/// The index of the first year whose discounted accumulated net result is >= 0, or nullopt.
std::optional<size_t> break_even(const std::vector<double>& net, double rate);

}  // namespace ungegaranti
