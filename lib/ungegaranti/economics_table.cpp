#include "ungegaranti/economics_table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ungegaranti/number_format.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

Cell text(std::string shown, std::string key) {
  return text_cell(std::move(shown), std::move(key));
}
Cell number(double v) { return number_cell(v); }

class EconomicsTables {
 public:
  EconomicsTables(const Scenario& s, const EconomicsResult& r, Lang lang)
      : s_(s),
        r_(r),
        lang_(lang),
        region_(std::any_of(s.economics->benefits.begin(), s.economics->benefits.end(),
                            [](const Benefit& b) { return b.payer == Payer::kRegion; })) {}

  std::vector<Table> build() const { return {summary(), items(), per_year(), steps()}; }

 private:
  // A region's column goes right after the state's one, and only when a benefit line is paid by
  // a region (`payer: region`), so the tables of a scenario without one keep their shape.
  void add_region(Table& table, const std::string& after, Column column,
                  const std::vector<double>& values) const {
    if (!region_)
      return;
    auto at = std::find_if(table.columns.begin(), table.columns.end(),
                           [&](const Column& c) { return c.id == after; });
    auto index = at - table.columns.begin() + 1;
    table.columns.insert(at + 1, std::move(column));
    for (size_t i = 0; i < table.rows.size(); ++i)
      table.rows[i].cells.insert(table.rows[i].cells.begin() + index, number(values.at(i)));
  }

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
    return text(in_lang(lang_, "ikke inden for horisonten", "not within the horizon"), "never");
  }

  Table summary() const {
    Table table = start("economics", fmt::format("{} {}-{}", in_lang(lang_, "Økonomi", "Economics"),
                                                 r_.first_year, r_.last_year));
    table.columns = {
        {"model", in_lang(lang_, "Model", "Model")},
        {"avoided", in_lang(lang_, "Undgåede NEET-personår", "Avoided NEET person-years"),
         ColumnType::kNumber, 1},
        {"education_years", in_lang(lang_, "Heraf i uddannelse", "Of which in education"),
         ColumnType::kNumber, 1},
        {"work_years", in_lang(lang_, "Heraf i arbejde", "Of which in work"), ColumnType::kNumber,
         1},
        {"cost", in_lang(lang_, "Udgift i alt", "Total cost"), ColumnType::kMoney},
        {"cost_per_avoided",
         in_lang(lang_, "Udgift pr. undgået NEET-år", "Cost per avoided NEET year"),
         ColumnType::kMoney},
        {"npv_kommune", in_lang(lang_, "Nutidsværdi, kommunen", "NPV, municipality"),
         ColumnType::kMoney},
        {"npv_stat", in_lang(lang_, "Nutidsværdi, staten", "NPV, state"), ColumnType::kMoney},
        {"npv_ekstern", in_lang(lang_, "Nutidsværdi, eksterne", "NPV, external"),
         ColumnType::kMoney},
        {"npv_total", in_lang(lang_, "Nutidsværdi i alt", "NPV, total"), ColumnType::kMoney},
        {"break_even_kommune",
         in_lang(lang_, "Tilbagebetalt, kommunen", "Break-even, municipality")},
        {"break_even_stat", in_lang(lang_, "Tilbagebetalt, staten", "Break-even, state")},
        {"break_even_total", in_lang(lang_, "Tilbagebetalt i alt", "Break-even, total")},
    };
    for (const ModelEconomics& m : r_.models) {
      table.rows.push_back(
          {RowKind::kBody,
           {model(m.tier), number(m.avoided_neet_years), number(m.education_years),
            number(m.work_years), number(m.cost[kForAll]),
            m.cost_per_avoided ? number(*m.cost_per_avoided) : Cell{}, number(m.npv[kForKommune]),
            number(m.npv[kForStat]), number(m.npv[kForEkstern]), number(m.npv[kForAll]),
            year_or_never(m.break_even[kForKommune]), year_or_never(m.break_even[kForStat]),
            year_or_never(m.break_even[kForAll])}});
    }
    std::vector<double> region;
    for (const ModelEconomics& m : r_.models)
      region.push_back(m.npv[kForRegion]);
    add_region(
        table, "npv_stat",
        {"npv_region", in_lang(lang_, "Nutidsværdi, regionen", "NPV, region"), ColumnType::kMoney},
        region);
    table.notes = notes();
    return table;
  }

  std::vector<std::string> notes() const {
    const EconomicsSettings& e = *s_.economics;
    std::vector<std::string> out;
    out.push_back(in_lang(
        lang_,
        "Faste {base}-priser: udgifterne uden fremskrivning, priskatalogets priser "
        "fremskrevet fra deres eget prisår til {base}; diskonteringsrente {rate} om "
        "året ({source}).",
        "Fixed {base} prices: the costs without indexation, the price catalogue's "
        "prices indexed from their own price year to {base}; discount rate {rate} a "
        "year ({source}).",
        "base"_a = s_.price_base, "rate"_a = format_percent(r_.discount_rate, 1, lang_),
        "source"_a = e.discount_rate.source.empty() ? in_lang(lang_, "ingen kilde", "no source")
                                                    : e.discount_rate.source));
    out.push_back(basis_note());
    out.push_back(in_lang(
        lang_,
        "Eksterne = de eksterne puljer og fonde, der betaler modellernes 'funding'; de betaler "
        "en del af udgiften og får ingen gevinst.",
        "External = the external pools and foundations that pay the models' 'funding'; they "
        "pay part of the cost and gain nothing that is counted."));
    out.push_back(
        in_lang(lang_,
                "Akkumuleret = den tilbagediskonterede sum af nettoresultaterne til og med året; "
                "tilbagebetalt = det første år, hvor den er mindst 0.",
                "Accumulated = the discounted sum of the net results up to the year; "
                "break-even = the first year in which it is at least 0."));
    out.push_back(
        in_lang(lang_,
                "Undgåede NEET-personår = (NEET-andel uden ungegaranti - med) x {n} "
                "16-24-årige.",
                "Avoided NEET person-years = (NEET share without the guarantee - with it) x "
                "{n} 16-24-year-olds.",
                "n"_a = format_number(r_.population_16_24, 0, lang_)));
    out.push_back(in_lang(
        lang_,
        "I uddannelse og i arbejde: hvert års undgåede NEET-år deles efter fremskrivningens egne "
        "tilstande, dvs. hvor mange flere der er i uddannelse og i job end uden ungegaranti; "
        "sporenes løftestænger bestemmer det (mindre frafald, bedre start og fra NEET til "
        "uddannelse fører til uddannelse, fra NEET til job fører til arbejde, og nogle af dem i "
        "uddannelse går siden i job).",
        "In education and in work: each year's avoided NEET years are split by the projection's "
        "own states, i.e. how many more are in education and in work than without the "
        "guarantee; the tracks' levers decide it (less dropout, a better start and NEET to "
        "education lead to education, NEET to work leads to work, and some of those in "
        "education later move into work)."));
    if (std::any_of(e.prices.begin(), e.prices.end(), [](const Price& p) {
          return p.indexation == PriceIndexation::kSatsregulering;
        })) {
      out.push_back(
          in_lang(lang_, "Satsreguleringsprocent {rate} om året, antaget for alle år ({source}).",
                  "Satsreguleringsprocent {rate} a year, assumed for every year "
                  "({source}).",
                  "rate"_a = format_percent(e.satsregulering.value, 1, lang_),
                  "source"_a = source_of(e.satsregulering)));
    }
    for (const Price& p : e.prices)
      out.push_back(price_note(p));
    if (e.refusion)
      out.push_back(refusion_note(*e.refusion));
    for (const Benefit& b : e.benefits) {
      const Quantity& q = b.price.empty() ? b.amount : b.share;
      std::string what = b.price.empty()
                             ? std::string()
                             : fmt::format("{} x {}", format_number(b.share.value, 3, lang_),
                                           find_by_id(e.prices, b.price)->name);
      if (b.refusion != RefusionPart::kNone) {
        double state = mean_refusion(*e.refusion);
        bool to_state = b.refusion == RefusionPart::kStat;
        what += fmt::format(" x {} ({})", format_number(to_state ? state : 1 - state, 4, lang_),
                            to_state ? in_lang(lang_, "statens refusion", "the state's refusion")
                                     : in_lang(lang_, "kommunens andel efter refusion",
                                               "the municipality's part after refusion"));
      }
      if (is_cost(b.kind) && !what.empty())
        what = fmt::format("-({})", what);
      if (!what.empty())
        what += " = ";
      out.push_back(fmt::format(
          "{} ({}, {}): {}{} {} ({})", b.name, enum_id(kPayerIds, b.payer), kind_name(b.kind), what,
          format_number(benefit_value(s_, b), 0, lang_), per_what(b.applies_to), source_of(q)));
    }
    return out;
  }

  std::string kind_name(BenefitKind kind) const {
    switch (kind) {
      case BenefitKind::kSavedBenefit:
        return in_lang(lang_, "sparet ydelse", "saved benefit");
      case BenefitKind::kTax:
        return in_lang(lang_, "skat", "tax");
      case BenefitKind::kPaidBenefit:
        return in_lang(lang_, "udbetalt ydelse", "benefit paid");
      case BenefitKind::kEducationCost:
        return in_lang(lang_, "uddannelsesudgift", "education cost");
      case BenefitKind::kOther:
        break;
    }
    return in_lang(lang_, "øvrig", "other");
  }

  std::string per_what(AppliesTo to) const {
    switch (to) {
      case AppliesTo::kEducation:
        return in_lang(lang_, "kr. pr. undgået NEET-år i uddannelse",
                       "kr. per avoided NEET year in education");
      case AppliesTo::kWork:
        return in_lang(lang_, "kr. pr. undgået NEET-år i arbejde",
                       "kr. per avoided NEET year in work");
      case AppliesTo::kAvoided:
        break;
    }
    return in_lang(lang_, "kr. pr. undgået NEET-år", "kr. per avoided NEET year");
  }

  // The NPV taken apart by payer: the programme's own costs (service) apart from the transfers
  // (saved benefits, benefits paid such as SU) and tax, so that a finance officer can see the
  // serviceramme and the transfers separately. The lines add up to the NPV.
  Table items() const {
    Table table =
        start("economics_items",
              in_lang(lang_, "Nutidsværdi efter post: service og overførsler hver for sig",
                      "NPV by item: service and transfers apart"));
    table.notes = {
        basis_note(),
        in_lang(
            lang_,
            "Service = programmets egne udgifter (kommunens serviceramme; eksterne = puljer og "
            "fonde). Overførsler = sparede ydelser (fx uddannelseshjælp, efter refusion) og "
            "udbetalte ydelser (fx SU, som staten betaler for de undgåede NEET-år i uddannelse). "
            "Uddannelsesudgifter = uddannelsens drift pr. årselev (fx taxameter, betalt af "
            "staten). "
            "Hver post er tilbagediskonteret og indeholder sin del af værdien efter horisonten; "
            "posterne summer til nutidsværdien.",
            "Service = the programme's own costs (the municipality's serviceramme; external = "
            "pools "
            "and foundations). Transfers = saved benefits (e.g. uddannelseshjælp, after refusion) "
            "and benefits paid (e.g. SU, paid by the state for the avoided NEET years in "
            "education). Education costs = the education's running cost per student-year (e.g. "
            "taxameter, paid by the state). Each item is discounted and holds its part of the "
            "value "
            "after the horizon; the items add up to the NPV.")};
    table.columns = {
        {"model", in_lang(lang_, "Model", "Model")},
        {"item", in_lang(lang_, "Post", "Item")},
        {"kommune", in_lang(lang_, "Kommunen", "Municipality"), ColumnType::kMoney},
        {"stat", in_lang(lang_, "Staten", "State"), ColumnType::kMoney},
        {"ekstern", in_lang(lang_, "Eksterne", "External"), ColumnType::kMoney},
        {"total", in_lang(lang_, "I alt", "Total"), ColumnType::kMoney},
    };
    std::vector<double> region;
    auto row = [&](RowKind kind, Tier tier, Cell item, const PerPayer& v) {
      table.rows.push_back({kind,
                            {model(tier), std::move(item), number(v[kForKommune]),
                             number(v[kForStat]), number(v[kForEkstern]), number(v[kForAll])}});
      region.push_back(v[kForRegion]);
    };
    for (const ModelEconomics& m : r_.models) {
      PerPayer service{};
      for (size_t payer = 0; payer < kPayerCount; ++payer)
        service[payer] = -m.pv_cost[payer];
      row(RowKind::kBody, m.tier,
          text(in_lang(lang_, "Service: programmets udgifter", "Service: the programme's costs"),
               "service"),
          service);
      for (size_t k = 0; k < kBenefitKindCount; ++k) {
        auto kind = static_cast<BenefitKind>(k);
        bool used = std::any_of(s_.economics->benefits.begin(), s_.economics->benefits.end(),
                                [&](const Benefit& b) { return b.kind == kind; });
        if (!used)
          continue;
        std::string id(enum_id(kBenefitKindIds, kind));
        std::string shown =
            kind == BenefitKind::kSavedBenefit
                ? in_lang(lang_, "Overførsler: sparede ydelser", "Transfers: saved benefits")
            : kind == BenefitKind::kPaidBenefit
                ? in_lang(lang_, "Overførsler: udbetalte ydelser (SU)",
                          "Transfers: benefits paid (SU)")
            : kind == BenefitKind::kTax ? in_lang(lang_, "Skat", "Tax")
            : kind == BenefitKind::kEducationCost
                ? in_lang(lang_, "Uddannelsesudgifter", "Education costs")
                : in_lang(lang_, "Øvrige effekter", "Other effects");
        row(RowKind::kBody, m.tier, text(std::move(shown), std::move(id)), m.pv_by_kind[k]);
      }
      row(RowKind::kTotal, m.tier, text(in_lang(lang_, "Nutidsværdi", "NPV"), "npv"), m.npv);
    }
    add_region(table, "stat", {"region", in_lang(lang_, "Regionen", "Region"), ColumnType::kMoney},
               region);
    return table;
  }

  std::string refusion_note(const Refusion& r) const {
    double state = mean_refusion(r);
    return in_lang(
        lang_,
        "Refusion: over et forløb på {weeks} uger på ydelse refunderer staten i "
        "gennemsnit {state} af en sparet ydelse, kommunen bærer {kommune} "
        "({source}; forløbets længde: {weeks_source}).",
        "Refusion: over a spell of {weeks} weeks on benefit the state refunds "
        "{state} of a saved benefit on average, the municipality bears {kommune} "
        "({source}; the spell's length: {weeks_source}).",
        "weeks"_a = format_number(r.spell_weeks.value, 0, lang_),
        "state"_a = format_percent(state, 1, lang_),
        "kommune"_a = format_percent(1 - state, 1, lang_),
        "source"_a = r.source.empty() ? in_lang(lang_, "ingen kilde", "no source") : r.source,
        "weeks_source"_a = source_of(r.spell_weeks));
  }

  std::string source_of(const Quantity& q) const {
    return q.source.empty() ? in_lang(lang_, "ingen kilde", "no source") : q.source;
  }

  // "Uddannelseshjælp …: 78.540 kr. om året i 2023-priser, x 1,0733 (satsregulering) = 84.295 kr.
  // i 2025-priser (source)".
  std::string price_note(const Price& p) const {
    return in_lang(lang_,
                   "{name}: {amount} kr. om året i {year}-priser, x {factor} ({ix}) = {value} "
                   "kr. i {base}-priser ({source})",
                   "{name}: {amount} kr. a year in {year} prices, x {factor} ({ix}) = {value} "
                   "kr. in {base} prices ({source})",
                   "name"_a = p.name, "amount"_a = format_number(p.amount.value, 0, lang_),
                   "year"_a = p.price_year,
                   "factor"_a = format_number(price_index(s_, p), 4, lang_),
                   "ix"_a = enum_id(kPriceIndexationIds, p.indexation),
                   "value"_a = format_number(p.amount.value * price_index(s_, p), 0, lang_),
                   "base"_a = s_.price_base, "source"_a = source_of(p.amount));
  }

  // Discounting and what happens after the budget years: said in every economics table, since
  // both change every NPV and accumulated figure.
  std::string basis_note() const {
    std::string after = r_.after_budget == AfterBudget::kStop
                            ? in_lang(lang_,
                                      "Programmet stopper efter {last}: ingen udgifter og "
                                      "ingen undgåede NEET-år efter budgetårene.",
                                      "The programme stops after {last}: no costs and no "
                                      "avoided NEET years after the budget years.",
                                      "last"_a = s_.last_year())
                            : in_lang(lang_,
                                      "Efter {last} fortsætter driften på sidste budgetårs "
                                      "niveau uden engangsudgifter og puljer.",
                                      "After {last} the programme runs on at the last budget "
                                      "year's level, without one-off costs and external "
                                      "funding.",
                                      "last"_a = s_.last_year());
    const Quantity& h = s_.economics->half_life_years;
    after += " ";
    after += h.value > 0 ? in_lang(lang_,
                                   "Efter {end} aftager {end}s undgåede NEET-år med en "
                                   "halveringstid på {h} år; deres tilbagediskonterede "
                                   "værdi uden udgifter er med i nutidsværdien.",
                                   "After {end} the avoided NEET years of {end} fade "
                                   "with a half-life of {h} years; their discounted "
                                   "value, without costs, is in the NPV.",
                                   "end"_a = r_.last_year, "h"_a = format_number(h.value, 1, lang_))
                         : in_lang(lang_, "Intet tælles efter {end}.",
                                   "Nothing is counted after {end}.", "end"_a = r_.last_year);
    return in_lang(lang_,
                   "Tilbagediskonteret til {to}: et beløb i år y ganges med 1 / (1 + {rate})^(y "
                   "- {to}). {after}",
                   "Discounted to {to}: an amount in year y is multiplied by 1 / (1 + "
                   "{rate})^(y - {to}). {after}",
                   "to"_a = r_.discount_to, "rate"_a = format_percent(r_.discount_rate, 1, lang_),
                   "after"_a = after);
  }

  Table per_year() const {
    Table table =
        start("economics_years", in_lang(lang_, "Nettoresultat pr. år", "Net result by year"));
    table.notes = {basis_note()};
    table.columns = {
        {"model", in_lang(lang_, "Model", "Model")},
        {"year", in_lang(lang_, "År", "Year")},
        {"avoided", in_lang(lang_, "Undgåede NEET-år", "Avoided NEET years"), ColumnType::kNumber,
         1},
        {"cost_kommune", in_lang(lang_, "Udgift, kommunen", "Cost, municipality"),
         ColumnType::kMoney},
        {"benefit_kommune", in_lang(lang_, "Gevinst, kommunen", "Gain, municipality"),
         ColumnType::kMoney},
        {"net_kommune", in_lang(lang_, "Netto, kommunen", "Net, municipality"), ColumnType::kMoney},
        {"net_stat", in_lang(lang_, "Netto, staten", "Net, state"), ColumnType::kMoney},
        {"net_ekstern", in_lang(lang_, "Netto, eksterne", "Net, external"), ColumnType::kMoney},
        {"net_total", in_lang(lang_, "Netto i alt", "Net, total"), ColumnType::kMoney},
        {"accumulated_kommune",
         in_lang(lang_, "Akkumuleret, kommunen", "Accumulated, municipality"), ColumnType::kMoney},
        {"accumulated_stat", in_lang(lang_, "Akkumuleret, staten", "Accumulated, state"),
         ColumnType::kMoney},
        {"accumulated_total", in_lang(lang_, "Akkumuleret i alt", "Accumulated, total"),
         ColumnType::kMoney},
    };
    std::vector<double> region;
    for (const ModelEconomics& m : r_.models) {
      for (const EconomicsYear& y : m.years) {
        table.rows.push_back(
            {RowKind::kBody,
             {model(m.tier), text(std::to_string(y.year), std::to_string(y.year)),
              number(y.avoided_neet_years), number(y.cost[kForKommune]),
              number(y.benefit[kForKommune]), number(y.benefit[kForKommune] - y.cost[kForKommune]),
              number(y.benefit[kForStat] - y.cost[kForStat]),
              number(y.benefit[kForEkstern] - y.cost[kForEkstern]),
              number(y.benefit[kForAll] - y.cost[kForAll]), number(y.accumulated[kForKommune]),
              number(y.accumulated[kForStat]), number(y.accumulated[kForAll])}});
        region.push_back(y.benefit[kForRegion] - y.cost[kForRegion]);
      }
    }
    add_region(table, "net_stat",
               {"net_region", in_lang(lang_, "Netto, regionen", "Net, region"), ColumnType::kMoney},
               region);
    return table;
  }

  Table steps() const {
    Table table = start("increments",
                        in_lang(lang_, "Hvad køber hvert trin op?", "What does each step up buy?"));
    table.notes = {basis_note()};
    table.columns = {
        {"step", in_lang(lang_, "Trin", "Step")},
        {"extra_cost", in_lang(lang_, "Merudgift", "Extra cost"), ColumnType::kMoney},
        {"extra_avoided", in_lang(lang_, "Flere undgåede NEET-år", "Extra avoided NEET years"),
         ColumnType::kNumber, 1},
        {"cost_per_extra",
         in_lang(lang_, "Merudgift pr. ekstra undgået NEET-år",
                 "Extra cost per extra avoided NEET year"),
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
      table.notes.push_back(
          in_lang(lang_,
                  "{model} er udvidet domineret: trinnet til den er dyrere pr. ekstra "
                  "undgået NEET-år end trinnet videre fra den.",
                  "{model} is extendedly dominated: the step to it costs more per extra "
                  "avoided NEET year than the step beyond it.",
                  "model"_a = tier_name(tier, lang_)));
    }
    for (Tier tier : r_.dominated) {
      table.notes.push_back(
          in_lang(lang_,
                  "{model} er domineret: en anden model koster højst det samme og undgår "
                  "flere NEET-år.",
                  "{model} is dominated: another model costs no more and avoids more NEET "
                  "years.",
                  "model"_a = tier_name(tier, lang_)));
    }
    return table;
  }

  const Scenario& s_;
  const EconomicsResult& r_;
  Lang lang_;
  bool region_;  // a benefit line is paid by a region
};

}  // namespace

std::vector<Table> economics_tables(const Scenario& scenario, const EconomicsResult& result,
                                    Lang lang) {
  return EconomicsTables(scenario, result, lang).build();
}

}  // namespace ungegaranti
