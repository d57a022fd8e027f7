#include "ungegaranti/backtest_table.hpp"

#include <fmt/format.h>

#include "ungegaranti/labels.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

std::string origins_text(const std::vector<int>& origins) {
  if (origins.empty())
    return "";
  if (origins.size() == 1)
    return std::to_string(origins.front());
  return fmt::format("{}-{}", origins.front(), origins.back());
}

Table scores(const std::string& id, const std::string& title, const std::vector<RuleScore>& scores,
             const Stamp& stamp, Lang lang) {
  Table table;
  table.id = id;
  table.title = title;
  table.columns = {
      {"rule", in_lang(lang, "Regel", "Rule")},
      {"count", in_lang(lang, "Antal fejl", "Errors"), ColumnType::kNumber},
      {"mae", in_lang(lang, "Gns. abs. fejl pp", "Mean abs. error pp"), ColumnType::kNumber, 2},
      {"bias", in_lang(lang, "Gns. fejl pp", "Mean error pp"), ColumnType::kNumber, 2},
      {"p5", in_lang(lang, "Fejl 5 %-fraktil pp", "Error 5th pct. pp"), ColumnType::kNumber, 2},
      {"p95", in_lang(lang, "Fejl 95 %-fraktil pp", "Error 95th pct. pp"), ColumnType::kNumber, 2},
      {"rank_mae", in_lang(lang, "Gns. abs. fejl i placering", "Mean abs. rank error"),
       ColumnType::kNumber, 1},
      {"tercile", in_lang(lang, "Rigtig tredjedel %", "Right third %"), ColumnType::kNumber, 0},
      {"best_third",
       in_lang(lang, "Rigtig dom: bedste tredjedel i gruppe %",
               "Right verdict: best third of group %"),
       ColumnType::kNumber, 0},
      {"group_average",
       in_lang(lang, "Rigtig dom: højst gruppens gns. %", "Right verdict: at most group average %"),
       ColumnType::kNumber, 0},
      {"third_margin_mae",
       in_lang(lang, "Margin til bedste tredjedel: gns. abs. fejl pp",
               "Margin to best third: mean abs. error pp"),
       ColumnType::kNumber, 2},
      {"third_margin_bias",
       in_lang(lang, "Margin til bedste tredjedel: gns. fejl pp",
               "Margin to best third: mean error pp"),
       ColumnType::kNumber, 2},
      {"group_margin_mae",
       in_lang(lang, "Margin til gruppens gns.: gns. abs. fejl pp",
               "Margin to group average: mean abs. error pp"),
       ColumnType::kNumber, 2},
  };
  for (const RuleScore& s : scores) {
    table.rows.push_back(
        {RowKind::kBody,
         {text_cell(rule_name(s, lang), s.rule), number_cell(s.count), number_cell(s.mae_pp),
          number_cell(s.bias_pp), number_cell(s.p5_pp), number_cell(s.p95_pp),
          number_cell(s.rank_mae), number_cell(100 * s.tercile_hit),
          number_cell(100 * s.best_third_hit), number_cell(100 * s.group_average_hit),
          number_cell(s.third_margin_mae_pp), number_cell(s.third_margin_bias_pp),
          number_cell(s.group_margin_mae_pp)}});
  }
  table.stamp = stamp;
  return table;
}

std::vector<std::string> notes(const BacktestResult& r, Lang lang) {
  std::vector<std::string> out;
  out.push_back(in_lang(
      lang,
      "Hver kommune er fremskrevet uden ungegaranti fra data til og med udgangsåret og "
      "sammenlignet med det observerede {h} år senere; udgangsår {origins} (de samme for alle "
      "regler). Fejl = observeret - fremskrevet, i procentpoint; fraktiler som PERCENTILE.INC.",
      "Every municipality is projected without the guarantee from the data up to the origin "
      "year and compared with what was observed {h} years later; origins {origins} (the same "
      "for every rule). Error = observed - projected, in percentage points; percentiles as "
      "PERCENTILE.INC.",
      "h"_a = r.distance, "origins"_a = origins_text(r.origins)));
  out.push_back(in_lang(
      lang,
      "Placering blandt alle kommuner, 1 = lavest; en dom er rigtig, når den fremskrevne andel "
      "giver samme svar som den observerede (hver kommune mod de øvrige i sin DST-kommunegruppe, "
      "også fremskrevet). Margin = grænse - andel, som i project (bedste tredjedel af alle "
      "kommuner; gennemsnittet af gruppens øvrige); en negativ fejl betyder, at fremskrivningen "
      "lovede mere luft til målet, end der blev. k = antal basisår.",
      "Rank among all municipalities, 1 = lowest; a verdict is right when the projected share "
      "gives the same answer as the observed one (each municipality against the others of its "
      "DST group, also projected). Margin = threshold - share, as in project (best third of all "
      "municipalities; the average of the group's others); a negative error means the "
      "projection promised more room to the target than there was. k = base years."));
  if (!r.revert_phi.empty()) {
    std::string phis;
    for (size_t i = 0; i < r.origins.size(); ++i) {
      phis += fmt::format("{}{}: {}", i == 0 ? "" : ", ", r.origins[i],
                          format_number(r.revert_phi[i], 3, lang));
    }
    out.push_back(in_lang(lang,
                          "Faktoren på afstanden til landsniveauet (mod landsniveau), estimeret på "
                          "data til og med hvert udgangsår: ",
                          "The factor on the gap to the national level (towards national level), "
                          "estimated on the data up to each origin: ") +
                  phis + ".");
  }
  return out;
}

}  // namespace

std::string rule_name(const RuleScore& s, Lang lang) {
  std::string name = fmt::format("{}, k={}", trend_name(s.trend, lang), s.base_years);
  if (s.trend_years > 0)
    name += fmt::format(", {} {}", s.trend_years, in_lang(lang, "år", "yr"));
  return name;
}

std::vector<Table> backtest_tables(const BacktestResult& r, const Stamp& stamp, Lang lang) {
  std::string h = std::to_string(r.distance);
  Table all = scores("backtest",
                     pick_lang(lang, "Backtest: NEET-andel " + h + " år frem, alle kommuner",
                               "Backtest: NEET share " + h + " years ahead, all municipalities"),
                     r.all, stamp, lang);
  all.notes = notes(r, lang);
  Table subject = scores("backtest_subject",
                         pick_lang(lang,
                                   fmt::format("Backtest: NEET-andel {} år frem, {} ({})", h,
                                               r.subject_name, r.subject_code),
                                   fmt::format("Backtest: NEET share {} years ahead, {} ({})", h,
                                               r.subject_name, r.subject_code)),
                         r.subject, stamp, lang);
  subject.notes.push_back(pick_lang(
      lang,
      fmt::format("Kun {}: én fejl pr. udgangsår, så tallene hviler på få observationer.",
                  r.subject_name),
      fmt::format("{} alone: one error per origin year, so the figures rest on few observations.",
                  r.subject_name)));
  return {all, subject};
}

}  // namespace ungegaranti
