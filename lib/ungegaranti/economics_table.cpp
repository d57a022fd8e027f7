#include "ungegaranti/economics_table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ungegaranti/number_format.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {
namespace {

Cell text(std::string shown, std::string key) {
  return text_cell(std::move(shown), std::move(key));
}
Cell number(double v) { return number_cell(v); }

class EconomicsTables {
 public:
  EconomicsTables(const Scenario& s, const EconomicsResult& r, Lang lang)
      : s_(s), r_(r), lang_(lang) {}

  std::vector<Table> build() const { return {summary(), per_year(), steps()}; }

 private:
  std::string t(std::string_view da, std::string_view en) const { return in_lang(lang_, da, en); }

  Table start(std::string id, std::string title) const {
    Table table;
    table.id = std::move(id);
    table.title = std::move(title);
    table.stamp = stamp_of(s_, r_.vintage);
    return table;
  }

  Cell model(Tier tier) const {
    return text(std::string(tier_name(tier, lang_)), std::string(tier_id(tier)));
  }

  Cell year_or_never(const std::optional<int>& year) const {
    if (year)
      return text(std::to_string(*year), std::to_string(*year));
    return text(t("ikke inden for horisonten", "not within the horizon"), "never");
  }

  Table summary() const {
    Table table = start("economics", fmt::format("{} {}-{}", t("Økonomi", "Economics"),
                                                 r_.first_year, r_.last_year));
    table.columns = {
        {"model", t("Model", "Model")},
        {"avoided", t("Undgåede NEET-personår", "Avoided NEET person-years"), ColumnType::kNumber,
         1},
        {"cost", t("Udgift i alt", "Total cost"), ColumnType::kMoney},
        {"cost_per_avoided", t("Udgift pr. undgået NEET-år", "Cost per avoided NEET year"),
         ColumnType::kMoney},
        {"npv_kommune", t("Nutidsværdi, kommunen", "NPV, municipality"), ColumnType::kMoney},
        {"npv_stat", t("Nutidsværdi, staten", "NPV, state"), ColumnType::kMoney},
        {"npv_total", t("Nutidsværdi i alt", "NPV, total"), ColumnType::kMoney},
        {"break_even_kommune", t("Tilbagebetalt, kommunen", "Break-even, municipality")},
        {"break_even_stat", t("Tilbagebetalt, staten", "Break-even, state")},
        {"break_even_total", t("Tilbagebetalt i alt", "Break-even, total")},
    };
    for (const ModelEconomics& m : r_.models) {
      table.rows.push_back(
          {RowKind::kBody,
           {model(m.tier), number(m.avoided_neet_years), number(m.cost[kForAll]),
            m.cost_per_avoided ? number(*m.cost_per_avoided) : Cell{}, number(m.npv[kForKommune]),
            number(m.npv[kForStat]), number(m.npv[kForAll]),
            year_or_never(m.break_even[kForKommune]), year_or_never(m.break_even[kForStat]),
            year_or_never(m.break_even[kForAll])}});
    }
    table.notes = notes();
    return table;
  }

  std::vector<std::string> notes() const {
    const EconomicsSettings& e = *s_.economics;
    std::vector<std::string> out;
    out.push_back(fmt::format(
        fmt::runtime(
            t("{base}-priser uden fremskrivning; diskonteringsrente {rate} om året ({source}). "
              "Efter budgetårene fortsætter driften på sidste budgetårs niveau uden "
              "engangsudgifter og puljer.",
              "{base} prices without indexation; discount rate {rate} a year ({source}). "
              "After the budget years the programme runs on at the last budget year's "
              "level, without one-off costs and external funding.")),
        fmt::arg("base", s_.price_base),
        fmt::arg("rate", format_percent(r_.discount_rate, 1, lang_)),
        fmt::arg("source", e.discount_rate.source.empty() ? t("ingen kilde", "no source")
                                                          : e.discount_rate.source)));
    out.push_back(
        t("Akkumuleret = den tilbagediskonterede sum af nettoresultaterne til og med året; "
          "tilbagebetalt = det første år, hvor den er mindst 0.",
          "Accumulated = the discounted sum of the net results up to the year; "
          "break-even = the first year in which it is at least 0."));
    out.push_back(fmt::format(
        fmt::runtime(t("Undgåede NEET-personår = (NEET-andel uden ungegaranti - med) x {n} "
                       "16-24-årige.",
                       "Avoided NEET person-years = (NEET share without the guarantee - with it) x "
                       "{n} 16-24-year-olds.")),
        fmt::arg("n", format_number(r_.population_16_24, 0, lang_))));
    for (const Benefit& b : e.benefits) {
      out.push_back(
          fmt::format("{} ({}): {} {} ({})", b.name, enum_id(kPayerIds, b.payer),
                      format_number(b.amount.value, 0, lang_),
                      t("kr. pr. undgået NEET-år", "kr. per avoided NEET year"),
                      b.amount.source.empty() ? t("ingen kilde", "no source") : b.amount.source));
    }
    return out;
  }

  Table per_year() const {
    Table table = start("economics_years", t("Nettoresultat pr. år", "Net result by year"));
    table.columns = {
        {"model", t("Model", "Model")},
        {"year", t("År", "Year")},
        {"avoided", t("Undgåede NEET-år", "Avoided NEET years"), ColumnType::kNumber, 1},
        {"cost_kommune", t("Udgift, kommunen", "Cost, municipality"), ColumnType::kMoney},
        {"benefit_kommune", t("Gevinst, kommunen", "Gain, municipality"), ColumnType::kMoney},
        {"net_kommune", t("Netto, kommunen", "Net, municipality"), ColumnType::kMoney},
        {"net_stat", t("Netto, staten", "Net, state"), ColumnType::kMoney},
        {"net_total", t("Netto i alt", "Net, total"), ColumnType::kMoney},
        {"accumulated_kommune", t("Akkumuleret, kommunen", "Accumulated, municipality"),
         ColumnType::kMoney},
        {"accumulated_stat", t("Akkumuleret, staten", "Accumulated, state"), ColumnType::kMoney},
        {"accumulated_total", t("Akkumuleret i alt", "Accumulated, total"), ColumnType::kMoney},
    };
    for (const ModelEconomics& m : r_.models) {
      for (const EconomicsYear& y : m.years) {
        table.rows.push_back(
            {RowKind::kBody,
             {model(m.tier), text(std::to_string(y.year), std::to_string(y.year)),
              number(y.avoided_neet_years), number(y.cost[kForKommune]),
              number(y.benefit[kForKommune]), number(y.benefit[kForKommune] - y.cost[kForKommune]),
              number(y.benefit[kForStat] - y.cost[kForStat]),
              number(y.benefit[kForAll] - y.cost[kForAll]), number(y.accumulated[kForKommune]),
              number(y.accumulated[kForStat]), number(y.accumulated[kForAll])}});
      }
    }
    return table;
  }

  Table steps() const {
    Table table =
        start("increments", t("Hvad køber hvert trin op?", "What does each step up buy?"));
    table.columns = {
        {"step", t("Trin", "Step")},
        {"extra_cost", t("Merudgift", "Extra cost"), ColumnType::kMoney},
        {"extra_avoided", t("Flere undgåede NEET-år", "Extra avoided NEET years"),
         ColumnType::kNumber, 1},
        {"cost_per_extra",
         t("Merudgift pr. ekstra undgået NEET-år", "Extra cost per extra avoided NEET year"),
         ColumnType::kMoney},
    };
    for (const Increment& step : r_.increments) {
      table.rows.push_back(
          {RowKind::kBody,
           {text(fmt::format("{} -> {}", tier_name(step.from, lang_), tier_name(step.to, lang_)),
                 fmt::format("{}-{}", tier_id(step.from), tier_id(step.to))),
            number(step.extra_cost), number(step.extra_avoided),
            step.cost_per_extra_avoided ? number(*step.cost_per_extra_avoided) : Cell{}}});
    }
    for (Tier tier : r_.extended_dominated) {
      table.notes.push_back(fmt::format(
          fmt::runtime(t("{model} er udvidet domineret: trinnet til den er dyrere pr. ekstra "
                         "undgået NEET-år end trinnet videre fra den.",
                         "{model} is extendedly dominated: the step to it costs more per extra "
                         "avoided NEET year than the step beyond it.")),
          fmt::arg("model", tier_name(tier, lang_))));
    }
    for (Tier tier : r_.dominated) {
      table.notes.push_back(fmt::format(
          fmt::runtime(t("{model} er domineret: en anden model koster højst det samme og undgår "
                         "flere NEET-år.",
                         "{model} is dominated: another model costs no more and avoids more NEET "
                         "years.")),
          fmt::arg("model", tier_name(tier, lang_))));
    }
    return table;
  }

  const Scenario& s_;
  const EconomicsResult& r_;
  Lang lang_;
};

}  // namespace

std::vector<Table> economics_tables(const Scenario& scenario, const EconomicsResult& result,
                                    Lang lang) {
  return EconomicsTables(scenario, result, lang).build();
}

}  // namespace ungegaranti
