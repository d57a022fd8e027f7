#include "ungegaranti/fast_chain.hpp"

#include <cassert>
#include <cmath>
#include <optional>
#include <span>
#include <vector>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/projection.hpp"

namespace ungegaranti {

DrawOutcomes evaluate_chain(const Scenario& s, const NeetData* data, double future_u) {
  DrawOutcomes out;
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
  Futures futures;
  if (future_u > 0 && future_u < 1) {
    const Projection& rule = *s.projection;
    futures = Futures(rule, *data, s.first_year + rule.years_after_full - p.base_year,
                      s.last_year() + rule.years_after_full - p.base_year);
  }
  for (size_t t = 0; t < p.models.size(); ++t) {
    const ModelPath& m = p.models[t];
    DrawOutcome& o = out[static_cast<size_t>(m.tier)];
    const PathYear& at = m.years.at(static_cast<size_t>(m.horizon - p.base_year));
    o.neet = at.share_pct;
    o.rank = at.all.rank;
    if (m.target != Target::kNone) {
      o.met = m.met ? 1.0 : 0.0;
      o.met_without = m.met_without ? 1.0 : 0.0;
      o.margin = m.margin_pp;
    }
    if (future_u > 0 && future_u < 1)
      o.in_future = 0.0;
    if (auto f = in_future(s, *data, p, m, futures, future_u)) {
      o.in_future = 1.0;
      o.neet = f->share_pct;
      o.rank = f->all.rank;
      if (f->met)
        o.met = *f->met ? 1.0 : 0.0;
      if (f->met_without)
        o.met_without = *f->met_without ? 1.0 : 0.0;
      if (m.target != Target::kNone)
        o.margin = f->threshold_pct - f->share_pct;
    }
    if (economics) {
      const ModelEconomics& e = economics->models[t];
      o.npv = e.npv[kForAll];
      if (e.cost_per_avoided)
        o.per_avoided = *e.cost_per_avoided;
    }
  }
  return out;
}

struct FastChain::Impl {
  const Scenario& s;
  const NeetData* data;
  std::vector<CostPlan> plans;  // indexed by Tier
  std::optional<EconomicsKernel> economics;
  std::unique_ptr<ProjectionRerun> projection;
  bool full_chain = false;           // the projection could not be set up: run evaluate_chain()
  std::vector<double> wages, other;  // per draw, reused: index factors per budget year

  Impl(const Scenario& scenario, const NeetData* neet_data) : s(scenario), data(neet_data) {
    for (Tier tier : kAllTiers)
      plans.emplace_back(s, tier);
    if (s.projection && data != nullptr) {
      try {
        int through = s.economics ? economics_last_year(s) : 0;
        projection = std::make_unique<ProjectionRerun>(s, *data, through);
      } catch (const Error&) {
        full_chain = true;
      }
    }
    if (s.economics)
      economics.emplace(s);
    size_t years = static_cast<size_t>(s.year_count);
    wages.resize(years);
    other.resize(years);
  }

  // The sum of compute_cost()'s rows, in their order.
  double total_cost(Tier tier) const {
    double sum = 0;
    plans[static_cast<size_t>(tier)].for_each_amount(
        wages, other, [&sum](const CostLine&, size_t, double dkk) { sum += dkk; });
    return sum;
  }

  DrawOutcomes evaluate(double future_u) {
    if (full_chain)
      return evaluate_chain(s, data, future_u);
    index_factors(s, s.wage_indexation.value, wages);
    index_factors(s, s.other_indexation.value, other);
    DrawOutcomes out;
    for (Tier tier : kAllTiers)
      out[static_cast<size_t>(tier)].cost = total_cost(tier);
    if (!projection)
      return out;
    projection->run(future_u);
    PerBase value = s.economics ? value_per_person_year(s) : PerBase{};
    double population = population_16_24(s);
    for (Tier tier : kAllTiers) {
      const ProjectionRerun::ModelRun& run = projection->model(tier);
      DrawOutcome& o = out[static_cast<size_t>(tier)];
      o.neet = run.share_at_horizon_pct;
      o.rank = run.rank_all;
      if (run.met)
        o.met = *run.met ? 1.0 : 0.0;
      if (run.met_without)
        o.met_without = *run.met_without ? 1.0 : 0.0;
      if (run.threshold_pct)
        o.margin = *run.threshold_pct - o.neet;
      if (future_u > 0 && future_u < 1)
        o.in_future = run.in_future ? 1.0 : 0.0;
      if (economics) {
        economics->run(plans[static_cast<size_t>(tier)], value, population,
                       {projection->base_year(), projection->baseline(), run.path, run.work_share},
                       EconomicsKernel::Payers::kTotal);
        o.npv = economics->payer(kForAll).npv;
        if (auto per_avoided = economics->cost_per_avoided())
          o.per_avoided = *per_avoided;
      }
    }
    return out;
  }
};

FastChain::FastChain(const Scenario& scenario, const NeetData* data)
    : impl_(std::make_unique<Impl>(scenario, data)) {}

FastChain::~FastChain() = default;

DrawOutcomes FastChain::evaluate(double future_u) { return impl_->evaluate(future_u); }

bool FastChain::has_futures() const {
  return impl_->projection != nullptr && impl_->projection->has_futures();
}

}  // namespace ungegaranti
