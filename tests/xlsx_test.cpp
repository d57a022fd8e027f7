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
  std::string expected =
      "sheet 'Udgifter pr. år — Sølv' freeze=A3 widths: A=14 B=8 C=9 D=8\n"
      "  A1 s 'Udgifter pr. år — Sølv (1.000 kr.)' bold\n"
      "  A2 s 'Kategori' bold bottom=thin\n"
      "  B2 s '2025' bold bottom=thin right\n"
      "  C2 s 'Årsværk' bold bottom=thin right\n"
      "  D2 s 'Værdi' bold bottom=thin right\n"
      "  A3 s 'Personale'\n"
      "  B3 n 1234567.5 '#,##0,'\n"
      "  C3 n 2.5 '#,##0.0'\n"
      "  D3 n 12.345 '#,##0.00'\n"
      "  A4 s 'Pr. deltager'\n"
      "  D4 n 56000 '#,##0,'\n"
      "  A5 s 'Netto i alt' bold\n"
      "  B5 n -1000 '#,##0,' bold\n"
      "  C5 n 2.5 '#,##0.0' bold\n"
      "sheet 'Dækning' freeze=A3 widths: A=10 B=8\n"
      "  A1 s 'Dækning' bold\n"
      "  A2 s 'Gruppe' bold bottom=thin\n"
      "  B2 s 'Antal' bold bottom=thin right\n"
      "  A3 s '16-17 år'\n"
      "  B3 n 1234 '#,##0'\n"
      "sheet 'Stempel' freeze=None widths: A=60\n"
      "  A1 s 'ungegaranti 0.1.0 · Test · inddata abcdef012345 · prisniveau 2025'\n"
      "  A2 s 'ungegaranti 0.1.0 · Test · inddata abcdef012345 · prisniveau 2025 · data NEET "
      "2024'\n"
      "  A4 s 'Udgifter pr. år — Sølv (1.000 kr.)' bold\n"
      "  A5 s 'En note.'\n"
      "  A6 s 'En note til.'\n";
  CHECK(read_xlsx(file) == expected);
}

TEST_CASE("xlsx: money formats follow the unit, and Excel does the scaling") {
  struct Case {
    Unit unit;
    Lang lang;
    std::string format, title, stamp_sheet;
  };
  const Case cases[] = {
      {Unit::kKr, Lang::kDa, "'#,##0'", "(kr.)", "'Stempel'"},
      {Unit::kTkr, Lang::kEn, "'#,##0,'", "(1,000 kr.)", "'Stamp'"},
      {Unit::kMkr, Lang::kDa, "'#,##0.00,,'", "(mio. kr.)", "'Stempel'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.format);
    TempDir dir;
    fs::path file = dir.path / "out.xlsx";
    write_xlsx({sample()}, file.string(), {Format::kTable, c.lang, c.unit});
    std::string dump = read_xlsx(file);
    INFO(dump);
    CHECK(dump.find("  B3 n 1234567.5 " + c.format + "\n") != std::string::npos);
    CHECK(dump.find("  D4 n 56000 " + c.format + "\n") != std::string::npos);
    CHECK(dump.find(c.title + "' bold\n") != std::string::npos);
    CHECK(dump.find("sheet " + c.stamp_sheet) != std::string::npos);
  }
}

TEST_CASE("xlsx: sheet names are valid for Excel and unique") {
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
  CHECK(
      names({"Udgifter pr. år — Sølv, fordelt på afdelinger", "Udgifter pr. år — Sølv, fordelt"}) ==
      Names{"Udgifter pr. år — Sølv, fordelt", "Udgifter pr. år — Sølv, for (2)", "Stempel"});

  Table nameless;
  CHECK(render_detail::sheet_names({nameless}, Lang::kEn) == Names{"Table 1", "Stamp"});

  // A title of 42 characters with forbidden characters still gives a workbook Excel opens.
  TempDir dir;
  fs::path file = dir.path / "names.xlsx";
  Table long_title = sample();
  long_title.title = "Udgifter: 2025/2026 [Sølv] * hvad? \\ i alt";
  write_xlsx({long_title, long_title}, file.string(), {});
  std::string dump = read_xlsx(file);
  CHECK(dump.find("sheet 'Udgifter 2025-2026 (Sølv) hvad'") != std::string::npos);
  CHECK(dump.find("sheet 'Udgifter 2025-2026 (Sølv) h (2)'") != std::string::npos);
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
