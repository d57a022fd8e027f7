#include "ungegaranti/cost_table.hpp"

#include <doctest/doctest.h>

#include <map>

#include "scenario_text.hpp"
#include "test_util.hpp"
#include "ungegaranti/load.hpp"

using ungegaranti::By;
using ungegaranti::Cell;
using ungegaranti::Lang;
using ungegaranti::RowKind;
using ungegaranti::Table;
using ungegaranti::Tier;

namespace {

constexpr By kGroupings[] = {By::kCategory, By::kTrack, By::kDepartment, By::kRole, By::kLine};

size_t column(const Table& t, const std::string& id) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].id == id)
      return i;
  }
  FAIL("no column " << id);
  return 0;
}

// The value of `col` in the row whose label column holds `key` (the first such row).
double value(const Table& t, const std::string& key, const std::string& col) {
  size_t label = t.columns[0].id == "model" ? 1 : 0;
  for (const auto& row : t.rows) {
    if (row.cells[label].key == key)
      return *row.cells[column(t, col)].number;
  }
  FAIL("no row " << key);
  return 0;
}

std::vector<ungegaranti::CostRow> rows_of(const ungegaranti::Scenario& s, Tier tier) {
  return ungegaranti::compute_cost(s, tier);
}

// Checks, for one model's table, that body rows sum to the gross row and gross + funding = net,
// in every money column; returns the net row.
std::vector<double> check_sums(const Table& t) {
  std::vector<double> body(t.columns.size(), 0.0), gross, funding, net;
  size_t label = t.columns[0].id == "model" ? 1 : 0;
  for (const auto& row : t.rows) {
    std::vector<double> v;
    for (const Cell& c : row.cells)
      v.push_back(c.number.value_or(0.0));
    const std::string& key = row.cells[label].key;
    if (key == "gross") {
      gross = v;
    } else if (key == "funding") {
      funding = v;
    } else if (key == "net") {
      net = v;
    } else {
      for (size_t i = 0; i < v.size(); ++i)
        body[i] += v[i];
    }
  }
  for (size_t i = label + 1; i < t.columns.size(); ++i) {
    CAPTURE(t.columns[i].id);
    CHECK(body[i] == doctest::Approx(gross[i]).epsilon(1e-12));
    CHECK(gross[i] + funding[i] == doctest::Approx(net[i]).epsilon(1e-12));
  }
  return net;
}

}  // namespace

TEST_CASE("a cost table by category, checked against hand-computed figures") {
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  Table t = ungegaranti::cost_table(s, rows_of(s, Tier::kSolv), By::kCategory, Lang::kDa);
  CHECK(t.title == "Udgifter pr. år — Sølv");
  REQUIRE(t.columns.size() == 4);  // category, 2025, 2026, total
  CHECK(t.columns[0].label == "Kategori");
  CHECK(t.columns[3].label == "I alt");
  // Worked out in cost_test.cpp: staffing 750.000 / 825.000; initiatives 130.000 / 247.250;
  // steering group and secretariat 74.000 / 81.400; funding 0 / -40.000.
  CHECK(value(t, "staffing", "2025") == doctest::Approx(750000));
  CHECK(value(t, "staffing", "total") == doctest::Approx(1575000));
  CHECK(value(t, "initiatives", "2026") == doctest::Approx(247250));
  CHECK(value(t, "coordination", "total") == doctest::Approx(155400));
  CHECK(value(t, "gross", "total") == doctest::Approx(954000 + 1153650));
  CHECK(value(t, "funding", "total") == doctest::Approx(-40000));
  CHECK(value(t, "net", "total") == doctest::Approx(954000 + 1113650));
  CHECK(t.rows.back().kind == RowKind::kTotal);
}

TEST_CASE("every breakdown sums to the same totals, for every model and year") {
  for (const std::string& path : {std::string(""), test_data("other.yaml")}) {
    auto s = ungegaranti::load_scenario(path);
    for (Tier tier : ungegaranti::kAllTiers) {
      CAPTURE(path);
      CAPTURE(ungegaranti::tier_id(tier));
      auto rows = rows_of(s, tier);
      std::vector<double> first_net;
      for (By by : kGroupings) {
        Table t = ungegaranti::cost_table(s, rows, by, Lang::kEn);
        std::vector<double> net = check_sums(t);
        if (first_net.empty())
          first_net = net;
        for (size_t i = 1; i < net.size(); ++i) {
          CHECK(net[i] == doctest::Approx(first_net[i]).epsilon(1e-12));
        }
      }
      // By year: the total row holds the same net total as the groupings.
      Table by_year = ungegaranti::cost_table(s, rows, By::kYear, Lang::kEn);
      CHECK(*by_year.rows.back().cells[column(by_year, "net")].number ==
            doctest::Approx(first_net.back()).epsilon(1e-12));
      double sum_of_rows = 0;
      for (const auto& r : rows)
        sum_of_rows += r.dkk;
      CHECK(first_net.back() == doctest::Approx(sum_of_rows).epsilon(1e-12));
    }
  }
}

TEST_CASE("in the default scenario guld >= solv >= bronze in every year, gross and net") {
  auto s = ungegaranti::load_scenario("");
  std::map<Tier, Table> tables;
  for (Tier tier : ungegaranti::kAllTiers) {
    tables[tier] = ungegaranti::cost_table(s, rows_of(s, tier), By::kCategory, Lang::kEn);
  }
  for (int year = s.first_year; year <= s.last_year(); ++year) {
    for (const char* row : {"gross", "net"}) {
      CAPTURE(year);
      CAPTURE(row);
      std::string y = std::to_string(year);
      CHECK(value(tables[Tier::kGuld], row, y) >= value(tables[Tier::kSolv], row, y));
      CHECK(value(tables[Tier::kSolv], row, y) >= value(tables[Tier::kBronze], row, y));
    }
  }
}

TEST_CASE("with several models the table has a model column and one block per model") {
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  std::vector<ungegaranti::CostRow> rows;
  for (Tier tier : ungegaranti::kAllTiers) {
    auto part = rows_of(s, tier);
    rows.insert(rows.end(), part.begin(), part.end());
  }
  Table t = ungegaranti::cost_table(s, rows, By::kTrack, Lang::kEn);
  CHECK(t.columns[0].id == "model");
  CHECK(t.columns[1].id == "track");
  CHECK(t.title == "Cost per year by track — all models");
  int totals = 0;
  for (const auto& row : t.rows)
    totals += row.kind == RowKind::kTotal ? 1 : 0;
  CHECK(totals == 3);
  CHECK(t.rows.front().cells[0].key == "guld");
  CHECK(t.rows.back().cells[0].key == "bronze");
}

TEST_CASE("by year: one row per year with categories as columns, then the total") {
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  Table t = ungegaranti::cost_table(s, rows_of(s, Tier::kSolv), By::kYear, Lang::kDa);
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].cells[0].text == "2025");
  CHECK(*t.rows[1].cells[column(t, "net")].number == doctest::Approx(1113650));
  CHECK(*t.rows[2].cells[column(t, "funding")].number == doctest::Approx(-40000));
  CHECK(t.rows[2].cells[0].text == "I alt");
}

TEST_CASE(
    "groups with look-alike ids stay apart: a track called 'shared', an initiative named "
    "like a role") {
  std::string text = kHandScenario;
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("  a: { name: A, department: bfo }", "  shared: { name: A, department: bfo }");
  replace("track: a\n", "track: shared\n");
  replace("- id: mentor", "- id: cw");
  auto s = ungegaranti::parse_scenario(text, "t.yaml");
  auto rows = rows_of(s, Tier::kSolv);
  // By track: the initiative (130.000 + 247.250) and the lines shared by all tracks.
  Table by_track = ungegaranti::cost_table(s, rows, By::kTrack, Lang::kEn);
  REQUIRE(by_track.rows.size() == 5);  // shared, (no track), gross, funding, net
  CHECK(by_track.rows[0].cells[0].key == "shared");
  CHECK(*by_track.rows[0].cells.back().number == doctest::Approx(377250));
  CHECK(by_track.rows[1].cells[0].key == "");
  CHECK(by_track.rows[1].cells[0].text == "Shared by all tracks");
  // By role: role cw (staffing 750.000 + 825.000, secretariat 50.000 + 55.000) and the initiative.
  Table by_role = ungegaranti::cost_table(s, rows, By::kRole, Lang::kEn);
  CHECK(*by_role.rows[0].cells.back().number == doctest::Approx(1680000));
  CHECK(by_role.rows[0].cells[0].key == "cw");
  bool found_initiative = false;
  for (const auto& row : by_role.rows) {
    if (row.cells[0].key == "cw" && *row.cells.back().number == doctest::Approx(377250))
      found_initiative = true;
  }
  CHECK(found_initiative);
}
