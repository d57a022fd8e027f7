#include "ungegaranti/cost.hpp"

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

// A personnel line's amount a year in price-base prices.
double personnel_amount(const CostLine& line, double hours_per_fte) {
  double a = line.factors[0]->value;
  for (int i = 1; i < line.factor_count; ++i)
    a *= line.factors[static_cast<size_t>(i)]->value;
  return a * (line.hourly ? line.annual_cost->value / hours_per_fte : line.annual_cost->value);
}

std::vector<CostRow> rows(const Scenario& s, Tier tier, double wage_rate, double other_rate) {
  CostPlan plan(s, tier);
  size_t years = plan.year_count();
  std::vector<double> wages(years), other(years), amounts(plan.lines().size() * years);
  index_factors(s, wage_rate, wages);
  index_factors(s, other_rate, other);
  plan.amounts(wages, other, amounts);
  std::vector<CostRow> out;
  out.reserve(amounts.size());
  for (size_t l = 0; l < plan.lines().size(); ++l) {
    const CostLine& line = plan.lines()[l];
    CostRow row{0,         tier,      line.category, line.track, line.department,
                line.role, line.line, line.label,    0.0};
    for (size_t y = 0; y < years; ++y) {
      row.year = s.first_year + static_cast<int>(y);
      row.dkk = amounts[l * years + y];
      out.push_back(row);
    }
  }
  return out;
}

}  // namespace

std::string_view category_id(Category category) { return enum_id(kCategoryIds, category); }

double index_factor(double rate, int price_base, int year) {
  return std::pow(1.0 + rate, year - price_base);
}

void index_factors(const Scenario& s, double rate, std::span<double> out) {
  assert(out.size() == static_cast<size_t>(s.year_count));
  for (size_t y = 0; y < out.size(); ++y)
    out[y] = index_factor(rate, s.price_base, s.first_year + static_cast<int>(y));
}

CostPlan::CostPlan(const Scenario& scenario, Tier tier)
    : s_(&scenario), tier_(tier), lines_(PlanBuilder(scenario, tier).build()) {}

// Each amount is computed with the same operations in the same order whichever caller asks, so
// that the commands and the Monte Carlo agree to the last bit.
void CostPlan::amounts(std::span<const double> wages, std::span<const double> other,
                       std::span<double> out) const {
  size_t years = year_count();
  assert(wages.size() == years && other.size() == years && out.size() == lines_.size() * years);
  double* a = out.data();
  for (const CostLine& line : lines_) {
    switch (line.category) {
      case Category::kStaffing:
      case Category::kCoordination: {
        double amount = personnel_amount(line, s_->hours_per_fte.value);
        for (size_t y = 0; y < years; ++y)
          a[y] = amount * wages[y];
        break;
      }
      case Category::kInitiatives: {
        const Intensity& in = *line.intensity;
        double w = line.wage_share->value;
        for (size_t y = 0; y < years; ++y) {
          double level =
              in.fixed_cost.value + in.participants.value * in.unit_cost.value * in.ramp[y].value;
          a[y] = level * (w * wages[y] + (1 - w) * other[y]);
        }
        break;
      }
      case Category::kOneOff:
        for (size_t y = 0; y < years; ++y) {
          int year = s_->first_year + static_cast<int>(y);
          a[y] = year == line.year ? line.amount->value * other[y] : 0.0;
        }
        break;
      case Category::kFunding:
        for (size_t y = 0; y < years; ++y) {
          int year = s_->first_year + static_cast<int>(y);
          a[y] = year >= line.from && year <= line.to ? -line.amount->value : 0.0;
        }
        break;
    }
    a += years;
  }
}

std::vector<CostRow> compute_cost_unindexed(const Scenario& scenario, Tier tier) {
  return rows(scenario, tier, 0.0, 0.0);
}

std::vector<CostRow> compute_cost(const Scenario& scenario, Tier tier) {
  return rows(scenario, tier, scenario.wage_indexation.value, scenario.other_indexation.value);
}

}  // namespace ungegaranti
