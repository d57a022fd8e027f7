#include "ungegaranti/render/render.hpp"

#include <doctest/doctest.h>

#include <limits>

#include "ungegaranti/error.hpp"

using namespace ungegaranti;

namespace {

// A small table built by hand, so that each format's layout can be checked in full.
Table sample() {
  Table t;
  t.id = "cost";
  t.title = "Udgifter pr. år — Sølv";
  t.notes = {"En note; med semikolon."};
  t.columns = {{"category", "Kategori", ColumnType::kText},
               {"2025", "2025", ColumnType::kMoney},
               {"total", "I alt", ColumnType::kMoney}};
  t.rows = {
      {RowKind::kBody, {{"Personale", "staffing", {}}, {"", "", 1234567.5}, {"", "", 1234567.5}}},
      {RowKind::kTotal, {{"Netto i alt", "net", {}}, {"", "", -1000}, {"", "", -1000}}}};
  t.stamp = {"0.1.0", "Test", "abcdef012345", 2025, ""};
  return t;
}

}  // namespace

TEST_CASE("text table: aligned, numbers right-aligned, stamp last") {
  std::string expected =
      "Udgifter pr. år — Sølv (kr.)\n"
      "\n"
      "Kategori          2025      I alt\n"
      "---------------------------------\n"
      "Personale    1.234.568  1.234.568\n"
      "---------------------------------\n"
      "Netto i alt     -1.000     -1.000\n"
      "\n"
      "En note; med semikolon.\n"
      "\n"
      "ungegaranti 0.1.0 · Test · inddata abcdef012345 · prisniveau 2025\n";
  CHECK(render(sample(), {Format::kTable, Lang::kDa, Unit::kKr}) == expected);
}

TEST_CASE("units scale money in text but never in JSON") {
  std::string text = render(sample(), {Format::kTable, Lang::kEn, Unit::kMkr});
  CHECK(text.find("1.23") != std::string::npos);
  CHECK(text.find("(million kr.)") != std::string::npos);
  std::string json = render(sample(), {Format::kJson, Lang::kEn, Unit::kMkr});
  CHECK(json.find("1234567.5") != std::string::npos);
}

TEST_CASE("markdown: pipe table with right-aligned numbers and bold totals") {
  std::string md = render(sample(), {Format::kMarkdown, Lang::kDa, Unit::kTkr});
  CHECK(md ==
        "## Udgifter pr. år — Sølv (1.000 kr.)\n\n"
        "| Kategori | 2025 | I alt |\n"
        "| --- | ---: | ---: |\n"
        "| Personale | 1.235 | 1.235 |\n"
        "| **Netto i alt** | **-1** | **-1** |\n\n"
        "En note; med semikolon.\n\n"
        "*ungegaranti 0.1.0 · Test · inddata abcdef012345 · prisniveau 2025*\n");
}

TEST_CASE("csv: Danish dialect for Excel, and English") {
  std::string da = render(sample(), {Format::kCsv, Lang::kDa, Unit::kKr});
  CHECK(da ==
        "\xEF\xBB\xBF"
        "Kategori;2025;I alt\r\n"
        "Personale;1234567,50;1234567,50\r\n"
        "Netto i alt;-1000,00;-1000,00\r\n"
        "\r\n"
        "Udgifter pr. år — Sølv (kr.)\r\n"
        "\"En note; med semikolon.\"\r\n"
        "\r\n"
        "ungegaranti 0.1.0 · Test · inddata abcdef012345 · prisniveau 2025\r\n");
  std::string en = render(sample(), {Format::kCsv, Lang::kEn, Unit::kKr});
  CHECK(en.starts_with("Kategori,2025,I alt\r\nPersonale,1234567.50,1234567.50\r\n"));
}

TEST_CASE("json: ids beside labels, kroner, stamp") {
  std::string json = render(sample(), {Format::kJson, Lang::kDa, Unit::kKr});
  CHECK(json.find("\"format\": \"ungegaranti.table/1\"") != std::string::npos);
  CHECK(json.find("\"category\": \"staffing\"") != std::string::npos);
  CHECK(json.find("\"category_label\": \"Personale\"") != std::string::npos);
  CHECK(json.find("\"kind\": \"total\"") != std::string::npos);
  CHECK(json.find("\"input_hash\": \"abcdef012345\"") != std::string::npos);
}

TEST_CASE("formats by name and by file extension") {
  CHECK(parse_format("md") == Format::kMarkdown);
  CHECK(parse_format("xlsx") == Format::kXlsx);
  CHECK(parse_format("html") == Format::kHtml);
  CHECK_FALSE(parse_format("xls").has_value());
  CHECK(format_for_path("out/bilag.CSV") == Format::kCsv);
  CHECK(format_for_path("bilag.xlsx") == Format::kXlsx);
  CHECK(format_for_path("bilag.htm") == Format::kHtml);
  CHECK(format_for_path("a.json") == Format::kJson);
  CHECK(format_for_path("a.txt") == Format::kTable);
  CHECK_FALSE(format_for_path("a.docx").has_value());
  CHECK_FALSE(format_for_path("noext").has_value());
  // A workbook is binary: render() refuses it, and HTML through render() is a whole document.
  CHECK_THROWS_AS(render(sample(), {Format::kXlsx, Lang::kDa, Unit::kKr}), ungegaranti::Error);
  CHECK(render(sample(), {Format::kHtml, Lang::kDa, Unit::kKr}).rfind("<!DOCTYPE html>", 0) == 0);
}

TEST_CASE("a number that is not finite never reaches a renderer") {
  Table t = sample();
  t.rows[1].cells[1].number = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH_AS(render(t, {Format::kJson, Lang::kDa, Unit::kKr}),
                       "'Udgifter pr. år — Sølv', row 'Netto i alt', column '2025': the figure is "
                       "not a finite number; an input behind it is too large",
                       Error);
}

TEST_CASE("figure_positions: each figure follows its own table") {
  using render_detail::figure_positions;
  // Tables:             0       1       2          3          4          5
  std::vector<std::string> ids = {"cost", "cost", "tornado", "tornado", "tornado", "stamp"};
  // Three tornado figures pair with the three tornado tables in order; one cost figure follows
  // the first cost table; a figure naming no table goes to the end (index 6).
  CHECK(figure_positions(ids, {"cost", "tornado", "tornado", "tornado", "nothing"}) ==
        std::vector<size_t>{0, 2, 3, 4, 6});
  // More figures than tables with the id: the extra ones follow the last such table.
  CHECK(figure_positions(ids, {"cost", "cost", "cost"}) == std::vector<size_t>{0, 1, 1});
  CHECK(figure_positions(ids, {}).empty());
  CHECK(figure_positions({}, {"cost"}) == std::vector<size_t>{0});
}
