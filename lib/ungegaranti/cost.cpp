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
