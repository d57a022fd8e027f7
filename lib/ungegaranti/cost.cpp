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

void IndexFactors::update() {
  follow(wages_);
  follow(other_);
  const double* wages = wages_.factors.data();
  const double* other = other_.factors.data();
  for (size_t i = 0; i < base_mix_.size(); ++i) {
    const double w = s_.initiatives[i].wage_share.value;
    const double rest = 1 - w;
    double* mix = &mix_[i * years_];
    for (size_t y = 0; y < years_; ++y)
      mix[y] = initiative_index(w, rest, wages[y], other[y]);
    base_mix_[i] = initiative_index(w, rest, 1.0, 1.0);
  }
}

CostPlan::CostPlan(const Scenario& scenario, Tier tier)
    : s_(&scenario), tier_(tier), lines_(PlanBuilder(scenario, tier).build()) {}

// The walk of for_each_amount() with its amounts summed in place; the price-base amounts are its
// expressions with factors of 1, where x x 1 is x: a personnel line's amount, an initiative's level
// x base_mix(), a one-off's amount.
void CostPlan::sum_amounts(const IndexFactors& index, CostSums& out) const {
  const size_t years = year_count();
  const int first_year = s_->first_year;
  const double hours_per_fte = s_->hours_per_fte.value;
  assert(index.wages().size() == years);
  const double* wages = index.wages().data();
  const double* other = index.other().data();
  out.gross.assign(years, 0.0);
  double* gross = out.gross.data();
  double total = 0.0, running = 0.0;
  for (const CostLine& line : lines_) {
    switch (line.category) {
      case Category::kStaffing:
      case Category::kCoordination: {
        const double amount = personnel_amount(line, hours_per_fte);
        for (size_t y = 0; y < years; ++y)
          total += amount * wages[y];
        for (size_t y = 0; y < years; ++y)
          gross[y] += amount;
        if (years > 0)
          running += amount;
        break;
      }
      case Category::kInitiatives: {
        const Intensity& in = *line.intensity;
        const double fixed = in.fixed_cost.value;
        const double per_year = in.participants.value * in.unit_cost.value;
        const double* mix = index.mix(line.initiative);
        const double base = index.base_mix(line.initiative);
        double last = 0.0;
        for (size_t y = 0; y < years; ++y) {
          double level = fixed + per_year * in.ramp[y].value;
          total += level * mix[y];
          last = level * base;
          gross[y] += last;
        }
        if (years > 0)
          running += last;
        break;
      }
      case Category::kOneOff: {
        const int y = line.year - first_year;
        if (y >= 0 && static_cast<size_t>(y) < years) {
          const double amount = line.amount->value;
          total += amount * other[y];
          gross[y] += amount;
        }
        break;
      }
      case Category::kFunding: {
        const double amount = -line.amount->value;  // nominal, not indexed
        const int from = std::max(line.from, first_year);
        const int to = std::min(line.to, first_year + static_cast<int>(years) - 1);
        for (int year = from; year <= to; ++year)
          total += amount;
        break;
      }
    }
  }
  out.total = total;
  out.running = running;
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
