#include "ungegaranti/backtest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ungegaranti/projection.hpp"

namespace ungegaranti {
namespace {

bool needs_national(Trend trend) { return trend == Trend::kNational || trend == Trend::kRevert; }

// The origins that leave years_needed() data years up to them and `distance` years after them.
std::vector<int> origins_for(int needed, const NeetData& data, int distance) {
  std::vector<int> out;
  for (size_t i = 0; i < data.years.size(); ++i) {
    int o = data.years[i];
    if (static_cast<int>(i) + 1 >= needed && o + distance <= data.years.back())
      out.push_back(o);
  }
  return out;
}

void check_backtest(const Projection& rule, const NeetData& data, int distance,
                    const std::vector<int>& origins) {
  if (distance < 1) {
    throw Error({}, msg("afstanden skal være mindst 1 år (fik {})",
                        "the distance must be at least 1 year (got {})", distance));
  }
  if (needs_national(rule.trend) && data.national.empty()) {
    throw Error(
        {}, msg("reglen {} kræver en landsserie i sammenligningsdata",
                "the rule {} needs a national series in the comparison data", rule_label(rule)));
  }
  if (!origins.empty())
    return;
  int first = data.years.empty() ? 0 : data.years.front();
  int last = data.years.empty() ? 0 : data.years.back();
  int needed = years_needed(rule);
  int longest = static_cast<int>(data.years.size()) - needed;
  if (longest < 1) {
    throw Error({}, msg("reglen {} kræver {} dataår før det år, der fremskrives til, og data "
                        "dækker kun {}-{}",
                        "the rule {} needs {} data years before the year it projects to, and the "
                        "data covers only {}-{}",
                        rule_label(rule), needed, first, last));
  }
  throw Error({}, msg("intet udgangsår til en backtest {} år frem: reglen {} kræver {} dataår til "
                      "og med udgangsåret, så data {}-{} giver højst {} år frem",
                      "no origin year for a backtest {} years ahead: the rule {} needs {} data "
                      "years up to the origin, so the data {}-{} allows at most {} years ahead",
                      distance, rule_label(rule), needed, first, last, longest));
}

// Every municipality's projected share in o + distance, from the data up to o: [origin][m].
std::vector<std::vector<double>> projections(const Projection& rule, const NeetData& data,
                                             int distance, const std::vector<int>& origins) {
  std::vector<std::vector<double>> out;
  for (int o : origins) {
    Development development(rule, truncated(data, o));
    std::vector<double>& row = out.emplace_back();
    for (const Municipality& m : data.municipalities)
      row.push_back(development.share(m.code, o + distance));
  }
  return out;
}

// Excel's PERCENTILE.INC: linear interpolation between the closest ranks. `v` is not empty.
double percentile_inc(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  double h = p * static_cast<double>(v.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(h));
  size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v)
    sum += x;
  return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
}

// Municipality i's share against the others of `shares` (all, or those of its DST group).
std::vector<double> others(const std::vector<double>& shares, size_t i,
                           const std::vector<Municipality>& ms, bool same_group) {
  std::vector<double> out;
  for (size_t j = 0; j < shares.size(); ++j) {
    if (j != i && (!same_group || ms[j].group == ms[i].group))
      out.push_back(shares[j]);
  }
  return out;
}

// As projection.cpp's target: the K-th lowest of the others, K = floor(of / 3).
double best_third_threshold(std::vector<double> others) {
  if (others.empty())
    return 0.0;
  std::sort(others.begin(), others.end());
  size_t k = std::max<size_t>(1, (others.size() + 1) / 3);
  return others[k - 1];
}

// What one (origin, municipality) pair adds to a score.
struct Outcome {
  double error = 0, rank_error = 0;
  bool tercile = false, best_third = false, group_average = false;
  double third_margin_error = 0, group_margin_error = 0;  // observed - projected margin
};

Outcome outcome(const std::vector<double>& observed, const std::vector<double>& projected, size_t i,
                const std::vector<Municipality>& ms) {
  Outcome out;
  out.error = observed[i] - projected[i];
  Rank obs = rank_among(observed[i], others(observed, i, ms, false));
  Rank proj = rank_among(projected[i], others(projected, i, ms, false));
  out.rank_error = std::abs(obs.rank - proj.rank);
  out.tercile = obs.tercile == proj.tercile;
  std::vector<double> obs_group = others(observed, i, ms, true);
  std::vector<double> proj_group = others(projected, i, ms, true);
  // Tercile 1 among the group is exactly the "best third" target (projection.cpp).
  out.best_third = (rank_among(observed[i], obs_group).tercile == 1) ==
                   (rank_among(projected[i], proj_group).tercile == 1);
  out.group_average = (observed[i] <= mean_of(obs_group)) == (projected[i] <= mean_of(proj_group));
  // Margins as `project` reports them: threshold - share, >= 0 means the target is met.
  double obs_third = best_third_threshold(others(observed, i, ms, false)) - observed[i];
  double proj_third = best_third_threshold(others(projected, i, ms, false)) - projected[i];
  out.third_margin_error = obs_third - proj_third;
  out.group_margin_error =
      (mean_of(obs_group) - observed[i]) - (mean_of(proj_group) - projected[i]);
  return out;
}

RuleScore score(const Projection& rule, const std::vector<Outcome>& outcomes) {
  RuleScore s;
  s.rule = rule_label(rule);
  s.trend = rule.trend;
  s.base_years = rule.base_years;
  bool trend = rule.trend == Trend::kNational || rule.trend == Trend::kOwn;
  s.trend_years = trend ? rule.trend_years : 0;
  s.count = static_cast<int>(outcomes.size());
  if (outcomes.empty())
    return s;
  std::vector<double> errors;
  double n = static_cast<double>(outcomes.size());
  for (const Outcome& o : outcomes) {
    errors.push_back(o.error);
    s.mae_pp += std::abs(o.error) / n;
    s.bias_pp += o.error / n;
    s.rank_mae += o.rank_error / n;
    s.tercile_hit += (o.tercile ? 1.0 : 0.0) / n;
    s.best_third_hit += (o.best_third ? 1.0 : 0.0) / n;
    s.group_average_hit += (o.group_average ? 1.0 : 0.0) / n;
    s.third_margin_mae_pp += std::abs(o.third_margin_error) / n;
    s.third_margin_bias_pp += o.third_margin_error / n;
    s.group_margin_mae_pp += std::abs(o.group_margin_error) / n;
  }
  s.p5_pp = percentile_inc(errors, 0.05);
  s.p95_pp = percentile_inc(errors, 0.95);
  return s;
}

}  // namespace

int years_needed(const Projection& rule) {
  switch (rule.trend) {
    case Trend::kNational:
    case Trend::kOwn:
      return std::max(rule.base_years, rule.trend_years);
    case Trend::kRevert:
      return std::max(rule.base_years, 2);
    case Trend::kHold:
      break;
  }
  return rule.base_years;
}

std::string rule_label(const Projection& rule) {
  std::string id(enum_id(kTrendIds, rule.trend));
  if (rule.trend == Trend::kNational || rule.trend == Trend::kOwn)
    return fmt::format("{}, base_years={}, trend_years={}", id, rule.base_years, rule.trend_years);
  return fmt::format("{}, base_years={}", id, rule.base_years);
}

NeetData truncated(const NeetData& data, int last_year) {
  NeetData out = data;
  auto end = std::upper_bound(data.years.begin(), data.years.end(), last_year);
  size_t n = static_cast<size_t>(end - data.years.begin());
  out.years.resize(n);
  for (auto& [code, series] : out.shares)
    series.resize(std::min(series.size(), n));
  if (!out.national.empty())
    out.national.resize(std::min(out.national.size(), n));
  return out;
}

ForecastErrors forecast_errors(const Projection& rule, const NeetData& data, int distance) {
  ForecastErrors out;
  out.distance = distance;
  out.origins = origins_for(years_needed(rule), data, distance);
  check_backtest(rule, data, distance, out.origins);
  for (const Municipality& m : data.municipalities)
    out.codes.push_back(m.code);
  std::vector<std::vector<double>> projected = projections(rule, data, distance, out.origins);
  for (size_t o = 0; o < out.origins.size(); ++o) {
    std::vector<double>& row = out.error_pp.emplace_back();
    for (size_t i = 0; i < out.codes.size(); ++i)
      row.push_back(data.share(out.codes[i], out.origins[o] + distance) - projected[o][i]);
  }
  return out;
}

std::vector<Projection> backtest_rules(const Projection& base, const std::vector<int>& base_years,
                                       bool has_national) {
  std::vector<Projection> rules;
  for (int k : base_years) {
    for (Trend trend : {Trend::kHold, Trend::kNational, Trend::kOwn, Trend::kRevert}) {
      if (needs_national(trend) && !has_national)
        continue;
      Projection rule = base;
      rule.base_years = k;
      rule.trend = trend;
      rules.push_back(rule);
    }
  }
  return rules;
}

BacktestResult backtest(const std::vector<Projection>& rules, const NeetData& data, int distance,
                        int subject_code) {
  if (rules.empty())
    throw Error({}, msg("ingen regler at teste", "no rules to test"));
  const Municipality* subject = data.municipality(subject_code);
  if (subject == nullptr) {
    throw Error({}, msg("kommunekode {} findes ikke i sammenligningsdata",
                        "kommunekode {} is not in the comparison data", subject_code));
  }
  auto most = std::max_element(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
    return years_needed(a) < years_needed(b);
  });
  BacktestResult result;
  result.distance = distance;
  result.origins = origins_for(years_needed(*most), data, distance);
  check_backtest(*most, data, distance, result.origins);  // the one that sets the origins
  for (const Projection& rule : rules)
    check_backtest(rule, data, distance, result.origins);
  result.subject_code = subject_code;
  result.subject_name = subject->name;
  result.vintage = data.vintage;
  const std::vector<Municipality>& ms = data.municipalities;
  size_t subject_index = static_cast<size_t>(subject - ms.data());
  for (const Projection& rule : rules) {
    std::vector<std::vector<double>> projected = projections(rule, data, distance, result.origins);
    std::vector<Outcome> all, alone;
    for (size_t o = 0; o < result.origins.size(); ++o) {
      std::vector<double> observed;
      for (const Municipality& m : ms)
        observed.push_back(data.share(m.code, result.origins[o] + distance));
      for (size_t i = 0; i < ms.size(); ++i) {
        all.push_back(outcome(observed, projected[o], i, ms));
        if (i == subject_index)
          alone.push_back(all.back());
      }
    }
    result.all.push_back(score(rule, all));
    result.subject.push_back(score(rule, alone));
    if (rule.trend == Trend::kRevert && result.revert_phi.empty()) {
      for (int o : result.origins)
        result.revert_phi.push_back(reversion_factor(truncated(data, o)));
    }
  }
  return result;
}

}  // namespace ungegaranti
