#include "ungegaranti/compare.hpp"

#include <doctest/doctest.h>

#include "scenario_text.hpp"
#include "test_util.hpp"
#include "ungegaranti/compare_table.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/load.hpp"

using ungegaranti::Scenario;
using ungegaranti::Tier;

namespace {

ungegaranti::NeetData data() {
  return ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
}

}  // namespace

TEST_CASE("a scenario compared with itself shows zero differences everywhere") {
  Scenario s = ungegaranti::load_scenario(source_file("scenarios/norddjurs.yaml"));
  auto d = data();
  std::vector<ungegaranti::CompareColumn> columns;
  for (int i = 0; i < 2; ++i)
    columns.push_back({"a", "a", ungegaranti::measure(s, Tier::kSolv, &d)});
  auto table = ungegaranti::compare_table(s, columns, {}, "", ungegaranti::Lang::kEn);
  REQUIRE(table.columns.size() == 5);  // measure, a, a, difference, %
  for (const auto& row : table.rows) {
    CAPTURE(row.cells[0].key);
    CHECK(row.cells[1] == row.cells[2]);
    if (row.cells[3].number) {
      CHECK(*row.cells[3].number == 0.0);
    }
    if (row.cells[4].number) {
      CHECK(*row.cells[4].number == 0.0);
    }
  }
}

TEST_CASE("measures agree with the cost, coverage and projection engines") {
  Scenario s = ungegaranti::load_scenario("");
  auto d = data();
  auto m = ungegaranti::measure(s, Tier::kGuld, &d);
  double gross = 0, net = 0;
  for (const auto& r : ungegaranti::compute_cost(s, Tier::kGuld)) {
    net += r.dkk;
    if (r.category != ungegaranti::Category::kFunding)
      gross += r.dkk;
  }
  CHECK(m.gross_total == doctest::Approx(gross));
  CHECK(m.net_total == doctest::Approx(net));
  CHECK(m.net_total == doctest::Approx(m.gross_total - 1000000));  // guld's pool: 4 x 250.000
  CHECK(m.fte == 4);                                               // 1 playmaker + 3 caseworkers
  REQUIRE(m.horizon.has_value());
  CHECK(*m.horizon == 2032);
  auto p = ungegaranti::project(s, d, {Tier::kGuld});
  CHECK(*m.neet_share_pct == p.models[0].share_at_horizon_pct);
  CHECK(*m.target_met == p.models[0].met);
  CHECK(m.avoided_neet_years.has_value());
  // Without a projection section the NEET measures are empty, not zero.
  Scenario other = ungegaranti::load_scenario(test_data("other.yaml"));
  auto o = ungegaranti::measure(other, Tier::kGuld, nullptr);
  CHECK_FALSE(o.neet_share_pct.has_value());
  CHECK_FALSE(o.avoided_neet_years.has_value());
}

TEST_CASE("scenarios that cannot stand side by side, and ones that differ with a note") {
  Scenario a = ungegaranti::load_scenario("");
  Scenario b = ungegaranti::load_scenario("", {"price_base=2024"});
  b.origin = "b.yaml";
  CHECK_THROWS_WITH_AS(ungegaranti::check_comparable({&a, &b}, ungegaranti::Lang::kEn),
                       "b.yaml: price base 2024 differs from 2025 in builtin:norddjurs; compare "
                       "scenarios in the same prices",
                       ungegaranti::Error);
  Scenario c = a;  // only the fields the check reads matter here
  c.year_count = 4;
  c.origin = "c.yaml";
  CHECK_THROWS_WITH_AS(ungegaranti::check_comparable({&a, &c}, ungegaranti::Lang::kEn),
                       "c.yaml: budget years 2025-2028 differ from 2025-2029 in "
                       "builtin:norddjurs; compare scenarios with the same budget years",
                       ungegaranti::Error);
  Scenario e = ungegaranti::load_scenario("", {"municipality.code=741", "municipality.name=Samsø"});
  e.origin = "e.yaml";
  auto notes = ungegaranti::check_comparable({&a, &e}, ungegaranti::Lang::kEn);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] ==
        "Different municipalities: Norddjurs (707) in builtin:norddjurs, Samsø (741) in e.yaml");
}

TEST_CASE("--models: names in column order, each once, or what is wrong") {
  struct Case {
    const char* text;
    std::vector<Tier> tiers;
    const char* problem_en;  // "" when the list is good
  };
  const Case cases[] = {
      {"bronze,solv,guld", {Tier::kBronze, Tier::kSolv, Tier::kGuld}, ""},
      {"gold,sølv", {Tier::kGuld, Tier::kSolv}, ""},  // parse_tier's other names
      {"solv", {Tier::kSolv}, ""},
      {"solv,silver", {}, "model 'solv' is listed twice"},
      {"solv,platin", {}, "unknown model 'platin' (expected guld, solv or bronze)"},
      {"", {}, "unknown model '' (expected guld, solv or bronze)"},
      {"solv,", {}, "unknown model '' (expected guld, solv or bronze)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    ungegaranti::ModelList list = ungegaranti::parse_model_list(c.text);
    if (*c.problem_en == '\0') {
      CHECK_FALSE(list.problem.has_value());
      CHECK(list.tiers == c.tiers);
    } else {
      REQUIRE(list.problem.has_value());
      CHECK(list.problem->in(ungegaranti::Lang::kEn) == c.problem_en);
    }
  }
}

TEST_CASE("compare's columns: a file given twice still gets keys of its own") {
  Scenario s = ungegaranti::load_scenario(source_file("scenarios/norddjurs.yaml"));
  ungegaranti::NeetDataCache cache;
  auto columns =
      ungegaranti::file_columns({s, s}, {Tier::kSolv, Tier::kGuld}, cache, ungegaranti::Lang::kEn);
  std::vector<std::string> keys;
  for (const auto& c : columns)
    keys.push_back(c.key);
  // Bronze to guld within each file, whatever the order of the tiers asked for.
  std::string f = s.origin;
  CHECK(keys == std::vector<std::string>{f + ":solv", f + ":guld", f + ":solv#2", f + ":guld#2"});
  CHECK(columns[0].label == f + ": Silver");
  auto models =
      ungegaranti::model_columns(s, {Tier::kGuld, Tier::kBronze}, cache, ungegaranti::Lang::kDa);
  REQUIRE(models.size() == 2);
  CHECK(models[0].key == "guld");
  CHECK(models[1].label == "Bronze");
  CHECK(models[0].measures == columns[1].measures);  // the same model of the same scenario
}

TEST_CASE("a scenario's comparison data: loaded once per set of files, or an error without it") {
  Scenario hand = ungegaranti::parse_scenario(kHandScenario, "t.yaml");  // no projection
  CHECK_THROWS_WITH_AS(ungegaranti::load_projection_data(hand),
                       "t.yaml: the scenario has no 'projection' section", ungegaranti::Error);
  ungegaranti::NeetDataCache cache;
  CHECK(cache.data_for(hand) == nullptr);
  Scenario s = ungegaranti::load_scenario(source_file("scenarios/norddjurs.yaml"));
  Scenario other = ungegaranti::load_scenario("", {"projection.trend=own"});  // the same files
  const ungegaranti::NeetData* first = cache.data_for(s);
  REQUIRE(first != nullptr);
  CHECK(cache.data_for(other) == first);
  CHECK(*first == ungegaranti::load_projection_data(s));
}
