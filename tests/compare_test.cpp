#include "ungegaranti/compare.hpp"

#include <doctest/doctest.h>

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
