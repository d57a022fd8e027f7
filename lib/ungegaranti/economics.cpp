#include "ungegaranti/economics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "ungegaranti/cost.hpp"

namespace ungegaranti {
namespace {

double band_16_24(const Scenario& s) {
  for (const AgeBand& b : s.population) {
    if (b.from == 16 && b.to == 24)
      return b.count.value;
  }
  return 0.0;
}

// Cost per payer and year in price-base prices. After the budget period the programme runs on at
// the last budget year's gross level without its one-off costs and without external funding, or
// stops (after_budget: stop).
std::map<int, PerPayer> costs(const Scenario& s, Tier tier, int last_year) {
  std::map<int, PerPayer> out;
  double running = 0;  // the last budget year's gross cost less its one-offs
  for (const CostRow& r : compute_cost_unindexed(s, tier)) {
    PerPayer& c = out[r.year];
    if (r.category == Category::kFunding) {
      c[kForKommune] += r.dkk;  // funding (a negative row) lowers the municipality's cost ...
      c[kForEkstern] -= r.dkk;  // ... and is paid by the external funder
    } else {
      c[kForKommune] += r.dkk;
      c[kForAll] += r.dkk;
      if (r.year == s.last_year() && r.category != Category::kOneOff)
        running += r.dkk;
    }
  }
  if (s.economics->after_budget == AfterBudget::kStop)
    running = 0;
  for (int year = s.last_year() + 1; year <= last_year; ++year) {
    PerPayer c{};
    c[kForKommune] = running;
    c[kForAll] = running;
    out[year] = c;
  }
  return out;
}

ModelEconomics model_economics(const Scenario& s, const EconomicsSettings& e,
                               const ProjectionResult& p, const ModelPath& path) {
  ModelEconomics m;
  m.tier = path.tier;
  int last = economics_last_year(s);
  std::map<int, PerPayer> cost = costs(s, path.tier, last);
  PerBase value = value_per_person_year(s);
  std::array<PerBase, kBenefitKindCount> value_by_kind = values_by_kind(s);
  double population = band_16_24(s);
  bool stops = e.after_budget == AfterBudget::kStop;
  std::array<std::vector<double>, kPayerCount> net;
  for (int year = s.first_year; year <= last; ++year) {
    EconomicsYear y;
    y.year = year;
    // Years up to the latest data year are history: the observed share already holds them. A
    // programme that stops after the budget years avoids nothing after them: the projected path
    // assumes that it runs on.
    if (year > p.base_year && !(stops && year > s.last_year())) {
      size_t i = static_cast<size_t>(year - p.base_year);
      y.avoided_neet_years =
          (p.baseline.at(i).share_pct - path.years.at(i).share_pct) / 100 * population;
      y.work_years = y.avoided_neet_years * path.years.at(i).work_share;
      y.education_years = y.avoided_neet_years - y.work_years;
    }
    y.cost = cost[year];
    y.benefit = benefit_of(value, y.avoided_neet_years, y.work_years);
    for (size_t k = 0; k < kBenefitKindCount; ++k)
      y.by_kind[k] = benefit_of(value_by_kind[k], y.avoided_neet_years, y.work_years);
    for (size_t payer = 0; payer < kPayerCount; ++payer) {
      net[payer].push_back(y.benefit[payer] - y.cost[payer]);
      m.cost[payer] += y.cost[payer];
      m.benefit[payer] += y.benefit[payer];
    }
    m.avoided_neet_years += y.avoided_neet_years;
    m.work_years += y.work_years;
    m.education_years += y.education_years;
    m.years.push_back(y);
  }
  double rate = e.discount_rate.value;
  int offset = s.first_year - e.discount_to;
  // Persistence: the last year's avoided NEET years fade after the horizon with a half-life and
  // are valued without costs, as if the programme ended with the horizon.
  double tail = persistence_factor(e.half_life_years.value, rate);
  int last_t = offset + static_cast<int>(m.years.size()) - 1;
  for (size_t payer = 0; payer < kPayerCount; ++payer) {
    if (tail > 0 && !m.years.empty())
      m.long_run[payer] = m.years.back().benefit[payer] * discount_factor(rate, last_t) * tail;
    m.npv[payer] = npv(net[payer], rate, offset) + m.long_run[payer];
    if (auto t = break_even(net[payer], rate, offset))
      m.break_even[payer] = s.first_year + static_cast<int>(*t);
    double sum = 0;
    for (size_t t = 0; t < m.years.size(); ++t) {
      double factor = discount_factor(rate, offset + static_cast<int>(t));
      sum += net[payer][t] * factor;
      m.years[t].accumulated[payer] = sum;
      m.pv_cost[payer] += m.years[t].cost[payer] * factor;
      for (size_t k = 0; k < kBenefitKindCount; ++k)
        m.pv_by_kind[k][payer] += m.years[t].by_kind[k][payer] * factor;
    }
    if (tail > 0 && !m.years.empty()) {
      for (size_t k = 0; k < kBenefitKindCount; ++k)
        m.pv_by_kind[k][payer] +=
            m.years.back().by_kind[k][payer] * discount_factor(rate, last_t) * tail;
    }
  }
  if (m.avoided_neet_years > 0)
    m.cost_per_avoided = m.cost[kForAll] / m.avoided_neet_years;
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

double npv(const std::vector<double>& net, double rate, int offset) {
  double sum = 0;
  for (size_t t = 0; t < net.size(); ++t)
    sum += net[t] * discount_factor(rate, offset + static_cast<int>(t));
  return sum;
}

std::optional<size_t> break_even(const std::vector<double>& net, double rate, int offset) {
  double sum = 0;
  for (size_t t = 0; t < net.size(); ++t) {
    sum += net[t] * discount_factor(rate, offset + static_cast<int>(t));
    if (sum >= 0)
      return t;
  }
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
  r.population_16_24 = band_16_24(s);
  for (const ModelPath& path : p.models)
    r.models.push_back(model_economics(s, e, p, path));

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
