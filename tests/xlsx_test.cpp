#include "ungegaranti/render/xlsx.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "app.hpp"
#include "test_util.hpp"
#include "ungegaranti/error.hpp"

using namespace ungegaranti;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static int count = 0;
    path = fs::temp_directory_path() /
           ("ungegaranti-xlsx-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
};

size_t entries(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The workbook as tests/read_xlsx.py prints it with openpyxl. CI installs python3-openpyxl
// (scripts/install-deps.sh), so its absence fails the test rather than skipping it.
std::string read_xlsx(const fs::path& file) {
  std::string command =
      "/usr/bin/python3 '" + source_file("tests/read_xlsx.py") + "' '" + file.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE_MESSAGE(pipe != nullptr, "cannot run /usr/bin/python3");
  std::string out;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.append(buffer, n);
  int status = pclose(pipe);
  INFO(out);
  REQUIRE_MESSAGE(status == 0,
                  "reading the workbook needs /usr/bin/python3 with python3-openpyxl installed");
  return out;
}

Cell money_cell(double dkk) {
  Cell cell = number_cell(dkk);
  cell.type = ColumnType::kMoney;
  return cell;
}

// Money, numbers with decimals, text, a blank, a total row, and a money cell in a number column.
Table sample() {
  Table t;
  t.id = "cost";
  t.title = "Udgifter pr. år — Sølv";
  t.notes = {"En note.", "En note til."};
  t.columns = {{"category", "Kategori", ColumnType::kText},
               {"2025", "2025", ColumnType::kMoney},
               {"fte", "Årsværk", ColumnType::kNumber, 1},
               {"value", "Værdi", ColumnType::kNumber, 2}};
  t.rows = {{RowKind::kBody,
             {text_cell("Personale", "staffing"), number_cell(1234567.5), number_cell(2.5),
              number_cell(12.345)}},
            {RowKind::kBody, {text_cell("Pr. deltager", "per"), {}, {}, money_cell(56000)}},
            {RowKind::kTotal,
             {text_cell("Netto i alt", "net"), number_cell(-1000), number_cell(2.5), {}}}};
  t.stamp = {"0.1.0", "Test", "abcdef012345", 2025, ""};
  return t;
}

}  // namespace

// Each sheet: the title with the unit (row 1), the unit and price base (row 2), the header (row 3,
// frozen and repeated on every printed page), the body from row 4, then a blank row and each note
// in a wrapped cell merged across the table. A4 (paper 9) landscape, one page wide; the header
// names the table, the footer carries the stamp's short form and the page number. The stamp sheet
// has each different stamp once.
TEST_CASE("xlsx: numeric cells with number formats, a bold frozen header, and a stamp sheet") {
  TempDir dir;
  fs::path file = dir.path / "report.xlsx";
  Table other;
  other.id = "coverage";
  other.title = "Dækning";
  other.columns = {{"band", "Gruppe", ColumnType::kText}, {"count", "Antal", ColumnType::kNumber}};
  other.rows = {{RowKind::kBody, {text_cell("16-17 år", "16-17"), number_cell(1234)}}};
  other.stamp = sample().stamp;
  other.stamp.data = "NEET 2024";
  write_xlsx({sample(), other}, file.string(), {Format::kTable, Lang::kDa, Unit::kTkr});
  CHECK(entries(dir.path) == 1);
  mode_t mask = ::umask(0);  // the usual permissions, not mkstemp()'s 0600
  ::umask(mask);
  CHECK(static_cast<mode_t>(fs::status(file).permissions()) == (0666 & ~mask));
  // Widths are the longest cell plus 2, at least 8: "Pr. deltager" 12 + 2 = 14, "1.235" (tkr.)
  // 5 + 2 -> 8; the stamp sheet's is its longer stamp's 82 characters + 2 = 84. The cost table has
  // a year column and a total row, so it gets a chart.
  std::string footer =
      "  footer 'ungegaranti 0.1.0 · inddata abcdef012345 · prisniveau 2025' "
      "'Side &P af &N'\n";
  std::string expected =
      "sheet 'Udgifter efter kategori' freeze=A4 widths: A=14 B=8 C=9 D=8\n"
      "  page landscape paper=9 fit=1x0 titles=$3:$3 charts=1\n"
      "  header 'Udgifter pr. år — Sølv' None\n" +
      footer +
      "  chart barChart\n"
      "    series name='Udgifter efter kategori'!$A$6 cat='Udgifter efter kategori'!$B$3 "
      "val='Udgifter efter kategori'!$B$6\n"
      "  merged: A8:D8 A9:D9 heights: -\n"
      "  A1 s 'Udgifter pr. år — Sølv (1.000 kr.)' bold\n"
      "  A2 s 'Beløb i 1.000 kr., prisniveau 2025' italic\n"
      "  A3 s 'Kategori' bold bottom=thin wrap\n"
      "  B3 s '2025' bold bottom=thin right wrap\n"
      "  C3 s 'Årsværk' bold bottom=thin right wrap\n"
      "  D3 s 'Værdi' bold bottom=thin right wrap\n"
      "  A4 s 'Personale'\n"
      "  B4 n 1234567.5 '#,##0,'\n"
      "  C4 n 2.5 '#,##0.0'\n"
      "  D4 n 12.345 '#,##0.00'\n"
      "  A5 s 'Pr. deltager'\n"
      "  D5 n 56000 '#,##0,'\n"
      "  A6 s 'Netto i alt' bold\n"
      "  B6 n -1000 '#,##0,' bold\n"
      "  C6 n 2.5 '#,##0.0' bold\n"
      "  A8 s 'En note.' wrap\n"
      "  A9 s 'En note til.' wrap\n"
      "sheet 'Dækning' freeze=A4 widths: A=10 B=8\n"
      "  page landscape paper=9 fit=1x0 titles=$3:$3 charts=0\n"
      "  header 'Dækning' None\n" +
      footer +
      "  A1 s 'Dækning' bold\n"
      "  A2 s 'Prisniveau 2025' italic\n"
      "  A3 s 'Gruppe' bold bottom=thin wrap\n"
      "  B3 s 'Antal' bold bottom=thin right wrap\n"
      "  A4 s '16-17 år'\n"
      "  B4 n 1234 '#,##0'\n"
      "sheet 'Stempel' freeze=None widths: A=84\n"
      "  page landscape paper=9 fit=1x0 titles=None charts=0\n"
      "  header 'Stempel' None\n" +
      footer +
      "  A1 s 'ungegaranti 0.1.0 · Test · inddata abcdef012345 · prisniveau 2025' wrap\n"
      "  A2 s 'ungegaranti 0.1.0 · Test · inddata abcdef012345 · prisniveau 2025 · data NEET "
      "2024' wrap\n";
  CHECK(read_xlsx(file) == expected);
}

TEST_CASE("xlsx: money formats follow the unit, and Excel does the scaling") {
  struct Case {
    Unit unit;
    Lang lang;
    std::string format, title, stamp_sheet, info, page;
  };
  const Case cases[] = {
      {Unit::kKr, Lang::kDa, "'#,##0'", "(kr.)", "'Stempel'", "Beløb i kr., prisniveau 2025",
       "'Side &P af &N'"},
      {Unit::kTkr, Lang::kEn, "'#,##0,'", "(1,000 kr.)", "'Stamp'",
       "Amounts in 1,000 kr., price base 2025", "'Page &P of &N'"},
      {Unit::kMkr, Lang::kDa, "'#,##0.00,,'", "(mio. kr.)", "'Stempel'",
       "Beløb i mio. kr., prisniveau 2025", "'Side &P af &N'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.format);
    TempDir dir;
    fs::path file = dir.path / "out.xlsx";
    write_xlsx({sample()}, file.string(), {Format::kTable, c.lang, c.unit});
    std::string dump = read_xlsx(file);
    INFO(dump);
    CHECK(dump.find("  B4 n 1234567.5 " + c.format + "\n") != std::string::npos);
    CHECK(dump.find("  D5 n 56000 " + c.format + "\n") != std::string::npos);
    CHECK(dump.find(c.title + "' bold\n") != std::string::npos);
    CHECK(dump.find("sheet " + c.stamp_sheet) != std::string::npos);
    CHECK(dump.find("  A2 s '" + c.info + "' italic\n") != std::string::npos);
    CHECK(dump.find(c.page + "\n") != std::string::npos);
  }
}

TEST_CASE("xlsx: sheet names are valid for Excel and unique, and cut only between words") {
  auto names = [](std::vector<std::string> titles, Lang lang = Lang::kDa) {
    std::vector<Table> tables;
    for (std::string& title : titles) {
      Table t;
      t.id = "id";
      t.title = std::move(title);
      tables.push_back(std::move(t));
    }
    return render_detail::sheet_names(tables, lang);
  };
  using Names = std::vector<std::string>;
  CHECK(names({"Udgifter", "udgifter", "UDGIFTER"}) ==
        Names{"Udgifter", "udgifter (2)", "UDGIFTER (3)", "Stempel"});
  CHECK(names({"Stempel", "Stamp"}) == Names{"Stempel (2)", "Stamp", "Stempel"});
  CHECK(names({"Stamp"}, Lang::kEn) == Names{"Stamp (2)", "Stamp"});
  CHECK(names({"Ærø", "ærø"}) == Names{"Ærø", "ærø (2)", "Stempel"});
  CHECK(names({"", ":*? ", "History"}) == Names{"id", "id (2)", "History (2)", "Stempel"});
  CHECK(names({"'Citat'", "a/b\\c [d]: e*?", "Linje\nto"}) ==
        Names{"Citat", "a-b-c (d) e", "Linje to", "Stempel"});
  // 31 characters end exactly before " på", a word boundary; with " (2)" there are 27, which
  // would end inside "fordelt": the name stops before it, and the dangling comma goes too.
  CHECK(
      names({"Udgifter pr. år — Sølv, fordelt på afdelinger", "Udgifter pr. år — Sølv, fordelt"}) ==
      Names{"Udgifter pr. år — Sølv, fordelt", "Udgifter pr. år — Sølv (2)", "Stempel"});
  // The title the issue saw cut mid-word ("Udgifter pr. år efter forankrin"): 31 characters end
  // inside "forankring", so the name ends after "efter" (29 characters would leave "efter —").
  CHECK(names({"Udgifter pr. år efter forankring — alle modeller"}) ==
        Names{"Udgifter pr. år efter", "Stempel"});
  // A dash and spaces left at the end go; a first word longer than 31 characters has to be cut.
  CHECK(names({"Nettoresultat pr. år — kommunerne og staten", std::string(40, 'x')}) ==
        Names{"Nettoresultat pr. år", std::string(31, 'x'), "Stempel"});
  CHECK(names({std::string(40, 'x'), std::string(40, 'x')}) ==
        Names{std::string(31, 'x'), std::string(27, 'x') + " (2)", "Stempel"});
  // Three long titles that differ only after character 31: one base name, numbered.
  CHECK(names({"Følsomhed: NEET-andel ved horisonten — Guld",
               "Følsomhed: NEET-andel ved horisonten — Sølv",
               "Følsomhed: NEET-andel ved horisonten — Bronze"}) ==
        Names{"Følsomhed NEET-andel ved", "Følsomhed NEET-andel ved (2)",
              "Følsomhed NEET-andel ved (3)", "Stempel"});

  Table nameless;
  CHECK(render_detail::sheet_names({nameless}, Lang::kEn) == Names{"Table 1", "Stamp"});

  // A title of 42 characters with forbidden characters still gives a workbook Excel opens.
  TempDir dir;
  fs::path file = dir.path / "names.xlsx";
  Table long_title = sample();
  long_title.id = "other";
  long_title.title = "Udgifter: 2025/2026 [Sølv] * hvad? \\ i alt";
  write_xlsx({long_title, long_title}, file.string(), {});
  std::string dump = read_xlsx(file);
  CHECK(dump.find("sheet 'Udgifter 2025-2026 (Sølv) hvad'") != std::string::npos);
  CHECK(dump.find("sheet 'Udgifter 2025-2026 (Sølv) (2)'") != std::string::npos);
}

// Each kind of table has a short sheet name of its own in both languages; a tornado is named by
// its model, so that the three cannot be mixed up.
TEST_CASE("xlsx: each kind of table has a short sheet name, in Danish and in English") {
  auto table = [](std::string id, std::string title, std::vector<std::string> columns = {}) {
    Table t;
    t.id = std::move(id);
    t.title = std::move(title);
    for (std::string& column : columns)
      t.columns.push_back({column, column});
    return t;
  };
  std::vector<Table> da = {
      table("summary", "Sammenfatning"),
      table("cost", "Udgifter pr. år — alle modeller", {"model", "category", "2025"}),
      table("cost", "Udgifter pr. år efter forankring — alle modeller",
            {"model", "department", "2025"}),
      table("cost", "Udgifter pr. år — Sølv", {"year", "total"}),
      table("tornado", "Følsomhed: NEET-andel % ved horisonten — Guld"),
      table("tornado", "Følsomhed: NEET-andel % ved horisonten — Sølv"),
      table("tornado", "Følsomhed: NEET-andel % ved horisonten — Bronze"),
      table("projection", "NEET-andel (16-24 år) og placering pr. år"),
      table("assumptions", "Antagelser og kilder"),
      table("caseload", "Sagsmængde: Sagsbehandler"),  // no short name: its title
  };
  using Names = std::vector<std::string>;
  CHECK(render_detail::sheet_names(da, Lang::kDa) ==
        Names{"Sammendrag", "Udgifter efter kategori", "Udgifter efter forankring",
              "Udgifter pr. år", "Tornado guld", "Tornado sølv", "Tornado bronze",
              "NEET-fremskrivning", "Antagelser og kilder", "Sagsmængde Sagsbehandler", "Stempel"});
  std::vector<Table> en = {
      table("summary", "Summary"),
      table("cost", "Cost per year by department — all models", {"model", "department", "2025"}),
      table("tornado", "Sensitivity: NEET share % at the horizon — Gold"),
      table("tornado", "Sensitivity: NEET share % at the horizon — Silver"),
      table("tornado", "Sensitivity: NPV, total — Bronze"),
      table("tornado", "Sensitivity: NPV, total — Bronze"),  // twice: numbered
      table("assumptions", "Assumptions and sources"),
  };
  CHECK(render_detail::sheet_names(en, Lang::kEn) ==
        Names{"Summary", "Cost by department", "Tornado gold", "Tornado silver", "Tornado bronze",
              "Tornado bronze (2)", "Assumptions and sources", "Stamp"});
}

// The page header is a small language of its own ("&P" is the page number): a title's "&" is
// written "&&", and a long title is cut at a word to 80 characters, so that the header stays
// within Excel's 255 bytes (the 180 characters here, in UTF-8 and doubled, would be 390).
TEST_CASE("xlsx: a title with '&' or of any length gives a valid page header") {
  TempDir dir;
  fs::path file = dir.path / "header.xlsx";
  Table t = sample();
  t.id = "other";
  t.title = "Løn & drift";
  Table dashes = sample();
  dashes.id = "other";
  dashes.title = "";
  for (int i = 0; i < 30; ++i)
    dashes.title += "—— && ";
  write_xlsx({t, dashes}, file.string(), {Format::kTable, Lang::kEn, Unit::kKr});
  std::string dump = read_xlsx(file);
  INFO(dump);
  CHECK(dump.find("  header 'Løn && drift' None\n") != std::string::npos);
  // 80 characters end after the 13th "—— && " (78 characters) and the next "——", at a space;
  // the dashes left at the end are dropped as dangling punctuation, so the header ends with the
  // 13th "&&", each "&" doubled: 13 x 11 bytes + 12 spaces + "&L" = 157 bytes.
  std::string expected = "—— &&&&";
  for (int i = 1; i < 13; ++i)
    expected += " —— &&&&";
  CHECK(dump.find("  header '" + expected + "' None\n") != std::string::npos);
  CHECK(dump.find("  footer 'ungegaranti 0.1.0 · input abcdef012345 · price base 2025' 'Page &P "
                  "of &N'\n") != std::string::npos);
}

// The charts refer to the sheet's own cells (rows from 4, the header in row 3), so that they
// follow a user's edits: a series per model of the net cost by year, of the NEET share by year,
// and a tornado's results at the low and the high value.
TEST_CASE("xlsx: charts beside the cost, projection and tornado tables refer to their cells") {
  auto row = [](RowKind kind, std::string model, std::string year, double net) {
    return Row{kind, {text_cell(model, model), text_cell(year, year), number_cell(net)}};
  };
  Table by_year;  // cost --by year: rows 4-5 Guld, 6 its total, 7-8 Sølv, 9 its total
  by_year.id = "cost";
  by_year.title = "Udgifter pr. år — alle modeller";
  by_year.columns = {
      {"model", "Model"}, {"year", "År"}, {"net", "Netto i alt", ColumnType::kMoney}};
  by_year.rows = {
      row(RowKind::kBody, "Guld", "2025", 1),   row(RowKind::kBody, "Guld", "2026", 2),
      row(RowKind::kTotal, "Guld", "I alt", 3), row(RowKind::kBody, "Sølv", "2025", 4),
      row(RowKind::kBody, "Sølv", "2026", 5),   row(RowKind::kTotal, "Sølv", "I alt", 9)};
  Table projection = by_year;  // a line per model: rows 4-5 and 6-7
  projection.id = "projection";
  projection.title = "NEET-andel";
  projection.columns[2] = {"share", "NEET-andel %", ColumnType::kNumber, 2};
  projection.rows = {
      row(RowKind::kBody, "Uden", "2025", 12.07), row(RowKind::kBody, "Uden", "2026", 12.07),
      row(RowKind::kBody, "Guld", "2025", 11.65), row(RowKind::kBody, "Guld", "2026", 11.20)};
  Table tornado;  // inputs in A4:A5, results at low and high in B and C (headers B3, C3)
  tornado.id = "tornado";
  tornado.title = "Følsomhed: NEET-andel % ved horisonten — Guld";
  tornado.columns = {{"input", "Input"},
                     {"at_low", "Ved lav", ColumnType::kNumber, 2},
                     {"at_high", "Ved høj", ColumnType::kNumber, 2}};
  tornado.rows = {{RowKind::kBody, {text_cell("a", "a"), number_cell(8.72), number_cell(11.57)}},
                  {RowKind::kBody, {text_cell("b", "b"), number_cell(10.04), number_cell(10.85)}}};
  Table plain = sample();  // a cost table with a year column and one total row (row 6)
  for (Table* t : {&by_year, &projection, &tornado, &plain})
    t->stamp = sample().stamp;
  TempDir dir;
  fs::path file = dir.path / "charts.xlsx";
  write_xlsx({by_year, projection, tornado, plain}, file.string(), {});
  std::string dump = read_xlsx(file);
  INFO(dump);
  CHECK(dump.find("  chart barChart\n"
                  "    series name='Udgifter pr. år'!$A$4 cat='Udgifter pr. år'!$B$4:$B$5 "
                  "val='Udgifter pr. år'!$C$4:$C$5\n"
                  "    series name='Udgifter pr. år'!$A$7 cat='Udgifter pr. år'!$B$7:$B$8 "
                  "val='Udgifter pr. år'!$C$7:$C$8\n") != std::string::npos);
  CHECK(dump.find("  chart lineChart\n"
                  "    series name='NEET-fremskrivning'!$A$4 cat='NEET-fremskrivning'!$B$4:$B$5 "
                  "val='NEET-fremskrivning'!$C$4:$C$5\n"
                  "    series name='NEET-fremskrivning'!$A$6 cat='NEET-fremskrivning'!$B$6:$B$7 "
                  "val='NEET-fremskrivning'!$C$6:$C$7\n") != std::string::npos);
  // The results run from 8.72 to 11.57: a range of 2.85, so steps of 1, and the axis starts at
  // floor(8.72 - 0.5) = 8.
  CHECK(dump.find("  chart barChart axis min=8\n"
                  "    series name='Tornado guld'!$B$3 cat='Tornado guld'!$A$4:$A$5 "
                  "val='Tornado guld'!$B$4:$B$5\n"
                  "    series name='Tornado guld'!$C$3 cat='Tornado guld'!$A$4:$A$5 "
                  "val='Tornado guld'!$C$4:$C$5\n") != std::string::npos);
  // sample(): the year column 2025 is B; its one total row is row 6, named by its label in A.
  CHECK(dump.find("  chart barChart\n"
                  "    series name='Udgifter efter kategori'!$A$6 "
                  "cat='Udgifter efter kategori'!$B$3 "
                  "val='Udgifter efter kategori'!$B$6\n") != std::string::npos);
}

// Neither Excel nor LibreOffice fits a row to wrapped text on opening, so the writer sets the
// height: 15 points a line, at most Excel's 409.
TEST_CASE("xlsx: a note's row is as tall as its wrapped lines, at most 409 points") {
  Table t;
  t.id = "other";
  t.title = "Smal";
  t.columns = {{"count", "Antal", ColumnType::kNumber}};
  t.rows = {{RowKind::kBody, {number_cell(1)}}};
  std::string ten, many;
  for (int i = 0; i < 10; ++i)
    ten += i == 0 ? "ord" : " ord";
  for (int i = 0; i < 400; ++i)
    many += i == 0 ? "ord" : " ord";
  t.notes = {ten, many};
  TempDir dir;
  fs::path file = dir.path / "narrow.xlsx";
  write_xlsx({t}, file.string(), {});
  std::string dump = read_xlsx(file);
  INFO(dump);
  // The column is 8 wide ("Antal" 5 + 2 -> at least 8): (8 - 1) x 1.2 = 8.4 letters a line, so
  // "ord ord" (7) per line: 10 words are 5 lines, 75 points; 400 words 200 lines, 3000 -> 409.
  // The notes start after the body (row 4) and an empty row, at row 6.
  CHECK(dump.find("sheet 'Smal' freeze=A4 widths: A=8\n") != std::string::npos);
  CHECK(dump.find("  merged: - heights: 6=75 7=409\n") != std::string::npos);
}

TEST_CASE("xlsx: a number that is not finite throws and writes nothing") {
  TempDir dir;
  fs::path file = dir.path / "out.xlsx";
  std::ofstream(file) << "keep";
  Table t = sample();
  t.rows[0].cells[2] = number_cell(std::numeric_limits<double>::quiet_NaN());
  CHECK_THROWS_WITH_AS(write_xlsx({t}, file.string(), {}),
                       "'Udgifter pr. år — Sølv', row 'Personale', column 'Årsværk': the figure "
                       "is not a finite number; an input behind it is too large",
                       Error);
  t = sample();
  t.rows[1].cells[3] = money_cell(-std::numeric_limits<double>::infinity());
  CHECK_THROWS_WITH_AS(write_xlsx({t}, file.string(), {}),
                       "'Udgifter pr. år — Sølv', row 'Pr. deltager', column 'Værdi': the figure "
                       "is not a finite number; an input behind it is too large",
                       Error);
  CHECK(slurp(file) == "keep");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("xlsx: a failed write leaves nothing behind and an existing file untouched") {
  TempDir dir;
  std::string missing = (dir.path / "no-such-folder" / "out.xlsx").string();
  CHECK_THROWS_WITH_AS(write_xlsx({sample()}, missing, {}),
                       ("cannot write '" + missing + "': No such file or directory").c_str(),
                       Error);
  std::ofstream(dir.path / "plain") << "keep";
  std::string under_file = (dir.path / "plain" / "out.xlsx").string();
  CHECK_THROWS_WITH_AS(write_xlsx({sample()}, under_file, {}),
                       ("cannot write '" + under_file + "': Not a directory").c_str(), Error);
  CHECK_THROWS_WITH_AS(write_xlsx({sample()}, dir.path.string(), {}),
                       ("cannot write '" + dir.path.string() + "': it is a directory").c_str(),
                       Error);
  CHECK(entries(dir.path) == 1);

  fs::path readonly = dir.path / "locked.xlsx";
  std::ofstream(readonly) << "keep";
  fs::permissions(readonly, fs::perms::owner_read | fs::perms::group_read);
  CHECK_THROWS_WITH_AS(write_xlsx({sample()}, readonly.string(), {}),
                       ("cannot write '" + readonly.string() + "': the file is read-only").c_str(),
                       Error);
  CHECK(slurp(readonly) == "keep");
  CHECK(entries(dir.path) == 2);

  // libxlsxwriter refuses this while the workbook is half built: the workbook is dropped unwritten.
  fs::path existing = dir.path / "existing.xlsx";
  std::ofstream(existing) << "keep";
  Table too_long = sample();
  too_long.rows[0].cells[0].text = std::string(40000, 'x');
  CHECK_THROWS_WITH_AS(write_xlsx({too_long}, existing.string(), {}),
                       ("cannot write '" + existing.string() +
                        "': String exceeds Excel's limit of 32,767 characters")
                           .c_str(),
                       Error);
  CHECK(slurp(existing) == "keep");
  CHECK(entries(dir.path) == 3);

  // A folder without write permission; root may write anywhere, so this only runs when it bites.
  fs::path locked = dir.path / "locked";
  fs::create_directory(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  if (::access(locked.c_str(), W_OK) != 0) {
    std::string target = (locked / "out.xlsx").string();
    CHECK_THROWS_WITH_AS(write_xlsx({sample()}, target, {}),
                         ("cannot write '" + target + "': Permission denied").c_str(), Error);
    CHECK(entries(locked) == 0);
  }
}

// The workbook and the JSON of the same command hold the same figures, cell for cell
// (tests/xlsx_matches_json.py): numbers as numeric cells with a number format, text as its label.
TEST_CASE("xlsx: every command's workbook holds its JSON's figures as numeric cells") {
  TempDir dir;
  auto run = [](std::vector<std::string> args) {
    std::vector<const char*> argv = {"ungegaranti"};
    for (const std::string& a : args)
      argv.push_back(a.c_str());
    std::ostringstream out, err;
    int status = ungegaranti::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
    INFO(err.str());
    CHECK(status == 0);
    return out.str();
  };
  const std::vector<std::vector<std::string>> commands = {
      {"report", "--draws", "60", "--seed", "3"},
      {"report", "--lang", "en", "--unit", "mkr"},
      {"cost", "--by", "track", "--unit", "tkr"},
      {"sensitivity", "--outcome", "npv", "--model", "guld"},
      {"compare", "--lang", "en"},
      {"backtest", "--distance", "8"},
      {"project", "--all-municipalities", "--model", "solv"},
  };
  int n = 0;
  for (const std::vector<std::string>& command : commands) {
    CAPTURE(command.front());
    std::string xlsx = (dir.path / (std::to_string(++n) + ".xlsx")).string();
    std::string json = (dir.path / (std::to_string(n) + ".json")).string();
    std::vector<std::string> args = command;
    args.insert(args.end(), {"--format", "xlsx", "-o", xlsx});
    run(args);
    args = command;
    args.insert(args.end(), {"-o", json});
    run(args);
    std::string check = "/usr/bin/python3 '" + source_file("tests/xlsx_matches_json.py") + "' '" +
                        xlsx + "' '" + json + "' 2>&1";
    FILE* pipe = popen(check.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string report;
    char buffer[4096];
    size_t got = 0;
    while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0)
      report.append(buffer, got);
    INFO(report);
    CHECK(pclose(pipe) == 0);
    CHECK(report.find(" 0 differences") != std::string::npos);
  }
}
