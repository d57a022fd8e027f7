#include "ungegaranti/followup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <tuple>

namespace ungegaranti {
namespace {

// A one-off or funding item: the followed model's own first, else another model's.
template <typename F>
auto model_item(const Scenario& s, Tier tier, const std::string& id, F&& list_of)
    -> decltype(find_by_id(list_of(s.model(tier)), id)) {
  if (auto* item = find_by_id(list_of(s.model(tier)), id))
    return item;
  for (const Model& m : s.models) {
    if (auto* item = find_by_id(list_of(m), id))
      return item;
  }
  return nullptr;
}

// Collects money lines keyed by (year, category, line), keeping first-seen order.
class MoneyBuilder {
 public:
  explicit MoneyBuilder(const Scenario& s) : s_(s) {}

  MoneyLine& line(const MoneyLine& shape) {
    auto key = std::make_tuple(shape.year, shape.category, shape.line);
    auto [it, fresh] = index_.try_emplace(key, lines_.size());
    if (fresh)
      lines_.push_back(shape);
    return lines_[it->second];
  }

  void add_plan(const CostRow& r) {
    MoneyLine shape{r.year, r.category, r.track, r.department, r.line, r.label, 0.0, 0.0};
    if (r.category == Category::kCoordination) {
      // The plan has several coordination lines per role (steering group, secretariat, status
      // reporting); the actuals book coordination per role.
      shape.line = "coordination." + r.role;
      shape.label = s_.role(r.role)->name;
    }
    line(shape).budget += r.dkk;
  }

  void add_actual(int year, const ActualAmount& a, Tier tier) {
    MoneyLine shape{year, a.category, "", "", "", "", 0.0, 0.0};
    double sign = 1.0;
    switch (a.booking) {
      case Booking::kInitiative: {
        const Initiative* ini = find_by_id(s_.initiatives, a.id);
        shape.track = ini->track;
        shape.department = s_.track(ini->track)->department;
        shape.line = ini->id;
        shape.label = ini->name;
        break;
      }
      case Booking::kTrack: {
        const Track* track = s_.track(a.id);
        shape.track = track->id;
        shape.department = track->department;
        shape.line = "track." + track->id;
        shape.label = track->name;
        break;
      }
      case Booking::kRole: {
        const Role* role = s_.role(a.id);
        shape.department = role->department;
        shape.line = std::string(category_id(a.category)) + "." + role->id;
        shape.label = role->name;
        break;
      }
      case Booking::kOneOff: {
        const OneOff* o = model_item(
            s_, tier, a.id, [](const Model& m) -> const auto& { return m.one_off; });
        shape.track = o->track;
        shape.department = o->department;
        shape.line = "one_off." + o->id;
        shape.label = o->name;
        break;
      }
      case Booking::kFunding: {
        const Funding* f = model_item(
            s_, tier, a.id, [](const Model& m) -> const auto& { return m.funding; });
        shape.track = f->track;
        shape.department = f->department;
        shape.line = "funding." + f->id;
        shape.label = f->name;
        sign = -1.0;  // received funding lowers the net cost, as in the plan
        break;
      }
    }
    line(shape).actual += sign * a.dkk;
  }

  std::vector<MoneyLine> take() { return std::move(lines_); }

 private:
  const Scenario& s_;
  std::vector<MoneyLine> lines_;
  std::map<std::tuple<int, Category, std::string>, size_t> index_;
};

const ActualYear* actual_year(const Actuals& a, int year) {
  for (const ActualYear& y : a.years) {
    if (y.year == year)
      return &y;
  }
  return nullptr;
}

double value_of(const std::vector<std::pair<std::string, double>>& pairs, const std::string& id) {
  for (const auto& [key, v] : pairs) {
    if (key == id)
      return v;
  }
  return 0.0;
}

// Plan lines by id first, then the ids only the actuals name, each with its plan and actual.
void add_reach(std::vector<ReachLine>& out, int year, ReachKind kind,
               const std::vector<std::pair<std::string, double>>& plan,
               const std::vector<std::pair<std::string, double>>& actual) {
  for (const auto& [id, v] : plan)
    out.push_back({year, kind, id, v, value_of(actual, id)});
  for (const auto& entry : actual) {  // clang 14 cannot capture a structured binding
    const std::string& id = entry.first;
    double v = entry.second;
    bool planned =
        std::any_of(plan.begin(), plan.end(), [&](const auto& p) { return p.first == id; });
    if (!planned)
      out.push_back({year, kind, id, 0.0, v});
  }
}

}  // namespace

Deviation deviation(double budget, double actual, double tolerance_pct, double negligible) {
  Deviation d;
  d.budget = budget;
  d.actual = actual;
  d.dkk = actual - budget;
  bool real = d.dkk != 0.0 && std::fabs(d.dkk) >= negligible;
  if (budget != 0.0) {
    d.pct = 100.0 * d.dkk / std::fabs(budget);
    d.flagged = real && std::fabs(*d.pct) > tolerance_pct;
  } else {
    d.flagged = real;
  }
  return d;
}

std::vector<MoneyLine> compare_money(const Scenario& s, const Actuals& a) {
  MoneyBuilder builder(s);
  std::vector<CostRow> plan = compute_cost(s, a.tier);
  // Spending and funding are separate sections: the plan's lines of a section are compared only
  // in the years that report it.
  for (const ActualYear& y : a.years) {
    for (const CostRow& r : plan) {
      bool reported = r.category == Category::kFunding ? y.funding : y.spend;
      if (r.year == y.year && reported)
        builder.add_plan(r);
    }
  }
  for (const ActualYear& y : a.years) {
    for (const ActualAmount& amount : y.amounts)
      builder.add_actual(y.year, amount, a.tier);
  }
  std::vector<MoneyLine> lines = builder.take();
  std::stable_sort(lines.begin(), lines.end(),
                   [](const MoneyLine& x, const MoneyLine& y) { return x.year < y.year; });
  return lines;
}

std::vector<ReachLine> compare_reach(const Scenario& s, const Actuals& a) {
  std::vector<ReachLine> out;
  const Model& model = s.model(a.tier);
  for (int year = s.first_year; year <= s.last_year(); ++year) {
    const ActualYear* y = actual_year(a, year);
    if (y == nullptr)
      continue;
    size_t t = static_cast<size_t>(year - s.first_year);
    if (y->participants) {
      std::vector<std::pair<std::string, double>> plan;
      for (const Initiative& ini : s.initiatives) {
        if (const auto& in = ini.per_model[static_cast<size_t>(a.tier)])
          plan.emplace_back(ini.id, in->participants.value * in->ramp[t].value);
      }
      add_reach(out, year, ReachKind::kParticipants, plan, *y->participants);
    }
    if (y->fte) {
      std::vector<std::pair<std::string, double>> plan;
      for (const auto& [role, fte] : model.staffing)
        plan.emplace_back(role, fte.value);
      add_reach(out, year, ReachKind::kFte, plan, *y->fte);
    }
    if (y->company_places) {
      std::optional<double> plan;
      if (model.company_places)
        plan = model.company_places->value;
      out.push_back({year, ReachKind::kCompanyPlaces, "", plan, *y->company_places});
    }
  }
  return out;
}

std::optional<NeetFollowUp> follow_neet(const Scenario& s, const Actuals& a,
                                        const NeetData& plan_data, const NeetData* newer) {
  struct Observed {
    double share = 0.0;
    bool from_data = false;  // from the newer data
    SourceLocation where;    // what gave it: the neet_share key or comparison.shares
  };
  std::map<int, Observed> observed;  // by year
  for (const ActualYear& y : a.years) {
    if (y.neet_share_pct)
      observed[y.year] = {*y.neet_share_pct, false, y.neet_share_where};
  }
  if (newer != nullptr && newer->municipality(s.municipality_code) != nullptr) {
    for (int year : newer->years) {
      if (year >= s.first_year && year <= s.last_year() && !observed.contains(year))
        observed[year] = {newer->share(s.municipality_code, year), true, a.comparison_where};
    }
  }
  if (observed.empty())
    return std::nullopt;

  ProjectionResult plan = project(s, plan_data, {a.tier}, 0, false);
  const ModelPath& path = plan.models.front();
  Development development(*s.projection, plan_data);
  NeetFollowUp out;
  out.vintage = plan.vintage;
  if (newer != nullptr)
    out.newer_vintage = newer->vintage;
  for (const auto& entry : observed) {  // clang 14 cannot capture a structured binding
    int year = entry.first;
    const Observed& value = entry.second;
    if (year <= plan.base_year) {
      throw Error(value.where, msg("en NEET-observation for {} kan ikke følges op: den skal ligge "
                                   "efter det seneste år {} i planens sammenligningsdata ({})",
                                   "a NEET observation for {} cannot be followed up: it must lie "
                                   "after the latest year {} of the plan's comparison data ({})",
                                   year, plan.base_year, plan.vintage));
    }
    auto at = [&](const std::vector<PathYear>& years) {
      for (const PathYear& p : years) {
        if (p.year == year)
          return p.share_pct;
      }
      assert(false && "the projection has every year after its data");
      return 0.0;
    };
    NeetObservation o;
    o.year = year;
    o.observed_pct = value.share;
    o.from_data = value.from_data;
    o.projected_pct = at(path.years);
    o.baseline_pct = at(plan.baseline);
    o.others_observed = newer != nullptr && std::find(newer->years.begin(), newer->years.end(),
                                                      year) != newer->years.end();
    // The others as observed where the newer data has the year, else as the plan assumed.
    auto other = [&](int code) {
      if (o.others_observed && newer->municipality(code) != nullptr)
        return newer->share(code, year);
      return development.share(code, year);
    };
    std::vector<double> all, group;
    const auto& municipalities =
        o.others_observed ? newer->municipalities : plan_data.municipalities;
    for (const Municipality& m : municipalities) {
      if (m.code != s.municipality_code)
        all.push_back(other(m.code));
    }
    for (int code : plan.group) {
      if (code != s.municipality_code)
        group.push_back(other(code));
    }
    o.all = rank_among(o.observed_pct, all);
    o.group = rank_among(o.observed_pct, group);
    out.observations.push_back(o);
  }
  const NeetObservation& latest = out.observations.back();
  out.reprojection = reproject(s, plan_data, a.tier, latest.year, latest.observed_pct);
  return out;
}

FollowUp follow_up(const Scenario& s, const Actuals& a, const NeetData* plan_data,
                   const NeetData* newer) {
  FollowUp f{compare_money(s, a), compare_reach(s, a), std::nullopt, "", ""};
  if (newer != nullptr) {
    f.newer_vintage = newer->vintage;
    f.newer_hash = newer->content_hash;
  }
  if (plan_data != nullptr && s.projection)
    f.neet = follow_neet(s, a, *plan_data, newer);
  return f;
}

}  // namespace ungegaranti
