#include "ungegaranti/economics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/powers.hpp"
#include "ungegaranti/simd.hpp"

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

const Quantity* population_16_24_quantity(const Scenario& s) {
  for (const AgeBand& b : s.population) {
    if (b.from == 16 && b.to == 24)
      return &b.count;
  }
  return nullptr;
}

double population_16_24(const Scenario& s) {
  const Quantity* count = population_16_24_quantity(s);
  return count != nullptr ? count->value : 0.0;
}

int economics_last_year(const Scenario& s) {
  return s.first_year + (s.economics ? s.economics->horizon_years : 10) - 1;
}

const Quantity* price_rate(const Scenario& s, const Price& p) {
  switch (p.indexation) {
    case PriceIndexation::kNone:
      return nullptr;
    case PriceIndexation::kSatsregulering:
      return &s.economics->satsregulering;
    case PriceIndexation::kPl:
      return &s.other_indexation;
    case PriceIndexation::kLoen:
      return &s.wage_indexation;
  }
  return nullptr;
}

double price_index(const Scenario& s, const Price& p) {
  const Quantity* rate = price_rate(s, p);
  return rate == nullptr ? 1.0 : index_factor(rate->value, p.price_year, s.price_base);
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

namespace {

// benefit_value() given the line's price (nullptr: its own amount), that price's index and, for a
// line with refusion, the state's mean refusion share.
double line_value(const Benefit& b, const Price* p, double index, double state) {
  double value = b.amount.value;
  if (p != nullptr)
    value = p->amount.value * index * b.share.value;
  if (b.refusion != RefusionPart::kNone)
    value *= b.refusion == RefusionPart::kStat ? state : 1.0 - state;
  return is_cost(b.kind) ? -value : value;
}

const Price* price_of(const Scenario& s, const Benefit& b) {
  if (b.price.empty())
    return nullptr;
  const Price* p = find_by_id(s.economics->prices, b.price);
  assert(p != nullptr);  // load_scenario() checked the reference
  return p;
}

// Adds one line's value to the payer's and the total's value per person-year.
void add_value(PerBase& v, const Benefit& b, double value) {
  PerPayer& to = v[static_cast<size_t>(b.applies_to)];
  to[payer_index(b.payer)] += value;
  to[kForAll] += value;
}

}  // namespace

double benefit_value(const Scenario& s, const Benefit& b) {
  const Price* p = price_of(s, b);
  double index = p != nullptr ? price_index(s, *p) : 1.0;
  // load_scenario() checked that a line with refusion has the refusion steps.
  double state = b.refusion != RefusionPart::kNone ? mean_refusion(*s.economics->refusion) : 0.0;
  return line_value(b, p, index, state);
}

std::array<PerBase, kBenefitKindCount> values_by_kind(const Scenario& s) {
  std::array<PerBase, kBenefitKindCount> v{};
  for (const Benefit& b : s.economics->benefits)
    add_value(v[static_cast<size_t>(b.kind)], b, benefit_value(s, b));
  return v;
}

PerBase value_per_person_year(const Scenario& s) {
  PerBase v{};
  for (const Benefit& b : s.economics->benefits)
    add_value(v, b, benefit_value(s, b));
  return v;
}

BenefitPlan::BenefitPlan(const Scenario& scenario, const IndexFactors* index,
                         const MovingValues& moving)
    : s_(scenario) {
  const EconomicsSettings& e = *s_.economics;
  const std::vector<Benefit>& benefits = e.benefits;
  // Each line's operations, with what is fixed worked out once: its whole value (benefit_value())
  // when every value it reads is fixed, else a priced line's amount x index when those two are.
  std::vector<Add> lines;
  for (const Benefit& b : benefits) {
    Add add;
    add.refusion = b.refusion;
    add.cost = is_cost(b.kind);
    const bool state_fixed =
        b.refusion == RefusionPart::kNone || fixed_.take(moving, e.refusion->spell_weeks.value);
    const Price* p = price_of(s_, b);
    const Quantity* rate = p != nullptr ? price_rate(s_, *p) : nullptr;
    const bool price_fixed = p != nullptr && fixed_.take(moving, p->amount.value) &&
                             (rate == nullptr || fixed_.take(moving, rate->value));
    if (p == nullptr) {
      add.kind = Add::kOwn;
      add.amount = &b.amount.value;
      if (state_fixed && fixed_.take(moving, b.amount.value))
        add.kind = Add::kFixed;
    } else if (price_fixed) {
      add.kind = Add::kScaled;
      add.value = p->amount.value * price_index(s_, *p);  // line_value()'s first product
      add.share = &b.share.value;
      if (state_fixed && fixed_.take(moving, b.share.value))
        add.kind = Add::kFixed;
    } else {
      add.kind = Add::kPrice;
      add.amount = &p->amount.value;
      add.share = &b.share.value;
      if (std::none_of(prices_.begin(), prices_.end(),
                       [&](const PriceIndex& i) { return i.price == p; }))
        prices_.push_back({p, rate});
    }
    if (add.kind == Add::kFixed)
      add.value = benefit_value(s_, b);
    else
      refusion_ = refusion_ || b.refusion != RefusionPart::kNone;
    lines.push_back(add);
  }
  // index_factor(r, price_year, price_base) is pow(1 + r, price_base - price_year), and budget
  // year y's factor index_factor(r, price_base, first_year + y) is pow(1 + r, first_year + y -
  // price_base): the same call where the exponents are equal (both 1 without pow() at 0).
  for (PriceIndex& i : prices_) {
    const int y = 2 * s_.price_base - i.price->price_year - s_.first_year;
    if (index == nullptr || i.rate == nullptr || y < 0 || y >= s_.year_count)
      continue;
    if (i.rate == &s_.wage_indexation)
      i.shared = &index->wages()[static_cast<size_t>(y)];
    else if (i.rate == &s_.other_indexation)
      i.shared = &index->other()[static_cast<size_t>(y)];
  }
  // prices_ is complete: pointers into it stay valid. Each sum of add_value() (the line's payer's
  // and the total of the person-years it applies to) takes its fixed lines into start_ until its
  // first line that is not fixed; from there on every line is added at each call, in the lines'
  // order.
  std::array<std::array<bool, kPayerCount>, 3> open;
  for (auto& base : open)
    base.fill(true);
  for (size_t k = 0; k < benefits.size(); ++k) {
    const Benefit& b = benefits[k];
    Add& add = lines[k];
    if (add.kind == Add::kPrice) {
      const Price* p = price_of(s_, b);
      for (const PriceIndex& i : prices_) {
        if (i.price == p)
          add.factor = &i.factor;
      }
    }
    const size_t base = static_cast<size_t>(b.applies_to);
    for (size_t payer : {payer_index(b.payer), kForAll}) {
      if (add.kind != Add::kFixed)
        open[base][payer] = false;
      if (open[base][payer])
        start_[base * kPayerCount + payer] += add.value;
      else
        add.sums[add.count++] = base * kPayerCount + payer;
    }
    if (add.count > 0)
      adds_.push_back(add);
  }
}

// The same values as value_per_person_year() added in the same order: price_index() of a price is
// the same pow() at the same rate, mean_refusion() the same for every line, and each line's value
// line_value()'s operations in its order.
PerBase BenefitPlan::values() {
  assert(fixed_.unchanged());
  for (PriceIndex& i : prices_) {
    if (i.rate == nullptr)
      continue;  // factor 1, as price_index() returns
    if (i.shared != nullptr) {
      i.factor = *i.shared;
      continue;
    }
    double rate = i.rate->value;
    if (i.known && rate == i.last)
      continue;  // an equal rate gives the same base 1 + rate and so the same factor
    i.factor = index_factor(rate, i.price->price_year, s_.price_base);
    i.last = rate;
    i.known = true;
  }
  const double state = refusion_ ? mean_refusion(*s_.economics->refusion) : 0.0;
  const double kommune = 1.0 - state;
  std::array<double, 3 * kPayerCount> sums = start_;  // v, flat
  for (const Add& add : adds_) {
    double value = add.value;
    if (add.kind != Add::kFixed) {
      if (add.kind == Add::kOwn)
        value = *add.amount;
      else if (add.kind == Add::kPrice)
        value = *add.amount * *add.factor * *add.share;
      else
        value = add.value * *add.share;
      if (add.refusion != RefusionPart::kNone)
        value *= add.refusion == RefusionPart::kStat ? state : kommune;
      if (add.cost)
        value = -value;
    }
    sums[add.sums[0]] += value;  // an Add has one sum or two
    if (add.count == 2)
      sums[add.sums[1]] += value;
  }
  PerBase v;
  for (size_t base = 0; base < v.size(); ++base) {
    for (size_t payer = 0; payer < kPayerCount; ++payer)
      v[base][payer] = sums[base * kPayerCount + payer];
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

double discount_factor(double rate, int t) {
  if (t == 0)
    return 1.0;  // what pow(1 + rate, -0) returns for any rate, NaN included
  return std::pow(1.0 + rate, -static_cast<double>(t));
}

void discount_factors(double rate, int first, std::span<double> out) {
  integer_powers(1.0 + rate, -first, -1, out);
}

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
  discount_factors(rate, offset, discount);
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
                          const EconomicsPaths& paths) {
  avoided_years(population, paths);
  discounting();
  costs(plan);
  for (size_t payer = 0; payer < kPayerCount; ++payer)
    payer_years(payer, value);
}

namespace {

// The running sums of run_totals(), a model a lane (lane 3 is not used).
struct TotalLanes {
  std::array<double, 4> avoided_sum{}, cost_sum{}, accumulated{}, last_benefit{};
};

// What run_totals() needs of the kernel, for both forms.
struct TotalsInput {
  const TierCostSums* costs;
  const PerBase* value;
  double population;
  const std::array<EconomicsPaths, 3>* paths;
  const double* discount;
  size_t years, begin, end, budget;
  int shift;          // economics year t is path year t + shift
  bool stop = false;  // after_budget: stop: no running cost
};

// run()'s operations for the total, one model at a time: the avoided years as avoided_years(),
// the costs as costs() sums them (the budget years' gross amounts, then the running cost), the
// benefit as payer_years() and the discounted sum as accumulate_discounted() (in the same order).
TotalLanes totals_baseline(const TotalsInput& in) {
  TotalLanes out;
  for (size_t m = 0; m < 3; ++m) {
    const EconomicsPaths& p = (*in.paths)[m];
    const double running = in.stop ? 0.0 : in.costs->running[m];
    double avoided_sum = 0, cost_sum = 0, accumulated = 0, benefit = 0;
    for (size_t t = 0; t < in.years; ++t) {
      double avoided = 0.0, work = 0.0;
      if (t >= in.begin && t < in.end) {
        size_t i = static_cast<size_t>(static_cast<int>(t) + in.shift);
        avoided = (p.baseline_pct[i] - p.path_pct[i]) / 100 * in.population;
        work = avoided * p.work_share[i];
        avoided_sum += avoided;  // +0 elsewhere: leaves the sum's bits as they are
      }
      double cost = t < in.budget ? in.costs->gross_at(t, m) : running;
      benefit = benefit_of(*in.value, kForAll, avoided, work);
      cost_sum += cost;
      accumulated += (benefit - cost) * in.discount[t];
    }
    out.avoided_sum[m] = avoided_sum;
    out.cost_sum[m] = cost_sum;
    out.accumulated[m] = accumulated;
    out.last_benefit[m] = benefit;
  }
  return out;
}

#ifdef UNGEGARANTI_X86
// Lane m's value of model m's `column` (path_pct or work_share) at path year i; lane 3 repeats
// lane 0. Four loads rather than a gather: the gathers are slow on AMD's Zen 3 as on
// Zen 4; on Zen 3 totals_avx2's share of a one-thread profile (300.000 draws) went from 2,6-2,8 %
// to 1,6-1,8 % with loads.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline __m256d load_lanes(
    const std::array<EconomicsPaths, 3>& p, std::span<const double> EconomicsPaths::*column,
    size_t i) {
  const __m128d low =
      _mm_loadh_pd(_mm_load_sd((p[0].*column).data() + i), (p[1].*column).data() + i);
  const __m128d high =
      _mm_loadh_pd(_mm_load_sd((p[2].*column).data() + i), (p[0].*column).data() + i);
  return _mm256_insertf128_pd(_mm256_castpd128_pd256(low), high, 1);
}

// totals_baseline()'s operations with the three models in the lanes: lane m reads model m's path
// and costs, and every lane does the same operations in the same order.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline TotalLanes totals_lanes(const TotalsInput& in) {
  const std::array<EconomicsPaths, 3>& p = *in.paths;
  const double* baseline = p[0].baseline_pct.data();
  const __m256d hundred = _mm256_set1_pd(100), population = _mm256_set1_pd(in.population);
  const PerPayer* v = in.value->data();
  const __m256d v_avoided = _mm256_set1_pd(v[static_cast<size_t>(AppliesTo::kAvoided)][kForAll]);
  const __m256d v_education =
      _mm256_set1_pd(v[static_cast<size_t>(AppliesTo::kEducation)][kForAll]);
  const __m256d v_work = _mm256_set1_pd(v[static_cast<size_t>(AppliesTo::kWork)][kForAll]);
  const __m256d running = in.stop ? _mm256_setzero_pd() : _mm256_loadu_pd(in.costs->running.data());
  __m256d avoided_sum = _mm256_setzero_pd(), cost_sum = _mm256_setzero_pd();
  __m256d accumulated = _mm256_setzero_pd(), benefit = _mm256_setzero_pd();
  for (size_t t = 0; t < in.years; ++t) {
    __m256d avoided = _mm256_setzero_pd(), work = _mm256_setzero_pd();
    if (t >= in.begin && t < in.end) {
      size_t i = static_cast<size_t>(static_cast<int>(t) + in.shift);
      const __m256d path = load_lanes(p, &EconomicsPaths::path_pct, i);
      const __m256d share = load_lanes(p, &EconomicsPaths::work_share, i);
      avoided = _mm256_mul_pd(
          _mm256_div_pd(_mm256_sub_pd(_mm256_broadcast_sd(baseline + i), path), hundred),
          population);
      work = _mm256_mul_pd(avoided, share);
      avoided_sum = _mm256_add_pd(avoided_sum, avoided);
    }
    const __m256d cost = t < in.budget ? _mm256_loadu_pd(in.costs->gross.data() + 4 * t) : running;
    // benefit_of(): avoided x v[avoided] + (avoided - work) x v[education] + work x v[work].
    benefit = _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(avoided, v_avoided),
                                          _mm256_mul_pd(_mm256_sub_pd(avoided, work), v_education)),
                            _mm256_mul_pd(work, v_work));
    cost_sum = _mm256_add_pd(cost_sum, cost);
    accumulated = _mm256_add_pd(accumulated, _mm256_mul_pd(_mm256_sub_pd(benefit, cost),
                                                           _mm256_broadcast_sd(in.discount + t)));
  }
  TotalLanes out;
  _mm256_storeu_pd(out.avoided_sum.data(), avoided_sum);
  _mm256_storeu_pd(out.cost_sum.data(), cost_sum);
  _mm256_storeu_pd(out.accumulated.data(), accumulated);
  _mm256_storeu_pd(out.last_benefit.data(), benefit);
  return out;
}

UNGEGARANTI_AVX2 TotalLanes totals_avx2(const TotalsInput& in) { return totals_lanes(in); }

// The AVX-512 form: totals_lanes() (AVX2 instructions) where the processor has AVX-512.
UNGEGARANTI_AVX512 TotalLanes totals_avx512(const TotalsInput& in) { return totals_lanes(in); }
#endif

}  // namespace

std::array<EconomicsKernel::Totals, 3> EconomicsKernel::run_totals(
    const TierCostSums& costs, const PerBase& value, double population,
    const std::array<EconomicsPaths, 3>& paths) {
  discounting();
  const size_t n = year_count();
  const auto [begin, end] = effect_years(paths[0].base_year);
  TotalsInput in{&costs,
                 &value,
                 population,
                 &paths,
                 discount_.data(),
                 n,
                 begin,
                 end,
                 std::min(costs.years(), n),
                 s_.first_year - paths[0].base_year,
                 s_.economics->after_budget == AfterBudget::kStop};
  // The paths are the same projection's: one base year and one baseline; each is read (by
  // loads in the lanes) at path years begin + shift to end - 1 + shift, which must exist.
  for ([[maybe_unused]] const EconomicsPaths& p : paths) {
    assert(p.base_year == paths[0].base_year);
    assert(p.baseline_pct.data() == paths[0].baseline_pct.data());
    assert(begin >= end ||
           (static_cast<int>(begin) + in.shift >= 0 &&
            static_cast<size_t>(static_cast<int>(end) - 1 + in.shift) <
                std::min({p.baseline_pct.size(), p.path_pct.size(), p.work_share.size()})));
  }
#ifdef UNGEGARANTI_X86
  const TotalLanes lanes = has_avx512() ? totals_avx512(in)
                           : has_avx2() ? totals_avx2(in)
                                        : totals_baseline(in);
#else
  const TotalLanes lanes = totals_baseline(in);
#endif
  std::array<Totals, 3> out;
  for (size_t m = 0; m < out.size(); ++m) {
    // finish() and cost_per_avoided() on the lane's sums.
    double long_run = tail_ > 0 && n > 0 ? lanes.last_benefit[m] * discount_.back() * tail_ : 0.0;
    out[m].npv = (n > 0 ? lanes.accumulated[m] : 0.0) + long_run;
    if (lanes.avoided_sum[m] > 0)
      out[m].cost_per_avoided = lanes.cost_sum[m] / lanes.avoided_sum[m];
  }
  return out;
}

// One payer's benefit, net result and its discounted sums, from the avoided years and its costs.
void EconomicsKernel::payer_years(size_t payer, const PerBase& value) {
  PayerYears& p = payers_[payer];
  size_t n = year_count();
  double cost_sum = 0, benefit_sum = 0;
  for (size_t t = 0; t < n; ++t) {
    double benefit = benefit_of(value, payer, avoided_[t], work_[t]);
    p.benefit[t] = benefit;
    net_[t] = benefit - p.cost[t];
    cost_sum += p.cost[t];
    benefit_sum += benefit;
  }
  p.cost_sum = cost_sum;
  p.benefit_sum = benefit_sum;
  accumulate_discounted(net_, discount_, p.accumulated);
  finish(p);
}

// Persistence: the last year's avoided NEET years fade after the horizon with a half-life and are
// valued without costs, as if the programme ended with the horizon.
void EconomicsKernel::finish(PayerYears& p) const {
  size_t n = year_count();
  p.long_run = tail_ > 0 && n > 0 ? p.benefit.back() * discount_.back() * tail_ : 0.0;
  p.npv = (n > 0 ? p.accumulated.back() : 0.0) + p.long_run;
}

// Years up to the latest data year are history: the observed share already holds them. A
// programme that stops after the budget years avoids nothing after them: the projected path
// assumes that it runs on. Returns [begin, end) of the economics' years with an effect.
std::pair<size_t, size_t> EconomicsKernel::effect_years(int base_year) const {
  const size_t n = year_count();
  const int first = s_.first_year;
  auto years_to = [&](int year) {  // the number of the economics' years up to `year`
    return year < first ? size_t{0} : std::min(n, static_cast<size_t>(year - first) + 1);
  };
  const size_t begin = years_to(base_year);
  const size_t end = s_.economics->after_budget == AfterBudget::kStop
                         ? std::max(begin, years_to(s_.last_year()))
                         : n;
  return {begin, end};
}

// The avoided years of every economics year; the sums skip the years with nothing avoided (adding
// +0 to a sum that starts at +0 changes no bit).
void EconomicsKernel::avoided_years(double population, const EconomicsPaths& paths) {
  const auto [begin, end] = effect_years(paths.base_year);
  const int shift = s_.first_year - paths.base_year;  // economics year t is path year t + shift
  double avoided_sum = 0, work_sum = 0, education_sum = 0;
  for (size_t t = 0; t < year_count(); ++t) {
    double avoided = 0.0, work = 0.0;
    if (t >= begin && t < end) {
      size_t i = static_cast<size_t>(static_cast<int>(t) + shift);
      assert(i < paths.baseline_pct.size() && i < paths.path_pct.size() &&
             i < paths.work_share.size());
      avoided = (paths.baseline_pct[i] - paths.path_pct[i]) / 100 * population;
      work = avoided * paths.work_share[i];
      avoided_sum += avoided;
      work_sum += work;
      education_sum += avoided - work;
    }
    avoided_[t] = avoided;
    work_[t] = work;
    education_[t] = avoided - work;
  }
  avoided_sum_ = avoided_sum;
  work_sum_ = work_sum;
  education_sum_ = education_sum;
}

// The cost per year of every payer in price-base prices: in the budget years the lines' amounts in
// the lines' order, where funding (a negative amount) lowers the municipality's cost and is paid
// by the external funder; after them the running cost, which the municipality pays. The programme
// runs on at the last budget year's gross level without its one-off costs and without external
// funding, or stops (after_budget: stop). The state and a region pay no cost. CostPlan::
// sum_amounts() gives the total's gross amounts and running cost with the same sums.
void EconomicsKernel::costs(const CostPlan& plan) {
  size_t budget_years = plan.year_count();
  size_t budget = std::min(budget_years, year_count());
  std::vector<double>& all = payers_[kForAll].cost;
  std::vector<double>& kommune = payers_[kForKommune].cost;
  std::vector<double>& ekstern = payers_[kForEkstern].cost;
  std::fill_n(all.begin(), budget, 0.0);
  std::fill_n(kommune.begin(), budget, 0.0);
  std::fill_n(ekstern.begin(), budget, 0.0);
  double running = 0;
  plan.for_each_amount(ones_, ones_, [&](const CostLine& line, size_t y, double dkk) {
    if (line.category == Category::kFunding) {
      if (y < budget) {
        kommune[y] += dkk;
        ekstern[y] -= dkk;
      }
      return;
    }
    if (y < budget) {
      all[y] += dkk;
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
  after_budget(kommune, running);
  after_budget(ekstern, 0.0);
  std::fill(payers_[kForStat].cost.begin(), payers_[kForStat].cost.end(), 0.0);
  std::fill(payers_[kForRegion].cost.begin(), payers_[kForRegion].cost.end(), 0.0);
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
  discount_factors(rate, offset, std::span(discount_.data(), year_count()));
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
               {p.base_year, baseline, path_pct, work_share});
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
