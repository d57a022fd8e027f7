#include "ungegaranti/fast_chain.hpp"

#include <cassert>
#include <cmath>
#include <optional>
#include <vector>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/projection.hpp"

namespace ungegaranti {
namespace {

// One cost line of one model, with pointers to the quantities it multiplies. Every amount is
// computed with the same operations, in the same order, as in cost.cpp, so that the sums agree
// to the last bit.
struct CostLine {
  Category category = Category::kStaffing;
  // Personnel: ((f0 * f1) * f2) * (annual cost, or hourly cost), wage-indexed.
  std::array<const Quantity*, 3> factors{};
  int factor_count = 0;
  const Quantity* annual_cost = nullptr;
  bool hourly = false;
  // Initiatives.
  const Intensity* intensity = nullptr;
  const Quantity* wage_share = nullptr;
  // One-offs (in `year`) and funding (`from`..`to`).
  const Quantity* amount = nullptr;
  int year = 0, from = 0, to = 0;
};

std::vector<CostLine> cost_lines(const Scenario& s, Tier tier) {
  std::vector<CostLine> out;
  auto personnel = [&](Category category, const std::string& role,
                       std::initializer_list<const Quantity*> factors, bool hourly) {
    CostLine line;
    line.category = category;
    for (const Quantity* q : factors)
      line.factors[static_cast<size_t>(line.factor_count++)] = q;
    line.annual_cost = &s.role(role)->annual_cost;
    line.hourly = hourly;
    out.push_back(line);
  };
  const Model& model = s.model(tier);
  for (const auto& [role, fte] : model.staffing)
    personnel(Category::kStaffing, role, {&fte}, false);
  for (const Initiative& ini : s.initiatives) {
    if (const auto& in = ini.per_model[static_cast<size_t>(tier)]) {
      CostLine line;
      line.category = Category::kInitiatives;
      line.intensity = &*in;
      line.wage_share = &ini.wage_share;
      out.push_back(line);
    }
  }
  if (const auto& g = s.steering_group) {
    for (const auto& [role, count] : g->members) {
      personnel(Category::kCoordination, role,
                {&g->meetings_per_year, &g->hours_per_meeting, &count}, true);
    }
    if (const auto& sec = g->secretariat)
      personnel(Category::kCoordination, sec->role, {&sec->hours_per_year}, true);
  }
  if (const auto& status = model.status_reporting)
    personnel(Category::kCoordination, status->role, {&status->hours_per_year}, true);
  for (const OneOff& o : model.one_off) {
    CostLine line;
    line.category = Category::kOneOff;
    line.amount = &o.amount;
    line.year = o.year;
    out.push_back(line);
  }
  for (const Funding& f : model.funding) {
    CostLine line;
    line.category = Category::kFunding;
    line.amount = &f.amount;
    line.from = f.from;
    line.to = f.to;
    out.push_back(line);
  }
  return out;
}

double band_16_24(const Scenario& s) {
  for (const AgeBand& b : s.population) {
    if (b.from == 16 && b.to == 24)
      return b.count.value;
  }
  return 0.0;
}

}  // namespace

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
  std::array<std::vector<CostLine>, 3> lines;
  std::unique_ptr<ProjectionRerun> projection;
  bool full_chain = false;  // the projection could not be set up: run evaluate_chain()
  // Per draw, reused: index factors per budget year (indexed, and 1 for price-base prices), the
  // economics' cost per year (price-base prices, all payers) and its discount factors.
  std::vector<double> wages, other, ones, cost_all, discount;
  double discount_rate = std::numeric_limits<double>::quiet_NaN();

  Impl(const Scenario& scenario, const NeetData* neet_data) : s(scenario), data(neet_data) {
    for (Tier tier : kAllTiers)
      lines[static_cast<size_t>(tier)] = cost_lines(s, tier);
    if (s.projection && data != nullptr) {
      try {
        int through = s.economics ? economics_last_year(s) : 0;
        projection = std::make_unique<ProjectionRerun>(s, *data, through);
      } catch (const Error&) {
        full_chain = true;
      }
    }
    size_t years = static_cast<size_t>(s.year_count);
    wages.resize(years);
    other.resize(years);
    ones.assign(years, 1.0);
    cost_all.resize(years);
  }

  double personnel_amount(const CostLine& line) const {
    double a = line.factors[0]->value;
    for (int i = 1; i < line.factor_count; ++i)
      a *= line.factors[static_cast<size_t>(i)]->value;
    return a * (line.hourly ? line.annual_cost->value / s.hours_per_fte.value
                            : line.annual_cost->value);
  }

  // Calls add(budget year index, category, dkk) for every non-zero row of compute_cost() (or
  // compute_cost_unindexed()), in its order.
  template <typename Add>
  void for_each_row(Tier tier, const std::vector<double>& w_index,
                    const std::vector<double>& o_index, Add add) const {
    size_t years = static_cast<size_t>(s.year_count);
    for (const CostLine& line : lines[static_cast<size_t>(tier)]) {
      switch (line.category) {
        case Category::kStaffing:
        case Category::kCoordination: {
          double amount = personnel_amount(line);
          for (size_t y = 0; y < years; ++y)
            add(y, line.category, amount * w_index[y]);
          break;
        }
        case Category::kInitiatives: {
          const Intensity& in = *line.intensity;
          double w = line.wage_share->value;
          for (size_t y = 0; y < years; ++y) {
            double level =
                in.fixed_cost.value + in.participants.value * in.unit_cost.value * in.ramp[y].value;
            add(y, line.category, level * (w * w_index[y] + (1 - w) * o_index[y]));
          }
          break;
        }
        case Category::kOneOff:
          if (line.year >= s.first_year && line.year <= s.last_year()) {
            size_t y = static_cast<size_t>(line.year - s.first_year);
            add(y, line.category, line.amount->value * o_index[y]);
          }
          break;
        case Category::kFunding:
          for (int year = std::max(line.from, s.first_year);
               year <= std::min(line.to, s.last_year()); ++year) {
            add(static_cast<size_t>(year - s.first_year), line.category, -line.amount->value);
          }
          break;
      }
    }
  }

  double total_cost(Tier tier) const {
    double sum = 0;
    for_each_row(tier, wages, other, [&](size_t, Category, double dkk) { sum += dkk; });
    return sum;
  }

  // compute_economics() for one model, only as far as the NPV in total and the cost per avoided
  // NEET person-year; the same sums in the same order.
  void economics(Tier tier, const PerBase& value, double population, DrawOutcome& o) {
    const EconomicsSettings& e = *s.economics;
    std::fill(cost_all.begin(), cost_all.end(), 0.0);
    double running = 0;
    size_t last_budget = static_cast<size_t>(s.year_count - 1);
    for_each_row(tier, ones, ones, [&](size_t y, Category category, double dkk) {
      if (category == Category::kFunding)
        return;
      cost_all[y] += dkk;
      if (y == last_budget && category != Category::kOneOff)
        running += dkk;
    });
    if (e.after_budget == AfterBudget::kStop)
      running = 0;
    int last = economics_last_year(s);
    if (discount.empty() || e.discount_rate.value != discount_rate) {
      discount_rate = e.discount_rate.value;
      discount.clear();
      for (int year = s.first_year; year <= last; ++year)
        discount.push_back(discount_factor(discount_rate, year - e.discount_to));
    }
    const ProjectionRerun::ModelRun& run = projection->model(tier);
    const std::vector<double>& baseline = projection->baseline();
    int base_year = projection->base_year();
    bool stops = e.after_budget == AfterBudget::kStop;
    double cost_sum = 0, avoided_sum = 0, npv = 0, last_benefit = 0;
    for (int year = s.first_year; year <= last; ++year) {
      double avoided = 0.0, work = 0.0;
      if (year > base_year && !(stops && year > s.last_year())) {
        size_t i = static_cast<size_t>(year - base_year);
        avoided = (baseline.at(i) - run.path.at(i)) / 100 * population;
        work = avoided * run.work_share.at(i);
      }
      double cost =
          year <= s.last_year() ? cost_all[static_cast<size_t>(year - s.first_year)] : running;
      last_benefit = benefit_of(value, kForAll, avoided, work);
      double net = last_benefit - cost;
      cost_sum += cost;
      avoided_sum += avoided;
      npv += net * discount[static_cast<size_t>(year - s.first_year)];
    }
    double tail = persistence_factor(e.half_life_years.value, discount_rate);
    if (tail > 0)
      npv += last_benefit * discount.back() * tail;
    o.npv = npv;
    if (avoided_sum > 0)
      o.per_avoided = cost_sum / avoided_sum;
  }

  DrawOutcomes evaluate(double future_u) {
    if (full_chain)
      return evaluate_chain(s, data, future_u);
    for (size_t y = 0; y < wages.size(); ++y) {
      int year = s.first_year + static_cast<int>(y);
      wages[y] = index_factor(s.wage_indexation.value, s.price_base, year);
      other[y] = index_factor(s.other_indexation.value, s.price_base, year);
    }
    DrawOutcomes out;
    for (Tier tier : kAllTiers)
      out[static_cast<size_t>(tier)].cost = total_cost(tier);
    if (!projection)
      return out;
    projection->run(future_u);
    PerBase value = s.economics ? value_per_person_year(s) : PerBase{};
    double population = band_16_24(s);
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
      if (s.economics)
        economics(tier, value, population, o);
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
