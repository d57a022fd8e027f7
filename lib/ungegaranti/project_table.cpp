#include "ungegaranti/project_table.hpp"

#include <fmt/format.h>

#include <map>

#include "ungegaranti/labels.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

Cell percent_cell(const std::optional<double>& share) {
  return share ? number_cell(*share * 100) : Cell{};
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
  // What the projection starts from, as numbers (the notes say it in words).
  Table base() const {
    Table table;
    table.id = "base";
    table.title = in_lang(lang_, "Udgangspunkt", "Starting point");
    table.columns = {
        {"municipality", in_lang(lang_, "Kommune", "Municipality")},
        {"base_year", in_lang(lang_, "Basisår", "Base year")},
        {"observed", in_lang(lang_, "Observeret NEET-andel %", "Observed NEET share %"),
         ColumnType::kNumber, 2},
        {"calibration", in_lang(lang_, "Kalibreringsfaktor", "Calibration factor"),
         ColumnType::kNumber, 4},
        {"group", in_lang(lang_, "Sammenlignelige kommuner", "Comparable municipalities")},
        {"group_size", in_lang(lang_, "Antal i gruppen", "Group size"), ColumnType::kNumber},
        {"trend", in_lang(lang_, "Udvikling", "Development")},
    };
    Trend trend = s_.projection->trend;
    table.rows.push_back(
        {RowKind::kBody,
         {text(fmt::format("{} ({})", r_.name, r_.code), std::to_string(r_.code)),
          text(base_years(), base_years()), number(r_.observed_base_pct), number(r_.calibration),
          text(r_.group_label, r_.group_label), number(static_cast<double>(r_.group.size())),
          text(ungegaranti::trend_name(trend, lang_), std::string(enum_id(kTrendIds, trend)))}});
    table.stamp = stamp_;
    return table;
  }

  Table targets() const {
    Table table;
    table.id = "targets";
    table.title = in_lang(lang_, "NEET-mål ved horisonten", "NEET targets at the horizon");
    table.columns = {
        {"model", in_lang(lang_, "Model", "Model")},
        {"target", in_lang(lang_, "Mål", "Target")},
        {"rule", in_lang(lang_, "Regel", "Rule")},
        {"full_year", in_lang(lang_, "Fuldt implementeret", "Full implementation")},
        {"horizon", in_lang(lang_, "Horisont", "Horizon")},
        {"share", in_lang(lang_, "NEET-andel %", "NEET share %"), ColumnType::kNumber, 2},
        {"threshold", in_lang(lang_, "Grænse %", "Threshold %"), ColumnType::kNumber, 2},
        {"margin", in_lang(lang_, "Margin pp", "Margin pp"), ColumnType::kNumber, 2},
        {"met", in_lang(lang_, "Opfyldt", "Met")},
        {"p_met", in_lang(lang_, "Sandsynlighed %", "Probability %"), ColumnType::kNumber, 0},
        {"met_without", in_lang(lang_, "Nået uden ungegaranti", "Met without the guarantee")},
        {"p_met_without", in_lang(lang_, "Sandsynlighed uden %", "Probability without %"),
         ColumnType::kNumber, 0},
        {"contribution",
         in_lang(lang_, "Ungegarantiens bidrag pp", "The guarantee's contribution pp"),
         ColumnType::kNumber, 0},
        {"assumed_reduction", in_lang(lang_, "Antaget fald pp", "Assumed fall pp"),
         ColumnType::kNumber, 2},
        {"required_reduction", in_lang(lang_, "Nødvendigt fald pp", "Required fall pp"),
         ColumnType::kNumber, 2},
        {"required_scale",
         in_lang(lang_, "Nødvendig effekt (x antaget)", "Required effect (x assumed)"),
         ColumnType::kNumber, 2},
    };
    for (const ModelPath& m : r_.models) {
      bool has = m.target != Target::kNone;
      Row row;
      row.cells = {
          text(std::string(tier_name(m.tier, lang_)), std::string(tier_id(m.tier))),
          text(target_name(m.target, lang_), std::string(enum_id(kTargetIds, m.target))),
          has ? text(target_rule(m.target, r_, lang_), std::string(enum_id(kTargetIds, m.target)))
              : blank(),
          text(std::to_string(m.full_year), std::to_string(m.full_year)),
          text(std::to_string(m.horizon), std::to_string(m.horizon)),
          number(m.share_at_horizon_pct),
          has ? number(m.threshold_pct) : blank(),
          has ? number(m.margin_pp) : blank(),
          has ? text(verdict_name(m.verdict, lang_), std::string(enum_id(kVerdictIds, m.verdict)))
              : blank(),
          has ? percent_cell(m.p_met) : blank(),
          has ? text(m.met_without ? in_lang(lang_, "Ja", "Yes") : in_lang(lang_, "Nej", "No"),
                     m.met_without ? "yes" : "no")
              : blank(),
          has ? percent_cell(m.p_met_without) : blank(),
          has && m.p_met && m.p_met_without ? number((*m.p_met - *m.p_met_without) * 100) : blank(),
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
        return in_lang(lang_, "uændret niveau (hver kommune beholder sit basisniveau)",
                       "unchanged (every municipality keeps its base level)");
      case Trend::kNational:
        return in_lang(lang_, "basisniveau plus landstrenden",
                       "base level plus the national trend");
      case Trend::kOwn:
        return in_lang(lang_, "basisniveau plus kommunens egen trend",
                       "base level plus its own trend");
      case Trend::kRevert:
        return in_lang(
            lang_,
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
    out.push_back(in_lang(lang_,
                          "{name} ({code}): observeret NEET-andel {base} % (16-24 år, {year}); "
                          "kalibreringsfaktor {factor}. Sammenlignelige kommuner: {group} ({n}).",
                          "{name} ({code}): observed NEET share {base} % (16-24, {year}); "
                          "calibration factor {factor}. Comparable municipalities: {group} ({n}).",
                          "name"_a = r_.name, "code"_a = r_.code,
                          "base"_a = format_number(r_.observed_base_pct, 2, lang_),
                          "year"_a = base_years(),
                          "factor"_a = format_number(r_.calibration, 3, lang_),
                          "group"_a = r_.group_label, "n"_a = r_.group.size()));
    out.push_back(
        in_lang(lang_,
                "Udvikling i de øvrige kommuner: {trend}. Placering 1 = lavest NEET-andel; "
                "bedste tredjedel = placering højst N/3. Nødvendig effekt: den faktor på "
                "modellens antagne effekter, der netop når målet.",
                "Development in the other municipalities: {trend}. Rank 1 = lowest NEET "
                "share; best third = rank at most N/3. Required effect: the factor on the "
                "model's assumed effects that just meets the target.",
                "trend"_a = trend_name(s_.projection->trend)));
    for (std::string& note : futures_notes())
      out.push_back(std::move(note));
    for (const ModelPath& m : r_.models) {
      for (std::string& note : verdict_notes(r_, m, lang_))
        out.push_back(std::move(note));
      if (!m.full_reached) {
        out.push_back(in_lang(lang_,
                              "{model}: indfasningen når ikke fuldt niveau i budgetårene; fuld "
                              "implementering er sat til det sidste budgetår, {year}.",
                              "{model}: the ramp-up does not reach full level within the budget "
                              "years; full implementation is set to the last budget year, {year}.",
                              "model"_a = tier_name(m.tier, lang_), "year"_a = m.full_year));
      }
    }
    return out;
  }

  // How the probabilities are found, or that they could not be.
  // How the probabilities are found: one sentence for each horizon distance that has futures
  // (naming its models when the models' distances differ), and one for the models whose distance
  // the data cannot test.
  std::vector<std::string> futures_notes() const {
    std::map<int, std::vector<const ModelPath*>> with, without;  // by distance
    for (const ModelPath& m : r_.models) {
      if (m.target != Target::kNone)
        (m.p_met ? with : without)[m.horizon - r_.base_year].push_back(&m);
    }
    bool several = with.size() + without.size() > 1;
    auto names = [&](const std::vector<const ModelPath*>& models) {
      std::string out;
      for (const ModelPath* m : models)
        out += (out.empty() ? "" : ", ") + std::string(tier_name(m->tier, lang_));
      return out + ": ";
    };
    std::vector<std::string> out;
    for (const auto& [distance, models] : with) {
      const ModelPath& m = *models.front();  // the same futures for every model at a distance
      out.push_back(
          (several ? names(models) : "") +
          in_lang(lang_,
                  "Sandsynlighed: andelen af {n} historiske fremtider, hvor målet nås. Hver "
                  "fremtid er fremskrivningsfejlene for alle kommuner på én gang fra ét startår "
                  "({first}-{last}) i backtesten, med samme regel og samme afstand til horisonten "
                  "({distance} år); de antagne effekter er faste. Opfyldt er 'Ja', når målet nås i "
                  "den centrale fremskrivning og i mindst {confidence} % af fremtiderne, "
                  "'Usikkert', når det kun nås i den centrale fremskrivning. Bidrag: "
                  "sandsynlighed med minus uden ungegaranti.",
                  "Probability: the share of {n} historical futures in which the target is met. "
                  "Each future is the projection errors of every municipality at once from one "
                  "origin year ({first}-{last}) in the backtest, with the same rule and the same "
                  "distance to the horizon ({distance} years); the assumed effects are fixed. Met "
                  "is 'Yes' when the target is met in the central projection and in at least "
                  "{confidence} % of the futures, 'Uncertain' when it is met in the central "
                  "projection only. Contribution: the probability with minus without the "
                  "guarantee.",
                  "n"_a = m.futures, "first"_a = m.first_origin, "last"_a = m.last_origin,
                  "distance"_a = distance,
                  "confidence"_a = format_number(r_.confidence * 100, 0, lang_)));
    }
    for (const auto& [distance, models] : without) {
      out.push_back((several ? names(models) : "") +
                    in_lang(lang_,
                            "Sammenligningsdata har for få år til at afprøve fremskrivningen "
                            "{distance} år frem; der er ingen sandsynlighed, og Opfyldt bygger "
                            "alene på den centrale fremskrivning.",
                            "The comparison data has too few years to test the projection "
                            "{distance} years ahead; there is no probability, and Met rests on "
                            "the central projection alone.",
                            "distance"_a = distance));
    }
    if (out.empty())
      out.push_back(in_lang(lang_, "Ingen model har et mål.", "No model has a target."));
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
    table.title = in_lang(lang_, "NEET-andel (16-24 år) og placering pr. år",
                          "NEET share (16-24) and rank by year");
    int all = r_.baseline.empty() ? 0 : r_.baseline.front().all.of;
    int group = r_.baseline.empty() ? 0 : r_.baseline.front().group.of;
    table.columns = {
        {"model", in_lang(lang_, "Model", "Model")},
        {"year", in_lang(lang_, "År", "Year")},
        {"share", in_lang(lang_, "NEET-andel %", "NEET share %"), ColumnType::kNumber, 2},
    };
    for (Column& c : rank_columns(all, group, lang_))
      table.columns.push_back(std::move(c));
    table.columns.push_back({"group_average", in_lang(lang_, "Gruppens gns. %", "Group average %"),
                             ColumnType::kNumber, 2});
    add_path(table, in_lang(lang_, "Uden ungegaranti", "Without the guarantee"), "baseline",
             r_.baseline);
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

std::vector<Column> rank_columns(int all, int group, Lang lang) {
  return {
      {"rank_all", fmt::format("{} {}", in_lang(lang, "Placering af", "Rank of"), all),
       ColumnType::kNumber},
      {"tercile_all", in_lang(lang, "Tredjedel", "Third"), ColumnType::kNumber},
      {"rank_group",
       fmt::format("{} {}", in_lang(lang, "Placering i gruppe af", "Rank in group of"), group),
       ColumnType::kNumber},
      {"tercile_group", in_lang(lang, "Tredjedel i gruppe", "Third in group"), ColumnType::kNumber},
  };
}

std::string target_name(Target target, Lang lang) {
  switch (target) {
    case Target::kBestThirdAll:
      return in_lang(lang, "Bedste tredjedel af alle kommuner", "Best third of all municipalities");
    case Target::kBestThirdGroup:
      return in_lang(lang, "Bedste tredjedel af sammenlignelige kommuner",
                     "Best third of comparable municipalities");
    case Target::kGroupAverage:
      return in_lang(lang, "Højst gennemsnittet af sammenlignelige kommuner",
                     "At most the average of comparable municipalities");
    case Target::kNone:
      break;
  }
  return in_lang(lang, "Intet mål", "No target");
}

std::string target_rule(Target target, const ProjectionResult& r, Lang lang) {
  int all = r.baseline.empty() ? 0 : r.baseline.front().all.of;
  int group = static_cast<int>(r.group.size());
  switch (target) {
    case Target::kBestThirdAll:
      return in_lang(lang, "placering 1-{} af {}", "rank 1-{} of {}", all / 3, all);
    case Target::kBestThirdGroup:
      return in_lang(lang, "placering 1-{} af {} i gruppen", "rank 1-{} of {} in the group",
                     group / 3, group);
    case Target::kGroupAverage:
      return in_lang(lang, "højst gennemsnittet af de {} andre i gruppen",
                     "at most the mean of the {} others in the group", group - 1);
    case Target::kNone:
      break;
  }
  return "";
}

std::string verdict_name(Verdict verdict, Lang lang) {
  switch (verdict) {
    case Verdict::kMet:
      return in_lang(lang, "Ja", "Yes");
    case Verdict::kUncertain:
      return in_lang(lang, "Usikkert", "Uncertain");
    case Verdict::kNotMet:
      return in_lang(lang, "Nej", "No");
    case Verdict::kNone:
      break;
  }
  return "";
}

std::vector<std::string> verdict_notes(const ProjectionResult& r, const ModelPath& m, Lang lang) {
  std::vector<std::string> out;
  if (m.target == Target::kNone)
    return out;
  std::string model(tier_name(m.tier, lang));
  if (m.met_without) {
    size_t h = static_cast<size_t>(m.horizon - r.base_year);
    out.push_back(in_lang(
        lang,
        "{model}: Målet er nået allerede uden ungegaranti: udviklingen uden "
        "ungegaranti ({baseline} % i {year}) ligger ved eller under grænsen "
        "({threshold} %).",
        "{model}: The target is met already without the guarantee: the "
        "development without it ({baseline} % in {year}) is at or below the "
        "threshold ({threshold} %).",
        "model"_a = model, "baseline"_a = format_number(r.baseline.at(h).share_pct, 2, lang),
        "year"_a = m.horizon, "threshold"_a = format_number(m.threshold_pct, 2, lang)));
  }
  if (m.verdict == Verdict::kUncertain) {
    out.push_back(
        in_lang(lang,
                "{model}: målet nås i den centrale fremskrivning, men kun i {p} % af de "
                "historiske fremtider (under {confidence} %); derfor 'Usikkert' og ikke "
                "'Ja'.",
                "{model}: the target is met in the central projection, but in only {p} % "
                "of the historical futures (below {confidence} %); hence 'Uncertain', not "
                "'Yes'.",
                "model"_a = model, "p"_a = format_number(*m.p_met * 100, 0, lang),
                "confidence"_a = format_number(r.confidence * 100, 0, lang)));
  }
  return out;
}

std::vector<Table> projection_tables(const Scenario& scenario, const ProjectionResult& result,
                                     Lang lang) {
  return ProjectionTables(scenario, result, lang).build();
}

}  // namespace ungegaranti
