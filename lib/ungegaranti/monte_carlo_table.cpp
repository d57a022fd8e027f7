#include "ungegaranti/monte_carlo_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "ungegaranti/sampling.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;

std::vector<Table> monte_carlo_tables(const Scenario& s, const MonteCarloResult& r, Lang lang) {
  Stamp stamp = stamp_of(s);

  Table spreads;
  spreads.id = "monte_carlo";
  spreads.title =
      fmt::format("{} ({} {})", in_lang(lang, "Monte Carlo: spredning", "Monte Carlo: spread"),
                  r.draws, in_lang(lang, "træk", "draws"));
  spreads.columns = {{"model", in_lang(lang, "Model", "Model")},
                     {"measure", in_lang(lang, "Mål", "Measure")},
                     {"p5", "P5", ColumnType::kNumber},
                     {"p50", "P50", ColumnType::kNumber},
                     {"p95", "P95", ColumnType::kNumber},
                     {"mean", in_lang(lang, "Gennemsnit", "Mean"), ColumnType::kNumber}};
  auto add = [&](const ModelDraws& m, std::string key, std::string label,
                 const std::optional<Spread>& v, ColumnType type, int decimals) {
    if (!v)
      return;
    Row row{RowKind::kBody,
            {text_cell(std::string(tier_name(m.tier, lang)), std::string(tier_id(m.tier))),
             text_cell(std::move(label), std::move(key))}};
    for (double x : {v->p5, v->p50, v->p95, v->mean}) {
      Cell c = number_cell(x);
      c.type = type;
      c.decimals = decimals;
      row.cells.push_back(c);
    }
    spreads.rows.push_back(std::move(row));
  };
  for (const ModelDraws& m : r.models) {
    add(m, "cost", in_lang(lang, "Nettoudgift i perioden", "Net cost over the period"), m.cost,
        ColumnType::kMoney, 0);
    add(m, "neet", in_lang(lang, "NEET-andel % ved horisonten", "NEET share % at the horizon"),
        m.neet, ColumnType::kNumber, 2);
    add(m, "rank", in_lang(lang, "Placering blandt alle", "Rank among all"), m.rank,
        ColumnType::kNumber, 1);
    add(m, "npv", in_lang(lang, "Nutidsværdi i alt", "NPV, total"), m.npv, ColumnType::kMoney, 0);
  }
  size_t correlated = InputDraws(s).correlated();
  if (correlated == 0) {
    spreads.notes.push_back(
        in_lang(lang,
                "{inputs} usikre input trukket uafhængigt i hvert træk (frø {seed}); "
                "{failed} træk kunne ikke beregnes og er udeladt.",
                "{inputs} uncertain inputs drawn independently in every draw (seed {seed}); "
                "{failed} draws could not be computed and are left out.",
                "inputs"_a = r.inputs, "seed"_a = r.seed, "failed"_a = r.failed));
  } else {
    spreads.notes.push_back(in_lang(
        lang,
        "{inputs} usikre input trukket i hvert træk (frø {seed}): {correlated} af "
        "dem korreleret i {groups} (scenariets korrelationer), de øvrige "
        "uafhængigt; {failed} træk kunne ikke beregnes og er udeladt.",
        "{inputs} uncertain inputs drawn in every draw (seed {seed}): {correlated} "
        "of them correlated in {groups} (the scenario's correlations), the "
        "others independently; {failed} draws could not be computed and are left "
        "out.",
        "inputs"_a = r.inputs, "seed"_a = r.seed, "failed"_a = r.failed,
        "correlated"_a = correlated,
        "groups"_a = fmt::format("{} {}", s.correlations.size(),
                                 s.correlations.size() == 1 ? in_lang(lang, "gruppe", "group")
                                                            : in_lang(lang, "grupper", "groups"))));
  }
  spreads.stamp = stamp;

  Table chances;
  chances.id = "probabilities";
  chances.title = in_lang(lang, "Sandsynligheder", "Probabilities");
  chances.columns = {
      {"model", in_lang(lang, "Model", "Model")},
      {"p_target_met", in_lang(lang, "Målet nås %", "Target met %"), ColumnType::kNumber, 1},
      {"p_target_met_without",
       in_lang(lang, "Målet nås uden ungegaranti %", "Met without the guarantee %"),
       ColumnType::kNumber, 1},
      {"contribution", in_lang(lang, "Ungegarantiens bidrag pp", "The guarantee's contribution pp"),
       ColumnType::kNumber, 1},
      {"p_cheapest",
       in_lang(lang, "Billigst pr. undgået NEET-år %", "Cheapest per avoided NEET year %"),
       ColumnType::kNumber, 1}};
  for (const ModelDraws& m : r.models) {
    auto pct = [](const std::optional<double>& p) { return p ? number_cell(*p * 100) : Cell{}; };
    Cell contribution = m.p_target_met && m.p_target_met_without
                            ? number_cell((*m.p_target_met - *m.p_target_met_without) * 100)
                            : Cell{};
    chances.rows.push_back(
        {RowKind::kBody,
         {text_cell(std::string(tier_name(m.tier, lang)), std::string(tier_id(m.tier))),
          pct(m.p_target_met), pct(m.p_target_met_without), contribution, pct(m.p_cheapest)}});
  }
  bool projected = std::any_of(r.models.begin(), r.models.end(),
                               [](const ModelDraws& m) { return m.neet.has_value(); });
  if (!projected) {
    chances.notes.push_back(
        in_lang(lang, "Scenariet har ingen NEET-fremskrivning; der er ingen mål at nå.",
                "The scenario has no NEET projection; there is no target to meet."));
  } else if (r.futures) {
    chances.notes.push_back(in_lang(
        lang,
        "Hvert træk trækker også en fremtid uden ungegaranti for alle kommuner på én gang: "
        "fejlene i et historisk startår i backtesten (samme fremskrivningsregel og afstand til "
        "horisonten). Målet nås uden ungegaranti: andelen af træk, hvor udviklingen uden "
        "ungegaranti når målet. Bidraget er forskellen.",
        "Each draw also draws a future without the guarantee for every municipality at once: "
        "the errors of one historical origin year in the backtest (the same projection rule "
        "and distance to the horizon). Met without the guarantee: the share of draws in which "
        "the development without the guarantee meets the target. The contribution is the "
        "difference."));
    if (r.without_future > 0) {
      chances.notes.push_back(
          in_lang(lang,
                  "{n} af trækkene fik en horisont, som data har for få år til at give en "
                  "fremtid; i dem bruger modellen den centrale fremskrivning.",
                  "{n} of the draws got a horizon that the data has too few years to give "
                  "a future for; in those the model uses the central projection.",
                  "n"_a = r.without_future));
    }
  } else {
    chances.notes.push_back(in_lang(
        lang,
        "Fremtiden uden ungegaranti er ikke trukket (data har for få år til horisontens "
        "afstand): sandsynlighederne dækker kun de usikre input, ikke usikkerheden om fremtiden "
        "selv.",
        "The future without the guarantee is not drawn (the data has too few years for the "
        "horizon's distance): the probabilities cover only the uncertain inputs, not the "
        "uncertainty about the future itself."));
  }
  chances.stamp = stamp;

  Table run;  // the figures behind the notes, for JSON
  run.id = "monte_carlo_run";
  run.title = in_lang(lang, "Kørslen", "The run");
  run.columns = {{"draws", in_lang(lang, "Træk", "Draws"), ColumnType::kNumber},
                 {"seed", in_lang(lang, "Frø", "Seed")},
                 {"inputs", in_lang(lang, "Usikre input", "Uncertain inputs"), ColumnType::kNumber},
                 {"failed", in_lang(lang, "Fejlede træk", "Failed draws"), ColumnType::kNumber}};
  std::string seed = std::to_string(r.seed);
  run.rows.push_back({RowKind::kBody,
                      {number_cell(r.draws), text_cell(seed, seed), number_cell(r.inputs),
                       number_cell(r.failed)}});
  run.stamp = stamp;
  return {spreads, chances, run};
}

}  // namespace ungegaranti
