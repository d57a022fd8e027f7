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

namespace {

// coverage_scenario() with the individual coordination by an existing role `uu` (capacity 4 young
// people per FTE, `available` FTE) of band u.
std::string coordination_scenario(const std::string& available) {
  std::string text = coverage_scenario();
  size_t at = text.find("  chief: ");
  REQUIRE(at != std::string::npos);
  text.insert(at, "  uu: { name: UU, annual_cost: 580000, department: ama }\n");
  return text + "  coordination: { role: uu, capacity_per_fte: 4, available_fte: " + available +
         ", bands: [u] }\n";
}

}  // namespace

// By hand: solv's distinct young people in u are 5 x 0.8 = 4 (2025) and 10 x 0.8 = 8 (2026);
// at 4 a FTE they need 4 / 4 = 1 and 8 / 4 = 2 FTE. With 1.5 available, 2026 does not fit
// (2 - 1.5 = 0.5 FTE short); with 2 available it fits exactly.
TEST_CASE("the individual coordination, computed by hand") {
  auto s = ungegaranti::parse_scenario(coordination_scenario("1.5"), "t.yaml");
  auto solv = compute_coverage(s, Tier::kSolv);
  REQUIRE(solv.coordination.has_value());
  CHECK(solv.coordination->role == "uu");
  CHECK(solv.coordination->cases[0] == doctest::Approx(4));
  CHECK(solv.coordination->cases[1] == doctest::Approx(8));
  CHECK(solv.coordination->needed_fte[0] == doctest::Approx(1));
  CHECK(solv.coordination->needed_fte[1] == doctest::Approx(2));
  CHECK(solv.coordination->available_fte == 1.5);
  CHECK(solv.coordination->over() == std::vector<size_t>{1});
  // Existing staff: the role costs nothing, so solv's cost is the hand scenario's without it.
  auto plain = ungegaranti::parse_scenario(coverage_scenario(), "t.yaml");
  CHECK(ungegaranti::compute_cost(s, Tier::kSolv) == ungegaranti::compute_cost(plain, Tier::kSolv));

  auto guld = compute_coverage(s, Tier::kGuld);  // no initiative: nothing to coordinate
  CHECK(guld.coordination->cases == std::vector<double>{0, 0});
  CHECK(guld.coordination->over().empty());

  std::vector<ungegaranti::ModelCoverage> models = {solv, guld};
  auto tables = ungegaranti::coverage_tables(s, models, ungegaranti::CoverageBy::kInitiative,
                                             ungegaranti::Lang::kEn);
  REQUIRE(tables.size() == 5);
  const auto& table = tables[3];
  CHECK(table.id == "coordination");
  CHECK(table.title == "Individual coordination: UU");
  REQUIRE(table.rows.size() == 8);  // four lines a model
  // Solv's gap line: 1.5 - 1 = 0.5 and 1.5 - 2 = -0.5 (columns model, line, 2025, 2026).
  CHECK(table.rows[3].cells[1].key == "gap");
  CHECK(*table.rows[3].cells[2].number == doctest::Approx(0.5));
  CHECK(*table.rows[3].cells[3].number == doctest::Approx(-0.5));
  REQUIRE(table.notes.size() == 2);
  CHECK(table.notes[0] ==
        "WARNING: Silver needs up to 0.5 FTE more (UU) than the 1.5 available, first in 2026.");
  CHECK(table.notes[1] ==
        "Young people to coordinate = distinct young people reached in 16-24 years. FTE needed = "
        "young people / 4 young people per FTE. UU is existing staff, not a cost of the "
        "guarantee.");

  auto exact = ungegaranti::parse_scenario(coordination_scenario("2"), "t.yaml");
  CHECK(compute_coverage(exact, Tier::kSolv).coordination->over().empty());  // 2 <= 2
  auto more =
      ungegaranti::coverage_tables(exact, {compute_coverage(exact, Tier::kSolv)},
                                   ungegaranti::CoverageBy::kInitiative, ungegaranti::Lang::kEn);
  CHECK(more[3].notes.size() == 1);  // no warning
}

// The default scenario (UU-vejleder, 100 young people per FTE, 3 FTE, band 16-24): at full level
// from 2027 the 16-24 participants are guld 60 + 80 + 150 + 60 + 40 + 80 + 50 = 520, sølv
// 45 + 60 + 110 + 40 + 30 + 60 + 35 = 380, bronze 30 + 40 + 80 + 20 + 20 + 40 + 20 = 250; x (1 -
// 0.3) = 364, 266 and 175 young people, who need 3.64, 2.66 and 1.75 FTE. Only guld exceeds the 3
// FTE.
TEST_CASE(
    "the default scenario's UU-vejledere: guld needs more than the 3 FTE, sølv and bronze fit") {
  auto s = ungegaranti::load_scenario("");
  struct Expect {
    Tier tier;
    double cases, fte;
    bool fits;
  };
  for (auto [tier, cases, fte, fits] :
       {Expect{Tier::kGuld, 364, 3.64, false}, Expect{Tier::kSolv, 266, 2.66, true},
        Expect{Tier::kBronze, 175, 1.75, true}}) {
    CAPTURE(ungegaranti::tier_id(tier));
    auto c = compute_coverage(s, tier).coordination;
    REQUIRE(c.has_value());
    CHECK(c->role == "uu_vejleder");
    CHECK(c->available_fte == 3);
    CHECK(c->cases[2] == doctest::Approx(cases));     // 2027
    CHECK(c->needed_fte[4] == doctest::Approx(fte));  // 2029
    CHECK(c->over().empty() == fits);
  }
  // Guld first exceeds in 2027: 2026 has mentor 48 + trivsel 80 + vejledning 120 + opsøgende 48 +
  // garanti 28 + praktik 64 + ungebudget 40 = 428 x 0.7 = 299.6 young people, 2.996 FTE <= 3.
  auto guld = compute_coverage(s, Tier::kGuld).coordination;
  CHECK(guld->needed_fte[1] == doctest::Approx(2.996));
  CHECK(guld->over() == std::vector<size_t>{2, 3, 4});
}

TEST_CASE("coverage.coordination is validated, with the place of the bad value") {
  auto fails = [](const std::string& from, const std::string& to, const std::string& expected) {
    std::string text = coordination_scenario("1.5");
    size_t at = text.rfind(from);  // in the last line, coverage.coordination
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(ungegaranti::parse_scenario(text, "t.yaml"), expected.c_str(),
                         ungegaranti::Error);
  };
  fails("available_fte: 1.5", "available_fte: -1",
        "t.yaml:51:65: 'coverage.coordination.available_fte' must be >= 0 (got -1)");
  fails("capacity_per_fte: 4,", "capacity_per_fte: 0,",
        "t.yaml:51:47: 'coverage.coordination.capacity_per_fte' must be > 0 (got 0)");
  fails("role: uu,", "role: uv,",
        "t.yaml:51:25: 'coverage.coordination.role' names an unknown role 'uv' (did you mean "
        "'uu'?)");
  fails("available_fte: 1.5, ", "",
        "t.yaml:51:17: missing key 'available_fte' in 'coverage.coordination'");
  fails("bands: [u] }\n", "bands: [] }\n",
        "t.yaml:51:77: 'coverage.coordination.bands' must be a list of age bands");
}
