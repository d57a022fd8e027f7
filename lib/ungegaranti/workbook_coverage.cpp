// The coverage sheets of the live workbook: the tables of coverage_tables(), each figure a
// formula that mirrors coverage.cpp (participants x ramp; the band's participants x (1 - overlap);
// young people per FTE; company places against demand).
#include <fmt/format.h>

#include "ungegaranti/coverage.hpp"
#include "ungegaranti/coverage_table.hpp"
#include "ungegaranti/text.hpp"
#include "ungegaranti/workbook_detail.hpp"

namespace ungegaranti::workbook_detail {
namespace {

class CoverageSheets {
 public:
  CoverageSheets(const Scenario& s, Lang lang, Inputs& in, std::string lines_sheet,
                 const std::function<int(Tier, const std::string&)>& initiative_row)
      : s_(s),
        lang_(lang),
        in_(in),
        lines_sheet_(std::move(lines_sheet)),
        initiative_row_(initiative_row) {}

  // Where build() put each participants and band row, for the sheets that sum them.
  struct CoverageRows {
    std::map<std::pair<Tier, std::string>, int> initiative, band;
    std::string participants_sheet, bands_sheet;
    int participants_first = 0, bands_first = 0;  // their first year column
  };

  std::vector<SheetBuilder> build() {
    std::vector<SheetBuilder> sheets;
    std::vector<ModelCoverage> models;
    for (Tier tier : kAllTiers)
      models.push_back(compute_coverage(s_, tier));
    std::vector<Table> tables = coverage_tables(s_, models, CoverageBy::kInitiative, lang_);
    CoverageRows at;
    at.participants_sheet = in_lang(lang_, "Deltagere", "Participants");
    at.bands_sheet = in_lang(lang_, "Unikke unge", "Distinct young people");
    for (const Table& table : tables) {
      int label = column_of(table, "model") == 0 ? 1 : 0;
      for (size_t r = 0; r < table.rows.size(); ++r) {
        const Row& row = table.rows[r];
        auto key = std::make_pair(tier_of(table, row, Tier::kSolv),
                                  row.cells[static_cast<size_t>(label)].key);
        if (table.id == "participants")
          at.initiative[key] = kLiveBodyRow + static_cast<int>(r);
        if (table.id == "bands")
          at.band[key] = kLiveBodyRow + static_cast<int>(r);
      }
      if (table.id == "participants")
        at.participants_first = first_year_column(table);
      if (table.id == "bands")
        at.bands_first = first_year_column(table);
    }
    for (const Table& table : tables) {
      if (table.id == "participants")
        sheets.push_back(participants_sheet(table, at));
      else if (table.id == "bands")
        sheets.push_back(bands_sheet(table, at));
      else if (table.id == "caseload")
        sheets.push_back(caseload_sheet(table, at));
      else if (table.id == "coordination")
        sheets.push_back(coordination_sheet(table, at));
      else if (table.id == "company_places")
        sheets.push_back(places_sheet(table, at));
    }
    return sheets;
  }

  int first_year_column(const Table& table) const {
    return column_of(table, std::to_string(s_.first_year));
  }
  // The cells of `rows` of `sheet` in the year column `column`, summed.
  static std::string sum_rows(const std::string& sheet, const std::vector<int>& rows, int column) {
    return sum_of(sheet, rows, column);
  }

  SheetBuilder participants_sheet(const Table& table, const CoverageRows& at) {
    int label = column_of(table, "model") == 0 ? 1 : 0;
    int first = first_year_column(table), last = first + static_cast<int>(years()) - 1;
    return table_sheet(
        table, at.participants_sheet,
        in_lang(lang_, "Formler over Inddata: deltagere ved fuldt niveau x indfasning.",
                "Formulas over the inputs: participants at full level x ramp."),
        [&, label, first, last](const Row& row, int sheet_row, const Column& column,
                                int c) -> std::string {
          Tier tier = tier_of(table, row, Tier::kSolv);
          const std::string& id = row.cells[static_cast<size_t>(label)].key;
          const Initiative* ini = find_by_id(s_.initiatives, id);
          const Intensity& in = *ini->per_model[static_cast<size_t>(tier)];
          if (c >= first && c <= last) {
            return fmt::format("={}*{}", in_(in.participants),
                               in_(in.ramp[static_cast<size_t>(c - first)]));
          }
          std::string span = fmt::format("{}:{}", cell(sheet_row, first), cell(sheet_row, last));
          if (column.id == "band_share") {
            return fmt::format("={}/{}*100", cell(sheet_row, last),
                               in_(s_.band(ini->age_band)->count));
          }
          if (column.id == "cost_per_participant") {
            int r = initiative_row_(tier, id);
            return fmt::format("=IF(SUM({0})>0,SUM({1}:{2})/SUM({0}),\"\")", span,
                               on(lines_sheet_, r, kYearColumn),
                               absolute(r, kYearColumn + static_cast<int>(years()) - 1));
          }
          return "";
        });
  }

  SheetBuilder bands_sheet(const Table& table, const CoverageRows& at) {
    int label = column_of(table, "model") == 0 ? 1 : 0;
    int first = first_year_column(table), last = first + static_cast<int>(years()) - 1;
    int count = column_of(table, "count");
    return table_sheet(
        table, at.bands_sheet,
        in_lang(lang_, "Formler over Deltagere og Inddata: deltagere x (1 - overlap).",
                "Formulas over the participants and the inputs: participants x (1 - overlap)."),
        [&, label, first, last, count](const Row& row, int sheet_row, const Column& column,
                                       int c) -> std::string {
          Tier tier = tier_of(table, row, Tier::kSolv);
          const std::string& id = row.cells[static_cast<size_t>(label)].key;
          if (column.id == "count")
            return "=" + in_(s_.band(id)->count);
          if (column.id == "overlap") {
            const Quantity* share = overlap_of(id);
            return share == nullptr ? "" : fmt::format("={}*100", in_(*share));
          }
          if (c >= first && c <= last) {
            std::vector<int> rows;
            for (const Initiative& ini : s_.initiatives) {
              if (ini.age_band == id && ini.per_model[static_cast<size_t>(tier)])
                rows.push_back(at.initiative.at({tier, ini.id}));
            }
            const Quantity* share = overlap_of(id);
            return fmt::format(
                "={}*(1-{})",
                sum_rows(at.participants_sheet, rows, c - first + at.participants_first),
                share == nullptr ? "0" : in_(*share));
          }
          if (column.id == "share")
            return fmt::format("={}/{}*100", cell(sheet_row, last), cell(sheet_row, count));
          return "";
        });
  }

  const Quantity* overlap_of(const std::string& band) const {
    if (s_.coverage) {
      for (const auto& [id, share] : s_.coverage->overlap) {
        if (id == band)
          return &share;
      }
    }
    return nullptr;
  }

  SheetBuilder caseload_sheet(const Table& table, const CoverageRows& at) {
    int first = first_year_column(table), last = first + static_cast<int>(years()) - 1;
    int fte = column_of(table, "fte"), capacity = column_of(table, "capacity");
    const CoverageSettings& settings = *s_.coverage;
    return table_sheet(
        table, in_lang(lang_, "Sagsmængde", "Caseload"),
        in_lang(lang_, "Formler over Unikke unge og Inddata: unge pr. årsværk.",
                "Formulas over the distinct young people and the inputs: young people per FTE."),
        [&, first, last, fte, capacity](const Row& row, int sheet_row, const Column& column,
                                        int c) -> std::string {
          Tier tier = tier_of(table, row, Tier::kSolv);
          if (column.id == "fte") {
            std::string sum;
            for (const auto& [role, count] : s_.model(tier).staffing) {
              if (role == settings.caseload_role)
                sum += (sum.empty() ? "=" : "+") + in_(count);
            }
            return sum;
          }
          if (column.id == "capacity")
            return "=" + in_(settings.capacity_per_fte);
          if (c >= first && c <= last) {
            std::vector<int> rows;
            for (const std::string& band : settings.caseload_bands) {
              auto it = at.band.find({tier, band});
              if (it != at.band.end())
                rows.push_back(it->second);
            }
            int source = c - first + at.bands_first;
            return fmt::format("={}/{}", sum_rows(at.bands_sheet, rows, source),
                               cell(sheet_row, fte));
          }
          if (column.id == "over" && row.cells[static_cast<size_t>(c)].key != "none") {
            return fmt::format("=IF(MAX({}:{})>{},\"{}\",\"{}\")", cell(sheet_row, first),
                               cell(sheet_row, last), cell(sheet_row, capacity),
                               in_lang(lang_, "Ja", "Yes"), in_lang(lang_, "Nej", "No"));
          }
          return "";
        });
  }

  // Four rows a model: young people to coordinate, FTE needed, FTE available, available - needed.
  SheetBuilder coordination_sheet(const Table& table, const CoverageRows& at) {
    int label = column_of(table, "model") == 0 ? 1 : 0;
    int first = first_year_column(table), last = first + static_cast<int>(years()) - 1;
    const IndividualCoordination& c = *s_.coverage->coordination;
    return table_sheet(
        table, in_lang(lang_, "Koordinering", "Coordination"),
        in_lang(lang_,
                "Formler over Unikke unge og Inddata: årsværk til den individuelle koordinering.",
                "Formulas over the distinct young people and the inputs: FTE for the individual "
                "coordination."),
        [&, label, first, last](const Row& row, int sheet_row, const Column&,
                                int col) -> std::string {
          if (col < first || col > last)
            return "";
          Tier tier = tier_of(table, row, Tier::kSolv);
          const std::string& key = row.cells[static_cast<size_t>(label)].key;
          if (key == "cases") {
            std::vector<int> rows;
            for (const std::string& band : c.bands) {
              auto it = at.band.find({tier, band});
              if (it != at.band.end())
                rows.push_back(it->second);
            }
            return "=" + sum_rows(at.bands_sheet, rows, col - first + at.bands_first);
          }
          if (key == "needed_fte")  // the row above: the young people
            return fmt::format("={}/{}", cell(sheet_row - 1, col), in_(c.capacity_per_fte));
          if (key == "available_fte")
            return "=" + in_(c.available_fte);
          if (key == "gap")  // the two rows above: available, then needed
            return fmt::format("={}-{}", cell(sheet_row - 1, col), cell(sheet_row - 2, col));
          return "";
        });
  }

  SheetBuilder places_sheet(const Table& table, const CoverageRows& at) {
    int label = column_of(table, "model") == 0 ? 1 : 0;
    int first = first_year_column(table), last = first + static_cast<int>(years()) - 1;
    return table_sheet(
        table, in_lang(lang_, "Virksomhedspladser", "Company places"),
        in_lang(lang_, "Formler over Deltagere og Inddata.",
                "Formulas over the participants and the inputs."),
        [&, label, first, last](const Row& row, int sheet_row, const Column&,
                                int c) -> std::string {
          if (c < first || c > last)
            return "";
          Tier tier = tier_of(table, row, Tier::kSolv);
          const std::string& key = row.cells[static_cast<size_t>(label)].key;
          if (key == "demand") {
            std::vector<int> rows;
            for (const Initiative& ini : s_.initiatives) {
              if (ini.needs_company_place && ini.per_model[static_cast<size_t>(tier)])
                rows.push_back(at.initiative.at({tier, ini.id}));
            }
            return "=" + sum_rows(at.participants_sheet, rows, c - first + at.participants_first);
          }
          if (key == "supply")
            return "=" + in_(*s_.model(tier).company_places);
          if (key == "gap")  // the two rows above: places, then demand
            return fmt::format("={}-{}", cell(sheet_row - 1, c), cell(sheet_row - 2, c));
          return "";
        });
  }

 private:
  size_t years() const { return static_cast<size_t>(s_.year_count); }

  const Scenario& s_;
  Lang lang_;
  Inputs& in_;
  std::string lines_sheet_;
  const std::function<int(Tier, const std::string&)>& initiative_row_;
};

}  // namespace

std::vector<SheetBuilder> coverage_sheets(
    const Scenario& s, Lang lang, Inputs& in, const std::string& lines_sheet,
    const std::function<int(Tier, const std::string&)>& initiative_row) {
  return CoverageSheets(s, lang, in, lines_sheet, initiative_row).build();
}

}  // namespace ungegaranti::workbook_detail
