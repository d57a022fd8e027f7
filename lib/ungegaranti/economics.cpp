#include "ungegaranti/economics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <string>

#include "ungegaranti/cost.hpp"

namespace ungegaranti {
namespace {

// compute_economics()'s detail for one model, from the kernel's years.
ModelEconomics model_economics(const EconomicsKernel& k, Tier tier,
                               const std::array<PerBase, kBenefitKindCount>& value_by_kind,
                               int first_year) {
  ModelEconomics m;
  m.tier = tier;
  size_t n = k.year_count();
  m.avoided_neet_years = k.avoided_sum();
  m.work_years = k.work_sum();
  m.education_years = k.education_sum();
  m.cost_per_avoided = k.cost_per_avoided();
  m.years.resize(n);
  for (size_t t = 0; t < n; ++t) {
    EconomicsYear& y = m.years[t];
    y.year = first_year + static_cast<int>(t);
    y.avoided_neet_years = k.avoided()[t];
    y.work_years = k.work()[t];
    y.education_years = k.education()[t];
    for (size_t kind = 0; kind < kBenefitKindCount; ++kind)
      y.by_kind[kind] = benefit_of(value_by_kind[kind], y.avoided_neet_years, y.work_years);
  }
  for (size_t payer = 0; payer < kPayerCount; ++payer) {
    const EconomicsKernel::PayerYears& p = k.payer(payer);
    m.cost[payer] = p.cost_sum;
    m.benefit[payer] = p.benefit_sum;
    m.long_run[payer] = p.long_run;
    m.npv[payer] = p.npv;
    for (size_t t = 0; t < n; ++t) {
      EconomicsYear& y = m.years[t];
      y.cost[payer] = p.cost[t];
      y.benefit[payer] = p.benefit[t];
      y.accumulated[payer] = p.accumulated[t];
      if (!m.break_even[payer] && p.accumulated[t] >= 0)
        m.break_even[payer] = y.year;
      // The NPV taken apart: the same discount factors, and the same tail as long_run.
      double factor = k.discount()[t];
      m.pv_cost[payer] += y.cost[payer] * factor;
      for (size_t kind = 0; kind < kBenefitKindCount; ++kind)
        m.pv_by_kind[kind][payer] += y.by_kind[kind][payer] * factor;
    }
    if (k.tail() > 0 && n > 0) {
      for (size_t kind = 0; kind < kBenefitKindCount; ++kind)
        m.pv_by_kind[kind][payer] +=
            m.years.back().by_kind[kind][payer] * k.discount().back() * k.tail();
    }
  }
  return m;
}

// Walks the efficient frontier from "no guarantee" (no cost, nothing avoided) through the models
// by cost, dropping one whose extra cost per extra avoided year exceeds the next step's.
std::vector<Tier> extended_dominance(const std::vector<const ModelEconomics*>& by_cost,
                                     const std::vector<Tier>& dominated) {
  struct Point {
    Tier tier;
    double cost, avoided;
  };
  std::vector<Point> frontier;
  for (const ModelEconomics* m : by_cost) {
    if (std::find(dominated.begin(), dominated.end(), m->tier) == dominated.end())
      frontier.push_back({m->tier, m->cost[kForAll], m->avoided_neet_years});
  }
  std::vector<Tier> out;
  auto ratio = [&](size_t i) {  // extra cost per extra avoided year into frontier[i]
    double cost = frontier[i].cost - (i == 0 ? 0.0 : frontier[i - 1].cost);
    double avoided = frontier[i].avoided - (i == 0 ? 0.0 : frontier[i - 1].avoided);
    return avoided > 0 ? cost / avoided : std::numeric_limits<double>::infinity();
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i + 1 < frontier.size(); ++i) {
      if (ratio(i) > ratio(i + 1)) {
        out.push_back(frontier[i].tier);
        frontier.erase(frontier.begin() + static_cast<std::ptrdiff_t>(i));
        changed = true;
        break;
      }
    }
  }
  return out;
}

}  // namespace

double population_16_24(const Scenario& s) {
  for (const AgeBand& b : s.population) {
    if (b.from == 16 && b.to == 24)
      return b.count.value;
  }
  return 0.0;
}

int economics_last_year(const Scenario& s) {
  return s.first_year + (s.economics ? s.economics->horizon_years : 10) - 1;
}

double price_index(const Scenario& s, const Price& p) {
  double rate = 0;
  switch (p.indexation) {
    case PriceIndexation::kNone:
      return 1.0;
    case PriceIndexation::kSatsregulering:
      rate = s.economics->satsregulering.value;
      break;
    case PriceIndexation::kPl:
      rate = s.other_indexation.value;
      break;
    case PriceIndexation::kLoen:
      rate = s.wage_indexation.value;
      break;
  }
  return index_factor(rate, p.price_year, s.price_base);
}

double mean_refusion(const Refusion& r) {
  double weeks = r.spell_weeks.value;
  double sum = 0;
  for (size_t k = 0; k < r.steps.size(); ++k) {
    // Step k covers weeks from_week .. the next step's from_week - 1, i.e. the interval
    // [from_week - 1, next - 1) of the spell's weeks [0, weeks).
    double begin = r.steps[k].from_week - 1.0;
    double end = k + 1 < r.steps.size() ? r.steps[k + 1].from_week - 1.0 : weeks;
    double covered = std::max(0.0, std::min(end, weeks) - begin);
    sum += covered * r.steps[k].state_share;
  }
  return sum / weeks;
}

bool is_cost(BenefitKind kind) {
  return kind == BenefitKind::kPaidBenefit || kind == BenefitKind::kEducationCost;
}

double benefit_value(const Scenario& s, const Benefit& b) {
  double value = b.amount.value;
  if (!b.price.empty()) {
    const Price* p = find_by_id(s.economics->prices, b.price);
    assert(p != nullptr);  // load_scenario() checked the reference
    value = p->amount.value * price_index(s, *p) * b.share.value;
  }
  if (b.refusion != RefusionPart::kNone) {
    double state = mean_refusion(*s.economics->refusion);  // load_scenario() checked it is there
    value *= b.refusion == RefusionPart::kStat ? state : 1.0 - state;
  }
  return is_cost(b.kind) ? -value : value;
}

std::array<PerBase, kBenefitKindCount> values_by_kind(const Scenario& s) {
  std::array<PerBase, kBenefitKindCount> v{};
  for (const Benefit& b : s.economics->benefits) {
    double value = benefit_value(s, b);
    PerPayer& to = v[static_cast<size_t>(b.kind)][static_cast<size_t>(b.applies_to)];
    to[payer_index(b.payer)] += value;
    to[kForAll] += value;
  }
  return v;
}

PerBase value_per_person_year(const Scenario& s) {
  PerBase v{};
  for (const Benefit& b : s.economics->benefits) {
    double value = benefit_value(s, b);
    PerPayer& to = v[static_cast<size_t>(b.applies_to)];
    to[payer_index(b.payer)] += value;
    to[kForAll] += value;
  }
  return v;
}

double benefit_of(const PerBase& v, size_t payer, double avoided, double work) {
  return avoided * v[static_cast<size_t>(AppliesTo::kAvoided)][payer] +
         (avoided - work) * v[static_cast<size_t>(AppliesTo::kEducation)][payer] +
         work * v[static_cast<size_t>(AppliesTo::kWork)][payer];
}

PerPayer benefit_of(const PerBase& v, double avoided, double work) {
  PerPayer out{};
  for (size_t payer = 0; payer < kPayerCount; ++payer)
    out[payer] = benefit_of(v, payer, avoided, work);
  return out;
}

double persistence_factor(double half_life, double rate) {
  if (half_life <= 0)
    return 0.0;
  double q = std::pow(0.5, 1.0 / half_life) / (1.0 + rate);  // < 1: half_life is finite
  return q / (1.0 - q);
}

double discount_factor(double rate, int t) { return std::pow(1.0 + rate, -static_cast<double>(t)); }

void accumulate_discounted(std::span<const double> net, std::span<const double> discount,
                           std::span<double> out) {
  assert(discount.size() == net.size() && out.size() == net.size());
  double sum = 0;
  for (size_t t = 0; t < net.size(); ++t) {
    sum += net[t] * discount[t];
    out[t] = sum;
  }
}

namespace {

std::vector<double> accumulated(const std::vector<double>& net, double rate, int offset) {
  std::vector<double> discount(net.size()), out(net.size());
  for (size_t t = 0; t < net.size(); ++t)
    discount[t] = discount_factor(rate, offset + static_cast<int>(t));
  accumulate_discounted(net, discount, out);
  return out;
}

}  // namespace

double npv(const std::vector<double>& net, double rate, int offset) {
  std::vector<double> sums = accumulated(net, rate, offset);
  return sums.empty() ? 0.0 : sums.back();
}

std::optional<size_t> break_even(const std::vector<double>& net, double rate, int offset) {
  std::vector<double> sums = accumulated(net, rate, offset);
  for (size_t t = 0; t < sums.size(); ++t) {
    if (sums[t] >= 0)
      return t;
  }
  return std::nullopt;
}

EconomicsKernel::EconomicsKernel(const Scenario& scenario) : s_(scenario) {
  assert(s_.economics);
  size_t years = static_cast<size_t>(economics_last_year(s_) - s_.first_year + 1);
  for (std::vector<double>* v : {&avoided_, &work_, &education_, &discount_, &net_})
    v->resize(years);
  for (PayerYears& p : payers_) {
    p.cost.resize(years);
    p.benefit.resize(years);
    p.accumulated.resize(years);
  }
  ones_.assign(static_cast<size_t>(s_.year_count), 1.0);
}

void EconomicsKernel::run(const CostPlan& plan, const PerBase& value, double population,
                          const EconomicsPaths& paths, Payers payers) {
  avoided_years(population, paths);
  discounting();
  bool each = payers == Payers::kEach;
  costs(plan, each);
  size_t n = year_count();
  for (size_t payer = each ? 0 : kForAll; payer < kPayerCount; ++payer) {
    PayerYears& p = payers_[payer];
    p.cost_sum = 0;
    p.benefit_sum = 0;
    for (size_t t = 0; t < n; ++t) {
      p.benefit[t] = benefit_of(value, payer, avoided_[t], work_[t]);
      net_[t] = p.benefit[t] - p.cost[t];
      p.cost_sum += p.cost[t];
      p.benefit_sum += p.benefit[t];
    }
    accumulate_discounted(net_, discount_, p.accumulated);
    // Persistence: the last year's avoided NEET years fade after the horizon with a half-life and
    // are valued without costs, as if the programme ended with the horizon.
    p.long_run = tail_ > 0 && n > 0 ? p.benefit.back() * discount_.back() * tail_ : 0.0;
    p.npv = (n > 0 ? p.accumulated.back() : 0.0) + p.long_run;
  }
}

// Years up to the latest data year are history: the observed share already holds them. A
// programme that stops after the budget years avoids nothing after them: the projected path
// assumes that it runs on.
void EconomicsKernel::avoided_years(double population, const EconomicsPaths& paths) {
  bool stops = s_.economics->after_budget == AfterBudget::kStop;
  avoided_sum_ = work_sum_ = education_sum_ = 0;
  for (size_t t = 0; t < year_count(); ++t) {
    int year = s_.first_year + static_cast<int>(t);
    double avoided = 0.0, work = 0.0;
    if (year > paths.base_year && !(stops && year > s_.last_year())) {
      size_t i = static_cast<size_t>(year - paths.base_year);
      assert(i < paths.baseline_pct.size() && i < paths.path_pct.size() &&
             i < paths.work_share.size());
      avoided = (paths.baseline_pct[i] - paths.path_pct[i]) / 100 * population;
      work = avoided * paths.work_share[i];
    }
    avoided_[t] = avoided;
    work_[t] = work;
    education_[t] = avoided - work;
    avoided_sum_ += avoided;
    work_sum_ += work;
    education_sum_ += education_[t];
  }
}

// The cost per year of the total and, with `each`, of the municipality and the external funders,
// in price-base prices: in the budget years the lines' amounts in the lines' order, where funding
// (a negative amount) lowers the municipality's cost and is paid by the external funder; after
// them the running cost, which the municipality pays. The programme runs on at the last budget
// year's gross level without its one-off costs and without external funding, or stops
// (after_budget: stop). The state and a region pay no cost.
void EconomicsKernel::costs(const CostPlan& plan, bool each) {
  size_t budget_years = plan.year_count();
  size_t budget = std::min(budget_years, year_count());
  std::vector<double>& all = payers_[kForAll].cost;
  std::vector<double>& kommune = payers_[kForKommune].cost;
  std::vector<double>& ekstern = payers_[kForEkstern].cost;
  std::fill_n(all.begin(), budget, 0.0);
  if (each) {
    std::fill_n(kommune.begin(), budget, 0.0);
    std::fill_n(ekstern.begin(), budget, 0.0);
  }
  double running = 0;
  plan.for_each_amount(ones_, ones_, [&](const CostLine& line, size_t y, double dkk) {
    if (line.category == Category::kFunding) {
      if (each && y < budget) {
        kommune[y] += dkk;
        ekstern[y] -= dkk;
      }
      return;
    }
    if (y < budget) {
      all[y] += dkk;
      if (each)
        kommune[y] += dkk;
    }
    if (y + 1 == budget_years && line.category != Category::kOneOff)
      running += dkk;
  });
  if (s_.economics->after_budget == AfterBudget::kStop)
    running = 0;
  auto after_budget = [&](std::vector<double>& cost, double dkk) {
    std::fill(cost.begin() + static_cast<std::ptrdiff_t>(budget), cost.end(), dkk);
  };
  after_budget(all, running);
  if (each) {
    after_budget(kommune, running);
    after_budget(ekstern, 0.0);
    std::fill(payers_[kForStat].cost.begin(), payers_[kForStat].cost.end(), 0.0);
    std::fill(payers_[kForRegion].cost.begin(), payers_[kForRegion].cost.end(), 0.0);
  }
}

// The discount factors and the persistence tail, again only when their inputs have changed.
void EconomicsKernel::discounting() {
  const EconomicsSettings& e = *s_.economics;
  double rate = e.discount_rate.value;
  double half_life = e.half_life_years.value;
  if (discounted_ && rate == discount_rate_ && half_life == half_life_)
    return;
  discounted_ = true;
  discount_rate_ = rate;
  half_life_ = half_life;
  int offset = s_.first_year - e.discount_to;
  for (size_t t = 0; t < year_count(); ++t)
    discount_[t] = discount_factor(rate, offset + static_cast<int>(t));
  tail_ = persistence_factor(half_life, rate);
}

std::optional<double> EconomicsKernel::cost_per_avoided() const {
  if (avoided_sum_ > 0)
    return payers_[kForAll].cost_sum / avoided_sum_;
  return std::nullopt;
}

EconomicsResult compute_economics(const Scenario& s, const ProjectionResult& p) {
  const EconomicsSettings& e = *s.economics;
  EconomicsResult r;
  r.discount_rate = e.discount_rate.value;
  r.discount_to = e.discount_to;
  r.after_budget = e.after_budget;
  r.first_year = s.first_year;
  r.last_year = economics_last_year(s);
  r.population_16_24 = population_16_24(s);
  EconomicsKernel kernel(s);
  PerBase value = value_per_person_year(s);
  std::array<PerBase, kBenefitKindCount> value_by_kind = values_by_kind(s);
  std::vector<double> baseline, path_pct, work_share;
  for (const PathYear& y : p.baseline)
    baseline.push_back(y.share_pct);
  for (const ModelPath& path : p.models) {
    path_pct.clear();
    work_share.clear();
    for (const PathYear& y : path.years) {
      path_pct.push_back(y.share_pct);
      work_share.push_back(y.work_share);
    }
    kernel.run(CostPlan(s, path.tier), value, r.population_16_24,
               {p.base_year, baseline, path_pct, work_share}, EconomicsKernel::Payers::kEach);
    r.models.push_back(model_economics(kernel, path.tier, value_by_kind, s.first_year));
  }

  // Steps up by total cost; a model is dominated when another costs no more and avoids more.
  std::vector<const ModelEconomics*> by_cost;
  for (const ModelEconomics& m : r.models)
    by_cost.push_back(&m);
  std::stable_sort(by_cost.begin(), by_cost.end(), [](const auto* a, const auto* b) {
    return a->cost[kForAll] < b->cost[kForAll];
  });
  for (size_t i = 1; i < by_cost.size(); ++i) {
    const ModelEconomics& from = *by_cost[i - 1];
    const ModelEconomics& to = *by_cost[i];
    Increment step{from.tier, to.tier, to.cost[kForAll] - from.cost[kForAll],
                   to.avoided_neet_years - from.avoided_neet_years, std::nullopt};
    if (step.extra_avoided > 0)
      step.cost_per_extra_avoided = step.extra_cost / step.extra_avoided;
    r.increments.push_back(step);
  }
  for (const ModelEconomics& m : r.models) {
    bool dominated = std::any_of(r.models.begin(), r.models.end(), [&](const ModelEconomics& o) {
      return o.tier != m.tier && o.cost[kForAll] <= m.cost[kForAll] &&
             o.avoided_neet_years > m.avoided_neet_years;
    });
    if (dominated)
      r.dominated.push_back(m.tier);
  }
  r.extended_dominated = extended_dominance(by_cost, r.dominated);
  r.vintage = p.vintage;
  return r;
}

}  // namespace ungegaranti
