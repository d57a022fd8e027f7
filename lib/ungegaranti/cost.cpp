#include "ungegaranti/cost.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <initializer_list>

namespace ungegaranti {
namespace {

// Compiles the lines of one model in the scenario's order.
class PlanBuilder {
 public:
  PlanBuilder(const Scenario& s, Tier tier) : s_(s), tier_(tier) {}

  std::vector<CostLine> build() {
    const Model& model = s_.model(tier_);
    for (const auto& [role, fte] : model.staffing)
      add_personnel(Category::kStaffing, role, "staffing." + role, {&fte}, false);
    for (const Initiative& ini : s_.initiatives)
      add_initiative(ini);
    add_coordination(model);
    for (const OneOff& o : model.one_off) {
      CostLine line =
          base_line(Category::kOneOff, o.track, o.department, "", "one_off." + o.id, o.name);
      line.amount = &o.amount;
      line.year = o.year;
      lines_.push_back(std::move(line));
    }
    for (const Funding& f : model.funding) {
      CostLine line =
          base_line(Category::kFunding, f.track, f.department, "", "funding." + f.id, f.name);
      line.amount = &f.amount;
      line.from = f.from;
      line.to = f.to;
      lines_.push_back(std::move(line));
    }
    return std::move(lines_);
  }

 private:
  static CostLine base_line(Category category, const std::string& track,
                            const std::string& department, const std::string& role, std::string id,
                            const std::string& label) {
    CostLine line;
    line.category = category;
    line.track = track;
    line.department = department;
    line.role = role;
    line.line = std::move(id);
    line.label = label;
    return line;
  }

  // A personnel line paid by `role`'s department: the product of `factors` (at most three) x the
  // role's annual cost (or hourly cost, when `hourly`) a year. Personnel lines belong to no single
  // track.
  void add_personnel(Category category, const std::string& role, std::string id,
                     std::initializer_list<const Quantity*> factors, bool hourly) {
    const Role* r = s_.role(role);
    assert(r != nullptr);  // load_scenario() checked the reference
    CostLine line = base_line(category, "", r->department, role, std::move(id), r->name);
    assert(factors.size() <= line.factors.size());
    for (const Quantity* q : factors)
      line.factors[static_cast<size_t>(line.factor_count++)] = q;
    line.annual_cost = &r->annual_cost;
    line.hourly = hourly;
    lines_.push_back(std::move(line));
  }

  void add_initiative(const Initiative& ini) {
    const std::optional<Intensity>& in = ini.per_model[static_cast<size_t>(tier_)];
    if (!in)
      return;  // not part of this model: level zero, no line
    const Track* track = s_.track(ini.track);
    CostLine line =
        base_line(Category::kInitiatives, ini.track, track->department, "", ini.id, ini.name);
    line.intensity = &*in;
    line.wage_share = &ini.wage_share;
    line.initiative = static_cast<size_t>(&ini - s_.initiatives.data());
    lines_.push_back(std::move(line));
  }

  void add_coordination(const Model& model) {
    if (const auto& g = s_.steering_group) {
      for (const auto& [role, count] : g->members) {
        add_personnel(Category::kCoordination, role, "steering_group." + role,
                      {&g->meetings_per_year, &g->hours_per_meeting, &count}, true);
      }
      if (const auto& sec = g->secretariat) {
        add_personnel(Category::kCoordination, sec->role, "steering_group.secretariat",
                      {&sec->hours_per_year}, true);
      }
    }
    if (const auto& status = model.status_reporting) {
      add_personnel(Category::kCoordination, status->role, "status_reporting",
                    {&status->hours_per_year}, true);
    }
  }

  const Scenario& s_;
  Tier tier_;
  std::vector<CostLine> lines_;
};

}  // namespace

std::string_view category_id(Category category) { return enum_id(kCategoryIds, category); }

double index_factor(double rate, int price_base, int year) {
  if (year == price_base)
    return 1.0;  // what pow(1 + rate, 0) returns for any rate, NaN included
  return std::pow(1.0 + rate, year - price_base);
}

void index_factors(const Scenario& s, double rate, std::span<double> out) {
  assert(out.size() == static_cast<size_t>(s.year_count));
  for (size_t y = 0; y < out.size(); ++y)
    out[y] = index_factor(rate, s.price_base, s.first_year + static_cast<int>(y));
}

IndexFactors::IndexFactors(const Scenario& scenario)
    : s_(scenario), years_(static_cast<size_t>(scenario.year_count)) {
  wages_.rate = &s_.wage_indexation;
  other_.rate = &s_.other_indexation;
  for (Rate* r : {&wages_, &other_})
    r->factors.resize(years_);
  mix_.resize(s_.initiatives.size() * years_);
  base_mix_.resize(s_.initiatives.size());
}

// A rate compared with its last value: equal rates give equal bases 1 + rate (-0 and +0 both give
// 1), so pow() would give the same factors; a NaN never compares equal and is recomputed.
void IndexFactors::follow(Rate& r) {
  double rate = r.rate->value;
  if (r.known && rate == r.last)
    return;
  index_factors(s_, rate, r.factors);
  r.last = rate;
  r.known = true;
}

namespace {

// Each initiative's index per year and at price-base prices, into mix (row by row) and base.
// kYears > 0 is the number of years known at compile time (the factors are then read into
// locals once, and the rows unrolled); 0 takes it from `years`.
template <size_t kYears>
void initiative_indexes(const std::vector<Initiative>& initiatives, const double* wages_in,
                        const double* other_in, size_t years, double* mix, double* base) {
  constexpr bool kFixed = kYears > 0;
  const size_t n = kFixed ? kYears : years;
  double fixed_wages[kFixed ? kYears : 1], fixed_other[kFixed ? kYears : 1];
  if constexpr (kFixed) {
    std::copy_n(wages_in, kYears, fixed_wages);
    std::copy_n(other_in, kYears, fixed_other);
  }
  const double* wages = kFixed ? fixed_wages : wages_in;
  const double* other = kFixed ? fixed_other : other_in;
  for (size_t i = 0; i < initiatives.size(); ++i, mix += n) {
    const double w = initiatives[i].wage_share.value;
    const double rest = 1 - w;
    for (size_t y = 0; y < n; ++y)
      mix[y] = initiative_index(w, rest, wages[y], other[y]);
    base[i] = initiative_index(w, rest, 1.0, 1.0);
  }
}

}  // namespace

void IndexFactors::update() {
  follow(wages_);
  follow(other_);
  const double* wages = wages_.factors.data();
  const double* other = other_.factors.data();
  switch (years_) {  // as in CostPlan::sum_amounts()
    case 4:
      return initiative_indexes<4>(s_.initiatives, wages, other, 4, mix_.data(), base_mix_.data());
    case 5:
      return initiative_indexes<5>(s_.initiatives, wages, other, 5, mix_.data(), base_mix_.data());
    case 6:
      return initiative_indexes<6>(s_.initiatives, wages, other, 6, mix_.data(), base_mix_.data());
    default:
      return initiative_indexes<0>(s_.initiatives, wages, other, years_, mix_.data(),
                                   base_mix_.data());
  }
}

CostPlan::CostPlan(const Scenario& scenario, Tier tier)
    : s_(&scenario), tier_(tier), lines_(PlanBuilder(scenario, tier).build()) {}

namespace {

// CostPlan::sum_amounts() over `lines`: the walk of for_each_amount() with its amounts summed in
// place. The price-base amounts are its expressions with factors of 1, where x x 1 is x: a
// personnel line's amount, an initiative's level x base_mix(), a one-off's amount. kYears > 0 is
// the number of budget years known at compile time: the year loops are then unrolled and the
// gross sums kept in registers (the same operations in the same order); kYears = 0 takes it from
// `years`.
template <size_t kYears>
void sum_lines(const std::vector<CostLine>& lines, const Scenario& s, const IndexFactors& index,
               size_t years, CostSums& out) {
  constexpr bool kFixed = kYears > 0;
  const size_t n = kFixed ? kYears : years;
  const int first_year = s.first_year;
  const double hours_per_fte = s.hours_per_fte.value;
  const double* wages = index.wages().data();
  const double* other = index.other().data();
  out.gross.assign(n, 0.0);
  double fixed_gross[kFixed ? kYears : 1] = {};
  double* gross = kFixed ? fixed_gross : out.gross.data();
  double total = 0.0, running = 0.0;
  for (const CostLine& line : lines) {
    switch (line.category) {
      case Category::kStaffing:
      case Category::kCoordination: {
        const double amount = CostPlan::personnel_amount(line, hours_per_fte);
        for (size_t y = 0; y < n; ++y)
          total += amount * wages[y];
        for (size_t y = 0; y < n; ++y)
          gross[y] += amount;
        if (n > 0)
          running += amount;
        break;
      }
      case Category::kInitiatives: {
        const Intensity& in = *line.intensity;
        const double fixed = in.fixed_cost.value;
        const double per_year = in.participants.value * in.unit_cost.value;
        const double* mix = index.mix(line.initiative);
        const double base = index.base_mix(line.initiative);
        const Quantity* ramp = in.ramp.data();
        double last = 0.0;
        if constexpr (kFixed) {
          // The levels first, so that the compiler computes each once and packs the gross sums.
          double level[kYears];
          for (size_t y = 0; y < kYears; ++y)
            level[y] = fixed + per_year * ramp[y].value;
          for (size_t y = 0; y < kYears; ++y)
            total += level[y] * mix[y];
          for (size_t y = 0; y < kYears; ++y)
            gross[y] += level[y] * base;
          last = level[kYears - 1] * base;
        } else {
          for (size_t y = 0; y < n; ++y) {
            double level = fixed + per_year * ramp[y].value;
            total += level * mix[y];
            last = level * base;
            gross[y] += last;
          }
        }
        if (n > 0)
          running += last;
        break;
      }
      case Category::kOneOff: {
        const int y = line.year - first_year;
        if (y >= 0 && static_cast<size_t>(y) < n) {
          const double amount = line.amount->value;
          total += amount * other[y];
          gross[y] += amount;
        }
        break;
      }
      case Category::kFunding: {
        const double amount = -line.amount->value;  // nominal, not indexed
        const int from = std::max(line.from, first_year);
        const int to = std::min(line.to, first_year + static_cast<int>(n) - 1);
        for (int year = from; year <= to; ++year)
          total += amount;
        break;
      }
    }
  }
  if constexpr (kFixed)
    std::copy_n(fixed_gross, kYears, out.gross.begin());
  out.total = total;
  out.running = running;
}

}  // namespace

void CostPlan::sum_amounts(const IndexFactors& index, CostSums& out) const {
  assert(index.wages().size() == year_count());
  switch (year_count()) {  // the usual lengths of a budget, unrolled
    case 4:
      return sum_lines<4>(lines_, *s_, index, 4, out);
    case 5:
      return sum_lines<5>(lines_, *s_, index, 5, out);
    case 6:
      return sum_lines<6>(lines_, *s_, index, 6, out);
    default:
      return sum_lines<0>(lines_, *s_, index, year_count(), out);
  }
}

std::vector<CostRow> compute_cost(const Scenario& s, Tier tier) {
  CostPlan plan(s, tier);
  size_t years = plan.year_count();
  std::vector<double> wages(years), other(years);
  index_factors(s, s.wage_indexation.value, wages);
  index_factors(s, s.other_indexation.value, other);
  std::vector<CostRow> out;
  out.reserve(plan.lines().size() * years);
  plan.for_each_amount(wages, other, [&](const CostLine& line, size_t y, double dkk) {
    out.push_back({s.first_year + static_cast<int>(y), tier, line.category, line.track,
                   line.department, line.role, line.line, line.label, dkk});
  });
  return out;
}

}  // namespace ungegaranti
