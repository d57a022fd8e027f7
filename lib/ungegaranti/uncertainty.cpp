#include "ungegaranti/uncertainty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/fast_chain.hpp"
#include "ungegaranti/labels.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {
namespace {

// The outcome `outcome` of one model in one evaluation of a FastChain.
double pick(const DrawOutcome& o, OutcomeKind outcome) {
  switch (outcome) {
    case OutcomeKind::kCost:
      return o.cost;
    case OutcomeKind::kNeet:
      return o.neet;
    case OutcomeKind::kNpv:
      return o.npv;
    case OutcomeKind::kRank:
      return o.rank;
    case OutcomeKind::kMargin:
      return o.margin;
  }
  return DrawOutcome::kNaN;
}

// The outcome at the current values of `scenario`, the scenario `chain` was compiled for; empty
// where it cannot be computed (e.g. baseline transitions that can no longer be calibrated). The
// chain runs all three models, so an error may be another model's: then the whole chain for this
// model alone (outcome_of, the same figures) decides.
std::optional<double> try_outcome(FastChain& chain, const Scenario& scenario, const NeetData* data,
                                  Tier tier, OutcomeKind outcome) {
  double v = DrawOutcome::kNaN;
  try {
    v = pick(chain.evaluate()[static_cast<size_t>(tier)], outcome);
  } catch (const Error&) {
    try {
      v = outcome_of(scenario, data, tier, outcome);
    } catch (const Error&) {
      return std::nullopt;
    }
  }
  return std::isfinite(v) ? std::optional(v) : std::nullopt;
}

// The chain's data: the cost needs no projection, so its chain runs none.
const NeetData* chain_data(const NeetData* data, OutcomeKind outcome) {
  return outcome == OutcomeKind::kCost ? nullptr : data;
}

// One alternative of a projection choice: its key, its label and how it changes the projection.
struct Alternative {
  std::string key;
  Message label;
  std::function<void(Projection&)> set;
};

struct Choice {
  std::string path;
  std::string own;  // key of the scenario's own alternative
  std::vector<Alternative> alternatives;
};

// The discrete choices of the projection and their alternatives (docs/method.md#the-projection-
// choices): every trend rule of kTrendIds, 1 or 3 base years (or the scenario's and 1), and the
// comparable group against all municipalities (and the municipality's own DST group when the
// scenario names another group).
std::vector<Choice> projection_choices(const Scenario& s, const NeetData& data) {
  const Projection& p = *s.projection;
  std::vector<Choice> out;
  Choice trend{"projection.trend", std::string(enum_id(kTrendIds, p.trend)), {}};
  for (const EnumId<Trend>& t : kTrendIds) {
    if ((t.value == Trend::kNational || t.value == Trend::kRevert) && data.national.empty())
      continue;  // both need the national series (as the schema says)
    std::string id(t.id);
    trend.alternatives.push_back({id,
                                  {trend_name(t.value, Lang::kDa), trend_name(t.value, Lang::kEn)},
                                  [v = t.value](Projection& x) { x.trend = v; }});
  }
  out.push_back(std::move(trend));

  int other = p.base_years == 1 ? 3 : 1;
  Choice base{"projection.base_years", std::to_string(p.base_years), {}};
  for (int k : {p.base_years, other}) {
    std::string key = std::to_string(k);
    base.alternatives.push_back({key, {key, key}, [k](Projection& x) { x.base_years = k; }});
  }
  out.push_back(std::move(base));

  const Municipality* subject = data.municipality(s.municipality_code);
  if (subject == nullptr)
    return out;  // project() reports it
  Choice group{"projection.group", "", {}};
  auto dst = [](int g) -> Alternative {
    return {fmt::format("dst{}", g), msg("DST-gruppe {}", "DST group {}", g), [g](Projection& x) {
              x.codes.clear();
              x.group = g;
            }};
  };
  if (!p.codes.empty()) {
    group.own = "codes";
    group.alternatives.push_back(
        {"codes", {"scenariets egen liste", "the scenario's own list"}, {}});
  } else {
    group.alternatives.push_back(dst(p.group != 0 ? p.group : subject->group));
    group.own = group.alternatives.back().key;
  }
  if (!p.codes.empty() || (p.group != 0 && p.group != subject->group))
    group.alternatives.push_back(dst(subject->group));
  std::vector<int> all;
  for (const Municipality& m : data.municipalities)
    all.push_back(m.code);
  group.alternatives.push_back(
      {"all", {"alle kommuner", "all municipalities"}, [all](Projection& x) { x.codes = all; }});
  out.push_back(std::move(group));
  return out;
}

// The choice's outcome at each alternative; the scenario's own is the base.
ChoiceBar choice_bar(const Scenario& s, const NeetData& data, Tier tier, OutcomeKind outcome,
                     double base, const Choice& c) {
  ChoiceBar bar;
  bar.path = c.path;
  bar.label = {input_label(s, c.path, Lang::kDa), input_label(s, c.path, Lang::kEn)};
  bar.own = c.own;
  bool any = false;
  for (const Alternative& a : c.alternatives) {
    std::optional<double> v = base;
    if (a.key != c.own) {  // a projection of another structure: a chain of its own
      Scenario changed = s;
      a.set(*changed.projection);
      FastChain chain(changed, &data);
      v = try_outcome(chain, changed, &data, tier, outcome);
    }
    if (!v) {
      bar.invalid.push_back(c.path + "=" + a.key);
      continue;
    }
    if (!any || *v < bar.at_low) {
      bar.at_low = *v;
      bar.low_key = a.key;
      bar.low_label = a.label;
    }
    if (!any || *v > bar.at_high) {
      bar.at_high = *v;
      bar.high_key = a.key;
      bar.high_label = a.label;
    }
    any = true;
  }
  return bar;
}

}  // namespace

double TornadoBar::swing() const { return at_low && at_high ? std::abs(*at_high - *at_low) : 0.0; }

double outcome_of(const Scenario& s, const NeetData* data, Tier tier, OutcomeKind outcome) {
  if (outcome == OutcomeKind::kCost) {
    double net = 0;
    for (const CostRow& row : compute_cost(s, tier))
      net += row.dkk;
    return net;
  }
  if (!s.projection || data == nullptr)
    throw Error({s.origin, 0, 0}, msg("dette udfald kræver scenariets 'projection'-sektion",
                                      "this outcome needs the scenario's 'projection' section"));
  if (outcome == OutcomeKind::kNpv && !s.economics)
    throw Error({s.origin, 0, 0}, msg("nutidsværdien kræver scenariets 'economics'-sektion",
                                      "the NPV needs the scenario's 'economics' section"));
  int through = outcome == OutcomeKind::kNpv ? economics_last_year(s) : 0;
  ProjectionResult p = project(s, *data, {tier}, through, /*required_effect=*/false);
  const ModelPath& m = p.models.front();
  if (outcome == OutcomeKind::kNpv)
    return compute_economics(s, p).models.front().npv[kForAll];
  if (outcome == OutcomeKind::kMargin) {
    if (m.target == Target::kNone)
      throw Error({s.origin, 0, 0}, msg("marginen kræver et mål for modellen",
                                        "the margin needs a target for the model"));
    return m.margin_pp;
  }
  const PathYear& at = m.years.at(static_cast<size_t>(m.horizon - p.base_year));
  return outcome == OutcomeKind::kNeet ? at.share_pct : at.all.rank;
}

Tornado tornado(const Scenario& s, const NeetData* data, Tier tier, OutcomeKind outcome) {
  Tornado t;
  t.tier = tier;
  t.outcome = outcome;
  t.base = outcome_of(s, data, tier, outcome);  // its errors are the tornado's
  // One copy whose ranged quantities move one at a time, through one chain compiled for it.
  Scenario moved = s;
  // Only the ranged quantities' copies move: the chain works out the rest once.
  std::vector<const double*> moving;
  for (const Quantity* q : all_quantities(s)) {
    if (q->low && q->high) {
      for (const Quantity* c : quantities_at(moved, q->path))
        moving.push_back(&c->value);
    }
  }
  FastChain chain(moved, chain_data(data, outcome), MovingValues(std::move(moving)));
  for (const Quantity* q : all_quantities(s)) {
    if (!q->low || !q->high)
      continue;
    ++t.ranged;
    std::vector<Quantity*> copies = quantities_at(moved, q->path);  // every copy of the input
    std::vector<double> own;
    for (const Quantity* c : copies)
      own.push_back(c->value);
    auto at = [&](double value) {
      for (Quantity* c : copies)
        c->value = value;
      return try_outcome(chain, moved, data, tier, outcome);
    };
    TornadoBar bar;
    bar.path = q->path;
    bar.low = *q->low;
    bar.high = *q->high;
    bar.at_low = at(*q->low);
    bar.at_high = at(*q->high);
    for (size_t k = 0; k < copies.size(); ++k)
      copies[k]->value = own[k];
    if (!bar.at_low || !bar.at_high) {
      t.invalid.push_back(q->path);
    } else if (bar.swing() > 1e-9 * std::max(1.0, std::abs(t.base))) {
      bar.label = {input_label(s, q->path, Lang::kDa), input_label(s, q->path, Lang::kEn)};
      t.bars.push_back(std::move(bar));
    }
  }
  std::stable_sort(t.bars.begin(), t.bars.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.swing() > b.swing(); });
  if (outcome == OutcomeKind::kCost || !s.projection || data == nullptr)
    return t;  // the projection's choices do not move the cost
  for (const Choice& c : projection_choices(s, *data)) {
    ++t.choices_tried;
    ChoiceBar bar = choice_bar(s, *data, tier, outcome, t.base, c);
    if (bar.swing() > 1e-9 * std::max(1.0, std::abs(t.base)) || !bar.invalid.empty())
      t.choices.push_back(std::move(bar));
  }
  std::stable_sort(t.choices.begin(), t.choices.end(),
                   [](const ChoiceBar& a, const ChoiceBar& b) { return a.swing() > b.swing(); });
  return t;
}

}  // namespace ungegaranti
