#include "ungegaranti/tornado_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "ungegaranti/labels.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

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
                     pick_lang(lang, p.base_years == 1 ? "basisår" : "basisår",
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

std::string outcome_words(OutcomeKind outcome, Lang lang) {
  switch (outcome) {
    case OutcomeKind::kCost:
      return in_lang(lang, "nettoudgift i perioden", "net cost over the period");
    case OutcomeKind::kNeet:
      return in_lang(lang, "NEET-andel % ved horisonten", "NEET share % at the horizon");
    case OutcomeKind::kNpv:
      return in_lang(lang, "nutidsværdi i alt", "NPV, total");
    case OutcomeKind::kMargin:
      return in_lang(lang, "margin til målet pp ved horisonten",
                     "margin to the target pp at the horizon");
    case OutcomeKind::kRank:
      break;
  }
  return in_lang(lang, "placering blandt alle kommuner", "rank among all municipalities");
}

Table tornado_table(const Scenario& s, const Tornado& t, Lang lang, size_t top) {
  std::string what = outcome_words(t.outcome, lang);
  bool money = t.outcome == OutcomeKind::kCost || t.outcome == OutcomeKind::kNpv;
  bool pp = t.outcome == OutcomeKind::kNeet || t.outcome == OutcomeKind::kMargin;
  Column value{"", "", money ? ColumnType::kMoney : ColumnType::kNumber, pp ? 2 : 0};
  Table table;
  table.id = "tornado";
  table.title = fmt::format("{}: {} — {}", in_lang(lang, "Følsomhed", "Sensitivity"), what,
                            tier_name(t.tier, lang));
  table.columns = {{"input", in_lang(lang, "Input", "Input")},
                   {"kind", in_lang(lang, "Art", "Kind")},
                   {"low", in_lang(lang, "Lav", "Low"), ColumnType::kNumber, kAsNeeded},
                   {"high", in_lang(lang, "Høj", "High"), ColumnType::kNumber, kAsNeeded},
                   {"at_low", in_lang(lang, "Ved lav", "At low"), value.type, value.decimals},
                   {"at_high", in_lang(lang, "Ved høj", "At high"), value.type, value.decimals},
                   {"swing", in_lang(lang, "Udsving", "Swing"), value.type, value.decimals}};
  // The `top` widest inputs and every projection choice, widest swing first.
  std::vector<std::pair<double, Row>> rows;
  Cell input = text_cell(in_lang(lang, "input", "input"), "input");
  for (const TornadoBar& bar : t.bars) {
    if (top > 0 && rows.size() == top)
      break;
    rows.push_back({bar.swing(),
                    {RowKind::kBody,
                     {text_cell(bar.label.in(lang), bar.path), input, number_cell(bar.low),
                      number_cell(bar.high), number_cell(*bar.at_low), number_cell(*bar.at_high),
                      number_cell(bar.swing())}}});
  }
  Cell choice = text_cell(in_lang(lang, "valg i fremskrivningen", "projection choice"), "choice");
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
  table.notes.push_back(in_lang(
      lang,
      "Hvert input sat til sin lave og sin høje værdi, alle andre på deres værdi "
      "(basis: {base}); {n} input flytter ikke resultatet og er udeladt.",
      "Each input set to its low and its high end, all others at their value "
      "(base: {base}); {n} inputs do not move the outcome and are left out.",
      "base"_a = base, "n"_a = t.ranged - static_cast<int>(t.bars.size() + t.invalid.size())));
  if (t.choices_tried > 0) {
    table.notes.push_back(in_lang(
        lang,
        "Valg i fremskrivningen er ikke usikre input og trækkes ikke i Monte Carlo: hvert valg "
        "(tendens, basisår, sammenlignelig gruppe) er regnet med hver af sine muligheder, "
        "scenariets egen ({own}) med; Lav og Høj er de muligheder, der giver det laveste og "
        "det højeste resultat. {n} af {tried} valg flytter ikke resultatet og er udeladt.",
        "Projection choices are not uncertain inputs and are not drawn by the Monte Carlo: "
        "each choice (trend, base years, comparable group) is run at each of its "
        "alternatives, the scenario's own ({own}) included; Low and High are the alternatives "
        "that give the lowest and the highest outcome. {n} of {tried} choices do not move the "
        "outcome and are left out.",
        "own"_a = own_choices(s, lang),
        "n"_a = t.choices_tried - static_cast<int>(t.choices.size()), "tried"_a = t.choices_tried));
  }
  for (const ChoiceBar& bar : t.choices) {
    for (const std::string& alternative : bar.invalid) {
      table.notes.push_back(in_lang(lang, "{alt}: resultatet kan ikke beregnes med dette valg.",
                                    "{alt}: the outcome cannot be computed with this choice.",
                                    "alt"_a = choice_words(s, alternative, lang)));
    }
  }
  for (const std::string& path : t.invalid) {
    table.notes.push_back(
        in_lang(lang, "{path}: resultatet kan ikke beregnes ved den lave eller høje værdi.",
                "{path}: the outcome cannot be computed at the low or the high end.",
                "path"_a = input_label(s, path, lang)));
  }
  table.stamp = stamp_of(s);
  return table;
}

}  // namespace ungegaranti
