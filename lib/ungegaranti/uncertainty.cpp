#include "ungegaranti/uncertainty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/labels.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {
namespace {

// The scenario with the quantity at `path` (every copy of it) set to `value`.
Scenario with_value(const Scenario& s, const std::string& path, double value) {
  Scenario changed = s;
  for (Quantity* q : quantities_at(changed, path))
    q->value = value;
  return changed;
}

std::optional<double> try_outcome(const Scenario& s, const NeetData* data, Tier tier,
                                  OutcomeKind outcome) {
  try {
    double v = outcome_of(s, data, tier, outcome);
    return std::isfinite(v) ? std::optional(v) : std::nullopt;
  } catch (const Error&) {
    return std::nullopt;  // e.g. baseline transitions that can no longer be calibrated
  }
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
    if (a.key != c.own) {
      Scenario changed = s;
      a.set(*changed.projection);
      v = try_outcome(changed, &data, tier, outcome);
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

// "trend hold, 1 base year, DST group 5": the scenario's own projection choices.
std::string own_choices(const Scenario& s, Lang lang) {
  const Projection& p = *s.projection;
  std::string group = !p.codes.empty() ? in_lang(lang, "scenariets egen liste af kommuner",
                                                 "the scenario's own list of municipalities")
                      : p.group != 0
                          ? in_lang(lang, "DST-gruppe ", "DST group ") + std::to_string(p.group)
                          : in_lang(lang, "kommunens DST-gruppe", "the municipality's DST group");
  return fmt::format("{} {}, {} {}, {}", in_lang(lang, "udvikling", "trend"),
                     trend_name(p.trend, lang), p.base_years,
                     in_lang(lang, p.base_years == 1 ? "basisår" : "basisår",
                             p.base_years == 1 ? "base year" : "base years"),
                     group);
}

// "path=key", an alternative that cannot be computed, in words: "<the choice's label>: <key>".
std::string choice_words(const Scenario& s, const std::string& alternative, Lang lang) {
  size_t eq = alternative.find('=');
  if (eq == std::string::npos)
    return input_label(s, alternative, lang);
  std::string key = alternative.substr(eq + 1);
  if (std::optional<Trend> trend = enum_from_id(kTrendIds, key))
    key = trend_name(*trend, lang);
  return fmt::format("{}: {}", input_label(s, alternative.substr(0, eq), lang), key);
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
  t.base = outcome_of(s, data, tier, outcome);
  for (const Quantity* q : all_quantities(s)) {
    if (!q->low || !q->high)
      continue;
    ++t.ranged;
    TornadoBar bar{q->path,
                   *q->low,
                   *q->high,
                   try_outcome(with_value(s, q->path, *q->low), data, tier, outcome),
                   try_outcome(with_value(s, q->path, *q->high), data, tier, outcome),
                   {input_label(s, q->path, Lang::kDa), input_label(s, q->path, Lang::kEn)}};
    if (!bar.at_low || !bar.at_high) {
      t.invalid.push_back(q->path);
    } else if (bar.swing() > 1e-9 * std::max(1.0, std::abs(t.base))) {
      t.bars.push_back(bar);
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

std::string outcome_words(OutcomeKind outcome, Lang lang) {
  bool da = lang == Lang::kDa;
  switch (outcome) {
    case OutcomeKind::kCost:
      return da ? "nettoudgift i perioden" : "net cost over the period";
    case OutcomeKind::kNeet:
      return da ? "NEET-andel % ved horisonten" : "NEET share % at the horizon";
    case OutcomeKind::kNpv:
      return da ? "nutidsværdi i alt" : "NPV, total";
    case OutcomeKind::kMargin:
      return da ? "margin til målet pp ved horisonten" : "margin to the target pp at the horizon";
    case OutcomeKind::kRank:
      break;
  }
  return da ? "placering blandt alle kommuner" : "rank among all municipalities";
}

Table tornado_table(const Scenario& s, const Tornado& t, Lang lang, size_t top) {
  auto tr2 = [lang](std::string_view d, std::string_view e) { return in_lang(lang, d, e); };
  std::string what = outcome_words(t.outcome, lang);
  bool money = t.outcome == OutcomeKind::kCost || t.outcome == OutcomeKind::kNpv;
  bool pp = t.outcome == OutcomeKind::kNeet || t.outcome == OutcomeKind::kMargin;
  Column value{"", "", money ? ColumnType::kMoney : ColumnType::kNumber, pp ? 2 : 0};
  Table table;
  table.id = "tornado";
  table.title =
      fmt::format("{}: {} — {}", tr2("Følsomhed", "Sensitivity"), what, tier_name(t.tier, lang));
  table.columns = {{"input", tr2("Input", "Input")},
                   {"kind", tr2("Art", "Kind")},
                   {"low", tr2("Lav", "Low"), ColumnType::kNumber, kAsNeeded},
                   {"high", tr2("Høj", "High"), ColumnType::kNumber, kAsNeeded},
                   {"at_low", tr2("Ved lav", "At low"), value.type, value.decimals},
                   {"at_high", tr2("Ved høj", "At high"), value.type, value.decimals},
                   {"swing", tr2("Udsving", "Swing"), value.type, value.decimals}};
  // The `top` widest inputs and every projection choice, widest swing first.
  std::vector<std::pair<double, Row>> rows;
  Cell input = text_cell(tr2("input", "input"), "input");
  for (const TornadoBar& bar : t.bars) {
    if (top > 0 && rows.size() == top)
      break;
    rows.push_back({bar.swing(),
                    {RowKind::kBody,
                     {text_cell(bar.label.in(lang), bar.path), input, number_cell(bar.low),
                      number_cell(bar.high), number_cell(*bar.at_low), number_cell(*bar.at_high),
                      number_cell(bar.swing())}}});
  }
  Cell choice = text_cell(tr2("valg i fremskrivningen", "projection choice"), "choice");
  for (const ChoiceBar& bar : t.choices) {
    rows.push_back({bar.swing(),
                    {RowKind::kBody,
                     {text_cell(bar.label.in(lang), bar.path), choice,
                      text_cell(bar.low_label.in(lang), bar.low_key),
                      text_cell(bar.high_label.in(lang), bar.high_key), number_cell(bar.at_low),
                      number_cell(bar.at_high), number_cell(bar.swing())}}});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [swing, row] : rows)
    table.rows.push_back(std::move(row));
  std::string base =
      money ? format_number(t.base, 0, lang) + " kr." : format_number(t.base, value.decimals, lang);
  table.notes.push_back(fmt::format(
      fmt::runtime(tr2("Hvert input sat til sin lave og sin høje værdi, alle andre på deres værdi "
                       "(basis: {base}); {n} input flytter ikke resultatet og er udeladt.",
                       "Each input set to its low and its high end, all others at their value "
                       "(base: {base}); {n} inputs do not move the outcome and are left out.")),
      fmt::arg("base", base),
      fmt::arg("n", t.ranged - static_cast<int>(t.bars.size() + t.invalid.size()))));
  if (t.choices_tried > 0) {
    table.notes.push_back(fmt::format(
        fmt::runtime(tr2(
            "Valg i fremskrivningen er ikke usikre input og trækkes ikke i Monte Carlo: hvert valg "
            "(tendens, basisår, sammenlignelig gruppe) er regnet med hver af sine muligheder, "
            "scenariets egen ({own}) med; Lav og Høj er de muligheder, der giver det laveste og "
            "det højeste resultat. {n} af {tried} valg flytter ikke resultatet og er udeladt.",
            "Projection choices are not uncertain inputs and are not drawn by the Monte Carlo: "
            "each choice (trend, base years, comparable group) is run at each of its "
            "alternatives, the scenario's own ({own}) included; Low and High are the alternatives "
            "that give the lowest and the highest outcome. {n} of {tried} choices do not move the "
            "outcome and are left out.")),
        fmt::arg("own", own_choices(s, lang)),
        fmt::arg("n", t.choices_tried - static_cast<int>(t.choices.size())),
        fmt::arg("tried", t.choices_tried)));
  }
  for (const ChoiceBar& bar : t.choices) {
    for (const std::string& alternative : bar.invalid) {
      table.notes.push_back(
          fmt::format(fmt::runtime(tr2("{alt}: resultatet kan ikke beregnes med dette valg.",
                                       "{alt}: the outcome cannot be computed with this choice.")),
                      fmt::arg("alt", choice_words(s, alternative, lang))));
    }
  }
  for (const std::string& path : t.invalid) {
    table.notes.push_back(fmt::format(
        fmt::runtime(tr2("{path}: resultatet kan ikke beregnes ved den lave eller høje værdi.",
                         "{path}: the outcome cannot be computed at the low or the high end.")),
        fmt::arg("path", input_label(s, path, lang))));
  }
  table.stamp = stamp_of(s);
  return table;
}

}  // namespace ungegaranti
