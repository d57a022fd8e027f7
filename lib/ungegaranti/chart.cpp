#include "ungegaranti/chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>

#include "ungegaranti/backtest_table.hpp"
#include "ungegaranti/cost_table.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/tornado_table.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

// The p-th quantile by linear interpolation between the nearest ranks (Excel's PERCENTILE.INC).
double percentile(std::vector<double> v, double p) {
  assert(!v.empty());
  std::sort(v.begin(), v.end());
  double pos = p * static_cast<double>(v.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

Band spread(std::string key, std::string label, const std::vector<int>& years,
            const std::vector<std::vector<double>>& shares_per_year, double low_p, double high_p) {
  Band band{std::move(key), std::move(label), {}, {}, {}};
  for (size_t i = 0; i < years.size(); ++i) {
    if (shares_per_year[i].empty())
      continue;
    band.x.push_back(years[i]);
    band.low.push_back(percentile(shares_per_year[i], low_p));
    band.high.push_back(percentile(shares_per_year[i], high_p));
  }
  return band;
}

Series path(std::string key, std::string label, const std::vector<PathYear>& years, int last) {
  Series s{std::move(key), std::move(label), {}, {}};
  for (const PathYear& y : years) {
    if (y.year > last)
      break;
    s.x.push_back(y.year);
    s.y.push_back(y.share_pct);
  }
  return s;
}

std::string trend_words(Trend trend, Lang lang) {
  switch (trend) {
    case Trend::kHold:
      return in_lang(lang, "uændret niveau", "unchanged level");
    case Trend::kNational:
      return in_lang(lang, "basisniveau plus landstrenden", "base level plus the national trend");
    case Trend::kOwn:
      return in_lang(lang, "basisniveau plus egen trend", "base level plus their own trend");
    case Trend::kRevert:
      return in_lang(lang, "afstanden til landsniveauet aftager år for år",
                     "the gap to the national level shrinks year by year");
  }
  return "";
}

}  // namespace

LineChart neet_chart(const Scenario& scenario, const ProjectionResult& result, const NeetData& data,
                     Lang lang) {
  assert(scenario.projection);
  int last_year = result.baseline.empty() ? result.base_year : result.baseline.back().year;
  if (!result.models.empty()) {
    last_year = std::max_element(
                    result.models.begin(), result.models.end(),
                    [](const ModelPath& a, const ModelPath& b) { return a.horizon < b.horizon; })
                    ->horizon;
  }
  LineChart chart;
  chart.id = "neet";
  chart.title = in_lang(lang, "NEET-andel for 16-24-årige i {}, {}-{}",
                        "NEET share of 16-24-year-olds in {}, {}-{}", result.name, result.base_year,
                        last_year);
  chart.x_label = in_lang(lang, "År", "Year");
  chart.y_label = in_lang(lang, "NEET-andel (%)", "NEET share (%)");

  Development comparators(*scenario.projection, data);
  std::vector<int> years;
  std::vector<std::vector<double>> all, group;
  for (int year = result.base_year; year <= last_year; ++year) {
    years.push_back(year);
    all.emplace_back();
    group.emplace_back();
    for (const Municipality& m : data.municipalities) {
      if (m.code != result.code)
        all.back().push_back(comparators.share(m.code, year));
    }
    for (int code : result.group) {
      if (code != result.code)
        group.back().push_back(comparators.share(code, year));
    }
  }
  chart.bands.push_back(spread("all",
                               in_lang(lang, "Øvrige kommuner, 10.-90. percentil",
                                       "Other municipalities, 10th-90th percentile"),
                               years, all, 0.1, 0.9));
  chart.bands.push_back(spread("group",
                               in_lang(lang, "Sammenlignelige kommuner, laveste-højeste",
                                       "Comparable municipalities, lowest-highest"),
                               years, group, 0.0, 1.0));

  Series average{
      "group_average",
      in_lang(lang, "Gennemsnit, sammenlignelige kommuner", "Average of comparable municipalities"),
      {},
      {}};
  for (size_t i = 0; i < years.size() && i < result.group_average_pct.size(); ++i) {
    average.x.push_back(years[i]);
    average.y.push_back(result.group_average_pct[i]);
  }
  chart.series.push_back(std::move(average));
  chart.series.push_back(path(
      "baseline", in_lang(lang, "Uden ungegaranti (basis)", "Without the guarantee (baseline)"),
      result.baseline, last_year));
  for (const ModelPath& m : result.models) {
    std::string name(tier_name(m.tier, lang));
    chart.series.push_back(path(std::string(tier_id(m.tier)), name, m.years, last_year));
    if (m.target == Target::kNone)
      continue;
    chart.markers.push_back(
        {std::string(tier_id(m.tier)),
         in_lang(lang, "Mål for {} i {}: højst {} %", "Target for {} in {}: at most {}%", name,
                 m.horizon, format_number(m.threshold_pct, 2, lang)),
         static_cast<double>(m.horizon), m.threshold_pct});
  }
  chart.notes.push_back(
      in_lang(lang,
              "Basisår {base} ({vintage}). De øvrige kommuner følger fremskrivningens "
              "antagelse ({trend}); {name} indgår ikke i båndene. Sammenlignelige kommuner: "
              "{group}. Ruderne er den NEET-andel, hver models mål kræver ved dens horisont.",
              "Base year {base} ({vintage}). The other municipalities develop as the "
              "projection assumes ({trend}); {name} is not part of the bands. Comparable "
              "municipalities: {group}. The diamonds are the share each model's target "
              "requires at its horizon.",
              "base"_a = result.base_year, "vintage"_a = result.vintage,
              "trend"_a = trend_words(scenario.projection->trend, lang), "name"_a = result.name,
              "group"_a = result.group_label));
  return chart;
}

StackedBars cost_chart(const Scenario& scenario, const std::vector<CostRow>& rows, Lang lang) {
  StackedBars chart;
  chart.id = "cost";
  chart.title = in_lang(lang, "Udgifter pr. år efter kategori", "Cost per year by category");
  chart.x_label = in_lang(lang, "Budgetår", "Budget year");
  chart.y_label = in_lang(lang, "Udgift", "Cost");
  chart.total_label = in_lang(lang, "Netto i alt", "Net total");
  // The category names as the cost tables show them.
  Table names = cost_table(scenario, rows, By::kYear, lang);
  for (Category c : kAllCategories) {
    std::string id(category_id(c));
    auto column = std::find_if(names.columns.begin(), names.columns.end(),
                               [&](const Column& col) { return col.id == id; });
    chart.segment_keys.push_back(id);
    chart.segment_labels.push_back(column != names.columns.end() ? column->label : id);
  }
  for (Tier tier : kAllTiers) {
    std::map<int, std::vector<double>> by_year;
    for (const CostRow& r : rows) {
      if (r.tier != tier)
        continue;
      std::vector<double>& values = by_year[r.year];
      values.resize(std::size(kAllCategories));
      values[static_cast<size_t>(r.category)] += r.dkk;
    }
    if (by_year.empty())
      continue;
    BarGroup group{std::string(tier_id(tier)), std::string(tier_name(tier, lang)), {}};
    for (auto& [year, values] : by_year)
      group.bars.push_back({std::to_string(year), std::move(values)});
    chart.groups.push_back(std::move(group));
  }
  bool funded = std::any_of(rows.begin(), rows.end(), [](const CostRow& r) {
    return r.category == Category::kFunding && r.dkk != 0;
  });
  chart.notes.push_back(in_lang(lang, "Løbende priser (prisniveau {} fremskrevet).",
                                "Current prices (price base {}, indexed).", scenario.price_base));
  if (funded) {
    chart.notes.back() +=
        in_lang(lang,
                " Ekstern finansiering er vist under 0, og stregen på søjlen er "
                "nettoudgiften.",
                " External funding is shown below 0, and the tick on each bar is the "
                "net cost.");
  }
  return chart;
}

TornadoChart tornado_chart(const Tornado& tornado, Lang lang, size_t top) {
  TornadoChart chart;
  std::string what = outcome_words(tornado.outcome, lang);
  chart.id = fmt::format("tornado-{}-{}", tier_id(tornado.tier),
                         enum_id(kOutcomeKindIds, tornado.outcome));
  chart.title = fmt::format("{}: {} — {}", in_lang(lang, "Følsomhed", "Sensitivity"), what,
                            tier_name(tornado.tier, lang));
  chart.money = tornado.outcome == OutcomeKind::kCost || tornado.outcome == OutcomeKind::kNpv;
  chart.decimals =
      tornado.outcome == OutcomeKind::kNeet || tornado.outcome == OutcomeKind::kMargin ? 2 : 0;
  chart.x_label = what;
  if (!chart.x_label.empty())
    chart.x_label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
  chart.base = tornado.base;
  chart.base_label =
      in_lang(lang, "Basis: alle input på deres værdi", "Base: every input at its value");
  chart.low_label = in_lang(lang, "Input ved sin lave værdi", "Input at its low end");
  chart.high_label = in_lang(lang, "Input ved sin høje værdi", "Input at its high end");
  chart.choice_label = in_lang(lang, "Valg i fremskrivningen: laveste til højeste resultat",
                               "Projection choice: lowest to highest outcome");
  std::vector<std::pair<double, TornadoBarData>> bars;
  for (const TornadoBar& bar : tornado.bars) {
    if (top > 0 && bars.size() == top)
      break;
    bars.push_back({bar.swing(), {bar.label.in(lang), *bar.at_low, *bar.at_high, false}});
  }
  size_t left_out = tornado.bars.size() - bars.size();
  for (const ChoiceBar& bar : tornado.choices) {
    std::string label =
        fmt::format("{} ({}: {} … {})", bar.label.in(lang), in_lang(lang, "valg", "choice"),
                    bar.low_label.in(lang), bar.high_label.in(lang));
    bars.push_back({bar.swing(), {label, bar.at_low, bar.at_high, true}});
  }
  std::stable_sort(bars.begin(), bars.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [swing, bar] : bars)
    chart.bars.push_back(std::move(bar));
  chart.notes.push_back(
      in_lang(lang,
              "De {shown} input, der flytter resultatet mest; {more} flere med mindre "
              "udsving står ikke i figuren.",
              "The {shown} inputs that move the outcome the most; {more} more with a "
              "smaller swing are not shown.",
              "shown"_a = chart.bars.size() - tornado.choices.size(), "more"_a = left_out));
  if (!tornado.choices.empty()) {
    chart.notes.push_back(in_lang(lang,
                                  "Valg i fremskrivningen (markeret valg) er ikke trukne input: "
                                  "bjælken går fra det laveste til det højeste resultat over "
                                  "valgets muligheder.",
                                  "Projection choices (marked choice) are not drawn inputs: the "
                                  "bar runs from the lowest to the highest outcome over the "
                                  "choice's alternatives."));
  }
  return chart;
}

HistogramChart neet_distribution_chart(const MonteCarloResult& result,
                                       const ProjectionResult* central, Lang lang) {
  HistogramChart chart;
  chart.id = "monte-carlo-neet";
  chart.title =
      in_lang(lang, "NEET-andel ved horisonten i {} træk", "NEET share at the horizon in {} draws",
              format_number(result.draws, 0, lang));
  chart.x_label = in_lang(lang, "NEET-andel, 16-24-årige (%)", "NEET share, 16-24-year-olds (%)");
  chart.y_label = in_lang(lang, "Andel af trækkene (%)", "Share of the draws (%)");
  if (!result.neet_histogram)
    return chart;
  const NeetHistogram& h = *result.neet_histogram;
  chart.lo = h.lo;
  chart.width = h.width;
  for (size_t m = 0; m < result.models.size() && m < h.counts.size(); ++m) {
    Tier tier = result.models[m].tier;
    HistogramSeries series{std::string(tier_id(tier)), std::string(tier_name(tier, lang)), {}};
    int total = 0;
    for (int c : h.counts[m])
      total += c;
    for (int c : h.counts[m])
      series.shares_pct.push_back(total > 0 ? 100.0 * c / total : 0.0);
    chart.series.push_back(std::move(series));
  }
  if (central != nullptr) {
    for (const ModelPath& m : central->models) {
      if (m.target == Target::kNone)
        continue;
      chart.thresholds.push_back(
          {std::string(tier_id(m.tier)),
           in_lang(lang, "Mål for {}: højst {} %", "Target for {}: at most {}%",
                   tier_name(m.tier, lang), format_number(m.threshold_pct, 2, lang)),
           m.threshold_pct});
    }
  }
  chart.notes.push_back(in_lang(
      lang,
      "Hver models træk fordelt på {bins} lige brede intervaller fra {lo} % til "
      "{hi} %; {failed} træk kunne ikke beregnes. Målstregerne er fra den centrale "
      "fremskrivning; i hvert træk måles mod det træks egen tærskel.",
      "Each model's draws in {bins} equal bins from {lo}% to {hi}%; {failed} "
      "draws could not be computed. The target lines are the central "
      "projection's; each draw is judged against its own threshold.",
      "bins"_a = h.counts.empty() ? 0 : h.counts.front().size(),
      "lo"_a = format_number(h.lo, 2, lang),
      "hi"_a = format_number(
          h.lo + h.width * static_cast<double>(h.counts.empty() ? 0 : h.counts.front().size()), 2,
          lang),
      "failed"_a = result.failed));
  return chart;
}

LineChart backtest_chart(const std::vector<BacktestResult>& by_distance, Lang lang) {
  LineChart chart;
  chart.id = "backtest";
  chart.title = in_lang(lang, "Gennemsnitlig absolut fejl på NEET-andelen, efter afstand",
                        "Mean absolute error of the NEET share, by distance ahead");
  chart.x_label = in_lang(lang, "År frem", "Years ahead");
  chart.y_label = in_lang(lang, "Procentpoint", "Percentage points");
  if (by_distance.empty())
    return chart;
  for (size_t i = 0; i < by_distance.front().all.size(); ++i) {
    const RuleScore& first = by_distance.front().all[i];
    Series s{first.rule, rule_name(first, lang), {}, {}};
    for (const BacktestResult& r : by_distance) {
      s.x.push_back(r.distance);
      s.y.push_back(r.all[i].mae_pp);
    }
    chart.series.push_back(std::move(s));
  }
  chart.notes.push_back(
      in_lang(lang,
              "Alle kommuner; for hver afstand de udgangsår, som alle regler kan bruges fra og "
              "som har data så mange år frem (færre, jo længere frem).",
              "All municipalities; at each distance, the origin years every rule can be used "
              "from that have data that many years ahead (fewer, the further ahead)."));
  return chart;
}

std::vector<Figure> monte_carlo_figures(const Scenario& scenario, const MonteCarloResult& result,
                                        const NeetData* data, Lang lang) {
  std::vector<Figure> figures;
  if (result.neet_histogram && data != nullptr) {
    std::vector<Tier> tiers(kAllTiers.begin(), kAllTiers.end());
    ProjectionResult central = project(scenario, *data, tiers);
    figures.push_back({"probabilities", neet_distribution_chart(result, &central, lang)});
  }
  return figures;
}

LineChart backtest_chart(const std::vector<Projection>& rules, const NeetData& data, int distance,
                         int municipality_code, Lang lang) {
  std::vector<BacktestResult> by_distance;
  for (int d = 1; d <= distance; ++d)
    by_distance.push_back(backtest(rules, data, d, municipality_code));
  return backtest_chart(by_distance, lang);
}

}  // namespace ungegaranti
