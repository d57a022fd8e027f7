#include "ungegaranti/coverage.hpp"

#include <doctest/doctest.h>

#include "scenario_text.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/coverage_table.hpp"
#include "ungegaranti/load.hpp"

using ungegaranti::compute_coverage;
using ungegaranti::Tier;

namespace {

// kHandScenario with one age band of 100 young people, the mentor initiative in it and needing a
// company place, 20 % overlap, a caseload check on cw (capacity 5) and 7 company places in solv.
std::string coverage_scenario() {
  std::string text = kHandScenario;
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("    track: a\n", "    track: a\n    age_band: u\n    needs_company_place: true\n");
  replace("    staffing: { cw: 1.5 }\n", "    staffing: { cw: 1.5 }\n    company_places: 7\n");
  return text + R"(population:
  - { id: u, from: 16, to: 24, count: 100 }
coverage:
  overlap: { u: 0.2 }
  caseload: { role: cw, capacity_per_fte: 5, bands: [u] }
)";
}

}  // namespace

// Worked out by hand: solv's mentor has 10 participants at full level and ramp 0.5, 1.
TEST_CASE("coverage of the hand scenario, computed by hand") {
  auto s = ungegaranti::parse_scenario(coverage_scenario(), "t.yaml");
  auto solv = compute_coverage(s, Tier::kSolv);
  REQUIRE(solv.initiatives.size() == 1);
  const auto& mentor = solv.initiatives[0];
  CHECK(mentor.participants == std::vector<double>{5, 10});
  // The cost engine's figures for the mentor line: 130.000 + 247.250 (cost_test.cpp).
  CHECK(mentor.cost_dkk == doctest::Approx(377250));
  REQUIRE(solv.bands.size() == 1);
  CHECK(solv.bands[0].participants == std::vector<double>{5, 10});
  CHECK(solv.bands[0].distinct[0] == doctest::Approx(4));  // 5 x (1 - 0.2)
  CHECK(solv.bands[0].distinct[1] == doctest::Approx(8));
  REQUIRE(solv.caseload.has_value());
  CHECK(solv.caseload->fte == 1.5);
  CHECK(solv.caseload->cases[1] == doctest::Approx(8));  // 8 / 1.5 = 5.33 per FTE > 5
  CHECK(solv.company_places.supply == 7);
  CHECK(solv.company_places.demand == std::vector<double>{5, 10});

  auto guld = compute_coverage(s, Tier::kGuld);  // guld leaves the mentor out
  CHECK(guld.initiatives.empty());
  CHECK(guld.bands.empty());
  CHECK(guld.caseload->fte == 2);
  CHECK(guld.caseload->cases == std::vector<double>{0, 0});
  CHECK_FALSE(guld.company_places.supply.has_value());
}

TEST_CASE("cost per participant comes from the cost engine") {
  auto s = ungegaranti::load_scenario("");
  for (Tier tier : ungegaranti::kAllTiers) {
    auto coverage = compute_coverage(s, tier);
    auto rows = ungegaranti::compute_cost(s, tier);
    for (const auto& c : coverage.initiatives) {
      double cost = 0;
      for (const auto& r : rows) {
        if (r.line == c.initiative)
          cost += r.dkk;
      }
      CAPTURE(c.initiative);
      CHECK(c.cost_dkk == cost);
    }
  }
}

TEST_CASE("the tables warn when a model promises more than its staff or places can carry") {
  auto s = ungegaranti::parse_scenario(coverage_scenario(), "t.yaml");
  std::vector<ungegaranti::ModelCoverage> models = {compute_coverage(s, Tier::kSolv)};
  auto tables = ungegaranti::coverage_tables(s, models, ungegaranti::CoverageBy::kInitiative,
                                             ungegaranti::Lang::kEn);
  REQUIRE(tables.size() == 4);
  CHECK(tables[2].id == "caseload");
  CHECK(tables[2].notes.at(0) ==
        "WARNING: Silver promises up to 5.3 young people per FTE (CW), above the capacity of 5.");
  CHECK(tables[2].rows.at(0).cells.back().key == "yes");
  CHECK(tables[3].id == "company_places");
  CHECK(tables[3].notes.at(0) == "WARNING: Silver lacks up to 3 company places.");
  // Cost per participant: 377.250 kr. / 15 participants.
  CHECK(*tables[0].rows.at(0).cells.back().number == doctest::Approx(25150));
  // Share of the band in the last year: 10 of 100.
  CHECK(*tables[0].rows.at(0).cells.at(tables[0].columns.size() - 2).number == doctest::Approx(10));
}

TEST_CASE("coverage settings are validated") {
  std::string text = coverage_scenario();
  text.replace(text.find("bands: [u]"), 10, "bands: [v]");
  CHECK_THROWS_WITH_AS(ungegaranti::parse_scenario(text, "t.yaml"),
                       "t.yaml:49:54: 'coverage.caseload.bands' names an unknown age band 'v' "
                       "(known: u)",
                       ungegaranti::Error);
}
