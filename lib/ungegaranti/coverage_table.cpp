#include "ungegaranti/coverage_table.hpp"

#include <fmt/format.h>

#include "ungegaranti/number_format.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

Cell text(std::string shown, std::string key) {
  return text_cell(std::move(shown), std::move(key));
}
Cell number(double v) { return number_cell(v); }

double sum(const std::vector<double>& v) {
  double total = 0;
  for (double x : v)
    total += x;
  return total;
}

class CoverageTables {
 public:
  CoverageTables(const Scenario& s, const std::vector<ModelCoverage>& models, CoverageBy by,
                 Lang lang)
      : s_(s), models_(models), by_(by), lang_(lang) {}

  std::vector<Table> build() {
    std::vector<Table> tables = {participants(), bands()};
    if (s_.coverage && !s_.coverage->caseload_role.empty())
      tables.push_back(caseload());
    if (s_.coverage && s_.coverage->coordination)
      tables.push_back(coordination());
    tables.push_back(company_places());
    return tables;
  }

 private:
  Table start(std::string id, std::string title) const {
    Table table;
    table.id = std::move(id);
    table.title = std::move(title);
    table.stamp = stamp_of(s_);
    if (models_.size() > 1)
      table.columns.push_back({"model", in_lang(lang_, "Model", "Model")});
    return table;
  }

  std::vector<Cell> lead(Tier tier) const {
    if (models_.size() == 1)
      return {};
    return {text(std::string(tier_name(tier, lang_)), std::string(tier_id(tier)))};
  }

  void year_columns(Table& table, int decimals) const {
    for (int y = s_.first_year; y <= s_.last_year(); ++y)
      table.columns.push_back(
          {std::to_string(y), std::to_string(y), ColumnType::kNumber, decimals});
  }

  std::string band_name(const std::string& id) const {
    const AgeBand* band = s_.band(id);
    return band == nullptr
               ? ""
               : fmt::format("{}-{} {}", band->from, band->to, in_lang(lang_, "år", "years"));
  }

  Table participants() const {
    bool by_track = by_ == CoverageBy::kTrack;
    Table table =
        start("participants",
              by_track ? in_lang(lang_, "Deltagere pr. spor", "Participants by track")
                       : in_lang(lang_, "Deltagere pr. indsats", "Participants by initiative"));
    if (by_track) {
      table.columns.push_back({"track", in_lang(lang_, "Spor", "Track")});
    } else {
      table.columns.push_back({"initiative", in_lang(lang_, "Indsats", "Initiative")});
      table.columns.push_back({"track", in_lang(lang_, "Spor", "Track")});
      table.columns.push_back({"band", in_lang(lang_, "Aldersgruppe", "Age band")});
    }
    year_columns(table, 0);
    if (!by_track) {
      table.columns.push_back(
          {"band_share",
           fmt::format("{} % {}", in_lang(lang_, "Andel af aldersgruppen", "Share of the band"),
                       s_.last_year()),
           ColumnType::kNumber, 1});
    }
    table.columns.push_back({"cost_per_participant",
                             in_lang(lang_, "Pr. deltager", "Per participant"),
                             ColumnType::kMoney});
    for (const ModelCoverage& m : models_) {
      if (by_track) {
        for (const Track& track : s_.tracks) {
          std::vector<double> per_year(static_cast<size_t>(s_.year_count), 0.0);
          double cost = 0;
          for (const InitiativeCoverage& c : m.initiatives) {
            if (c.track != track.id)
              continue;
            for (size_t i = 0; i < per_year.size(); ++i)
              per_year[i] += c.participants[i];
            cost += c.cost_dkk;
          }
          Row row{RowKind::kBody, lead(m.tier)};
          row.cells.push_back(text(track.name, track.id));
          add_participants(row, per_year, cost);
          table.rows.push_back(std::move(row));
        }
        continue;
      }
      for (const InitiativeCoverage& c : m.initiatives) {
        Row row{RowKind::kBody, lead(m.tier)};
        const Initiative* ini = nullptr;
        for (const Initiative& i : s_.initiatives) {
          if (i.id == c.initiative)
            ini = &i;
        }
        row.cells.push_back(text(ini->name, c.initiative));
        row.cells.push_back(text(s_.track(c.track)->name, c.track));
        row.cells.push_back(text(band_name(c.band), c.band));
        for (double p : c.participants)
          row.cells.push_back(number(p));
        const AgeBand* band = s_.band(c.band);
        row.cells.push_back(
            band == nullptr ? Cell{} : number(c.participants.back() / band->count.value * 100));
        double total = sum(c.participants);
        row.cells.push_back(total > 0 ? number(c.cost_dkk / total) : Cell{});
        table.rows.push_back(std::move(row));
      }
    }
    table.notes.push_back(
        in_lang(lang_,
                "Deltagere = deltagere ved fuldt niveau x indfasning. Pr. deltager = "
                "indsatsens udgift i perioden (som i udgiftstabellerne) / deltagere i perioden.",
                "Participants = participants at full level x ramp. Per participant = "
                "the initiative's cost over the period (as in the cost tables) / participants "
                "over the period."));
    return table;
  }

  static void add_participants(Row& row, const std::vector<double>& per_year, double cost) {
    for (double p : per_year)
      row.cells.push_back(number(p));
    double total = sum(per_year);
    row.cells.push_back(total > 0 ? number(cost / total) : Cell{});
  }

  Table bands() const {
    Table table = start("bands", in_lang(lang_, "Unikke unge nået pr. aldersgruppe",
                                         "Distinct young people reached by age band"));
    table.columns.push_back({"band", in_lang(lang_, "Aldersgruppe", "Age band")});
    table.columns.push_back(
        {"count", in_lang(lang_, "Antal i gruppen", "People in band"), ColumnType::kNumber});
    table.columns.push_back(
        {"overlap", in_lang(lang_, "Overlap %", "Overlap %"), ColumnType::kNumber, 1});
    year_columns(table, 0);
    table.columns.push_back(
        {"share",
         fmt::format("{} % {}", in_lang(lang_, "Andel nået", "Share reached"), s_.last_year()),
         ColumnType::kNumber, 1});
    for (const ModelCoverage& m : models_) {
      for (const BandCoverage& b : m.bands) {
        Row row{RowKind::kBody, lead(m.tier)};
        row.cells.push_back(text(band_name(b.band), b.band));
        row.cells.push_back(number(b.count));
        row.cells.push_back(number(b.overlap * 100));
        for (double d : b.distinct)
          row.cells.push_back(number(d));
        row.cells.push_back(number(b.distinct.back() / b.count * 100));
        table.rows.push_back(std::move(row));
      }
    }
    for (const AgeBand& band : s_.population) {
      table.notes.push_back(fmt::format(
          "{}: {} {} ({})", band_name(band.id), format_number(band.count.value, 0, lang_),
          in_lang(lang_, "personer", "people"),
          band.count.source.empty() ? in_lang(lang_, "ingen kilde", "no source")
                                    : band.count.source));
    }
    table.notes.push_back(
        in_lang(lang_,
                "Unikke unge = deltagere i aldersgruppens indsatser x (1 - overlap); "
                "overlap er andelen af deltagere, der er med i mere end én indsats "
                "(scenariets overlap pr. aldersgruppe, ellers 0).",
                "Distinct young people = participants of the band's initiatives x "
                "(1 - overlap); overlap is the share of participants who take part in "
                "more than one initiative (the scenario's overlap per age band, else 0)."));
    return table;
  }

  Table caseload() const {
    const CoverageSettings& c = *s_.coverage;
    const Role* role = s_.role(c.caseload_role);
    Table table = start(
        "caseload", fmt::format("{}: {}", in_lang(lang_, "Sagsmængde", "Caseload"), role->name));
    table.columns.push_back({"fte", in_lang(lang_, "Årsværk", "FTE"), ColumnType::kNumber, 1});
    table.columns.push_back({"capacity",
                             in_lang(lang_, "Kapacitet pr. årsværk", "Capacity per FTE"),
                             ColumnType::kNumber});
    year_columns(table, 1);
    table.columns.push_back({"over", in_lang(lang_, "Over kapacitet", "Over capacity")});
    for (const ModelCoverage& m : models_) {
      const Caseload& load = *m.caseload;
      Row row{RowKind::kBody, lead(m.tier)};
      row.cells.push_back(number(load.fte));
      row.cells.push_back(number(load.capacity_per_fte));
      bool over = false;
      for (double cases : load.cases) {
        if (load.fte > 0) {
          row.cells.push_back(number(cases / load.fte));
          over = over || cases / load.fte > load.capacity_per_fte;
        } else {
          row.cells.emplace_back();
        }
      }
      if (load.fte <= 0) {
        row.cells.push_back(text(in_lang(lang_, "ingen årsværk", "no FTE"), "none"));
      } else {
        row.cells.push_back(text(over ? in_lang(lang_, "Ja", "Yes") : in_lang(lang_, "Nej", "No"),
                                 over ? "yes" : "no"));
      }
      table.rows.push_back(std::move(row));
      if (over) {
        double worst = 0;
        for (double cases : load.cases)
          worst = std::max(worst, cases / load.fte);
        table.notes.push_back(in_lang(
            lang_,
            "ADVARSEL: {model} lover op til {n} unge pr. årsværk ({role}), over "
            "kapaciteten på {cap}.",
            "WARNING: {model} promises up to {n} young people per FTE ({role}), "
            "above the capacity of {cap}.",
            "model"_a = tier_name(m.tier, lang_), "n"_a = format_number(worst, 1, lang_),
            "role"_a = role->name, "cap"_a = format_number(load.capacity_per_fte, 0, lang_)));
      }
    }
    std::string bands;
    for (const std::string& b : c.caseload_bands)
      bands += (bands.empty() ? "" : ", ") + band_name(b);
    table.notes.push_back(
        in_lang(lang_,
                "Unge pr. årsværk = unikke unge nået i {bands} / årsværk af rollen i "
                "modellen.",
                "Young people per FTE = distinct young people reached in {bands} / the "
                "role's FTE in the model.",
                "bands"_a = bands));
    return table;
  }

  // The individual coordination by existing staff: the young people it must follow, the FTE
  // that takes at the stated caseload, and the FTE the staff has (docs/method.md#coverage).
  Table coordination() const {
    const IndividualCoordination& c = *s_.coverage->coordination;
    const Role* role = s_.role(c.role);
    Table table = start(
        "coordination",
        fmt::format("{}: {}", in_lang(lang_, "Individuel koordinering", "Individual coordination"),
                    role->name));
    table.columns.push_back({"line", in_lang(lang_, "Linje", "Line")});
    year_columns(table, 1);
    for (const ModelCoverage& m : models_) {
      const CoordinationLoad& load = *m.coordination;
      auto line = [&](RowKind kind, std::string da, std::string en, std::string key, auto value) {
        Row row{kind, lead(m.tier)};
        row.cells.push_back(text(pick_lang(lang_, da, en), std::move(key)));
        for (size_t y = 0; y < load.cases.size(); ++y)
          row.cells.push_back(number(value(y)));
        table.rows.push_back(std::move(row));
      };
      line(RowKind::kBody, "Unge, der skal koordineres", "Young people to coordinate", "cases",
           [&](size_t y) { return load.cases[y]; });
      line(RowKind::kBody, "Årsværk, der skal til", "FTE needed", "needed_fte",
           [&](size_t y) { return load.needed_fte[y]; });
      line(RowKind::kBody, "Årsværk til rådighed", "FTE available", "available_fte",
           [&](size_t) { return load.available_fte; });
      line(RowKind::kTotal, "Til rådighed minus behov", "Available less needed", "gap",
           [&](size_t y) { return load.available_fte - load.needed_fte[y]; });
      std::vector<size_t> over = load.over();
      if (!over.empty()) {
        double worst = 0;
        for (size_t y : over)
          worst = std::max(worst, load.needed_fte[y] - load.available_fte);
        table.notes.push_back(in_lang(
            lang_,
            "ADVARSEL: {model} kræver op til {n} årsværk mere ({role}) end de "
            "{available} til rådighed, første gang i {year}.",
            "WARNING: {model} needs up to {n} FTE more ({role}) than the "
            "{available} available, first in {year}.",
            "model"_a = tier_name(m.tier, lang_), "n"_a = format_number(worst, 1, lang_),
            "role"_a = role->name, "available"_a = format_number(load.available_fte, 1, lang_),
            "year"_a = s_.first_year + static_cast<int>(over.front())));
      }
    }
    std::string bands;
    for (const std::string& b : c.bands)
      bands += (bands.empty() ? "" : ", ") + band_name(b);
    table.notes.push_back(
        in_lang(lang_,
                "Unge, der skal koordineres = unikke unge nået i {bands}. Årsværk, der "
                "skal til = unge / {cap} unge pr. årsværk. {role} er eksisterende "
                "personale og ikke en udgift i ungegarantien.",
                "Young people to coordinate = distinct young people reached in {bands}. "
                "FTE needed = young people / {cap} young people per FTE. {role} is "
                "existing staff, not a cost of the guarantee.",
                "bands"_a = bands, "cap"_a = format_number(c.capacity_per_fte.value, 0, lang_),
                "role"_a = role->name));
    return table;
  }

  Table company_places() const {
    Table table = start("company_places", in_lang(lang_, "Virksomhedspladser (garantivirksomheder)",
                                                  "Company places (garantivirksomheder)"));
    table.columns.push_back({"line", in_lang(lang_, "Linje", "Line")});
    year_columns(table, 0);
    for (const ModelCoverage& m : models_) {
      const CompanyPlaces& p = m.company_places;
      Row demand{RowKind::kBody, lead(m.tier)};
      demand.cells.push_back(
          text(in_lang(lang_, "Behov (deltagere)", "Demand (participants)"), "demand"));
      for (double d : p.demand)
        demand.cells.push_back(number(d));
      table.rows.push_back(std::move(demand));
      Row supply{RowKind::kBody, lead(m.tier)};
      supply.cells.push_back(text(in_lang(lang_, "Pladser", "Places"), "supply"));
      Row gap{RowKind::kTotal, lead(m.tier)};
      gap.cells.push_back(text(in_lang(lang_, "Pladser minus behov", "Places less demand"), "gap"));
      double worst = 0;
      for (double d : p.demand) {
        supply.cells.push_back(p.supply ? number(*p.supply) : Cell{});
        gap.cells.push_back(p.supply ? number(*p.supply - d) : Cell{});
        worst = std::min(worst, p.supply ? *p.supply - d : 0.0);
      }
      table.rows.push_back(std::move(supply));
      table.rows.push_back(std::move(gap));
      if (!p.supply && sum(p.demand) > 0) {
        table.notes.push_back(
            in_lang(lang_, "{model}: scenariet angiver ingen virksomhedspladser for modellen.",
                    "{model}: the scenario states no company places for the model.",
                    "model"_a = tier_name(m.tier, lang_)));
      } else if (worst < 0) {
        table.notes.push_back(
            in_lang(lang_, "ADVARSEL: {model} mangler op til {n} virksomhedspladser.",
                    "WARNING: {model} lacks up to {n} company places.",
                    "model"_a = tier_name(m.tier, lang_), "n"_a = format_number(-worst, 0, lang_)));
      }
    }
    table.notes.push_back(
        in_lang(lang_, "Behov = deltagere i indsatser, der kræver en virksomhedsplads.",
                "Demand = participants of initiatives that need a company place."));
    return table;
  }

  const Scenario& s_;
  const std::vector<ModelCoverage>& models_;
  CoverageBy by_;
  Lang lang_;
};

}  // namespace

std::optional<CoverageBy> parse_coverage_by(std::string_view text) {
  return enum_from_id(kCoverageByIds, text);
}

std::vector<Table> coverage_tables(const Scenario& scenario,
                                   const std::vector<ModelCoverage>& models, CoverageBy by,
                                   Lang lang) {
  return CoverageTables(scenario, models, by, lang).build();
}

}  // namespace ungegaranti
