#include "ungegaranti/workbook.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "scenario_text.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/render/xlsx_live.hpp"

using namespace ungegaranti;

namespace {

const LiveSheet& sheet_named(const LiveWorkbook& book, const std::string& name) {
  for (const LiveSheet& sheet : book.sheets) {
    if (sheet.name == name)
      return sheet;
  }
  FAIL("no sheet " << name);
  return book.sheets.front();
}

// The cell at an Excel reference such as "I9" (1-based row), or an empty cell.
LiveCell at(const LiveSheet& sheet, const std::string& ref) {
  int column = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i)
    column = column * 26 + (ref[i] - 'A' + 1);
  int row = std::stoi(ref.substr(i));
  for (const LiveCell& cell : sheet.cells) {
    if (cell.row == row - 1 && cell.column == column - 1)
      return cell;
  }
  return {};
}

LiveWorkbook hand_workbook(const std::vector<Table>& values = {}) {
  return build_live_workbook(parse_scenario(kHandScenario, "t.yaml"), values, Lang::kDa);
}

}  // namespace

TEST_CASE("input names: the path with every character but a letter, digit or _ made _") {
  struct Case {
    const char* path;
    const char* name;
  };
  const Case cases[] = {
      {"roles.sagsbehandler.annual_cost", "in_roles_sagsbehandler_annual_cost"},
      {"initiatives.mentor.ramp.0", "in_initiatives_mentor_ramp_0"},
      {"roles.sagsbehandler-2.annual_cost", "in_roles_sagsbehandler_2_annual_cost"},
      {"population.børn.count", "in_population_b__rn_count"},  // ø is two bytes
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CHECK(input_name(c.path) == c.name);
  }
}

// The lines sheet of kHandScenario, rows as Excel numbers them: the title, a note, the header,
// then guld (rows 4-7: staffing.cw, steering chief, secretariat, one-off), solv (8-12: staffing.cw,
// mentor, steering chief, secretariat, funding) and bronze (13-16). Years 2025 and 2026 are
// columns H and I. Hand figures as in cost_test.cpp: cw costs 500 kr./hour, wages +10 %, other +5
// %.
TEST_CASE("the hand scenario's cost lines are formulas over named inputs, cached by hand") {
  LiveWorkbook book = hand_workbook();
  const LiveSheet& lines = sheet_named(book, "Linjer");
  struct Case {
    const char* ref;
    const char* formula;  // "" for a constant
    double cached;
  };
  const Case cases[] = {
      // guld staffing: 2 FTE x 500.000 x wage index 1.1 in 2026
      {"I4", "=in_models_guld_staffing_cw*in_roles_cw_annual_cost*'Indeks'!$B$5", 1100000},
      // steering group: 4 meetings x 3 hours x 2 chiefs x (1.000.000 / 1.000 hours) x 1.0
      {"H5",
       "=in_steering_group_meetings_per_year*in_steering_group_hours_per_meeting*"
       "in_steering_group_members_chief*(in_roles_chief_annual_cost/in_hours_per_fte)*"
       "'Indeks'!$B$4",
       24000},
      // one-off: nothing in 2025, 100.000 x other index 1.05 in 2026
      {"H7", "", 0},
      {"I7", "=in_models_guld_one_off_mat_amount*'Indeks'!$C$5", 105000},
      // solv mentor 2026: (30.000 + 10 x 20.000 x 1) x (0.5 x 1.1 + 0.5 x 1.05) = 247.250
      {"I9",
       "=(in_initiatives_mentor_per_model_solv_fixed_cost+in_initiatives_mentor_per_model_solv_"
       "participants*in_initiatives_mentor_per_model_solv_unit_cost*in_initiatives_mentor_ramp_1)*"
       "(in_initiatives_mentor_wage_share*'Indeks'!$B$5+(1-in_initiatives_mentor_wage_share)*"
       "'Indeks'!$C$5)",
       247250},
      // solv funding: nominal, from 2026
      {"H12", "", 0},
      {"I12", "=-in_models_solv_funding_p_amount", -40000},
      // the line's total: 130.000 + 247.250
      {"J9", "=SUM(H9:I9)", 377250},
  };
  for (const Case& c : cases) {
    CAPTURE(c.ref);
    LiveCell cell = at(lines, c.ref);
    CHECK(cell.formula == c.formula);
    REQUIRE(cell.number);
    CHECK(*cell.number == doctest::Approx(c.cached).epsilon(1e-12));
  }
  // The index: (1 + 0.1) ^ (2026 - 2025), with the price base an input too.
  const LiveSheet& index = sheet_named(book, "Indeks");
  CHECK(at(index, "B5").formula == "=(1+in_indexation_wages)^(A5-in_price_base)");
  CHECK(*at(index, "B5").number == doctest::Approx(1.1));
  CHECK(*at(index, "C5").number == doctest::Approx(1.05));
}

TEST_CASE("the breakdowns sum rows of the lines sheet, with the engine's totals cached") {
  LiveWorkbook book = hand_workbook();
  const LiveSheet& by_category = sheet_named(book, "Efter kategori");
  // Rows: guld staffing, coordination, one-off, gross, funding, net (4-9); solv staffing (10),
  // initiatives (11), coordination (12), gross (13), funding (14), net (15). Columns C, D: years.
  struct Case {
    const char* ref;
    const char* formula;
    double cached;
  };
  const Case cases[] = {
      {"D11", "=SUM('Linjer'!$I$9)", 247250},
      // solv coordination 2026: (24.000 + 100 hours x 500) x 1.1 = 81.400
      {"D12", "=SUM('Linjer'!$I$10:$I$11)", 81400},
      {"D14", "=SUM('Linjer'!$I$12)", -40000},
      // solv net 2026: 1.5 x 500.000 x 1.1 + 247.250 + 81.400 - 40.000 = 1.113.650
      {"D15", "=SUM('Linjer'!$I$8:$I$12)", 1113650},
      // solv net 2025: 750.000 + 130.000 + 74.000 = 954.000; the period: 954.000 + 1.113.650
      {"E15", "=SUM(C15:D15)", 2067650},
  };
  for (const Case& c : cases) {
    CAPTURE(c.ref);
    LiveCell cell = at(by_category, c.ref);
    CHECK(cell.formula == c.formula);
    REQUIRE(cell.number);
    CHECK(*cell.number == doctest::Approx(c.cached).epsilon(1e-12));
  }
}

TEST_CASE("every input is a named, unlocked cell, and the check compares it with its stamp") {
  LiveWorkbook book = hand_workbook();
  const LiveSheet& inputs = sheet_named(book, "Inddata");
  int found = 0;
  for (const auto& [name, ref] : book.names) {
    CAPTURE(name);
    REQUIRE(ref.starts_with("='Inddata'!$B$"));
    std::string row = ref.substr(std::string("='Inddata'!$B$").size());
    LiveCell path = at(inputs, "A" + row), value = at(inputs, "B" + row);
    CHECK(input_name(path.text) == name);
    CHECK(value.style == LiveStyle::kInput);
    CHECK(at(inputs, "H" + row).number == value.number);  // the value when written
    CHECK(at(inputs, "H" + row).style != LiveStyle::kInput);
    if (path.text == "roles.cw.annual_cost") {
      CHECK(*value.number == 500000);
      ++found;
    }
  }
  CHECK(found == 1);
  // 1 price base + hours_per_fte + 2 indexation rates + 2 roles + 4 steering group + 2 guld + 2
  // solv + 1 bronze + 1 wage share + 2 ramps + 3 for solv's mentor + 3 for bronze's = 24
  CHECK(book.names.size() == 24);
  LiveCell count = at(inputs, "A2");
  CHECK(count.formula == "=SUMPRODUCT(($B$4:$B$27<>$H$4:$H$27)*1)");
  CHECK(*count.number == 0);
  CHECK(at(inputs, "B2").formula.starts_with("=IF('Inddata'!$A$2=0,\""));
}

TEST_CASE("value tables are written as values under the check") {
  Table values;
  values.id = "projection";
  values.title = "NEET";
  values.columns = {{"model", "Model"}, {"neet", "NEET %", ColumnType::kNumber, 1}};
  values.rows = {{RowKind::kBody, {text_cell("Guld", "guld"), number_cell(8.25)}}};
  LiveWorkbook book = hand_workbook({values});
  const LiveSheet& sheet = sheet_named(book, "Fremskrivning");
  CHECK(at(sheet, "B4").formula.empty());
  CHECK(*at(sheet, "B4").number == 8.25);
  CHECK(at(sheet, "B4").format == "#,##0.0");
  LiveCell check = at(sheet, "A2");
  CHECK(check.formula.starts_with("=IF('Inddata'!$A$2=0,"));
  CHECK(check.text.find("Inddata er uændret") != std::string::npos);
  CHECK(book.sheets.back().name == "Stempel");
}

TEST_CASE("a workbook that cannot be written leaves nothing behind") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("ungegaranti-live-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  CHECK_THROWS_AS(write_live_xlsx(hand_workbook(), (dir / "missing" / "model.xlsx").string()),
                  Error);
  CHECK_THROWS_WITH_AS(write_live_xlsx(hand_workbook(), dir.string()),
                       fmt::format("cannot write '{}': it is a directory", dir.string()).c_str(),
                       Error);
  LiveWorkbook broken = hand_workbook();
  broken.sheets[1].cells.push_back({5, 3, "", std::nan(""), "=1/0", "", LiveStyle::kPlain});
  CHECK_THROWS_WITH_AS(
      write_live_xlsx(broken, (dir / "broken.xlsx").string()),
      fmt::format("cannot write '{}': sheet 'Indeks', row 6, column 4 is not a finite number",
                  (dir / "broken.xlsx").string())
          .c_str(),
      Error);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 0);
  write_live_xlsx(hand_workbook(), (dir / "model.xlsx").string());
  CHECK(fs::file_size(dir / "model.xlsx") > 0);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}
