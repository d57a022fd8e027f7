#include "ungegaranti/render/docx.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "app.hpp"
#include "test_util.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/render/rasterise.hpp"

using namespace ungegaranti;
using namespace ungegaranti::render_detail;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static int count = 0;
    path = fs::temp_directory_path() /
           ("ungegaranti-docx-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
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

// A model column and a money column; one body row and a bold total row.
Table two_columns() {
  Table t;
  t.id = "cost";
  t.title = "Udgifter";
  t.notes = {"En note & en til."};
  t.columns = {{"model", "Model", ColumnType::kText}, {"total", "I alt", ColumnType::kMoney}};
  t.rows = {{RowKind::kBody, {text_cell("Guld", "guld"), number_cell(1234567)}},
            {RowKind::kTotal, {text_cell("Netto i alt", "net"), number_cell(1234567)}}};
  t.stamp = {"0.1.0", "Test", "abcdef012345", 2025, ""};
  return t;
}

// `count` money columns labelled "X", one row of 1.000.000.000 kr. in each.
Table wide(size_t count) {
  Table t;
  t.id = "wide";
  t.title = "Bred";
  Row row;
  for (size_t i = 0; i < count; ++i) {
    t.columns.push_back({"c" + std::to_string(i), "X", ColumnType::kMoney});
    row.cells.push_back(number_cell(1e9));
  }
  t.rows = {row};
  t.stamp = two_columns().stamp;
  return t;
}

// Sets TZ for the life of the object (POSIX form, so no time-zone files are needed).
struct TimeZone {
  explicit TimeZone(const char* zone) {
    const char* old = std::getenv("TZ");
    had_ = old != nullptr;
    if (had_)
      old_ = old;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~TimeZone() {
    if (had_)
      ::setenv("TZ", old_.c_str(), 1);
    else
      ::unsetenv("TZ");
    ::tzset();
  }
  bool had_ = false;
  std::string old_;
};

}  // namespace

TEST_CASE("docx: XML escaping keeps Danish letters and drops what XML 1.0 cannot hold") {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"a & b < c > d \"e\" 'f'", "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'"},
      {"Æble, ør og å — ÆØÅ", "Æble, ør og å — ÆØÅ"},
      {"x\x01y\tz\n", "xy\tz\n"},                // a control character goes; tab and newline stay
      {"bad\xff\xfe byte", "bad byte"},          // invalid UTF-8
      {"nul\xC0\x80!", "nul!"},                  // an overlong NUL
      {"s\xED\xA0\x80!", "s!"},                  // a surrogate (U+D800)
      {"not\xEF\xBF\xBE!", "not!"},              // U+FFFE
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},  // outside the BMP is allowed
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(docx_escape(c.in) == c.out);
  }
}

TEST_CASE("docx: text widths from Arial's advance widths") {
  // "1.234": 4 digits x 556 + "." 278 = 2502 thousandths of an em; at 8 pt an em is 160 twips:
  // 2502 x 0.16 = 400.32, rounded up 401.
  CHECK(text_twips("1.234", 8) == 401);
  // "Model" in bold: 833 + 556 + 556 + 556 + 222 = 2723; x 0.16 = 435.68; x 1.07 = 466.18 -> 467.
  CHECK(text_twips("Model", 8, true) == 467);
  // "æøå" at 10 pt: 889 + 556 + 556 = 2001; x 0.2 = 400.2 -> 401.
  CHECK(text_twips("æøå", 10) == 401);
  // A zero-width space has no width: "a" + "b" = 1112; x 0.2 = 222.4 -> 223.
  CHECK(text_twips("a\u200Bb", 10) == 223);
  CHECK(text_twips("", 8) == 0);
}

TEST_CASE("docx: a long path or URL may wrap after . / _ ? & = -, a short word not") {
  CHECK(breakable_text("kort tekst") == "kort tekst");
  CHECK(breakable_text("2025-2029 i alt") == "2025-2029 i alt");
  CHECK(breakable_text("initiatives.udvidet_vejledning.per_model") ==
        "initiatives.\u200Budvidet_\u200Bvejledning.\u200Bper_\u200Bmodel");
  CHECK(breakable_text("se https://fm.dk/a-b?x=1 her") ==
        "se https:/\u200B/\u200Bfm.\u200Bdk/\u200Ba-\u200Bb?\u200Bx=\u200B1 her");
  CHECK(breakable_text("abcdefghijklmnopqrstu.") == "abcdefghijklmnopqrstu.");  // nothing after
}

TEST_CASE("docx: column widths: a number or a header word whole, text between words") {
  // Padding: two cell margins of 57 twips and 40 of slack = 154.
  // Model: the bold header "Model" 467 (above); "Guld" 778+556+222+556 = 2112 x 0.16 = 337.92 ->
  // 338; the bold total "Netto i alt": widest word "Netto" 722+556+278+278+556 = 2390 x 0.16 x
  // 1.07 = 409.17 -> 410, the whole line 4224 x 0.16 x 1.07 = 723.15 -> 724. min 467, want 724.
  // I alt: the header's widest word "alt" (556+222+278 = 1056 x 0.16 x 1.07 = 180.79 -> 181),
  // whole 1612 -> 276; "1.234.567" 7 x 556 + 2 x 278 = 4448 x 0.16 = 711.68 -> 712, in bold
  // 761.50 -> 762. min = want = 762.
  CHECK(measure_columns(two_columns(), {}, 8) ==
        std::vector<ColumnWidth>{{467 + 154, 724 + 154}, {762 + 154, 762 + 154}});
}

TEST_CASE("docx: fitting columns to the text width") {
  // Both wanted widths fit: 200 + 400 <= 700.
  CHECK(fit_columns({{100, 200}, {300, 400}}, 700) == std::vector<int>{200, 400});
  // Minimums 300, wanted 900, 500 available: 200 to share in proportion to 200 and 400:
  // 100 + 200 x 200 / 600 = 166 (66.7 rounded down), 200 + 200 x 400 / 600 = 333.
  CHECK(fit_columns({{100, 300}, {200, 600}}, 500) == std::vector<int>{166, 333});
  // Not even the minimums (400) fit in 200: each scaled by 200 / 400.
  CHECK(fit_columns({{100, 300}, {300, 600}}, 200) == std::vector<int>{50, 150});
}

TEST_CASE("docx: portrait when a table fits, else landscape, else a smaller font") {
  // Wanted widths (from the case above) 878 + 916 fit the portrait width of 9638.
  CHECK(layout_table(two_columns(), {}) == TableLayout{false, 8.0, {878, 916}});
  // "1.000.000.000" = 10 x 556 + 3 x 278 = 6394; at 8 pt 1023.04 -> 1024, + 154 = 1178.
  // 12 columns: 14136 > 9638 (portrait), <= 14570 (landscape).
  CHECK(layout_table(wide(12), {}) == TableLayout{true, 8.0, std::vector<int>(12, 1178)});
  // 16 columns: 18848 at 8 pt; at 7 pt (895.16 -> 896 + 154) x 16 = 16800; at 6.5 pt
  // (831.22 -> 832 + 154) x 16 = 15776: none fits 14570, so 6.5 pt with each column scaled
  // down: 986 x 14570 / 15776 = 910.6 -> 910.
  CHECK(layout_table(wide(16), {}) == TableLayout{true, 6.5, std::vector<int>(16, 910)});
  // The assumptions register starts at 7 pt: "Sti" in bold 667 + 278 + 222 = 1167 x 0.14 x
  // 1.07 = 174.8 -> 175, + 154.
  Table reg;
  reg.id = "assumptions";
  reg.columns = {{"path", "Sti", ColumnType::kText}};
  reg.rows = {{RowKind::kBody, {text_cell("a", "a")}}};
  CHECK(layout_table(reg, {}) == TableLayout{false, 7.0, {175 + 154}});
}

TEST_CASE("docx: the format by name and extension, and render() refuses it") {
  CHECK(parse_format("docx") == Format::kDocx);
  CHECK(format_for_path("bilag.DOCX") == Format::kDocx);
  RenderOptions options;
  options.format = Format::kDocx;
  CHECK_THROWS_WITH_AS(render(two_columns(), options),
                       "a Word document is written to a file (write_docx), not rendered as text",
                       Error);
}

TEST_CASE("docx: a chart becomes a PNG of the asked width, its height from the viewBox") {
  Png png = rasterise_svg(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">)"
                          R"(<rect width="100" height="50" fill="#ffffff"/></svg>)",
                          200);
  CHECK(png.width == 200);
  CHECK(png.height == 100);  // 200 x 50 / 100
  CHECK(png.bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n");
  CHECK_THROWS_AS(rasterise_svg("not an svg", 100), Error);
  try {
    rasterise_svg("not an svg", 100);
  } catch (const Error& e) {
    CHECK(std::string(e.what()).starts_with("cannot draw the figure: "));
  }
}

TEST_CASE("docx: the same input gives the same bytes, in any time zone") {
  TempDir dir;
  std::vector<Table> tables = {two_columns(), wide(12)};
  std::string first = (dir.path / "a.docx").string();
  write_docx(tables, {}, first, {});
  std::string bytes = slurp(first);
  CHECK(bytes.substr(0, 4) == "PK\x03\x04");
  CHECK(bytes.find("word/document.xml") != std::string::npos);
  for (const char* zone : {"UTC0", "XYZ-14", "XYZ+12"}) {
    CAPTURE(zone);
    TimeZone tz(zone);
    std::string again = (dir.path / "b.docx").string();
    write_docx(tables, {}, again, {});
    CHECK(slurp(again) == bytes);
  }
}

TEST_CASE("docx: a failed write leaves nothing behind and an existing file untouched") {
  TempDir dir;
  std::string missing = (dir.path / "no-such-folder" / "out.docx").string();
  CHECK_THROWS_WITH_AS(write_docx({two_columns()}, {}, missing, {}),
                       ("cannot write '" + missing + "': No such file or directory").c_str(),
                       Error);
  CHECK_THROWS_WITH_AS(write_docx({two_columns()}, {}, dir.path.string(), {}),
                       ("cannot write '" + dir.path.string() + "': it is a directory").c_str(),
                       Error);
  CHECK(entries(dir.path) == 0);

  fs::path readonly = dir.path / "locked.docx";
  std::ofstream(readonly) << "keep";
  fs::permissions(readonly, fs::perms::owner_read | fs::perms::group_read);
  CHECK_THROWS_WITH_AS(write_docx({two_columns()}, {}, readonly.string(), {}),
                       ("cannot write '" + readonly.string() + "': the file is read-only").c_str(),
                       Error);
  CHECK(slurp(readonly) == "keep");

  // A figure that cannot be drawn, and a figure that is not finite: both before any file exists.
  fs::path existing = dir.path / "existing.docx";
  std::ofstream(existing) << "keep";
  Table broken = two_columns();
  broken.rows[0].cells[1].number = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(write_docx({broken}, {}, existing.string(), {}), Error);
  CHECK(slurp(existing) == "keep");
  CHECK(entries(dir.path) == 2);
}

// Every table command's -o .docx holds its JSON's cells (tests/docx_matches_json.py reads it
// back with python-docx): numbers as the same numbers, right-aligned; text as its label.
TEST_CASE("docx: every command's document holds its JSON's cells") {
  TempDir dir;
  auto run = [](std::vector<std::string> args) {
    std::vector<const char*> argv = {"ungegaranti"};
    for (const std::string& a : args)
      argv.push_back(a.c_str());
    std::ostringstream out, err;
    int status = ungegaranti::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
    INFO(err.str());
    CHECK(status == 0);
  };
  struct Case {
    std::vector<std::string> command;
    std::string check_options;  // for docx_matches_json.py
  };
  const Case cases[] = {
      {{"cost", "--by", "track", "--unit", "tkr"}, "--unit tkr --figures 1"},
      {{"coverage", "--lang", "en"}, "--lang en --figures 0"},
      {{"project"}, "--figures 1"},
      {{"backtest", "--distance", "8"}, "--figures 1"},
      {{"economics", "--unit", "mkr"}, "--unit mkr --figures 0"},
      {{"compare"}, "--figures 0"},
      {{"diff", source_file("scenarios/norddjurs.yaml"),
        source_file("examples/solv-hoejere-loen.yaml")},
       "--figures 0"},
      {{"sensitivity", "--model", "guld"}, "--figures 1"},
      {{"followup", source_file("examples/opfoelgning-2025-2026.yaml")}, ""},
      {{"report", "--summary"}, "--figures 0"},
      {{"report"}, "--landscape --figures 5"},
      {{"report", "--lang", "en", "--unit", "tkr"}, "--lang en --unit tkr --landscape --figures 5"},
  };
  int n = 0;
  for (const Case& c : cases) {
    CAPTURE(c.command.front());
    std::string docx = (dir.path / (std::to_string(++n) + ".docx")).string();
    std::string json = (dir.path / (std::to_string(n) + ".json")).string();
    std::vector<std::string> args = c.command;
    args.insert(args.end(), {"-o", docx});
    run(args);
    args = c.command;
    args.insert(args.end(), {"-o", json});
    run(args);
    std::string check = "/usr/bin/python3 '" + source_file("tests/docx_matches_json.py") + "' '" +
                        docx + "' '" + json + "' " + c.check_options + " 2>&1";
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
