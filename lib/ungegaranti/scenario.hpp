#pragma once

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/error.hpp"

namespace ungegaranti {

/// The id of each value of an enum, as written in scenario files and JSON. One table per enum
/// serves both directions, so that the reader and the writers cannot disagree.
template <typename E>
struct EnumId {
  E value;
  std::string_view id;
};

template <typename E, size_t N>
constexpr std::string_view enum_id(const EnumId<E> (&ids)[N], E value) {
  for (const EnumId<E>& e : ids) {
    if (e.value == value)
      return e.id;
  }
  return "";
}

template <typename E, size_t N>
constexpr std::optional<E> enum_from_id(const EnumId<E> (&ids)[N], std::string_view id) {
  for (const EnumId<E>& e : ids) {
    if (e.id == id)
      return e.value;
  }
  return std::nullopt;
}

/// The three models of the programme, from most to least ambitious.
enum class Tier { kGuld, kSolv, kBronze };
/// The canonical id first (what tier_id gives), then the other names --model accepts (after
/// fold_case: any case, Ø/ø included).
inline constexpr EnumId<Tier> kTierIds[] = {{Tier::kGuld, "guld"},   {Tier::kGuld, "gold"},
                                            {Tier::kSolv, "solv"},   {Tier::kSolv, "s\xC3\xB8lv"},
                                            {Tier::kSolv, "silver"}, {Tier::kBronze, "bronze"}};
inline constexpr std::array<Tier, 3> kAllTiers = {Tier::kGuld, Tier::kSolv, Tier::kBronze};

/// "guld", "solv", "bronze": the canonical ids used in scenario files and JSON.
std::string_view tier_id(Tier tier);

/// Accepts guld|gold, solv|sølv|silver and bronze in any case (Ø/ø included).
std::optional<Tier> parse_tier(std::string_view text);

/// The shape of an uncertain quantity, used by the sensitivity work.
enum class Distribution { kNone, kUniform, kTriangular, kPert, kNormal, kLognormal };
inline constexpr EnumId<Distribution> kDistributionIds[] = {
    {Distribution::kUniform, "uniform"},
    {Distribution::kTriangular, "triangular"},
    {Distribution::kPert, "pert"},
    {Distribution::kNormal, "normal"},
    {Distribution::kLognormal, "lognormal"}};

/// A number with its provenance and, optionally, its range. Written in YAML either plainly
/// (`560000`) or as `{ value, low, high, dist, unit, source, note, note_en }`.
struct Quantity {
  double value = 0.0;
  std::optional<double> low, high;
  Distribution dist = Distribution::kNone;
  std::string unit, source, note;
  std::string note_en;   // the note in English, shown with --lang en; may be empty
  std::string path;      // e.g. "roles.sagsbehandler.annual_cost"
  SourceLocation where;  // where the value was written; empty for a default

  bool operator==(const Quantity&) const = default;
};

struct Department {
  std::string id, name;
  bool operator==(const Department&) const = default;
};

/// The transition of the NEET projection that a track moves (docs/method.md).
enum class Lever { kNone, kDropout, kEntry, kNeetToEducation, kNeetToWork };
inline constexpr EnumId<Lever> kLeverIds[] = {{Lever::kNone, "none"},
                                              {Lever::kDropout, "dropout"},
                                              {Lever::kEntry, "entry"},
                                              {Lever::kNeetToEducation, "neet_to_education"},
                                              {Lever::kNeetToWork, "neet_to_work"}};

struct Track {
  std::string id, name, department;
  Lever moves = Lever::kNone;
  /// The share of the track's participants who are in the risk state of the transition it moves
  /// (in education for dropout, NEET for the NEET levers, would start as NEET at 16 for entry);
  /// 1 when not given (docs/method.md#reach).
  Quantity targeting;
  std::string source;  // where the track and its department come from; may be empty
  bool operator==(const Track&) const = default;
};

/// A band of the target group by age, with its head count.
struct AgeBand {
  std::string id;
  int from = 0, to = 0;  // inclusive ages
  Quantity count;        // persons living in the municipality
  bool operator==(const AgeBand&) const = default;
};

/// What a model promises about the NEET rank at the horizon.
enum class Target { kNone, kBestThirdAll, kBestThirdGroup, kGroupAverage };
inline constexpr EnumId<Target> kTargetIds[] = {{Target::kNone, "none"},
                                                {Target::kBestThirdAll, "best_third_all"},
                                                {Target::kBestThirdGroup, "best_third_group"},
                                                {Target::kGroupAverage, "group_average"}};

struct Role {
  std::string id, name, department;
  Quantity annual_cost;  // DKK per FTE per year, price base
  bool operator==(const Role&) const = default;
};

/// Hours spent by one role on a task each year (secretariat, status reporting).
struct RoleHours {
  std::string role;
  Quantity hours_per_year;
  bool operator==(const RoleHours&) const = default;
};

struct SteeringGroup {
  std::vector<std::pair<std::string, Quantity>> members;  // role id, head count
  Quantity meetings_per_year, hours_per_meeting;
  std::optional<RoleHours> secretariat;
  std::string source;  // where its composition and secretariat come from; may be empty
  bool operator==(const SteeringGroup&) const = default;
};

/// A cost paid once, in one budget year.
struct OneOff {
  std::string id, name, department, track;  // track may be empty
  int year = 0;
  Quantity amount;  // DKK, price base
  bool operator==(const OneOff&) const = default;
};

/// External funding (a pulje): a nominal amount per year that reduces the net cost.
struct Funding {
  std::string id, name, department, track;  // track may be empty
  Quantity amount;                          // DKK per year, nominal
  int from = 0, to = 0;                     // inclusive budget years
  bool operator==(const Funding&) const = default;
};

enum class Coordination { kCentral, kDecentral };
inline constexpr EnumId<Coordination> kCoordinationIds[] = {
    {Coordination::kCentral, "central"}, {Coordination::kDecentral, "decentral"}};

struct Model {
  Tier tier = Tier::kSolv;
  Coordination coordination = Coordination::kCentral;
  std::vector<std::pair<std::string, Quantity>> staffing;  // role id, FTE
  std::optional<RoleHours> status_reporting;
  std::vector<OneOff> one_off;
  std::vector<Funding> funding;
  std::vector<std::pair<std::string, Quantity>> effects;  // track id, effect size
  Target target = Target::kNone;
  std::optional<Quantity> company_places;  // places secured in companies per year
  std::string source;  // where the model's coordination and staffing come from; may be empty
  bool operator==(const Model&) const = default;
};

/// One initiative's intensity in one model. A model that leaves the initiative out has none.
struct Intensity {
  Quantity participants;       // per year at full level
  Quantity unit_cost;          // DKK per participant per year
  Quantity fixed_cost;         // DKK per year, not ramped
  std::vector<Quantity> ramp;  // one share per budget year
  bool operator==(const Intensity&) const = default;
};

struct Initiative {
  std::string id, name, track;
  std::string age_band;              // id of the band its participants come from; may be empty
  bool needs_company_place = false;  // each participant needs a place in a company
  Quantity wage_share;               // share of the cost that follows the wage index
  std::array<std::optional<Intensity>, 3> per_model;  // indexed by Tier
  /// The initiative and its amounts are the tool's illustration, not the administration's figures
  /// (the proposal's cost appendix is not public): the report and `validate` say so.
  bool illustration = false;
  bool operator==(const Initiative&) const = default;
};

/// The individual coordination by existing staff (coverage.coordination): each distinct young
/// person reached in `bands` needs a coordinator of `role` (in the default the young person's
/// UU-vejleder), who can follow `capacity_per_fte` young people a year; the staff has
/// `available_fte` for it. Existing staff: not a cost of the programme.
struct IndividualCoordination {
  std::string role;
  Quantity capacity_per_fte, available_fte;
  std::vector<std::string> bands;
  bool operator==(const IndividualCoordination&) const = default;
};

/// What `coverage` needs beyond the initiatives: overlap between initiatives and caseworkers'
/// capacity.
struct CoverageSettings {
  std::vector<std::pair<std::string, Quantity>> overlap;  // band id, share counted twice
  std::string caseload_role;                              // empty: no caseload check
  Quantity capacity_per_fte;                              // young people one FTE can follow
  std::vector<std::string> caseload_bands;
  std::optional<IndividualCoordination> coordination;  // none: no check
  bool operator==(const CoverageSettings&) const = default;
};

/// Who gains or pays: the municipality, the state, or both together.
enum class Payer { kKommune, kRegion, kStat };
inline constexpr EnumId<Payer> kPayerIds[] = {
    {Payer::kKommune, "kommune"}, {Payer::kRegion, "region"}, {Payer::kStat, "stat"}};

/// How a price in the catalogue is brought from its own price year to the price base: by the
/// satsreguleringsprocent (benefits), by the scenario's `indexation.other` (pl) or
/// `indexation.wages` (loen), or not at all.
enum class PriceIndexation { kNone, kSatsregulering, kPl, kLoen };
inline constexpr EnumId<PriceIndexation> kPriceIndexationIds[] = {
    {PriceIndexation::kSatsregulering, "satsregulering"},
    {PriceIndexation::kPl, "pl"},
    {PriceIndexation::kLoen, "loen"},
    {PriceIndexation::kNone, "none"}};

/// One price of the economics' catalogue, at the price level of `price_year`.
struct Price {
  std::string id, name;
  Quantity amount;     // DKK per year, in price_year prices
  int price_year = 0;  // the year of its price level
  PriceIndexation indexation = PriceIndexation::kNone;
  bool operator==(const Price&) const = default;
};

/// Which part of a saved benefit a benefit line counts: all of it, the municipality's part after
/// the state's refusion, or the state's refusion.
enum class RefusionPart { kNone, kKommune, kStat };
inline constexpr EnumId<RefusionPart> kRefusionPartIds[] = {{RefusionPart::kKommune, "kommune"},
                                                            {RefusionPart::kStat, "stat"}};

/// One step of the state's refusion of a benefit by the weeks on benefit: `state_share` from week
/// `from_week` until the next step's.
struct RefusionStep {
  int from_week = 1;
  double state_share = 0.0;
  bool operator==(const RefusionStep&) const = default;
};

/// The refusion steps and the assumed length of a benefit spell (docs/method.md).
struct Refusion {
  std::vector<RefusionStep> steps;  // from week 1, in rising order
  std::string source;
  Quantity spell_weeks;  // the weeks on benefit one avoided NEET year would have been part of
  bool operator==(const Refusion&) const = default;
};

/// Which person-years a benefit line is counted per (docs/method.md#where-the-young-person-goes):
/// every avoided NEET year, or only those spent in education, or in work.
enum class AppliesTo { kAvoided, kEducation, kWork };
inline constexpr EnumId<AppliesTo> kAppliesToIds[] = {{AppliesTo::kAvoided, "avoided"},
                                                      {AppliesTo::kEducation, "education"},
                                                      {AppliesTo::kWork, "work"}};

/// What a benefit line is, for the breakdown that shows service and transfers apart; the two
/// costs (a benefit paid, an education's running cost) count with a minus.
enum class BenefitKind { kSavedBenefit, kPaidBenefit, kTax, kEducationCost, kOther };
inline constexpr size_t kBenefitKindCount = 5;
inline constexpr EnumId<BenefitKind> kBenefitKindIds[] = {
    {BenefitKind::kSavedBenefit, "saved_benefit"},
    {BenefitKind::kPaidBenefit, "paid_benefit"},
    {BenefitKind::kTax, "tax"},
    {BenefitKind::kEducationCost, "education_cost"},
    {BenefitKind::kOther, "other"}};

/// The value to one payer of one person-year that the line applies to (price-base prices): either
/// `amount` directly, or `share` x a price of the catalogue indexed to the price base (`price` not
/// empty); a cost (`kind` paid_benefit or education_cost) with a minus.
struct Benefit {
  std::string id, name;
  Payer payer = Payer::kKommune;
  Quantity amount;
  std::string price;  // id in EconomicsSettings::prices; empty: `amount` is used
  Quantity share;     // of the price, per person-year it applies to
  RefusionPart refusion = RefusionPart::kNone;  // x (1 - mean refusion) or x mean refusion
  AppliesTo applies_to = AppliesTo::kAvoided;
  BenefitKind kind = BenefitKind::kOther;
  bool operator==(const Benefit&) const = default;
};

/// What happens after the budget years: the programme runs on at the last budget year's level,
/// or stops (no costs and no avoided NEET years after it).
enum class AfterBudget { kContinue, kStop };
inline constexpr EnumId<AfterBudget> kAfterBudgetIds[] = {{AfterBudget::kContinue, "continue"},
                                                          {AfterBudget::kStop, "stop"}};

/// The budget-economic evaluation (docs/method.md).
struct EconomicsSettings {
  Quantity discount_rate;  // real, per year
  int discount_to = 0;     // the year every amount is discounted to; the price base by default
  AfterBudget after_budget = AfterBudget::kContinue;
  int horizon_years = 10;   // from the first budget year
  Quantity satsregulering;  // the satsreguleringsprocent, per year, assumed for every year
  std::vector<Price> prices;
  std::optional<Refusion> refusion;
  std::vector<Benefit> benefits;
  Quantity half_life_years;  // persistence of the last year's effect after the horizon; 0: none
  bool operator==(const EconomicsSettings&) const = default;
};

/// How comparison municipalities (and the municipality without a guarantee) develop: hold the
/// base level, add the national or their own trend, or revert geometrically towards the national
/// level (docs/method.md#base-level-and-trend).
enum class Trend { kHold, kNational, kOwn, kRevert };
inline constexpr EnumId<Trend> kTrendIds[] = {{Trend::kHold, "hold"},
                                              {Trend::kNational, "national"},
                                              {Trend::kOwn, "own"},
                                              {Trend::kRevert, "revert"}};

/// Yearly transition probabilities of the baseline cohort model, ages 16-24 (docs/method.md).
struct Transitions {
  Quantity entry_education, entry_employed;  // state at 16; NEET is the rest
  Quantity dropout;                          // education -> NEET
  std::vector<Quantity> education_to_work;   // per age 16..23
  Quantity employed_to_neet, employed_to_education;
  Quantity neet_to_education, neet_to_work;
  bool operator==(const Transitions&) const = default;
};

struct Projection {
  std::string shares, groups, national;  // comparison data files, resolved paths or builtin:NAME
  int group = 0;                         // DST group; 0: the municipality's own
  std::vector<int> codes;                // an explicit comparable group instead of `group`
  int base_years = 1;                    // the base is the mean of the last k data years
  Trend trend = Trend::kHold;
  int trend_years = 5;  // data years a trend is fitted on
  int years_after_full = 5;
  double confidence = 0.8;  // the chance of meeting a target from which the verdict is a plain yes
  Transitions baseline;
  bool operator==(const Projection&) const = default;
};

/// The item of `items` whose id is `id`, or nullptr.
template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

/// The index of the item whose id is `id` (items.size() when none), so that tables follow the
/// order of the file.
template <typename T>
int position(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return static_cast<int>(it - items.begin());
}

/// A resolved, validated scenario: what load_scenario() returns. Engines trust it.
/// Uncertain inputs whose draws move together in the Monte Carlo: every pair of `inputs` has
/// correlation `rho` in a Gaussian copula (docs/method.md). Without any, inputs are independent.
struct Correlation {
  std::vector<std::string> inputs;  // paths of quantities that have a range
  double rho = 0.0;
  std::string note, note_en;
  SourceLocation where;
  bool operator==(const Correlation&) const = default;
};

struct Scenario {
  int format = 1;
  std::string title;
  /// The source of figures taken from the programme's proposal: a quantity whose `source` begins
  /// with it is marked "forslaget" in the assumptions register (assumptions.hpp). Empty: none.
  std::string proposal_source;
  int municipality_code = 0;
  std::string municipality_name;
  // The kommunekode the participants, initiatives and head counts were written for
  // (municipality.written_for; by default the code before a later file or --set changed it).
  int written_for = 0;
  bool population_derived = false;  // some band's count is derived (population.hpp)
  int first_year = 2025;
  int year_count = 5;
  int price_base = 2025;
  Quantity hours_per_fte;
  Quantity wage_indexation, other_indexation;  // share per year
  std::vector<Department> departments;
  std::vector<Track> tracks;
  std::vector<Role> roles;
  std::optional<SteeringGroup> steering_group;
  std::array<Model, 3> models;  // indexed by Tier
  std::vector<Initiative> initiatives;
  std::vector<AgeBand> population;
  std::optional<CoverageSettings> coverage;
  std::optional<Projection> projection;
  std::optional<EconomicsSettings> economics;
  std::vector<Correlation> correlations;  // uncertainty.correlations

  std::string origin;      // the file (or "builtin:norddjurs") it was loaded from
  std::string input_hash;  // short hash of the resolved tree (tree_hash())

  int last_year() const { return first_year + year_count - 1; }
  const Model& model(Tier tier) const { return models[static_cast<size_t>(tier)]; }
  const Department* department(std::string_view id) const;
  const Track* track(std::string_view id) const;
  const Role* role(std::string_view id) const;
  const AgeBand* band(std::string_view id) const;
  bool operator==(const Scenario&) const = default;
};

}  // namespace ungegaranti
