#pragma once

#include <array>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// Indexes of the per-payer arrays below: the municipality first, as its staff need its view.
/// kForEkstern is the external funders (the models' `funding`: foundations and pools), who pay
/// for the programme but gain nothing that is counted. kForRegion is a region (benefit lines with
/// `payer: region`); its columns are shown only when a scenario has such a line.
inline constexpr size_t kForKommune = 0, kForStat = 1, kForEkstern = 2, kForRegion = 3, kForAll = 4;
inline constexpr size_t kPayerCount = 5;
using PerPayer = std::array<double, kPayerCount>;

/// The per-payer index of a benefit line's payer.
constexpr size_t payer_index(Payer payer) {
  switch (payer) {
    case Payer::kKommune:
      return kForKommune;
    case Payer::kRegion:
      return kForRegion;
    case Payer::kStat:
      return kForStat;
  }
  return kForStat;
}

/// Per payer, for each BenefitKind (the breakdown of the benefits: saved benefits, tax, paid
/// benefits, education costs, other).
using PerKind = std::array<PerPayer, kBenefitKindCount>;

/// Per payer, for each kind of person-year a benefit line is counted per (AppliesTo: avoided,
/// education, work).
using PerBase = std::array<PerPayer, 3>;

struct EconomicsYear {
  int year = 0;
  double avoided_neet_years = 0.0;  // NEET person-years avoided among 16-24-year-olds
  double work_years = 0.0;          // of them spent in work: avoided x the path's work_share
  double education_years = 0.0;     // avoided - work_years
  PerPayer cost{}, benefit{};       // DKK, price-base prices; benefit = the sum of by_kind
  PerKind by_kind{};                // the benefit by kind (costs such as SU negative)
  PerPayer accumulated{};           // discounted net result (benefit - cost) up to this year
  bool operator==(const EconomicsYear&) const = default;
};

struct ModelEconomics {
  Tier tier = Tier::kSolv;
  std::vector<EconomicsYear> years;  // first budget year .. first + horizon_years - 1
  double avoided_neet_years = 0.0;
  double work_years = 0.0, education_years = 0.0;
  PerPayer cost{}, benefit{};              // undiscounted sums
  std::optional<double> cost_per_avoided;  // total cost / avoided NEET person-years
  PerPayer long_run{};  // discounted value after the horizon (persistence); included in npv
  PerPayer npv{};
  // The NPV taken apart (docs/method.md#service-and-transfers-apart): the programme's own costs
  // (service) discounted, and each kind of benefit discounted with its part of long_run, so that
  // npv = the sum of pv_by_kind - pv_cost for every payer.
  PerPayer pv_cost{};
  PerKind pv_by_kind{};
  std::array<std::optional<int>, kPayerCount>
      break_even;  // first year the accumulated result is >= 0
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
  int discount_to = 0;  // every amount is discounted to this year: / (1 + r)^(y - discount_to)
  AfterBudget after_budget = AfterBudget::kContinue;
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

/// The scenario's 16-24-year-olds (its population band 16-24; 0 without one): whom the avoided
/// NEET shares are counted among.
double population_16_24(const Scenario& scenario);
/// The quantity population_16_24() reads; nullptr without the band.
const Quantity* population_16_24_quantity(const Scenario& scenario);

/// One model's NEET shares as the economics reads them, each indexed by year - base_year and
/// reaching at least economics_last_year().
struct EconomicsPaths {
  int base_year = 0;                     // the latest data year: earlier years are history
  std::span<const double> baseline_pct;  // without a guarantee, percent
  std::span<const double> path_pct;      // with the model, percent
  std::span<const double> work_share;    // PathYear::work_share
};

/// The per-year economics of one model in its resolved form (docs/method.md#economics): the
/// avoided NEET years and their split into work and education, each payer's cost (the budget
/// years in price-base prices, then the running cost of `after_budget`), benefit and discounted
/// net result, the persistence tail and the sums. The one economics kernel: compute_economics()
/// assembles its tables from it and the Monte Carlo's FastChain reads its totals. Its arrays are
/// kept between calls, so that run() allocates nothing. `scenario` must have an economics section,
/// outlive the kernel and keep its shape; its quantities' values may change between runs.
class EconomicsKernel {
 public:
  /// One payer's side, year by year over the economics' years (the first budget year ..
  /// economics_last_year()).
  struct PayerYears {
    std::vector<double> cost, benefit;  // price-base prices
    std::vector<double> accumulated;    // discounted net result (benefit - cost) up to the year
    double cost_sum = 0.0, benefit_sum = 0.0;  // undiscounted
    double long_run = 0.0;  // discounted value after the horizon (persistence); in npv
    double npv = 0.0;       // accumulated at the horizon + long_run
  };

  explicit EconomicsKernel(const Scenario& scenario);

  /// Runs one model for every payer (compute_economics()): the costs of `plan` (a plan of this
  /// scenario), `value` per person-year (value_per_person_year()) and `population`
  /// 16-24-year-olds.
  void run(const CostPlan& plan, const PerBase& value, double population,
           const EconomicsPaths& paths);

  /// What the Monte Carlo reads of one model's run (run_totals()).
  struct Totals {
    double npv = 0.0;                        // payer(kForAll).npv
    std::optional<double> cost_per_avoided;  // cost_per_avoided()
    bool operator==(const Totals&) const = default;
  };

  /// The Monte Carlo's run (FastChain): run()'s total (kForAll) NPV and cost per avoided year of
  /// the three models at once, indexed by Tier, to the last bit, from their sums in the same draw
  /// (TierCostPlans::sum_amounts) and their paths (one base year and baseline). Where the
  /// processor has AVX2 the models run side by side in the lanes of a register, each lane the
  /// same operations as the baseline form's loop. Keeps no year: the kernel's figures stay those
  /// of the last run().
  std::array<Totals, 3> run_totals(const TierCostSums& costs, const PerBase& value,
                                   double population, const std::array<EconomicsPaths, 3>& paths);

  size_t year_count() const { return avoided_.size(); }
  const std::vector<double>& avoided() const { return avoided_; }      // NEET person-years
  const std::vector<double>& work() const { return work_; }            // of them in work
  const std::vector<double>& education() const { return education_; }  // avoided - work
  const std::vector<double>& discount() const { return discount_; }    // each year's factor
  /// persistence_factor(): the value after the horizon, in units of the last year's.
  double tail() const { return tail_; }
  double avoided_sum() const { return avoided_sum_; }
  double work_sum() const { return work_sum_; }
  double education_sum() const { return education_sum_; }
  const PayerYears& payer(size_t index) const { return payers_[index]; }
  /// The total cost (kForAll) per avoided NEET person-year; nullopt when nothing is avoided.
  std::optional<double> cost_per_avoided() const;

 private:
  std::pair<size_t, size_t> effect_years(int base_year) const;
  void avoided_years(double population, const EconomicsPaths& paths);
  void costs(const CostPlan& plan);
  void discounting();
  void payer_years(size_t payer, const PerBase& value);
  void finish(PayerYears& p) const;

  const Scenario& s_;
  std::vector<double> avoided_, work_, education_, discount_;
  double avoided_sum_ = 0.0, work_sum_ = 0.0, education_sum_ = 0.0;
  double tail_ = 0.0;
  double discount_rate_ = 0.0, half_life_ = 0.0;  // what discount_ and tail_ were computed for
  bool discounted_ = false;
  std::array<PayerYears, kPayerCount> payers_;
  std::vector<double> ones_;  // the index factors of price-base prices
  std::vector<double> net_;   // scratch: one payer's net result per year
};

/// The budget-economic result of each model in `projection` (docs/method.md). Costs are in
/// price-base prices (the cost engine with indexation off), since the discount rate is real.
/// Never throws: the scenario is valid and has an economics section.
EconomicsResult compute_economics(const Scenario& scenario, const ProjectionResult& projection);

/// The factor that brings a catalogue price from its price year to the price base:
/// (1 + g)^(price_base - price_year), g the rate its `indexation` names (docs/method.md).
double price_index(const Scenario& scenario, const Price& price);

/// The state's mean refusion share over a spell of `spell_weeks` weeks on benefit: each week's
/// step share, averaged (docs/method.md#refusion-by-duration).
double mean_refusion(const Refusion& refusion);

/// The rate a catalogue price is indexed with (its `indexation`); nullptr for none.
const Quantity* price_rate(const Scenario& scenario, const Price& price);

/// One benefit line's value per person-year it applies to, in price-base prices: its amount, or
/// its share of its price x price_index(); with `refusion`, x (1 - mean_refusion()) for the
/// municipality's part or x mean_refusion() for the state's; negative for a cost (kind
/// paid_benefit or education_cost).
double benefit_value(const Scenario& scenario, const Benefit& benefit);

/// Whether a benefit line of this kind is a cost (counted with a minus).
bool is_cost(BenefitKind kind);

/// The benefit lines' values by kind, by the person-years they apply to (AppliesTo) and by payer
/// (nothing for kForEkstern), in price-base prices.
std::array<PerBase, kBenefitKindCount> values_by_kind(const Scenario& scenario);

/// The value of one person-year to each payer, by the person-years it applies to: the sum over
/// the kinds of values_by_kind(). The one definition, shared with fast_chain.
PerBase value_per_person_year(const Scenario& scenario);

/// value_per_person_year() compiled once for a scenario whose quantities' values change between
/// calls (the Monte Carlo's FastChain): each line's price is looked up once, a price's index is
/// computed again only when its rate has changed since the last call, and the mean refusion once
/// a call rather than once a line. Under a narrower promise (`moving`), a line whose every value is
/// fixed has its value worked out once (benefit_value()), and each sum of value_per_person_year()
/// starts from its fixed lines up to its first line of moving values, summed once in the same
/// order; the rest is added at each call in its place. `scenario` must have an economics section,
/// outlive the plan and keep its shape.
class BenefitPlan {
 public:
  /// With `index` (of the same scenario), a price indexed with the wage or the other rate whose
  /// factor (1 + r)^n is also a budget year's index factor takes it from there: the same pow() at
  /// the same rate, not called twice in a draw. `index` must then outlive the plan and be updated
  /// (IndexFactors::update) before each values().
  explicit BenefitPlan(const Scenario& scenario, const IndexFactors* index = nullptr,
                       const MovingValues& moving = MovingValues());
  /// value_per_person_year() at the quantities' current values, to the last bit.
  PerBase values();
  /// Whether the values the plan took as fixed are still what they were (for asserts).
  bool unchanged() const { return fixed_.unchanged(); }

 private:
  struct PriceIndex {
    const Price* price = nullptr;
    const Quantity* rate = nullptr;  // nullptr: not indexed, factor 1
    double last = 0.0;               // the rate `factor` was computed at
    double factor = 1.0;
    bool known = false;
    const double* shared = nullptr;  // the same factor in an IndexFactors, when it has it
  };
  // One line's value, added at each call to its sums (v[base][payer], one or two) that do not
  // start from it: line_value()'s operations on the values it reads, in its order.
  struct Add {
    enum Kind {
      kFixed,   // `value`, worked out once (benefit_value())
      kOwn,     // its own amount, *amount
      kPrice,   // (its price's amount x the price's index) x its share: *amount, *factor, *share
      kScaled,  // (its price's amount x the price's index), fixed, in `value`, x its share
    } kind = kFixed;
    const double* amount = nullptr;
    const double* factor = nullptr;  // PriceIndex::factor
    const double* share = nullptr;
    double value = 0.0;
    RefusionPart refusion = RefusionPart::kNone;
    bool cost = false;             // is_cost(): counted with a minus
    std::array<size_t, 2> sums{};  // each v[base][payer] at base x kPayerCount + payer
    size_t count = 0;
  };
  const Scenario& s_;
  std::vector<PriceIndex> prices_;  // the prices of the kPrice lines, each once
  // Each sum's fixed lines before its first moving one, flat: v[base][payer] at base x
  // kPayerCount + payer.
  std::array<double, 3 * kPayerCount> start_{};
  std::vector<Add> adds_;  // in the lines' order
  bool refusion_ = false;  // whether a line added at each call needs the mean refusion
  FixedValues fixed_;
};

/// The benefit to each payer of `avoided` NEET person-years of which `work` are spent in work and
/// the rest in education: avoided x v[avoided] + (avoided - work) x v[education] + work x v[work].
PerPayer benefit_of(const PerBase& values, double avoided, double work);
/// benefit_of() for one payer only, computed in the same order (the Monte Carlo's total).
double benefit_of(const PerBase& values, size_t payer, double avoided, double work);

/// Σ_{k>=1} (0.5^(1/half_life) / (1 + rate))^k: the discounted value after the horizon of one
/// krone of yearly value in the horizon's last year that halves every `half_life` years, in units
/// of that last year's discounted value. 0 when half_life <= 0.
double persistence_factor(double half_life, double rate);

/// The discount factor 1 / (1 + rate)^t of an amount t years after the year discounted to
/// (t < 0 compounds an amount from before it); exactly 1 at t = 0, where pow() is not called.
double discount_factor(double rate, int t);

/// discount_factor(rate, first + i) for each i of `out`, the same doubles, most of them without a
/// call to pow() (integer_powers()).
void discount_factors(double rate, int first, std::span<double> out);

/// The discounted net result accumulated year by year: out[t] = net[0] x discount[0] + ... +
/// net[t] x discount[t]. The economics' one discounting sum (EconomicsKernel, npv(), break_even()).
void accumulate_discounted(std::span<const double> net, std::span<const double> discount,
                           std::span<double> out);

/// Net present value of `net` (one amount per year) at `rate`, the first amount `offset` years
/// after the year discounted to (0: the first amount is undiscounted).
double npv(const std::vector<double>& net, double rate, int offset = 0);

/// The index of the first year whose discounted accumulated net result is >= 0, or nullopt.
std::optional<size_t> break_even(const std::vector<double>& net, double rate, int offset = 0);

}  // namespace ungegaranti
