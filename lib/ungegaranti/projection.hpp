#pragma once

#include <array>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

struct ForecastErrors;  // backtest.hpp

/// A position in a ranking: 1 = lowest NEET share; ties share the best rank. Tercile 1 is the
/// best third: rank <= of/3.
struct Rank {
  int rank = 0;
  int of = 0;
  int tercile = 0;
  bool operator==(const Rank&) const = default;
};

/// One year of one path (the baseline or a model).
struct PathYear {
  int year = 0;
  double share_pct = 0.0;  // NEET share of 16-24-year-olds, percent
  Rank all, group;
  /// A model's path only: of the NEET person-years it avoids in the year, the share spent in work
  /// (the rest is in education), from the cohort model's states (docs/method.md#where-the-young-
  /// person-goes): extra employed / (extra employed + extra in education) against the steady
  /// state; 0 when nothing is moved.
  double work_share = 0.0;
  bool operator==(const PathYear&) const = default;
};

/// What `project` says of a target (docs/method.md#the-verdict): met with at least the
/// scenario's `projection.confidence` in the futures of the backtest, met in the central
/// projection but less surely, or not met in the central projection.
enum class Verdict { kNone, kMet, kUncertain, kNotMet };
inline constexpr EnumId<Verdict> kVerdictIds[] = {{Verdict::kNone, "none"},
                                                  {Verdict::kMet, "yes"},
                                                  {Verdict::kUncertain, "uncertain"},
                                                  {Verdict::kNotMet, "no"}};

/// One model's path and how it stands against its target.
struct ModelPath {
  Tier tier = Tier::kSolv;
  Target target = Target::kNone;
  int full_year = 0;            // first year in which every ramp of the model has reached 1
  bool full_reached = true;     // false: no budget year is at full level; full_year is the last
  int horizon = 0;              // full_year + years_after_full
  std::vector<PathYear> years;  // base year .. the common horizon
  double share_at_horizon_pct = 0.0;
  double threshold_pct = 0.0;  // the share the target requires, at or below
  double margin_pp = 0.0;      // threshold - share: >= 0 means the target is met
  bool met = false;
  double assumed_reduction_pp = 0.0;     // baseline - model, at the horizon
  double required_reduction_pp = 0.0;    // baseline - threshold, at the horizon
  std::optional<double> required_scale;  // factor on the effects that just meets the target
  bool met_without = false;              // the baseline meets the target at the horizon
  // In the futures of the backtest (docs/method.md#futures-without-a-programme): the share of
  // them in which the model, and the baseline, meets its target; empty when the data has too few
  // years for the horizon's distance.
  std::optional<double> p_met, p_met_without;
  int futures = 0;                        // how many futures (origin years) the shares are of
  int first_origin = 0, last_origin = 0;  // of the futures
  Verdict verdict = Verdict::kNone;
  bool operator==(const ModelPath&) const = default;
};

struct ProjectionResult {
  int code = 0;
  std::string name;
  int base_year = 0;               // the latest data year
  int base_first_year = 0;         // the first of the data years that the base is the mean of
  double observed_base_pct = 0.0;  // mean of the last base_years data years
  double calibration = 0.0;        // the factor on flows into NEET that reproduces it
  std::vector<int> group;          // kommunekoder of the comparable group (with the subject)
  std::string group_label;
  std::vector<PathYear> baseline;         // without a guarantee
  std::vector<double> group_average_pct;  // of the group, the subject left out, per year
  std::vector<ModelPath> models;
  double confidence = 0.8;  // projection.confidence
  std::string vintage;      // of the comparison data
  bool operator==(const ProjectionResult&) const = default;
};

/// The rank of `subject` among `others` (1 = lowest share; ties share the best rank): 1 + the
/// number of others strictly lower, among of = others + 1; tercile 1 when 3 rank <= of, 2 when
/// 3 rank <= 2 of, else 3. rank_in_sorted() of a sorted copy.
Rank rank_among(double subject, const std::vector<double>& others);

/// rank_among() for others already sorted ascending, by a binary search: the one rank rule, which
/// project() and the Monte Carlo's ProjectionRerun both use.
Rank rank_in_sorted(double subject, const std::vector<double>& sorted_others);

/// One model re-projected from an observed NEET share (docs/method.md#follow-up): the gap between
/// the observation and the model's projected path in that year is carried forward to the horizon.
struct Reprojection {
  Tier tier = Tier::kSolv;
  Target target = Target::kNone;
  int year = 0;  // of the observation
  double observed_pct = 0.0, projected_pct = 0.0;
  double gap_pp = 0.0;  // observed - projected
  int horizon = 0;
  double planned_at_horizon_pct = 0.0;  // the model's path as planned
  double share_at_horizon_pct = 0.0;    // re-projected: planned + gap, within 0-100
  double threshold_pct = 0.0;
  double margin_pp = 0.0;  // threshold - re-projected share: >= 0 means the target is met
  bool met = false;
  /// The factor on the model's effects in the years after the observation (the years up to it
  /// keep the assumed effects) that just meets the target; nullopt when even 100 does not.
  std::optional<double> required_scale;
  bool operator==(const Reprojection&) const = default;
};

/// Re-projects `tier` from `observed_pct` in `year` (after the data's last year). Throws Error as
/// project() does, and when `year` is not after the latest data year.
Reprojection reproject(const Scenario& scenario, const NeetData& data, Tier tier, int year,
                       double observed_pct);

/// How every municipality develops without a guarantee ("unchanged development"): its base level
/// (the mean of the last base_years data years) plus the trend rule, kept within 0-100; or, with
/// trend: revert, the national level plus its gap to it shrunk by the factor phi a year
/// (docs/method.md#base-level-and-trend). The projection uses it for the comparison
/// municipalities and the baseline; charts draw it; the backtest runs it on truncated data.
/// Throws Error for trend: revert without a national series in `data`.
class Development {
 public:
  Development(const Projection& projection, const NeetData& data);
  /// Percent, for years from the base year on; `code` must be in the data.
  double share(int code, int year) const;
  double base(int code) const { return base_.at(code); }
  int base_year() const { return base_year_; }
  /// trend: revert only: the yearly factor on the gap, and the level it reverts to (percent).
  double phi() const { return phi_; }
  double reference() const { return reference_; }

 private:
  int base_year_ = 0;
  bool revert_ = false;
  double phi_ = 1.0, reference_ = 0.0;
  std::map<int, double> base_, trend_;  // percent, percent per year
};

/// The pooled least-squares factor of next year's gap on this year's, clamped to [0, 1]:
/// phi = sum gap(m,y) gap(m,y+1) / sum gap(m,y)^2 over every municipality and pair of consecutive
/// data years, gap(m,y) = share(m,y) - national(y). 1 when every gap is 0 or there is one year.
/// `data` must have a national series.
double reversion_factor(const NeetData& data);

/// Projects the NEET share of the scenario's municipality for each of `tiers`, next to the
/// comparison municipalities (docs/method.md). Throws Error when the scenario has no projection
/// section, when the municipality or a group member is missing from `data`, or when the baseline
/// transitions cannot reproduce the observed base share.
/// The paths run to the latest horizon of the models, or to `through_year` if that is later (the
/// economics needs years past the horizon). Without `required_effect` the search for the required
/// effect is skipped (it is most of the time; the sensitivity runs need only the paths).
ProjectionResult project(const Scenario& scenario, const NeetData& data,
                         const std::vector<Tier>& tiers, int through_year = 0,
                         bool required_effect = true);

/// The yearly transition matrix (rows: from education, employed, NEET; columns: to the same) at
/// single-year age 16 + `age_index`, with the flows into NEET scaled by `calibration` and no
/// programme. Exposed for tests: every row sums to 1.
std::vector<std::vector<double>> baseline_matrix(const Transitions& t, int age_index,
                                                 double calibration);

/// The NEET share (0-1) of the steady state of the baseline cohort model, equal cohorts of
/// ages 16-24, with the flows into NEET scaled by `calibration`.
double steady_neet_share(const Transitions& t, double calibration);

/// The steady state's NEET share S(c) (0-1) and its derivative dS/dc at the factor `calibration`,
/// as the calibration's Newton iterations evaluate them: in the form for processors with AVX2
/// (scalar chains) when `avx2` and the processor has it (has_avx2()), else in the baseline form
/// (SSE2 on x86-64). Exposed for tests: the two forms give the same bits.
std::pair<double, double> steady_share_and_slope(const Transitions& t, double calibration,
                                                 bool avx2);

/// Three models' paths in the cohort model of `t` at the factor `calibration`, from its steady
/// state: each model's levers (the share of dropout, entry, NEET to education and NEET to work it
/// moves) per year from base_year + 1, the last row staying after; its NEET share (percent,
/// `baseline` per year from base_year plus the change, within 0-100) and work share per year from
/// base_year to its end. Model by model as project() steps the cohorts, or with `three_lanes`
/// (where the processor has AVX2, has_avx2()) in the Monte Carlo's form, the three at once.
/// Exposed for tests: the two forms give the same bits.
struct CohortPaths {
  std::array<std::vector<double>, 3> path, work;
};
CohortPaths cohort_paths(const Transitions& t, double calibration,
                         const std::array<std::vector<std::array<double, 4>>, 3>& levers,
                         int base_year, const std::array<int, 3>& ends,
                         const std::vector<double>& baseline, bool three_lanes);

/// The futures without a programme that a verdict is tested against (docs/method.md): for each
/// distance d (a horizon's years after the latest data year) that the scenario's horizons can
/// have, the backtest's errors of the scenario's own projection rule at that distance, one
/// vector over the data's municipalities per origin year. A distance for which the data has too
/// few years has no futures.
class Futures {
 public:
  Futures() = default;
  Futures(const Projection& rule, const NeetData& data, int min_distance, int max_distance);
  /// The errors at `distance`, or nullptr when there are none.
  const ForecastErrors* at(int distance) const;
  /// The future that a uniform number u in (0, 1) picks among n: floor(u n), at most n - 1.
  static size_t pick(double u, size_t n);

 private:
  int min_distance_ = 0;
  std::vector<std::shared_ptr<const ForecastErrors>> by_distance_;  // null: none
};

/// The model's share at its horizon in one future, its rank among all the others there, and
/// whether it and the baseline meet the target there.
struct FutureOutcome {
  double share_pct = 0.0;
  Rank all;
  std::optional<bool> met, met_without;  // empty without a target
  double threshold_pct = 0.0;  // the target's threshold in that future; 0 without a target
};

/// `path` (a model of `result`, from project()) in the future that `u` picks at the path's
/// horizon distance: every municipality's share without a programme, the subject's baseline and
/// model share included, moves by its error in that future (docs/method.md). nullopt when there
/// are no futures at that distance. Computed directly from the data (the Monte Carlo's reference).
std::optional<FutureOutcome> in_future(const Scenario& scenario, const NeetData& data,
                                       const ProjectionResult& result, const ModelPath& path,
                                       const Futures& futures, double u);

/// project() rerun for many draws of one scenario's quantities, as the Monte Carlo needs it: the
/// share at each model's horizon, its rank among all municipalities, whether it meets its target,
/// and the paths the economics uses. What depends only on the comparison data and the scenario's
/// structure is worked out once: the other municipalities' shares (sorted, so that a rank is a
/// binary search), the targets' thresholds, the subject's baseline, which initiatives each effect
/// reaches. run() reads the quantities' current values from the scenario given to the constructor,
/// which must outlive this object and keep its shape (only values change).
///
/// The figures are project()'s to the last bit: the same calibration, cohort kernel and rank rule
/// (docs/method.md#sensitivity-the-monte-carlo, "How a draw is computed").
class ProjectionRerun {
 public:
  /// What run() gives for one model.
  struct ModelRun {
    int horizon = 0;
    double share_at_horizon_pct = 0.0;
    int rank_all = 0;                 // among all municipalities, at the horizon
    std::optional<bool> met;          // empty when the model has no target
    std::optional<bool> met_without;  // the baseline meets it; empty without a target
    // The target's threshold at the horizon (in the future, with one); empty without a target.
    std::optional<double> threshold_pct;
    bool in_future = false;    // the figures at the horizon are those of a future, not central
    std::vector<double> path;  // percent, from the base year to the horizon or `through_year`
    std::vector<double> work_share;  // per year of `path`: PathYear::work_share
  };

  /// Throws Error as project() does for what no quantity can change (a municipality missing from
  /// the data, a group of fewer than 3), and when the scenario's own values cannot be calibrated.
  /// Any of the scenario's values may change between runs, unless `moving` names the only ones
  /// that may (MovingValues, as FastChain's): what depends only on the others (a model's full-
  /// implementation year when none of its ramps moves) is then worked out once, here, and a debug
  /// build asserts at each run that it has not changed.
  ProjectionRerun(const Scenario& scenario, const NeetData& data, int through_year,
                  const MovingValues& moving = MovingValues());
  ~ProjectionRerun();
  ProjectionRerun(const ProjectionRerun&) = delete;
  ProjectionRerun& operator=(const ProjectionRerun&) = delete;

  /// All three models, in the order of kAllTiers. Throws Error where project() would. With
  /// `future_u` in (0, 1), the share at the horizon, the rank and the targets are those of the
  /// future it picks (in_future()); NaN (the default) stays with the central projection, as does
  /// a horizon distance without futures. The paths stay central.
  void run(double future_u = std::numeric_limits<double>::quiet_NaN());
  /// run() for several draws whose calibrations are made together, in the lanes of one vector
  /// (docs/performance.md). staged_lanes() is how many (0 where this is not done: without AVX2).
  /// bind_staging(sources) says where stage() finds a draw's values: the quantity value at
  /// sources[i].first is values[sources[i].second], and a value not among them does not move.
  /// stage(l, values) reads the calibration's inputs of the draw whose values are `values` (only
  /// those at staged_inputs() need be set) into lane l; calibrate_staged(n) calibrates the first
  /// n lanes; run_staged(l, u) is run(u) for the draw of lane l, whose values must then be in the
  /// scenario. The figures are run()'s to the bit.
  size_t staged_lanes() const;
  void bind_staging(std::span<const std::pair<const double*, size_t>> sources);
  /// The indexes into stage()'s values that it reads (after bind_staging()), each once.
  std::vector<size_t> staged_inputs() const;
  void stage(size_t lane, const double* values);
  void calibrate_staged(size_t lanes);
  void run_staged(size_t lane, double future_u = std::numeric_limits<double>::quiet_NaN());
  /// Whether the futures cover the horizon distance of every model at the scenario's own values.
  bool has_futures() const;
  int base_year() const;
  /// The subject's baseline (percent) from the base year; it depends on no quantity.
  const std::vector<double>& baseline() const;
  const ModelRun& model(Tier tier) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ungegaranti
