#include "ungegaranti/all_municipalities.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "ungegaranti/number_format.hpp"
#include "ungegaranti/project_table.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

const PathYear& at_year(const std::vector<PathYear>& path, int year) {
  auto at =
      std::find_if(path.begin(), path.end(), [year](const PathYear& y) { return y.year == year; });
  assert(at != path.end());
  return *at;
}

std::string rank_text(const Rank& r) { return fmt::format("{}/{}", r.rank, r.of); }

}  // namespace

Scenario for_municipality(const Scenario& scenario, int code, const PopulationData& population) {
  Scenario s = scenario;
  const MunicipalityPopulation* own = population.find(code);
  assert(own != nullptr);
  // Its head counts, given or derived, are the scenario's municipality's: scale them from there.
  s.municipality_code = code;
  s.municipality_name = own->name;
  scale_population(s, scenario.municipality_code, population);
  if (s.projection) {  // each municipality against its own DST group
    s.projection->group = 0;
    s.projection->codes.clear();
  }
  return s;
}

std::vector<MunicipalityOutcome> project_all_municipalities(const Scenario& scenario,
                                                            const NeetData& data,
                                                            const std::vector<Tier>& tiers,
                                                            const PopulationData& population) {
  std::vector<const Municipality*> order;
  for (const Municipality& m : data.municipalities)
    order.push_back(&m);
  std::sort(order.begin(), order.end(),
            [](const Municipality* a, const Municipality* b) { return a->code < b->code; });
  std::vector<MunicipalityOutcome> out;
  for (const Municipality* m : order) {
    const MunicipalityPopulation* own = population.find(m->code);
    if (own == nullptr) {
      throw Error({}, msg("kommunekode {} ({}) i sammenligningsdata har intet folketal i {}",
                          "kommunekode {} ({}) of the comparison data has no population in {}",
                          m->code, m->name, kBuiltinPopulation));
    }
    ProjectionResult r;
    try {
      r = project(for_municipality(scenario, m->code, population), data, tiers);
    } catch (const Error& e) {  // say which of the 98 runs failed
      std::vector<Diagnostic> problems = e.diagnostics();
      for (Diagnostic& d : problems) {
        d.message = msg("{} ({}): {}", "{} ({}): {}", own->name, m->code, d.message);
      }
      throw Error(std::move(problems));
    }
    for (const ModelPath& path : r.models) {
      const PathYear& with = at_year(path.years, path.horizon);
      const PathYear& without = at_year(r.baseline, path.horizon);
      out.push_back({m->code, own->name, m->group, own->total, path.tier, path.target, path.horizon,
                     without.share_pct, with.share_pct, without.all, with.all, with.group,
                     path.threshold_pct, path.margin_pp, path.verdict, path.required_scale});
    }
  }
  return out;
}

Table all_municipalities_table(const Scenario& scenario,
                               const std::vector<MunicipalityOutcome>& outcomes,
                               const NeetData& data, Lang lang) {
  Table table;
  table.id = "all_municipalities";
  table.title = in_lang(lang, "Alle kommuner: NEET-andel ved horisonten med samme ungegaranti",
                        "Every municipality: NEET share at the horizon with the same guarantee");
  table.columns = {
      {"code", in_lang(lang, "Kode", "Code")},
      {"municipality", in_lang(lang, "Kommune", "Municipality")},
      {"group", in_lang(lang, "Gruppe", "Group"), ColumnType::kNumber},
      {"population", in_lang(lang, "Folketal", "Population"), ColumnType::kNumber},
      {"model", in_lang(lang, "Model", "Model")},
      {"horizon", in_lang(lang, "Horisont", "Horizon")},
      {"baseline", in_lang(lang, "NEET-andel uden %", "NEET share without %"), ColumnType::kNumber,
       2},
      {"baseline_rank", in_lang(lang, "Placering uden", "Rank without")},
      {"share", in_lang(lang, "NEET-andel med %", "NEET share with %"), ColumnType::kNumber, 2},
      {"rank", in_lang(lang, "Placering med", "Rank with")},
      {"group_rank", in_lang(lang, "Placering i gruppe med", "Rank in group with")},
      {"threshold", in_lang(lang, "Grænse %", "Threshold %"), ColumnType::kNumber, 2},
      {"margin", in_lang(lang, "Margin pp", "Margin pp"), ColumnType::kNumber, 2},
      {"met", in_lang(lang, "Opfyldt", "Met")},
      {"required_scale",
       in_lang(lang, "Nødvendig effekt (x antaget)", "Required effect (x assumed)"),
       ColumnType::kNumber, 2},
  };
  for (const MunicipalityOutcome& o : outcomes) {
    bool has = o.target != Target::kNone;
    std::string code = std::to_string(o.code);
    table.rows.push_back(
        {RowKind::kBody,
         {text_cell(code, code), text_cell(o.name, code), number_cell(o.group),
          number_cell(o.population),
          text_cell(std::string(tier_name(o.tier, lang)), std::string(tier_id(o.tier))),
          text_cell(std::to_string(o.horizon), std::to_string(o.horizon)),
          number_cell(o.baseline_pct),
          text_cell(rank_text(o.baseline_all), rank_text(o.baseline_all)), number_cell(o.model_pct),
          text_cell(rank_text(o.model_all), rank_text(o.model_all)),
          text_cell(rank_text(o.model_group), rank_text(o.model_group)),
          has ? number_cell(o.threshold_pct) : Cell{}, has ? number_cell(o.margin_pp) : Cell{},
          has ? text_cell(verdict_name(o.verdict, lang),
                          std::string(enum_id(kVerdictIds, o.verdict)))
              : Cell{},
          has && o.required_scale ? number_cell(*o.required_scale) : Cell{}}});
  }
  const PopulationData& population = builtin_population();
  const MunicipalityPopulation* own = population.find(scenario.municipality_code);
  std::string written =
      fmt::format("{} ({})", scenario.municipality_name, scenario.municipality_code);
  table.notes = {
      in_lang(lang,
              "Hver kommune får det samme program som {written}: samme deltagere, "
              "stillinger, udgifter og effekter. Aldersgruppernes antal er scenariets "
              "for {written} ganget med kommunens folketal / {total} (DST FOLK1AM 1.1.2024). "
              "Sammenlignelige kommuner: kommunens egen DST-kommunegruppe.",
              "Every municipality gets the same programme as {written}: the same "
              "participants, staff, costs and effects. The age bands' head counts are "
              "the scenario's for {written} times the municipality's population / {total} (DST "
              "FOLK1AM "
              "1.1.2024). Comparable municipalities: the municipality's own DST group.",
              "written"_a = written,
              "total"_a = own != nullptr ? format_number(own->total, 0, lang) : std::string("?")),
      in_lang(
          lang,
          "Uden og med: NEET-andelen ved modellens horisont uden og med ungegarantien; placering "
          "blandt alle kommuner (1 = lavest); Opfyldt: modellens mål, som i 'project'.",
          "Without and with: the NEET share at the model's horizon without and with the "
          "guarantee; rank among all municipalities (1 = lowest); Met and required effect: the "
          "model's target, as in 'project'."),
  };
  std::vector<Tier> shown;
  for (const MunicipalityOutcome& o : outcomes) {
    if (std::find(shown.begin(), shown.end(), o.tier) == shown.end()) {
      shown.push_back(o.tier);
      table.notes.push_back(
          fmt::format("{}: {}", tier_name(o.tier, lang), target_name(o.target, lang)));
    }
  }
  table.stamp = stamp_of(scenario, data.vintage);
  return table;
}

}  // namespace ungegaranti
