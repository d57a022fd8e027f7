#pragma once

#include <array>
#include <cassert>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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

/// Index factor for `year` at `rate` per year from the price base: (1 + rate)^(year - base);
/// exactly 1 in the price base's own year, where pow() is not called (pow(x, 0) is 1 for any x).
double index_factor(double rate, int price_base, int year);

/// One cost line of one model, compiled by CostPlan: what its rows carry, and pointers to the
/// quantities its amount multiplies, so that the amount follows their current values.
struct CostLine {
  Category category = Category::kStaffing;
  std::string track, department, role, line, label;  // as in CostRow
  // Personnel (staffing, coordination): ((f0 x f1) x f2) x (annual cost, or annual cost /
  // hours_per_fte when `hourly`), x the wage index.
  std::array<const Quantity*, 3> factors{};
  int factor_count = 0;
  const Quantity* annual_cost = nullptr;
  bool hourly = false;
  // Initiatives: (fixed + participants x unit x ramp) x (w x wage index + (1 - w) x other index).
  const Intensity* intensity = nullptr;
  const Quantity* wage_share = nullptr;
  size_t initiative = 0;  // its index in Scenario::initiatives (IndexFactors::mix)
  // One-offs: `amount` in `year`, x the other index. Funding: -`amount` in `from`..`to`, nominal.
  const Quantity* amount = nullptr;
  int year = 0, from = 0, to = 0;
};

/// Which quantities' values may change between the calls of a compiled plan (FastChain,
/// BenefitPlan): by default any, as the plans have always promised; given the addresses of the
/// values that may change (a Monte Carlo's uncertain inputs, a tornado's ranged quantities), only
/// those, so that what depends only on the others can be worked out once, when the plan is
/// compiled. The addresses must be those of the very scenario the plan is compiled for.
class MovingValues {
 public:
  MovingValues() = default;  // any value may change
  explicit MovingValues(std::vector<const double*> values);
  /// Whether `value` stays as it is between calls.
  bool fixed(const double& value) const;
  bool fixed(const Quantity& q) const { return fixed(q.value); }

 private:
  bool any_ = true;
  std::vector<const double*> values_;  // sorted, for a binary search
};

/// The values a compiled plan took as fixed (MovingValues::fixed), each with its value then, so
/// that a debug build can assert at every call that the caller kept its promise.
class FixedValues {
 public:
  /// Whether `value` is fixed under `moving`; a fixed value is remembered.
  bool take(const MovingValues& moving, const double& value);
  bool take(const MovingValues& moving, const Quantity& q) { return take(moving, q.value); }
  /// Whether all of `values` are fixed under `moving`; if so, each is remembered, else none.
  bool take_all(const MovingValues& moving, std::span<const double* const> values);
  /// Whether every value taken is still what it was, to the bit.
  bool unchanged() const;

 private:
  std::vector<std::pair<const double*, double>> taken_;
};

class IndexFactors;

/// What the Monte Carlo needs of one model's amounts in one draw, from one walk over its lines
/// (CostPlan::sum_amounts): the sum of compute_cost()'s rows, and the economics' costs in
/// price-base prices (EconomicsKernel::run_totals).
struct CostSums {
  double total = 0.0;         // the sum of compute_cost()'s rows, in their order: current prices
  std::vector<double> gross;  // per budget year: the lines' price-base amounts without funding
  double running = 0.0;       // the last budget year's, without one-offs: the running cost
};

/// The cost lines of one model, compiled once: the one cost formula (docs/method.md), which
/// compute_cost() and the economics kernel run through for_each_amount() and the Monte Carlo's
/// FastChain through sum_amounts() (the same expressions: personnel_amount(), initiative_index()).
/// The lines are in the scenario's order: staffing, initiatives, coordination (steering group
/// members, secretariat, status reporting), one-offs, funding. `scenario` must outlive the plan
/// and keep its shape; its quantities' values may change between calls.
class CostPlan {
 public:
  CostPlan(const Scenario& scenario, Tier tier);

  Tier tier() const { return tier_; }
  const std::vector<CostLine>& lines() const { return lines_; }
  size_t year_count() const { return static_cast<size_t>(s_->year_count); }

  /// Calls visit(line, y, dkk) with the amount of every line (of lines()) in every budget year
  /// (y from 0), zeros included, in the order of compute_cost()'s rows, given the wage and the
  /// other index factor of each budget year (index_factors(); all 1 for price-base prices).
  /// Allocates nothing; a template, so that the Monte Carlo's sums are inlined.
  template <typename Visit>
  void for_each_amount(std::span<const double> wages, std::span<const double> other,
                       Visit&& visit) const;

  /// The Monte Carlo's sums in one walk (FastChain): `out.total` is the sum of for_each_amount()'s
  /// amounts at `index`'s factors, in their order; `out.gross` and `out.running` sum the amounts
  /// it gives at price-base prices (all factors 1), as EconomicsKernel::run() does. Each amount is
  /// the same expression as for_each_amount()'s, so the sums agree to the last bit; amounts that
  /// are zero in every draw (a one-off outside its year, funding outside its years) are not
  /// added, which leaves a sum that starts at +0 unchanged. Allocates nothing once `out.gross`
  /// has year_count() places.
  void sum_amounts(const IndexFactors& index, CostSums& out) const;

  /// A personnel line's amount before indexation: ((f0 x f1) x f2) x (annual cost, or annual cost
  /// / hours_per_fte when hourly).
  static double personnel_amount(const CostLine& line, double hours_per_fte) {
    double amount = line.factors[0]->value;
    for (int i = 1; i < line.factor_count; ++i)
      amount *= line.factors[static_cast<size_t>(i)]->value;
    return amount *
           (line.hourly ? line.annual_cost->value / hours_per_fte : line.annual_cost->value);
  }

 private:
  const Scenario* s_;
  Tier tier_;
  std::vector<CostLine> lines_;
};

/// The three models' sums of one draw side by side, lane m for Tier m (lane 3 is not used and stays
/// +0): what CostPlan::sum_amounts() gives each model, in the layout the economics reads them
/// (EconomicsKernel::run_totals).
struct TierCostSums {
  std::array<double, 4> total{}, running{};
  // Per budget year y, the four lanes side by side: model m's at gross[4 * y + m] (one flat array,
  // so that a model's years are reached with a stride of 4 within it).
  std::vector<double> gross;
  size_t years() const { return gross.size() / 4; }
  double gross_at(size_t year, size_t m) const { return gross[4 * year + m]; }
};

/// The three models' CostPlans, summed for one draw in one pass (FastChain). Where the processor
/// has AVX2 (has_avx2()) and the budget has 4 to 6 years, the models' lines run side by side in
/// the lanes of a register: the staffing, initiative and coordination lines slot by slot (the
/// k-th staffing line of each model, each initiative of the scenario, the k-th coordination
/// line), a lane without a line in a slot adding +0, and each model's one-offs and funding after
/// them, one model at a time. Each lane does its model's operations in its order, so every sum is
/// CostPlan::sum_amounts()'s to the last bit; elsewhere each plan's sum_amounts() runs.
/// `scenario` must outlive the plans and keep its shape. Under a narrower promise (`moving`), the
/// lanes take what is fixed in a slot from values worked out once: a personnel slot's product of
/// factors and divisor, an initiative slot's ramp; each the same operations as before, done once.
class TierCostPlans {
 public:
  explicit TierCostPlans(const Scenario& scenario, const MovingValues& moving = MovingValues());

  const CostPlan& plan(Tier tier) const { return plans_[static_cast<size_t>(tier)]; }
  /// Allocates nothing once `out.gross` has the budget's years.
  void sum_amounts(const IndexFactors& index, TierCostSums& out) const;

  /// One slot of the lanes, lane m a line of Tier m or none: the addresses of the values its
  /// amount reads. Personnel: the three factors (1 for a line with fewer), the annual cost and
  /// the hours per FTE (1 for an annual cost, as x / 1 is x). Initiatives: the fixed cost, the
  /// participants, the unit cost and the first year's ramp (the next years lie one Quantity on).
  /// A lane without a line points at a 0 (at[4]: at a 1), which its loads read (a ramp's gather,
  /// when the ramp is not fixed, leaves such a lane out).
  struct Slot {
    std::array<std::array<const double*, 4>, 5> at{};
    std::array<long long, 4> mask{};  // -1 in the lanes with a line
    size_t initiative = 0;            // initiatives: the index of IndexFactors::mix()
    bool full = false;                // a line in each model's lane
    // Where every lane's values are fixed (MovingValues), worked out once as the lanes would
    // (a lane without a line: its loaded 0s, and a divisor of 1). Personnel: (f0 x f1) x f2 and
    // the divisor, in `product` and `divisor` when `fixed_factors`. Initiatives: the ramp, lane
    // m's share of year y at ramp[4 x y + m], or empty.
    bool fixed_factors = false;
    std::array<double, 4> product{}, divisor{};
    std::vector<double> ramp;
  };
  /// Whether the values the plans took as fixed are still what they were (for asserts).
  bool unchanged() const { return fixed_.unchanged(); }

 private:
  const Scenario* s_;
  std::vector<CostPlan> plans_;  // indexed by Tier
  // The lanes' slots: staffing, initiatives, coordination; then each model's other lines.
  std::vector<Slot> staffing_, initiatives_, coordination_;
  std::array<size_t, 3> tail_{};  // each plan's first line after its coordination lines
  bool in_order_ = true;  // each plan's lines in PlanBuilder's order: the lanes can sum them
  FixedValues fixed_;
};

/// index_factor() at `rate` for each budget year of `scenario`, into `out` (year_count values).
void index_factors(const Scenario& scenario, double rate, std::span<double> out);

/// An initiative's index in one year: w x wage index + (1 - w) x other index, `rest` = 1 - w. At
/// price-base prices (both factors 1) it is w + rest, which is not always exactly 1.
inline double initiative_index(double w, double rest, double wage, double other) {
  return w * wage + rest * other;
}

/// The index factors of the budget years at the scenario's current wage and other rates, and each
/// initiative's index from them (initiative_index()): computed once a draw for the three models'
/// plans (CostPlan::sum_amounts). update() calls pow() only when a rate has changed since the last
/// update, so a rate that no draw changes costs nothing after the first. Where the processor has
/// AVX2 and the budget 4 to 6 years, an initiative's first four years are worked out in the lanes
/// of a register, each with initiative_index()'s operations. `scenario` must outlive it and keep
/// its shape.
class IndexFactors {
 public:
  /// Under a narrower promise (`moving`) that leaves every wage share fixed, each initiative's
  /// w, 1 - w and price-base index are worked out here, once.
  explicit IndexFactors(const Scenario& scenario, const MovingValues& moving = MovingValues());

  /// Reads the rates and the wage shares' current values.
  void update();
  std::span<const double> wages() const { return wages_.factors; }
  std::span<const double> other() const { return other_.factors; }
  /// Initiative i's index in each budget year (year_count values).
  const double* mix(size_t initiative) const { return &mix_[initiative * years_]; }
  /// Initiative i's index at price-base prices: w + (1 - w).
  double base_mix(size_t initiative) const { return base_mix_[initiative]; }
  /// Whether the wage shares it took as fixed are still what they were (for asserts).
  bool unchanged() const { return fixed_.unchanged(); }

 private:
  struct Rate {
    const Quantity* rate = nullptr;
    double last = 0.0;
    bool known = false;  // whether factors hold index_factors() at `last`
    std::vector<double> factors;
  };
  void follow(Rate& r);
  void read_shares();

  const Scenario& s_;
  size_t years_ = 0;
  Rate wages_, other_;
  std::vector<double> mix_, base_mix_;
  std::vector<double> shares_, rests_;  // each initiative's wage share w and 1 - w
  bool fixed_shares_ = false;           // read once (MovingValues), not at every update()
  FixedValues fixed_;
};

// Each amount is computed with the same operations in the same order whichever caller asks, so
// that the commands and the Monte Carlo agree to the last bit. Values are read into locals before
// the year loops, where a store by `visit` could otherwise force a reload every year.
template <typename Visit>
void CostPlan::for_each_amount(std::span<const double> wages, std::span<const double> other,
                               Visit&& visit) const {
  const size_t years = year_count();
  const int first_year = s_->first_year;
  const double hours_per_fte = s_->hours_per_fte.value;
  assert(wages.size() == years && other.size() == years);
  for (const CostLine& line : lines_) {
    switch (line.category) {
      case Category::kStaffing:
      case Category::kCoordination: {
        const double amount = personnel_amount(line, hours_per_fte);
        for (size_t y = 0; y < years; ++y)
          visit(line, y, amount * wages[y]);
        break;
      }
      case Category::kInitiatives: {
        const Intensity& in = *line.intensity;
        const double fixed = in.fixed_cost.value;
        const double per_year = in.participants.value * in.unit_cost.value;
        const double w = line.wage_share->value;
        const double rest = 1 - w;
        for (size_t y = 0; y < years; ++y) {
          double level = fixed + per_year * in.ramp[y].value;
          visit(line, y, level * initiative_index(w, rest, wages[y], other[y]));
        }
        break;
      }
      case Category::kOneOff: {
        const double amount = line.amount->value;
        for (size_t y = 0; y < years; ++y) {
          int year = first_year + static_cast<int>(y);
          visit(line, y, year == line.year ? amount * other[y] : 0.0);
        }
        break;
      }
      case Category::kFunding: {
        const double amount = -line.amount->value;  // nominal, not indexed
        for (size_t y = 0; y < years; ++y) {
          int year = first_year + static_cast<int>(y);
          visit(line, y, year >= line.from && year <= line.to ? amount : 0.0);
        }
        break;
      }
    }
  }
}

/// Every cost line of one model for every budget year, in the order of the scenario. Lines that
/// are zero in every year are still listed, so that breakdowns show them. Never throws: a Scenario
/// that load_scenario() returned is valid.
std::vector<CostRow> compute_cost(const Scenario& scenario, Tier tier);

}  // namespace ungegaranti
