// Writes, as JSON on stdout, what the Monte Carlo of the default scenario (or `-s FILE`) needs to
// be recomputed outside the tool: every uncertain input (value, low, high, distribution), the
// copula, each model's cost lines, the projection's tables that no input changes (the subject's
// baseline, the others' sorted shares and each target's threshold per year, the futures at each
// horizon distance) and the economics' inputs (each benefit line with what it applies to and its
// kind; the work share that splits the avoided years is the cohort model's own, which the
// transitions and the levers here determine). A number a draw can change is written as
// {"in": k}, the k-th uncertain input (the order of InputDraws::inputs()); any other number as
// itself. bench/numpy_monte_carlo.py reads it. A bench tool, not part of the package: it is built
// only on request (`cmake --build --preset release --target ungegaranti-dump-chain`).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "ungegaranti/backtest.hpp"
#include "ungegaranti/coverage.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/reach.hpp"
#include "ungegaranti/sampling.hpp"

using nlohmann::json;
namespace ug = ungegaranti;

namespace {

std::map<std::string, size_t> g_inputs;  // path -> index

json ref(const ug::Quantity& q) {
  if (auto it = g_inputs.find(q.path); it != g_inputs.end() && q.low && q.high)
    return json{{"in", it->second}};
  return q.value;
}

json refs(const std::vector<ug::Quantity>& qs) {
  json out = json::array();
  for (const ug::Quantity& q : qs)
    out.push_back(ref(q));
  return out;
}

const char* dist_name(ug::Distribution d) {
  switch (d) {
    case ug::Distribution::kUniform:
      return "uniform";
    case ug::Distribution::kPert:
      return "pert";
    case ug::Distribution::kNormal:
      return "normal";
    case ug::Distribution::kLognormal:
      return "lognormal";
    case ug::Distribution::kNone:
    case ug::Distribution::kTriangular:
      break;
  }
  return "triangular";
}

const char* lever_name(ug::Lever l) {
  switch (l) {
    case ug::Lever::kDropout:
      return "dropout";
    case ug::Lever::kEntry:
      return "entry";
    case ug::Lever::kNeetToEducation:
      return "to_education";
    case ug::Lever::kNeetToWork:
      return "to_work";
    case ug::Lever::kNone:
      break;
  }
  return "none";
}

// The lines in the order of cost.cpp's CostPlan (and so of compute_cost()'s rows).
json cost_lines(const ug::Scenario& s, ug::Tier tier) {
  json out = json::array();
  auto personnel = [&](const char* category, const std::string& role,
                       std::initializer_list<const ug::Quantity*> factors, bool hourly) {
    json f = json::array();
    for (const ug::Quantity* q : factors)
      f.push_back(ref(*q));
    out.push_back({{"kind", "personnel"},
                   {"category", category},
                   {"factors", f},
                   {"annual_cost", ref(s.role(role)->annual_cost)},
                   {"hourly", hourly}});
  };
  const ug::Model& model = s.model(tier);
  for (const auto& [role, fte] : model.staffing)
    personnel("staffing", role, {&fte}, false);
  for (const ug::Initiative& ini : s.initiatives) {
    if (const auto& in = ini.per_model[static_cast<size_t>(tier)]) {
      out.push_back({{"kind", "initiative"},
                     {"fixed_cost", ref(in->fixed_cost)},
                     {"participants", ref(in->participants)},
                     {"unit_cost", ref(in->unit_cost)},
                     {"ramp", refs(in->ramp)},
                     {"wage_share", ref(ini.wage_share)}});
    }
  }
  if (const auto& g = s.steering_group) {
    for (const auto& [role, count] : g->members) {
      personnel("coordination", role, {&g->meetings_per_year, &g->hours_per_meeting, &count}, true);
    }
    if (const auto& sec = g->secretariat)
      personnel("coordination", sec->role, {&sec->hours_per_year}, true);
  }
  if (const auto& status = model.status_reporting)
    personnel("coordination", status->role, {&status->hours_per_year}, true);
  for (const ug::OneOff& o : model.one_off)
    out.push_back({{"kind", "one_off"}, {"amount", ref(o.amount)}, {"year", o.year}});
  for (const ug::Funding& f : model.funding) {
    out.push_back({{"kind", "funding"}, {"amount", ref(f.amount)}, {"from", f.from}, {"to", f.to}});
  }
  return out;
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v)
    sum += x;
  return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
}

// As projection.cpp: the K-th lowest of the others, K = floor((n + 1) / 3); the group's mean.
json thresholds(std::vector<double> all, std::vector<double> group) {
  std::sort(all.begin(), all.end());
  std::vector<double> sorted_group = group;
  std::sort(sorted_group.begin(), sorted_group.end());
  return {{"none", 100.0},
          {"best_third_all", all[(all.size() + 1) / 3 - 1]},
          {"best_third_group", sorted_group[(sorted_group.size() + 1) / 3 - 1]},
          {"group_average", mean(group)}};
}

const char* target_name(ug::Target t) {
  switch (t) {
    case ug::Target::kBestThirdAll:
      return "best_third_all";
    case ug::Target::kBestThirdGroup:
      return "best_third_group";
    case ug::Target::kGroupAverage:
      return "group_average";
    case ug::Target::kNone:
      break;
  }
  return "none";
}

json projection(const ug::Scenario& s, const ug::NeetData& data) {
  const ug::Projection& p = *s.projection;
  ug::ProjectionResult r = ug::project(s, data, {}, 0, false);
  ug::Development development(p, data);
  int through = s.economics ? ug::economics_last_year(s) : 0;
  int last_table_year = std::max({r.base_year, through, s.last_year() + p.years_after_full});
  json out;
  out["base_year"] = r.base_year;
  out["through_year"] = through;
  out["years_after_full"] = p.years_after_full;
  out["observed"] = r.observed_base_pct / 100;
  out["calibration"] = r.calibration;
  const ug::Transitions& t = p.baseline;
  out["transitions"] = {{"entry_education", ref(t.entry_education)},
                        {"entry_employed", ref(t.entry_employed)},
                        {"dropout", ref(t.dropout)},
                        {"education_to_work", refs(t.education_to_work)},
                        {"employed_to_neet", ref(t.employed_to_neet)},
                        {"employed_to_education", ref(t.employed_to_education)},
                        {"neet_to_education", ref(t.neet_to_education)},
                        {"neet_to_work", ref(t.neet_to_work)}};
  auto others = [&](int year, const std::vector<int>& codes) {
    std::vector<double> v;
    for (int c : codes) {
      if (c != r.code)
        v.push_back(development.share(c, year));
    }
    return v;
  };
  std::vector<int> all_codes;
  for (const ug::Municipality& m : data.municipalities)
    all_codes.push_back(m.code);
  json years = json::array();
  for (int year = r.base_year; year <= last_table_year; ++year) {
    std::vector<double> all = others(year, all_codes);
    json thr = thresholds(all, others(year, r.group));
    std::sort(all.begin(), all.end());
    years.push_back({{"year", year},
                     {"baseline", development.share(r.code, year)},
                     {"all_sorted", all},
                     {"threshold", thr}});
  }
  out["years"] = years;
  // The futures at every distance a horizon can have, as ProjectionRerun works them out.
  int min_distance = std::max(1, s.first_year + p.years_after_full - r.base_year);
  int max_distance = std::max(min_distance, s.last_year() + p.years_after_full - r.base_year);
  ug::Futures futures(p, data, min_distance, max_distance);
  json views = json::object();
  for (int d = min_distance; d <= max_distance; ++d) {
    const ug::ForecastErrors* errors = futures.at(d);
    if (errors == nullptr)
      continue;
    json at = json::array();
    for (size_t k = 0; k < errors->origins.size(); ++k) {
      std::map<int, double> error;
      for (size_t i = 0; i < errors->codes.size(); ++i)
        error[errors->codes[i]] = errors->error_pp[k][i];
      auto moved = [&](const std::vector<int>& codes) {
        std::vector<double> v;
        for (int c : codes) {
          if (c != r.code)
            v.push_back(
                std::clamp(development.share(c, r.base_year + d) + error.at(c), 0.0, 100.0));
        }
        return v;
      };
      std::vector<double> all = moved(all_codes);
      json thr = thresholds(all, moved(r.group));
      std::sort(all.begin(), all.end());
      at.push_back({{"error", error.at(r.code)}, {"all_sorted", all}, {"threshold", thr}});
    }
    views[std::to_string(d)] = at;
  }
  out["futures"] = views;
  json models = json::array();
  for (ug::Tier tier : ug::kAllTiers) {
    json m;
    m["target"] = target_name(s.model(tier).target);
    json ramps = json::array();
    for (const ug::Initiative& ini : s.initiatives) {
      if (const auto& in = ini.per_model[static_cast<size_t>(tier)])
        ramps.push_back(refs(in->ramp));
    }
    m["ramps"] = ramps;
    json effects = json::array();
    for (const auto& [track_id, size] : s.model(tier).effects) {
      ug::TrackReach reach = ug::track_reach(s, tier, *s.track(track_id));
      json terms = json::array();
      for (const ug::ReachTerm& x : reach.terms) {
        terms.push_back({{"participants", ref(x.intensity->participants)},
                         {"ramp", refs(x.intensity->ramp)},
                         {"count", ref(x.band->count)},
                         {"from", x.band->from},
                         {"to", x.band->to},
                         {"overlap", x.overlap != nullptr ? ref(*x.overlap) : json(0.0)}});
      }
      effects.push_back({{"size", ref(size)},
                         {"lever", lever_name(reach.lever)},
                         {"targeting", ref(*reach.targeting)},
                         {"terms", terms}});
    }
    m["effects"] = effects;
    models.push_back(m);
  }
  out["models"] = models;
  return out;
}

json economics(const ug::Scenario& s) {
  const ug::EconomicsSettings& e = *s.economics;
  json out;
  out["discount_rate"] = ref(e.discount_rate);
  out["discount_to"] = e.discount_to;
  out["after_budget"] = e.after_budget == ug::AfterBudget::kStop ? "stop" : "continue";
  out["last_year"] = ug::economics_last_year(s);
  out["half_life_years"] = ref(e.half_life_years);
  for (const ug::AgeBand& b : s.population) {
    if (b.from == 16 && b.to == 24)
      out["population"] = ref(b.count);
  }
  if (!out.contains("population"))
    out["population"] = 0.0;
  if (e.refusion) {
    json steps = json::array();
    for (const ug::RefusionStep& st : e.refusion->steps)
      steps.push_back({{"from_week", st.from_week}, {"state_share", st.state_share}});
    out["refusion"] = {{"steps", steps}, {"spell_weeks", ref(e.refusion->spell_weeks)}};
  }
  json benefits = json::array();
  for (const ug::Benefit& b : e.benefits) {
    json j{{"amount", ref(b.amount)},
           {"refusion", b.refusion == ug::RefusionPart::kStat      ? "stat"
                        : b.refusion == ug::RefusionPart::kKommune ? "kommune"
                                                                   : "none"},
           // Which avoided NEET person-years the line applies to (all, those in education, those
           // in work: the path's work share splits them), and its kind: paid_benefit and
           // education_cost count with a minus (economics.cpp's benefit_value()).
           {"applies_to", std::string(ug::enum_id(ug::kAppliesToIds, b.applies_to))},
           {"kind", std::string(ug::enum_id(ug::kBenefitKindIds, b.kind))}};
    if (!b.price.empty()) {
      const ug::Price* p = nullptr;
      for (const ug::Price& x : e.prices) {
        if (x.id == b.price)
          p = &x;
      }
      json rate = 0.0;
      switch (p->indexation) {
        case ug::PriceIndexation::kNone:
          break;
        case ug::PriceIndexation::kSatsregulering:
          rate = ref(e.satsregulering);
          break;
        case ug::PriceIndexation::kPl:
          rate = ref(s.other_indexation);
          break;
        case ug::PriceIndexation::kLoen:
          rate = ref(s.wage_indexation);
          break;
      }
      j["price"] = {{"amount", ref(p->amount)},
                    {"price_year", p->price_year},
                    {"indexed", p->indexation != ug::PriceIndexation::kNone},
                    {"rate", rate}};
      j["share"] = ref(b.share);
    }
    benefits.push_back(j);
  }
  out["benefits"] = benefits;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string file = argc >= 3 && std::string(argv[1]) == "-s" ? argv[2] : "";
    ug::Scenario s = file.empty() ? ug::parse_scenario(ug::builtin_scenario_text(), "builtin")
                                  : ug::load_scenario(file);
    ug::InputDraws draws(s);
    json j;
    json inputs = json::array();
    for (size_t k = 0; k < draws.inputs().size(); ++k) {
      const ug::Quantity& q = *draws.inputs()[k];
      g_inputs[q.path] = k;
      inputs.push_back({{"path", q.path},
                        {"value", q.value},
                        {"low", *q.low},
                        {"high", *q.high},
                        {"dist", dist_name(q.dist)}});
    }
    j["inputs"] = inputs;
    ug::Copula c = ug::copula_of(s.correlations);
    json members = json::array();
    for (const std::string& path : c.inputs)
      members.push_back(g_inputs.at(path));
    j["copula"] = {{"inputs", members}, {"factor", c.factor}};
    j["first_year"] = s.first_year;
    j["year_count"] = s.year_count;
    j["price_base"] = s.price_base;
    j["wage_indexation"] = ref(s.wage_indexation);
    j["other_indexation"] = ref(s.other_indexation);
    j["hours_per_fte"] = ref(s.hours_per_fte);
    json costs = json::array();
    for (ug::Tier tier : ug::kAllTiers)
      costs.push_back(cost_lines(s, tier));
    j["cost_lines"] = costs;
    if (s.projection) {
      const ug::Projection& p = *s.projection;
      ug::NeetData data = ug::load_neet_data({p.shares, p.groups, p.national});
      j["projection"] = projection(s, data);
    }
    if (s.economics)
      j["economics"] = economics(s);
    std::cout << j.dump() << '\n';
    return 0;
  } catch (const ug::Error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}
