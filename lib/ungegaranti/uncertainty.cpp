#include "ungegaranti/uncertainty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/economics.hpp"
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
    TornadoBar bar{q->path, *q->low, *q->high,
                   try_outcome(with_value(s, q->path, *q->low), data, tier, outcome),
                   try_outcome(with_value(s, q->path, *q->high), data, tier, outcome)};
    if (!bar.at_low || !bar.at_high) {
      t.invalid.push_back(q->path);
    } else if (bar.swing() > 1e-9 * std::max(1.0, std::abs(t.base))) {
      t.bars.push_back(bar);
    }
  }
  std::stable_sort(t.bars.begin(), t.bars.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.swing() > b.swing(); });
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
    case OutcomeKind::kRank:
      break;
  }
  return da ? "placering blandt alle kommuner" : "rank among all municipalities";
}

Table tornado_table(const Scenario& s, const Tornado& t, Lang lang, size_t top) {
  auto tr2 = [lang](std::string_view d, std::string_view e) { return in_lang(lang, d, e); };
  std::string what = outcome_words(t.outcome, lang);
  bool money = t.outcome == OutcomeKind::kCost || t.outcome == OutcomeKind::kNpv;
  Column value{"", "", money ? ColumnType::kMoney : ColumnType::kNumber,
               t.outcome == OutcomeKind::kNeet ? 2 : 0};
  Table table;
  table.id = "tornado";
  table.title =
      fmt::format("{}: {} — {}", tr2("Følsomhed", "Sensitivity"), what, tier_name(t.tier, lang));
  table.columns = {{"input", tr2("Input", "Input")},
                   {"low", tr2("Lav", "Low"), ColumnType::kNumber, kAsNeeded},
                   {"high", tr2("Høj", "High"), ColumnType::kNumber, kAsNeeded},
                   {"at_low", tr2("Ved lav", "At low"), value.type, value.decimals},
                   {"at_high", tr2("Ved høj", "At high"), value.type, value.decimals},
                   {"swing", tr2("Udsving", "Swing"), value.type, value.decimals}};
  for (const TornadoBar& bar : t.bars) {
    if (top > 0 && table.rows.size() == top)
      break;
    table.rows.push_back(
        {RowKind::kBody,
         {text_cell(bar.path, bar.path), number_cell(bar.low), number_cell(bar.high),
          number_cell(*bar.at_low), number_cell(*bar.at_high), number_cell(bar.swing())}});
  }
  std::string base =
      money ? format_number(t.base, 0, lang) + " kr." : format_number(t.base, value.decimals, lang);
  table.notes.push_back(fmt::format(
      fmt::runtime(tr2("Hvert input sat til sin lave og sin høje værdi, alle andre på deres værdi "
                       "(basis: {base}); {n} input flytter ikke resultatet og er udeladt.",
                       "Each input set to its low and its high end, all others at their value "
                       "(base: {base}); {n} inputs do not move the outcome and are left out.")),
      fmt::arg("base", base),
      fmt::arg("n", t.ranged - static_cast<int>(t.bars.size() + t.invalid.size()))));
  for (const std::string& path : t.invalid) {
    table.notes.push_back(fmt::format(
        fmt::runtime(tr2("{path}: resultatet kan ikke beregnes ved den lave eller høje værdi.",
                         "{path}: the outcome cannot be computed at the low or the high end.")),
        fmt::arg("path", path)));
  }
  table.stamp = stamp_of(s);
  return table;
}

}  // namespace ungegaranti
