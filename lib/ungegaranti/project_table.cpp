#include "ungegaranti/project_table.hpp"

#include <fmt/format.h>

#include "ungegaranti/number_format.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {
namespace {

std::string_view target_name(Target target, Lang lang) {
  bool da = lang == Lang::kDa;
  switch (target) {
    case Target::kBestThirdAll:
      return da ? "Bedste tredjedel af alle kommuner" : "Best third of all municipalities";
    case Target::kBestThirdGroup:
      return da ? "Bedste tredjedel af sammenlignelige kommuner"
                : "Best third of comparable municipalities";
    case Target::kGroupAverage:
      return da ? "Højst gennemsnittet af sammenlignelige kommuner"
                : "At most the average of comparable municipalities";
    case Target::kNone:
      break;
  }
  return da ? "Intet mål" : "No target";
}

Cell text(std::string shown, std::string key) {
  return text_cell(std::move(shown), std::move(key));
}
Cell number(double v) { return number_cell(v); }
Cell blank() { return {}; }

class ProjectionTables {
 public:
  ProjectionTables(const Scenario& s, const ProjectionResult& r, Lang lang)
      : s_(s), r_(r), lang_(lang), stamp_(stamp_of(s, r.vintage)) {}

  std::vector<Table> build() { return {base(), targets(), paths()}; }

 private:
  std::string t(std::string_view da, std::string_view en) const { return in_lang(lang_, da, en); }

  // What the projection starts from, as numbers (the notes say it in words).
  Table base() const {
    Table table;
    table.id = "base";
    table.title = t("Udgangspunkt", "Starting point");
    table.columns = {
        {"municipality", t("Kommune", "Municipality")},
        {"base_year", t("Basisår", "Base year")},
        {"observed", t("Observeret NEET-andel %", "Observed NEET share %"), ColumnType::kNumber, 2},
        {"calibration", t("Kalibreringsfaktor", "Calibration factor"), ColumnType::kNumber, 4},
        {"group", t("Sammenlignelige kommuner", "Comparable municipalities")},
        {"group_size", t("Antal i gruppen", "Group size"), ColumnType::kNumber},
        {"trend", t("Udvikling", "Development")},
    };
    Trend trend = s_.projection->trend;
    table.rows.push_back(
        {RowKind::kBody,
         {text(fmt::format("{} ({})", r_.name, r_.code), std::to_string(r_.code)),
          text(base_years(), base_years()), number(r_.observed_base_pct), number(r_.calibration),
          text(r_.group_label, r_.group_label), number(static_cast<double>(r_.group.size())),
          text(trend == Trend::kHold       ? t("uændret", "unchanged")
               : trend == Trend::kNational ? t("landstrend", "national trend")
               : trend == Trend::kOwn      ? t("egen trend", "own trend")
                                           : t("mod landsniveau", "towards national level"),
               std::string(enum_id(kTrendIds, trend)))}});
    table.stamp = stamp_;
    return table;
  }

  Table targets() const {
    Table table;
    table.id = "targets";
    table.title = t("NEET-mål ved horisonten", "NEET targets at the horizon");
    table.columns = {
        {"model", t("Model", "Model")},
        {"target", t("Mål", "Target")},
        {"full_year", t("Fuldt implementeret", "Full implementation")},
        {"horizon", t("Horisont", "Horizon")},
        {"share", t("NEET-andel %", "NEET share %"), ColumnType::kNumber, 2},
        {"threshold", t("Grænse %", "Threshold %"), ColumnType::kNumber, 2},
        {"margin", t("Margin pp", "Margin pp"), ColumnType::kNumber, 2},
        {"met", t("Opfyldt", "Met")},
        {"assumed_reduction", t("Antaget fald pp", "Assumed fall pp"), ColumnType::kNumber, 2},
        {"required_reduction", t("Nødvendigt fald pp", "Required fall pp"), ColumnType::kNumber, 2},
        {"required_scale", t("Nødvendig effekt (x antaget)", "Required effect (x assumed)"),
         ColumnType::kNumber, 2},
    };
    for (const ModelPath& m : r_.models) {
      bool has = m.target != Target::kNone;
      Row row;
      row.cells = {
          text(std::string(tier_name(m.tier, lang_)), std::string(tier_id(m.tier))),
          text(std::string(target_name(m.target, lang_)),
               std::string(enum_id(kTargetIds, m.target))),
          text(std::to_string(m.full_year), std::to_string(m.full_year)),
          text(std::to_string(m.horizon), std::to_string(m.horizon)),
          number(m.share_at_horizon_pct),
          has ? number(m.threshold_pct) : blank(),
          has ? number(m.margin_pp) : blank(),
          has ? text(m.met ? t("Ja", "Yes") : t("Nej", "No"), m.met ? "yes" : "no") : blank(),
          number(m.assumed_reduction_pp),
          has ? number(m.required_reduction_pp) : blank(),
          has && m.required_scale ? number(*m.required_scale) : blank()};
      table.rows.push_back(std::move(row));
    }
    table.notes = notes();
    table.stamp = stamp_;
    return table;
  }

  std::string trend_name(Trend trend) const {
    switch (trend) {
      case Trend::kHold:
        return t("uændret niveau (hver kommune beholder sit basisniveau)",
                 "unchanged (every municipality keeps its base level)");
      case Trend::kNational:
        return t("basisniveau plus landstrenden", "base level plus the national trend");
      case Trend::kOwn:
        return t("basisniveau plus kommunens egen trend", "base level plus its own trend");
      case Trend::kRevert:
        return t(
            "landsniveauet plus kommunens afstand til det, som aftager med en fast faktor om "
            "året (estimeret på data)",
            "the national level plus the municipality's gap to it, shrinking by a fixed "
            "factor a year (estimated on the data)");
    }
    return "";
  }

  // "2024", or "2022-2024" when the base is the mean of several years.
  std::string base_years() const {
    return r_.base_first_year == r_.base_year
               ? std::to_string(r_.base_year)
               : fmt::format("{}-{}", r_.base_first_year, r_.base_year);
  }

  std::vector<std::string> notes() const {
    std::vector<std::string> out;
    out.push_back(fmt::format(
        fmt::runtime(t("{name} ({code}): observeret NEET-andel {base} % (16-24 år, {year}); "
                       "kalibreringsfaktor {factor}. Sammenlignelige kommuner: {group} ({n}).",
                       "{name} ({code}): observed NEET share {base} % (16-24, {year}); "
                       "calibration factor {factor}. Comparable municipalities: {group} ({n}).")),
        fmt::arg("name", r_.name), fmt::arg("code", r_.code),
        fmt::arg("base", format_number(r_.observed_base_pct, 2, lang_)),
        fmt::arg("year", base_years()), fmt::arg("factor", format_number(r_.calibration, 3, lang_)),
        fmt::arg("group", r_.group_label), fmt::arg("n", r_.group.size())));
    out.push_back(fmt::format(
        fmt::runtime(t("Udvikling i de øvrige kommuner: {trend}. Placering 1 = lavest NEET-andel; "
                       "bedste tredjedel = placering højst N/3. Nødvendig effekt: den faktor på "
                       "modellens antagne effekter, der netop når målet.",
                       "Development in the other municipalities: {trend}. Rank 1 = lowest NEET "
                       "share; best third = rank at most N/3. Required effect: the factor on the "
                       "model's assumed effects that just meets the target.")),
        fmt::arg("trend", trend_name(s_.projection->trend))));
    for (const ModelPath& m : r_.models) {
      if (!m.full_reached) {
        out.push_back(fmt::format(
            fmt::runtime(t("{model}: indfasningen når ikke fuldt niveau i budgetårene; fuld "
                           "implementering er sat til det sidste budgetår, {year}.",
                           "{model}: the ramp-up does not reach full level within the budget "
                           "years; full implementation is set to the last budget year, {year}.")),
            fmt::arg("model", tier_name(m.tier, lang_)), fmt::arg("year", m.full_year)));
      }
    }
    return out;
  }

  void add_path(Table& table, const std::string& label, const std::string& key,
                const std::vector<PathYear>& years) const {
    for (size_t i = 0; i < years.size(); ++i) {
      const PathYear& y = years[i];
      Row row;
      row.cells = {text(label, key),        text(std::to_string(y.year), std::to_string(y.year)),
                   number(y.share_pct),     number(y.all.rank),
                   number(y.all.tercile),   number(y.group.rank),
                   number(y.group.tercile), number(r_.group_average_pct[i])};
      table.rows.push_back(std::move(row));
    }
  }

  Table paths() const {
    Table table;
    table.id = "projection";
    table.title =
        t("NEET-andel (16-24 år) og placering pr. år", "NEET share (16-24) and rank by year");
    int all = r_.baseline.empty() ? 0 : r_.baseline.front().all.of;
    int group = r_.baseline.empty() ? 0 : r_.baseline.front().group.of;
    table.columns = {
        {"model", t("Model", "Model")},
        {"year", t("År", "Year")},
        {"share", t("NEET-andel %", "NEET share %"), ColumnType::kNumber, 2},
        {"rank_all", fmt::format("{} {}", t("Placering af", "Rank of"), all), ColumnType::kNumber},
        {"tercile_all", t("Tredjedel", "Third"), ColumnType::kNumber},
        {"rank_group", fmt::format("{} {}", t("Placering i gruppe af", "Rank in group of"), group),
         ColumnType::kNumber},
        {"tercile_group", t("Tredjedel i gruppe", "Third in group"), ColumnType::kNumber},
        {"group_average", t("Gruppens gns. %", "Group average %"), ColumnType::kNumber, 2},
    };
    add_path(table, t("Uden ungegaranti", "Without the guarantee"), "baseline", r_.baseline);
    for (const ModelPath& m : r_.models)
      add_path(table, std::string(tier_name(m.tier, lang_)), std::string(tier_id(m.tier)), m.years);
    table.stamp = stamp_;
    return table;
  }

  const Scenario& s_;
  const ProjectionResult& r_;
  Lang lang_;
  Stamp stamp_;
};

}  // namespace

std::vector<Table> projection_tables(const Scenario& scenario, const ProjectionResult& result,
                                     Lang lang) {
  return ProjectionTables(scenario, result, lang).build();
}

}  // namespace ungegaranti
