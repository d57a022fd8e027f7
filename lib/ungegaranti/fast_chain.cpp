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
  TierCostPlans plans;
  IndexFactors index;  // the draw's index factors, shared by the three plans
  TierCostSums costs;  // per draw, reused: each model's sums, in the lane of its Tier
  std::optional<EconomicsKernel> economics;
  std::optional<BenefitPlan> benefits;
  std::unique_ptr<ProjectionRerun> projection;
  const double* population = nullptr;  // population_16_24()'s value, looked up once
  bool full_chain = false;             // the projection could not be set up: run evaluate_chain()

  Impl(const Scenario& scenario, const NeetData* neet_data, const MovingValues& moving)
      : s(scenario), data(neet_data), plans(scenario, moving), index(scenario, moving) {
    static constexpr double kNoBand = 0.0;  // population_16_24() without the band
    const Quantity* count = population_16_24_quantity(s);
    population = count != nullptr ? &count->value : &kNoBand;
    if (s.projection && data != nullptr) {
      try {
        int through = s.economics ? economics_last_year(s) : 0;
        projection = std::make_unique<ProjectionRerun>(s, *data, through, moving);
      } catch (const Error&) {
        full_chain = true;
      }
    }
    if (s.economics) {
      economics.emplace(s);
      benefits.emplace(s, &index, moving);
    }
  }

  // `lane`: the draw's calibration was staged in that lane (ProjectionRerun::stage()); none: the
  // projection calibrates it alone.
  DrawOutcomes evaluate(double future_u, std::optional<size_t> lane = std::nullopt) {
    if (full_chain)
      return evaluate_chain(s, data, future_u);
    // The cost is the sum of compute_cost()'s rows in their order (TierCostPlans::sum_amounts),
    // which also gives the economics its costs in price-base prices.
    index.update();
    plans.sum_amounts(index, costs);
    DrawOutcomes out;
    for (size_t m = 0; m < out.size(); ++m)
      out[m].cost = costs.total[m];
    if (!projection)
      return out;
    if (lane)
      projection->run_staged(*lane, future_u);
    else
      projection->run(future_u);
    PerBase value = benefits ? benefits->values() : PerBase{};
    std::array<EconomicsPaths, 3> paths;  // indexed by Tier
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
      paths[static_cast<size_t>(tier)] = {projection->base_year(), projection->baseline(), run.path,
                                          run.work_share};
    }
    if (economics) {
      const std::array<EconomicsKernel::Totals, 3> totals =
          economics->run_totals(costs, value, *population, paths);
      for (size_t m = 0; m < out.size(); ++m) {
        out[m].npv = totals[m].npv;
        if (totals[m].cost_per_avoided)
          out[m].per_avoided = *totals[m].cost_per_avoided;
      }
    }
    return out;
  }
};

FastChain::FastChain(const Scenario& scenario, const NeetData* data, const MovingValues& moving)
    : impl_(std::make_unique<Impl>(scenario, data, moving)) {}

FastChain::~FastChain() = default;

DrawOutcomes FastChain::evaluate(double future_u) { return impl_->evaluate(future_u); }

size_t FastChain::staged_lanes() const {
  return impl_->full_chain || !impl_->projection ? 0 : impl_->projection->staged_lanes();
}

void FastChain::bind_staging(std::span<const std::pair<const double*, size_t>> sources) {
  impl_->projection->bind_staging(sources);
}

std::vector<size_t> FastChain::staged_inputs() const { return impl_->projection->staged_inputs(); }

void FastChain::stage(size_t lane, const double* values) { impl_->projection->stage(lane, values); }

void FastChain::calibrate_staged(size_t lanes) { impl_->projection->calibrate_staged(lanes); }

DrawOutcomes FastChain::evaluate_staged(size_t lane, double future_u) {
  return impl_->evaluate(future_u, lane);
}

bool FastChain::has_futures() const {
  return impl_->projection != nullptr && impl_->projection->has_futures();
}

}  // namespace ungegaranti
