#pragma once

#include <string>
#include <vector>

#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// The h-year-ahead errors of a projection rule on the comparison data itself: for every origin
/// year o that leaves enough history before it (what the rule needs) and has o + distance in the
/// data, every municipality is projected without a programme from the data up to o only
/// (Development on the data truncated at o), and error = observed(o + distance) - projected(o +
/// distance), in pp.
struct ForecastErrors {
  int distance = 0;
  std::vector<int> origins;                   // ascending
  std::vector<int> codes;                     // the data's municipalities, in the data's order
  std::vector<std::vector<double>> error_pp;  // [origin][municipality]
  bool operator==(const ForecastErrors&) const = default;
};
/// Throws Error (Danish/English msg) when no origin year qualifies (distance too long for the data,
/// or a rule needing more years than the data has).
ForecastErrors forecast_errors(const Projection& rule, const NeetData& data, int distance);

/// The data years up to and including `last_year` (the national series too): what was known then.
NeetData truncated(const NeetData& data, int last_year);

/// How many data years up to the origin `rule` needs: base_years; for a trend, trend_years; for
/// revert, at least 2 (one pair of years to estimate the factor on).
int years_needed(const Projection& rule);

/// "hold, base_years=1", "own, base_years=1, trend_years=5": the rule in the scenario's words.
std::string rule_label(const Projection& rule);

/// The rules `ungegaranti backtest` compares: for each k of `base_years`, hold, national (when the
/// data has a national series), own and revert, with `base`'s trend_years.
std::vector<Projection> backtest_rules(const Projection& base, const std::vector<int>& base_years,
                                       bool has_national);

/// How well one rule projected, over every (origin, municipality) pair scored.
struct RuleScore {
  std::string rule;  // rule_label()
  Trend trend = Trend::kHold;
  int base_years = 1;
  int trend_years = 0;             // 0 where the rule has no trend
  int count = 0;                   // errors scored
  double mae_pp = 0.0;             // mean |observed - projected| of the share
  double bias_pp = 0.0;            // mean (observed - projected)
  double p5_pp = 0.0;              // 5th percentile of the error (PERCENTILE.INC)
  double p95_pp = 0.0;             // 95th percentile
  double rank_mae = 0.0;           // mean |observed rank - projected rank| among all municipalities
  double tercile_hit = 0.0;        // share whose tercile among all was projected right
  double best_third_hit = 0.0;     // share whose "best third of its DST group" verdict was right
  double group_average_hit = 0.0;  // share whose "at or below its group's average" was right
  /// The error (observed - projected) of the margin to the best third of all municipalities
  /// (threshold - share, as `project` reports it; negative: the projection promised more room
  /// than there was), and of the margin to the group average (whose mean is 0 by construction).
  double third_margin_mae_pp = 0.0;
  double third_margin_bias_pp = 0.0;
  double group_margin_mae_pp = 0.0;
  bool operator==(const RuleScore&) const = default;
};

/// The backtest of several rules over the same origins (those the most demanding rule allows),
/// for every municipality and for `subject_code` alone.
struct BacktestResult {
  int distance = 0;
  std::vector<int> origins;  // ascending
  int subject_code = 0;
  std::string subject_name;
  std::vector<RuleScore> all;      // one per rule, in the rules' order
  std::vector<RuleScore> subject;  // the same, for the subject alone
  std::vector<double> revert_phi;  // the factor estimated at each origin (empty without revert)
  std::string vintage;
  bool operator==(const BacktestResult&) const = default;
};

/// Throws Error as forecast_errors() does for the most demanding rule, and when `subject_code` is
/// not in the data or `rules` is empty.
BacktestResult backtest(const std::vector<Projection>& rules, const NeetData& data, int distance,
                        int subject_code);

}  // namespace ungegaranti
