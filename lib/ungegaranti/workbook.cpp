// The live workbook as plain data. The cost equations are written a second time here (and the
// coverage equations in workbook_coverage.cpp), as Excel formulas over named input cells: each
// formula mirrors one line of cost.cpp or coverage.cpp, in the same order of operations, and
// carries the engine's own figure as its cached result. The layouts and labels come from the same
// Tables the other commands print (cost_table, coverage_tables), so that a sheet can be compared
// with that command's JSON cell for cell; tests/workbook_check.py recalculates the workbook in
// LibreOffice and does so.
#include "ungegaranti/workbook.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <set>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/cost_table.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/economics_table.hpp"
#include "ungegaranti/project_table.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario_data.hpp"
#include "ungegaranti/text.hpp"
#include "ungegaranti/workbook_detail.hpp"

namespace ungegaranti {
namespace {

using namespace workbook_detail;

// One cost line of one model: its rows (one per year) and the formula of each year's amount.
struct Line {
  Tier tier = Tier::kSolv;
  Category category = Category::kStaffing;
  std::string id;
  std::vector<std::string> formulas;  // per year; empty: the amount is 0 by structure
  std::vector<CostRow> rows;
  int sheet_row = 0;
};

class Builder {
 public:
  Builder(const Scenario& s, Lang lang)
      : s_(s),
        lang_(lang),
        in_(s),
        index_(in_lang(lang_, "Indeks", "Index")),
        lines_(in_lang(lang_, "Linjer", "Lines")) {}

  LiveWorkbook build(const std::vector<Table>& value_tables) {
    index_sheet();
    for (Tier tier : kAllTiers)
      add_lines(tier);
    lines_sheet();
    std::vector<SheetBuilder> sheets;
    cost_sheets(sheets);
    auto initiative_row = [this](Tier tier, const std::string& id) {
      return initiative_line_row(tier, id);
    };
    for (SheetBuilder& sheet : coverage_sheets(s_, lang_, in_, lines_.name(), initiative_row))
      sheets.push_back(std::move(sheet));
    for (const Table& table : value_tables)
      sheets.push_back(value_sheet(table));

    LiveWorkbook book;
    book.sheets.push_back(input_sheet());
    book.sheets.push_back(index_.take());
    book.sheets.push_back(lines_.take());
    for (SheetBuilder& sheet : sheets)
      book.sheets.push_back(sheet.take());
    book.sheets.push_back(stamp_sheet());
    book.names = std::move(names_);
    return book;
  }

 private:
  size_t years() const { return static_cast<size_t>(s_.year_count); }
  int year_row(int year) const { return kLiveBodyRow + year - s_.first_year; }
  std::string wages(int year) const { return on(index_.name(), year_row(year), 1); }
  std::string other(int year) const { return on(index_.name(), year_row(year), 2); }
  std::string changed_count() const { return on(input_name_, 1, 0); }

  void index_sheet() {
    head(index_, in_lang(lang_, "Indeksfaktorer", "Index factors"),
         in_lang(lang_,
                 "Faktor = (1 + fremskrivning pr. år) ^ (år - prisniveau); puljer er nominelle.",
                 "Factor = (1 + indexation a year) ^ (year - price base); funding is nominal."),
         {in_lang(lang_, "År", "Year"), in_lang(lang_, "Løn", "Wages"),
          in_lang(lang_, "Øvrigt", "Other")});
    std::string base = in_.price_base();
    std::string wage = in_(s_.wage_indexation), other_rate = in_(s_.other_indexation);
    for (int year = s_.first_year; year <= s_.last_year(); ++year) {
      int row = year_row(year);
      index_.number(row, 0, year, "0");
      index_.formula(row, 1, fmt::format("=(1+{})^({}-{})", wage, cell(row, 0), base),
                     index_factor(s_.wage_indexation.value, s_.price_base, year), "0.000000");
      index_.formula(row, 2, fmt::format("=(1+{})^({}-{})", other_rate, cell(row, 0), base),
                     index_factor(s_.other_indexation.value, s_.price_base, year), "0.000000");
    }
  }

  // The formulas of each line, in the order compute_cost() gives the lines (cost.cpp).
  void add_lines(Tier tier) {
    const Model& model = s_.model(tier);
    std::vector<Line> lines;
    auto every_year = [&](Category category, std::string id, auto formula) {
      Line line{tier, category, std::move(id), {}, {}, 0};
      for (int year = s_.first_year; year <= s_.last_year(); ++year)
        line.formulas.push_back(formula(year));
      lines.push_back(std::move(line));
    };
    auto annual = [&](const std::string& role) { return in_(s_.role(role)->annual_cost); };
    auto hourly = [&](const std::string& role) {
      return fmt::format("({}/{})", annual(role), in_(s_.hours_per_fte));
    };
    for (const auto& staffing : model.staffing) {
      // Named, not a structured binding: clang 14 (the fuzz build) refuses to capture those.
      const std::string& role = staffing.first;
      const Quantity& fte = staffing.second;
      every_year(Category::kStaffing, "staffing." + role, [&](int year) {
        return fmt::format("={}*{}*{}", in_(fte), annual(role), wages(year));
      });
    }
    for (const Initiative& ini : s_.initiatives) {
      const auto& in = ini.per_model[static_cast<size_t>(tier)];
      if (!in)
        continue;
      every_year(Category::kInitiatives, ini.id, [&](int year) {
        const Quantity& ramp = in->ramp[static_cast<size_t>(year - s_.first_year)];
        std::string w = in_(ini.wage_share);
        return fmt::format("=({}+{}*{}*{})*({}*{}+(1-{})*{})", in_(in->fixed_cost),
                           in_(in->participants), in_(in->unit_cost), in_(ramp), w, wages(year), w,
                           other(year));
      });
    }
    if (const auto& g = s_.steering_group) {
      for (const auto& member : g->members) {
        const std::string& role = member.first;
        const Quantity& count = member.second;
        every_year(Category::kCoordination, "steering_group." + role, [&](int year) {
          return fmt::format("={}*{}*{}*{}*{}", in_(g->meetings_per_year),
                             in_(g->hours_per_meeting), in_(count), hourly(role), wages(year));
        });
      }
      if (const auto& sec = g->secretariat) {
        every_year(Category::kCoordination, "steering_group.secretariat", [&](int year) {
          return fmt::format("={}*{}*{}", in_(sec->hours_per_year), hourly(sec->role), wages(year));
        });
      }
    }
    if (const auto& status = model.status_reporting) {
      every_year(Category::kCoordination, "status_reporting", [&](int year) {
        return fmt::format("={}*{}*{}", in_(status->hours_per_year), hourly(status->role),
                           wages(year));
      });
    }
    for (const OneOff& o : model.one_off) {
      every_year(Category::kOneOff, "one_off." + o.id, [&](int year) {
        return year == o.year ? fmt::format("={}*{}", in_(o.amount), other(year)) : "";
      });
    }
    for (const Funding& f : model.funding) {
      every_year(Category::kFunding, "funding." + f.id, [&](int year) {
        return year >= f.from && year <= f.to ? fmt::format("=-{}", in_(f.amount)) : "";
      });
    }
    // compute_cost() gives each line's years one after the other, in the same order.
    std::vector<CostRow> rows = compute_cost(s_, tier);
    assert(rows.size() == lines.size() * years());
    for (size_t i = 0; i < lines.size(); ++i) {
      lines[i].rows.assign(rows.begin() + static_cast<long>(i * years()),
                           rows.begin() + static_cast<long>((i + 1) * years()));
      assert(lines[i].rows.front().line == lines[i].id);
      assert(lines[i].rows.front().category == lines[i].category);
      all_rows_.insert(all_rows_.end(), lines[i].rows.begin(), lines[i].rows.end());
      lines[i].sheet_row = kLiveBodyRow + static_cast<int>(lines_list_.size());
      lines_list_.push_back(std::move(lines[i]));
    }
  }

  void lines_sheet() {
    std::vector<std::string> header = {
        in_lang(lang_, "Model", "Model"), in_lang(lang_, "Kategori", "Category"),
        in_lang(lang_, "Spor", "Track"),  in_lang(lang_, "Forankring", "Department"),
        in_lang(lang_, "Rolle", "Role"),  in_lang(lang_, "Linje", "Line"),
        in_lang(lang_, "Navn", "Name")};
    for (int y = s_.first_year; y <= s_.last_year(); ++y)
      header.push_back(std::to_string(y));
    header.push_back(in_lang(lang_, "I alt", "Total"));
    head(lines_,
         in_lang(lang_, "Udgiftslinjer (kr., løbende priser): formler over Inddata og Indeks",
                 "Cost lines (DKK, current prices): formulas over the inputs and the index"),
         in_lang(lang_, "Hver celle er en formel; den gemte værdi er ungegarantis eget tal.",
                 "Every cell is a formula; its stored value is ungegaranti's own figure."),
         header);
    for (const Line& line : lines_list_) {
      const CostRow& first = line.rows.front();
      int r = line.sheet_row;
      std::vector<std::string> lead = {std::string(tier_id(line.tier)),
                                       std::string(category_id(line.category)),
                                       first.track,
                                       first.department,
                                       first.role,
                                       line.id,
                                       first.label};
      for (size_t c = 0; c < lead.size(); ++c) {
        if (!lead[c].empty())
          lines_.text(r, static_cast<int>(c), lead[c]);
      }
      double total = 0;
      for (size_t y = 0; y < years(); ++y) {
        int column = kYearColumn + static_cast<int>(y);
        total += line.rows[y].dkk;
        if (line.formulas[y].empty()) {
          lines_.number(r, column, 0.0, "#,##0");
        } else {
          lines_.formula(r, column, line.formulas[y], line.rows[y].dkk, "#,##0");
        }
      }
      int last = kYearColumn + static_cast<int>(years()) - 1;
      lines_.formula(r, last + 1, fmt::format("=SUM({}:{})", cell(r, kYearColumn), cell(r, last)),
                     total, "#,##0", LiveStyle::kBold);
    }
  }

  // Lines of `tier` that `pick` accepts, as rows of the lines sheet.
  template <typename Pick>
  std::vector<const Line*> lines_of(Tier tier, Pick pick) const {
    std::vector<const Line*> out;
    for (const Line& line : lines_list_) {
      if (line.tier == tier && pick(line))
        out.push_back(&line);
    }
    return out;
  }

  int initiative_line_row(Tier tier, const std::string& id) const {
    for (const Line& line : lines_list_) {
      if (line.tier == tier && line.category == Category::kInitiatives && line.id == id)
        return line.sheet_row;
    }
    assert(false && "coverage names an initiative the cost lines do not have");
    return 0;
  }

  // The formula summing `lines` in `year`, checked against the figure the table holds.
  std::string lines_sum(const std::vector<const Line*>& lines, int year, double expected) const {
    std::vector<int> rows;
    double sum = 0;
    for (const Line* line : lines) {
      rows.push_back(line->sheet_row);
      sum += line->rows[static_cast<size_t>(year - s_.first_year)].dkk;
    }
    assert(std::abs(sum - expected) <= 1e-6 * std::max(1.0, std::abs(expected)));
    (void)sum;
    (void)expected;
    return "=" + sum_of(lines_.name(), rows, kYearColumn + year - s_.first_year);
  }

  std::string formula_note() const {
    return in_lang(lang_,
                   "Formler over Linjer og Inddata; den gemte værdi er ungegarantis eget tal.",
                   "Formulas over the lines and the inputs; the stored value is ungegaranti's own "
                   "figure.");
  }

  void cost_sheets(std::vector<SheetBuilder>& sheets) {
    const std::pair<By, std::string> breakdowns[] = {
        {By::kYear, in_lang(lang_, "Udgifter pr. år", "Cost per year")},
        {By::kCategory, in_lang(lang_, "Efter kategori", "By category")},
        {By::kTrack, in_lang(lang_, "Efter spor", "By track")},
        {By::kDepartment, in_lang(lang_, "Efter forankring", "By department")},
        {By::kRole, in_lang(lang_, "Efter rolle", "By role")},
        {By::kLine, in_lang(lang_, "Efter linje", "By line")}};
    Tier only = all_rows_.empty() ? Tier::kSolv : all_rows_.front().tier;
    for (const auto& [by, name] : breakdowns) {
      Table table = cost_table(s_, all_rows_, by, lang_);
      if (by == By::kYear) {
        sheets.push_back(by_year_sheet(table, name, only));
        continue;
      }
      // Which group each line falls in: the group of a table of that line alone.
      std::map<const Line*, std::string> group;
      for (const Line& line : lines_list_) {
        if (line.category == Category::kFunding)
          continue;
        Table alone = cost_table(s_, line.rows, by, lang_);
        group[&line] = alone.rows.front().cells[0].key + '\x1f' + alone.rows.front().cells[0].text;
      }
      int label = column_of(table, "model") == 0 ? 1 : 0;
      sheets.push_back(table_sheet(
          table, name, formula_note(),
          [&, label](const Row& row, int sheet_row, const Column& column, int c) -> std::string {
            if (column.id == "total") {
              return fmt::format("=SUM({}:{})", cell(sheet_row, label + 1), cell(sheet_row, c - 1));
            }
            if (!is_year(column.id))
              return "";
            Tier tier = tier_of(table, row, only);
            const std::string& key = row.cells[static_cast<size_t>(label)].key;
            std::string wanted = key + '\x1f' + row.cells[static_cast<size_t>(label)].text;
            auto lines = lines_of(tier, [&](const Line& l) {
              bool funding = l.category == Category::kFunding;
              if (row.kind == RowKind::kSubtotal)
                return !funding;
              if (row.kind == RowKind::kFunding)
                return funding;
              if (row.kind == RowKind::kTotal)
                return true;
              return !funding && group.at(&l) == wanted;
            });
            return lines_sum(lines, std::stoi(column.id),
                             *row.cells[static_cast<size_t>(c)].number);
          }));
    }
  }

  SheetBuilder by_year_sheet(const Table& table, const std::string& name, Tier only) {
    int label = column_of(table, "model") == 0 ? 1 : 0;
    // The body rows of each model, for the total row's sums.
    std::map<Tier, std::vector<int>> body_rows;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      if (table.rows[r].kind == RowKind::kBody)
        body_rows[tier_of(table, table.rows[r], only)].push_back(kLiveBodyRow +
                                                                 static_cast<int>(r));
    }
    int gross = column_of(table, "gross"), funding = column_of(table, "funding");
    return table_sheet(
        table, name, formula_note(),
        [&, label, gross, funding](const Row& row, int sheet_row, const Column& column,
                                   int c) -> std::string {
          if (c <= label)
            return "";
          Tier tier = tier_of(table, row, only);
          if (row.kind == RowKind::kTotal) {
            const std::vector<int>& rows = body_rows[tier];
            return fmt::format("=SUM({}:{})", cell(rows.front(), c), cell(rows.back(), c));
          }
          if (column.id == "gross")
            return fmt::format("=SUM({}:{})", cell(sheet_row, label + 1), cell(sheet_row, c - 1));
          if (column.id == "net")
            return fmt::format("={}+{}", cell(sheet_row, gross), cell(sheet_row, funding));
          int year = std::stoi(row.cells[static_cast<size_t>(label)].key);
          auto lines =
              lines_of(tier, [&](const Line& l) { return category_id(l.category) == column.id; });
          return lines_sum(lines, year, *row.cells[static_cast<size_t>(c)].number);
        });
  }

  // Projection and economics: values, under the check of the inputs.
  SheetBuilder value_sheet(const Table& table) {
    std::string name = value_sheet_name(table);
    SheetBuilder sheet = table_sheet(
        table, name, "", [](const Row&, int, const Column&, int) { return std::string(); });
    sheet.formula_text(1, 0, check_formula(), check_ok(), LiveStyle::kWarning);
    return sheet;
  }

  std::string value_sheet_name(const Table& table) {
    static const std::map<std::string, std::pair<std::string_view, std::string_view>> names = {
        {"base", {"NEET basis", "NEET base"}},
        {"targets", {"Mål", "Targets"}},
        {"projection", {"Fremskrivning", "Projection"}},
        {"economics", {"Økonomi", "Economics"}},
        {"economics_years", {"Økonomi pr. år", "Economics by year"}},
        {"economics_items", {"Økonomi efter post", "Economics by item"}},
        {"increments", {"Trin op", "Steps up"}}};
    auto it = names.find(table.id);
    std::string base = it == names.end() ? table.id.substr(0, 25)
                                         : pick_lang(lang_, it->second.first, it->second.second);
    std::string name = base;
    for (int n = 2; !value_names_.insert(name).second; ++n)
      name = fmt::format("{} ({})", base, n);
    return name;
  }

  std::string check_ok() const {
    return in_lang(lang_, "Værdier beregnet af ungegaranti ved inddata {}; Inddata er uændret.",
                   "Values computed by ungegaranti at input {}; the inputs are unchanged.",
                   s_.input_hash);
  }
  std::string check_formula() const {
    std::string changed =
        in_lang(lang_,
                "ADVARSEL: \"&{}&\" inddata er ændret; disse værdier hører til inddata {} "
                "og følger ikke med. Kør ungegaranti igen med de nye værdier.",
                "WARNING: \"&{}&\" inputs have changed; these values belong to input {} and "
                "do not follow. Run ungegaranti again with the new values.",
                changed_count(), s_.input_hash);
    return fmt::format("=IF({}=0,\"{}\",\"{}\")", changed_count(), check_ok(), changed);
  }

  LiveSheet input_sheet() {
    SheetBuilder sheet(input_name_);
    std::vector<const Quantity*> inputs = in_.used(s_);
    int first = kLiveBodyRow, last = kLiveBodyRow + static_cast<int>(inputs.size()) - 1;
    head(sheet,
         fmt::format("{} — {} ({} {})", in_lang(lang_, "Inddata", "Inputs"), s_.title,
                     in_lang(lang_, "inddata", "input"), s_.input_hash),
         "",
         {in_lang(lang_, "Sti", "Path"), in_lang(lang_, "Værdi", "Value"),
          in_lang(lang_, "Enhed", "Unit"), in_lang(lang_, "Lav", "Low"),
          in_lang(lang_, "Høj", "High"), in_lang(lang_, "Kilde", "Source"),
          in_lang(lang_, "Note", "Note"),
          in_lang(lang_, "Værdi ved skrivning", "Value when written"),
          in_lang(lang_, "Ændret", "Changed")});
    sheet.formula(1, 0,
                  fmt::format("=SUMPRODUCT(({}:{}<>{}:{})*1)", absolute(first, 1),
                              absolute(last, 1), absolute(first, 7), absolute(last, 7)),
                  0.0, "0", LiveStyle::kWarning);
    sheet.formula_text(1, 1, check_formula(), check_ok(), LiveStyle::kWarning);
    for (size_t i = 0; i < inputs.size(); ++i) {
      const Quantity& q = *inputs[i];
      int r = kLiveBodyRow + static_cast<int>(i);
      sheet.text(r, 0, q.path);
      sheet.number(r, 1, q.value, "", LiveStyle::kInput);
      if (!q.unit.empty())
        sheet.text(r, 2, q.unit);
      if (q.low)
        sheet.number(r, 3, *q.low, "");
      if (q.high)
        sheet.number(r, 4, *q.high, "");
      if (!q.source.empty())
        sheet.text(r, 5, q.source);
      if (!q.note.empty())
        sheet.text(r, 6, q.note);
      sheet.number(r, 7, q.value, "");
      sheet.formula_text(r, 8,
                         fmt::format("=IF({}={},\"\",\"{}\")", cell(r, 1), cell(r, 7),
                                     in_lang(lang_, "ændret", "changed")),
                         "");
      names_.emplace_back(in_.name(q.path), "=" + on(input_name_, r, 1));
    }
    LiveSheet out = sheet.take();
    out.widths.resize(9, 8.0);
    out.widths[5] = std::min(out.widths[5], 50.0);
    out.widths[6] = std::min(out.widths[6], 50.0);
    return out;
  }

  LiveSheet stamp_sheet() {
    SheetBuilder sheet(in_lang(lang_, "Stempel", "Stamp"));
    int row = 0;
    sheet.text(row++, 0, stamp_line(stamp_of(s_), lang_), LiveStyle::kTitle);
    sheet.formula_text(row++, 0, check_formula(), check_ok(), LiveStyle::kWarning);
    ++row;
    for (const std::string& line : std::vector<std::string>{
             in_lang(
                 lang_,
                 "Inddata: hver værdi, som udgifter og dækning bruger, som en navngivet celle "
                 "(gul). "
                 "Kun de gule celler kan ændres; de andre ark er beskyttet uden adgangskode.",
                 "Inputs: every value that the costs and the coverage use, as a named cell "
                 "(yellow). Only the yellow cells can be changed; the other sheets are protected "
                 "without a password."),
             pick_lang(
                 lang_,
                 "Udgifter, dækning og sagsmængde er formler; deres gemte værdi er ungegarantis "
                 "eget "
                 "tal ved inddata " +
                     s_.input_hash + ".",
                 "Costs, coverage and caseload are formulas; their stored value is ungegaranti's "
                 "own figure at input " +
                     s_.input_hash + "."),
             in_lang(
                 lang_,
                 "Fremskrivning og økonomi er værdier fra ungegaranti og følger ikke ændringer i "
                 "Inddata.",
                 "The projection and the economics are values from ungegaranti and do not follow "
                 "changes to the inputs."),
             in_lang(
                 lang_,
                 "Kontrollen sammenligner hver inddatacelle med dens værdi ved skrivning (kolonne "
                 "H). Den ser ikke ændringer i formler eller i kolonne H efter at beskyttelsen er "
                 "slået fra, og den kan ikke genberegne inddata-hashen.",
                 "The check compares each input cell with its value when written (column H). It "
                 "does not see changes to formulas, or to column H once the protection is off, "
                 "and it cannot recompute the input hash.")}) {
      sheet.text(row++, 0, line);
    }
    LiveSheet out = sheet.take();
    out.widths.assign(1, 100.0);
    return out;
  }

  const Scenario& s_;
  Lang lang_;
  Inputs in_;
  std::string input_name_ = in_lang(lang_, "Inddata", "Inputs");
  SheetBuilder index_;
  SheetBuilder lines_;
  std::vector<Line> lines_list_;
  std::vector<CostRow> all_rows_;
  std::vector<std::pair<std::string, std::string>> names_;
  std::set<std::string> value_names_;
};

}  // namespace

std::string input_name(const std::string& path) {
  std::string name = "in_";
  for (char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    name += plain ? c : '_';
  }
  return name;
}

LiveWorkbook build_live_workbook(const Scenario& scenario, const std::vector<Table>& value_tables,
                                 Lang lang) {
  return Builder(scenario, lang).build(value_tables);
}

std::vector<Table> workbook_value_tables(const Scenario& scenario, Lang lang) {
  std::vector<Table> values;
  if (!scenario.projection)
    return values;
  NeetData data = load_projection_data(scenario);
  std::vector<Tier> tiers(kAllTiers.begin(), kAllTiers.end());
  values = projection_tables(scenario, project(scenario, data, tiers), lang);
  if (scenario.economics) {
    ProjectionResult through = project(scenario, data, tiers, economics_last_year(scenario));
    for (Table& t : economics_tables(scenario, compute_economics(scenario, through), lang))
      values.push_back(std::move(t));
  }
  return values;
}

}  // namespace ungegaranti
