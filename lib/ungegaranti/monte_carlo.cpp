#include "ungegaranti/monte_carlo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <thread>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/sampling.hpp"

namespace ungegaranti {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What one draw gives for one model; NaN where it cannot be computed.
struct Outcome1 {
  double cost = kNaN, neet = kNaN, rank = kNaN, npv = kNaN, met = kNaN, per_avoided = kNaN;
};

// All three models for one draw: the projection runs once for them together (its calibration
// does not depend on the model), and so does the economics.
std::array<Outcome1, 3> evaluate(const Scenario& s, const NeetData* data) {
  std::array<Outcome1, 3> out;
  for (Tier tier : kAllTiers) {
    double cost = 0;
    for (const CostRow& row : compute_cost(s, tier))
      cost += row.dkk;
    out[static_cast<size_t>(tier)].cost = cost;
  }
  if (!s.projection || data == nullptr)
    return out;
  std::vector<Tier> tiers(kAllTiers.begin(), kAllTiers.end());
  int through = s.economics ? economics_last_year(s) : 0;
  ProjectionResult p = project(s, *data, tiers, through, /*required_effect=*/false);
  std::optional<EconomicsResult> economics;
  if (s.economics)
    economics = compute_economics(s, p);
  for (size_t t = 0; t < p.models.size(); ++t) {
    const ModelPath& m = p.models[t];
    Outcome1& o = out[static_cast<size_t>(m.tier)];
    const PathYear& at = m.years.at(static_cast<size_t>(m.horizon - p.base_year));
    o.neet = at.share_pct;
    o.rank = at.all.rank;
    if (m.target != Target::kNone)
      o.met = m.met ? 1.0 : 0.0;
    if (economics) {
      const ModelEconomics& e = economics->models[t];
      o.npv = e.npv[kForAll];
      if (e.cost_per_avoided)
        o.per_avoided = *e.cost_per_avoided;
    }
  }
  return out;
}

// PERCENTILE.INC of the finite values, or nullopt when there are none.
std::optional<Spread> spread(std::vector<double> v) {
  std::erase_if(v, [](double x) { return !std::isfinite(x); });
  if (v.empty())
    return std::nullopt;
  std::sort(v.begin(), v.end());
  auto at = [&](double p) {
    double pos = p * static_cast<double>(v.size() - 1);
    size_t i = static_cast<size_t>(pos);
    double frac = pos - static_cast<double>(i);
    return i + 1 < v.size() ? v[i] + frac * (v[i + 1] - v[i]) : v[i];
  };
  double sum = 0;
  for (double x : v)
    sum += x;
  return Spread{at(0.05), at(0.5), at(0.95), sum / static_cast<double>(v.size())};
}

// kNeetHistogramBins bins from the lowest to the highest finite value of all models; a single
// bin when every value is the same.
std::optional<NeetHistogram> histogram(const std::vector<std::vector<double>>& per_model) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const std::vector<double>& v : per_model) {
    for (double x : v) {
      if (std::isfinite(x)) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
    }
  }
  if (!(lo <= hi))
    return std::nullopt;
  NeetHistogram h;
  h.lo = lo;
  int bins = hi > lo ? kNeetHistogramBins : 1;
  h.width = hi > lo ? (hi - lo) / bins : 0.0;
  for (const std::vector<double>& v : per_model) {
    std::vector<int> counts(static_cast<size_t>(bins), 0);
    for (double x : v) {
      if (!std::isfinite(x))
        continue;
      int b = h.width > 0 ? static_cast<int>((x - lo) / h.width) : 0;
      ++counts[static_cast<size_t>(std::clamp(b, 0, bins - 1))];
    }
    h.counts.push_back(std::move(counts));
  }
  return h;
}

std::optional<double> share_of(const std::vector<double>& flags) {
  double n = 0, yes = 0;
  for (double f : flags) {
    if (!std::isfinite(f))
      continue;
    ++n;
    yes += f;
  }
  return n > 0 ? std::optional(yes / n) : std::nullopt;
}

}  // namespace

MonteCarloResult monte_carlo(const Scenario& s, const NeetData* data, int draws, uint64_t seed,
                             int threads) {
  std::vector<std::string> paths;
  std::vector<const Quantity*> ranges;  // as written: the draws overwrite the copies' values
  for (const Quantity* q : all_quantities(s)) {
    if (q->low && q->high) {
      paths.push_back(q->path);
      ranges.push_back(q);
    }
  }
  size_t n = static_cast<size_t>(std::max(draws, 0));
  std::vector<std::array<Outcome1, 3>> results(n);
  std::vector<char> failed(n, 0);
  auto run = [&](size_t begin, size_t end) {
    // One copy of the scenario per thread: every draw sets every uncertain input, so nothing of
    // one draw is left for the next.
    Scenario d = s;
    std::vector<std::vector<Quantity*>> copies;
    copies.reserve(paths.size());
    for (const std::string& path : paths)
      copies.push_back(quantities_at(d, path));
    for (size_t i = begin; i < end; ++i) {
      for (size_t k = 0; k < paths.size(); ++k) {
        RandomStream random(seed, i, k);
        double v = sample(*ranges[k], random);
        for (Quantity* q : copies[k])
          q->value = v;
      }
      try {
        results[i] = evaluate(d, data);
      } catch (const Error&) {
        failed[i] = 1;  // e.g. baseline transitions that cannot reach the observed share
      }
    }
  };
  size_t workers =
      std::clamp<size_t>(static_cast<size_t>(std::max(threads, 1)), 1, std::max<size_t>(n, 1));
  std::vector<std::thread> pool;
  for (size_t w = 0; w < workers; ++w)
    pool.emplace_back(run, n * w / workers, n * (w + 1) / workers);
  for (std::thread& t : pool)
    t.join();

  MonteCarloResult r;
  r.seed = seed;
  r.draws = draws;
  r.inputs = static_cast<int>(paths.size());
  r.failed = static_cast<int>(std::count(failed.begin(), failed.end(), 1));
  std::vector<double> cheapest_of(kAllTiers.size() * n, kNaN);
  for (size_t i = 0; i < n; ++i) {
    if (failed[i])
      continue;
    size_t best = kAllTiers.size();
    for (size_t t = 0; t < kAllTiers.size(); ++t) {
      double v = results[i][t].per_avoided;
      if (std::isfinite(v) && (best == kAllTiers.size() || v < results[i][best].per_avoided))
        best = t;
    }
    for (size_t t = 0; t < kAllTiers.size() && best < kAllTiers.size(); ++t)
      cheapest_of[t * n + i] = t == best ? 1.0 : 0.0;
  }
  std::vector<std::vector<double>> neet_of_models;
  for (Tier tier : kAllTiers) {
    size_t t = static_cast<size_t>(tier);
    std::vector<double> cost, neet, rank, npv, met;
    for (size_t i = 0; i < n; ++i) {
      if (failed[i])
        continue;
      cost.push_back(results[i][t].cost);
      neet.push_back(results[i][t].neet);
      rank.push_back(results[i][t].rank);
      npv.push_back(results[i][t].npv);
      met.push_back(results[i][t].met);
    }
    ModelDraws m;
    m.tier = tier;
    m.cost = spread(cost).value_or(Spread{});
    m.neet = spread(neet);
    neet_of_models.push_back(std::move(neet));
    m.rank = spread(rank);
    m.npv = spread(npv);
    m.p_target_met = share_of(met);
    m.p_cheapest = share_of({cheapest_of.begin() + static_cast<std::ptrdiff_t>(t * n),
                             cheapest_of.begin() + static_cast<std::ptrdiff_t>((t + 1) * n)});
    r.models.push_back(m);
  }
  if (std::any_of(r.models.begin(), r.models.end(), [](const ModelDraws& m) { return m.neet; }))
    r.neet_histogram = histogram(neet_of_models);
  return r;
}

std::vector<Table> monte_carlo_tables(const Scenario& s, const MonteCarloResult& r, Lang lang) {
  bool da = lang == Lang::kDa;
  auto t = [da](std::string_view d, std::string_view e) { return std::string(da ? d : e); };
  Stamp stamp = stamp_of(s);

  Table spreads;
  spreads.id = "monte_carlo";
  spreads.title = fmt::format("{} ({} {})", t("Monte Carlo: spredning", "Monte Carlo: spread"),
                              r.draws, t("træk", "draws"));
  spreads.columns = {
      {"model", t("Model", "Model")},      {"measure", t("Mål", "Measure")},
      {"p5", "P5", ColumnType::kNumber},   {"p50", "P50", ColumnType::kNumber},
      {"p95", "P95", ColumnType::kNumber}, {"mean", t("Gennemsnit", "Mean"), ColumnType::kNumber}};
  auto add = [&](const ModelDraws& m, std::string key, std::string label,
                 const std::optional<Spread>& v, ColumnType type, int decimals) {
    if (!v)
      return;
    Row row{RowKind::kBody,
            {text_cell(std::string(tier_name(m.tier, lang)), std::string(tier_id(m.tier))),
             text_cell(std::move(label), std::move(key))}};
    for (double x : {v->p5, v->p50, v->p95, v->mean}) {
      Cell c = number_cell(x);
      c.type = type;
      c.decimals = decimals;
      row.cells.push_back(c);
    }
    spreads.rows.push_back(std::move(row));
  };
  for (const ModelDraws& m : r.models) {
    add(m, "cost", t("Nettoudgift i perioden", "Net cost over the period"), m.cost,
        ColumnType::kMoney, 0);
    add(m, "neet", t("NEET-andel % ved horisonten", "NEET share % at the horizon"), m.neet,
        ColumnType::kNumber, 2);
    add(m, "rank", t("Placering blandt alle", "Rank among all"), m.rank, ColumnType::kNumber, 1);
    add(m, "npv", t("Nutidsværdi i alt", "NPV, total"), m.npv, ColumnType::kMoney, 0);
  }
  spreads.notes.push_back(fmt::format(
      fmt::runtime(t("{inputs} usikre input trukket uafhængigt i hvert træk (frø {seed}); {failed} "
                     "træk kunne ikke beregnes og er udeladt.",
                     "{inputs} uncertain inputs drawn independently in every draw (seed {seed}); "
                     "{failed} draws could not be computed and are left out.")),
      fmt::arg("inputs", r.inputs), fmt::arg("seed", r.seed), fmt::arg("failed", r.failed)));
  spreads.stamp = stamp;

  Table chances;
  chances.id = "probabilities";
  chances.title = t("Sandsynligheder", "Probabilities");
  chances.columns = {
      {"model", t("Model", "Model")},
      {"p_target_met", t("Målet nås %", "Target met %"), ColumnType::kNumber, 1},
      {"p_cheapest", t("Billigst pr. undgået NEET-år %", "Cheapest per avoided NEET year %"),
       ColumnType::kNumber, 1}};
  for (const ModelDraws& m : r.models) {
    auto pct = [](const std::optional<double>& p) { return p ? number_cell(*p * 100) : Cell{}; };
    chances.rows.push_back(
        {RowKind::kBody,
         {text_cell(std::string(tier_name(m.tier, lang)), std::string(tier_id(m.tier))),
          pct(m.p_target_met), pct(m.p_cheapest)}});
  }
  chances.stamp = stamp;

  Table run;  // the figures behind the notes, for JSON
  run.id = "monte_carlo_run";
  run.title = t("Kørslen", "The run");
  run.columns = {{"draws", t("Træk", "Draws"), ColumnType::kNumber},
                 {"seed", t("Frø", "Seed")},
                 {"inputs", t("Usikre input", "Uncertain inputs"), ColumnType::kNumber},
                 {"failed", t("Fejlede træk", "Failed draws"), ColumnType::kNumber}};
  std::string seed = std::to_string(r.seed);
  run.rows.push_back({RowKind::kBody,
                      {number_cell(r.draws), text_cell(seed, seed), number_cell(r.inputs),
                       number_cell(r.failed)}});
  run.stamp = stamp;
  return {spreads, chances, run};
}

}  // namespace ungegaranti
