#include "ungegaranti/economics.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "test_util.hpp"
#include "ungegaranti/comparison.hpp"
#include "ungegaranti/load.hpp"

using ungegaranti::EconomicsResult;
using ungegaranti::kForAll;
using ungegaranti::kForKommune;
using ungegaranti::kForStat;
using ungegaranti::Scenario;
using ungegaranti::Tier;

namespace {

EconomicsResult run(const std::vector<std::string>& sets = {}) {
  Scenario s = ungegaranti::load_scenario("", sets);
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  std::vector<Tier> tiers(ungegaranti::kAllTiers.begin(), ungegaranti::kAllTiers.end());
  auto projection = ungegaranti::project(s, data, tiers, ungegaranti::economics_last_year(s));
  return ungegaranti::compute_economics(s, projection);
}

}  // namespace

TEST_CASE("net present value and break-even, worked out by hand") {
  // -100 + 50 / 1.1 + 60 / 1.21 = -100 + 45.4545... + 49.5867... = -4.9586...: never paid back.
  CHECK(ungegaranti::npv({-100, 50, 60}, 0.1) == doctest::Approx(-4.958677686).epsilon(1e-9));
  CHECK_FALSE(ungegaranti::break_even({-100, 50, 60}, 0.1).has_value());
  // -100 + 60 / 1.1 + 60 / 1.21 = 4.1322...: the accumulated result turns positive in year 3.
  CHECK(ungegaranti::npv({-100, 60, 60}, 0.1) == doctest::Approx(4.132231405).epsilon(1e-9));
  CHECK(ungegaranti::break_even({-100, 60, 60}, 0.1) == 2u);
  CHECK(ungegaranti::break_even({5, -1}, 0.1) == 0u);
  CHECK(ungegaranti::npv({}, 0.035) == 0.0);
}

TEST_CASE("each year: avoided NEET years x value per payer, against real costs") {
  EconomicsResult r = run();
  REQUIRE(r.models.size() == 3);
  CHECK(r.first_year == 2025);
  CHECK(r.last_year == 2034);  // ten years
  CHECK(r.population_16_24 == 3300);
  // The default's values per avoided NEET year: kommune 19.667 + 20.000, stat 8.429 + 12.000 + 0.
  const auto& guld = r.models[0];
  for (const auto& y : guld.years) {
    CAPTURE(y.year);
    CHECK(y.benefit[kForKommune] == doctest::Approx(y.avoided_neet_years * 39667));
    CHECK(y.benefit[kForStat] == doctest::Approx(y.avoided_neet_years * 20429));
    CHECK(y.benefit[kForAll] == doctest::Approx(y.avoided_neet_years * 60096));
  }
  // 2025 costs in 2025 prices equal the cost table's 2025 column (tests/golden/cost_by_year.txt;
  // the index is 1 in the price base year). The municipality pays the net cost, the state the
  // funding, and the total is the gross cost.
  CHECK(guld.years[0].cost[kForAll] == doctest::Approx(7199489.0).epsilon(1e-6));
  CHECK(guld.years[1].cost[kForStat] == doctest::Approx(250000));  // guld's pool from 2026
  CHECK(guld.years[1].cost[kForKommune] == doctest::Approx(guld.years[1].cost[kForAll] - 250000));
  // After the budget years: the last budget year's gross cost without one-offs, no funding.
  CHECK(guld.years[5].cost[kForAll] == doctest::Approx(guld.years[4].cost[kForAll]));
  CHECK(guld.years[5].cost[kForStat] == 0.0);
  CHECK(guld.years[5].cost[kForKommune] == doctest::Approx(guld.years[5].cost[kForAll]));
  // The NPV is the sum of the discounted yearly net results.
  double npv = 0;
  for (size_t t = 0; t < guld.years.size(); ++t) {
    const auto& y = guld.years[t];
    npv += (y.benefit[kForAll] - y.cost[kForAll]) / std::pow(1.035, static_cast<double>(t));
  }
  CHECK(guld.npv[kForAll] == doctest::Approx(npv));
  CHECK(guld.years.back().accumulated[kForAll] == doctest::Approx(npv));
  CHECK(*guld.cost_per_avoided == doctest::Approx(guld.cost[kForAll] / guld.avoided_neet_years));
}

TEST_CASE("steps up by cost, and a dominated model is marked") {
  EconomicsResult r = run();
  REQUIRE(r.increments.size() == 2);
  CHECK(r.increments[0].from == Tier::kBronze);
  CHECK(r.increments[0].to == Tier::kSolv);
  CHECK(r.increments[1].to == Tier::kGuld);
  CHECK(r.increments[0].extra_cost ==
        doctest::Approx(r.models[1].cost[kForAll] - r.models[2].cost[kForAll]));
  CHECK(r.dominated.empty());
  // bronze -> sølv costs more per extra avoided year than sølv -> guld (the default's figures:
  // about 324.000 against 190.000 kr.), so sølv is extendedly dominated. Without sølv, the step
  // bronze -> guld costs (cost_guld - cost_bronze) / (avoided_guld - avoided_bronze), about
  // 251.500 kr., a little less than bronze's own ratio from "no guarantee" (about 252.000 kr.),
  // so bronze is extendedly dominated too: guld buys avoided years more cheaply than either.
  double to_solv = *r.increments[0].cost_per_extra_avoided;
  double to_guld = *r.increments[1].cost_per_extra_avoided;
  double from_none = *r.models[2].cost_per_avoided;
  double bronze_to_guld = (r.models[0].cost[kForAll] - r.models[2].cost[kForAll]) /
                          (r.models[0].avoided_neet_years - r.models[2].avoided_neet_years);
  REQUIRE(to_solv > to_guld);
  REQUIRE(from_none > bronze_to_guld);
  CHECK(r.extended_dominated == std::vector<Tier>{Tier::kSolv, Tier::kBronze});

  // Bronze made dearer than sølv and without effect: it costs more and avoids less.
  std::vector<std::string> sets = {"models.bronze.status_reporting.hours_per_year=200000"};
  for (const char* track : {"stotte", "grundskole", "vejledning", "virksomhed"})
    sets.push_back(std::string("models.bronze.effects.") + track + "=0");
  EconomicsResult worse = run(sets);
  REQUIRE(worse.dominated.size() == 1);
  CHECK(worse.dominated[0] == Tier::kBronze);
  CHECK(worse.models[2].avoided_neet_years == 0.0);
  CHECK_FALSE(worse.models[2].cost_per_avoided.has_value());
}

TEST_CASE("a higher value per avoided year can make a model pay back") {
  EconomicsResult r = run({"economics.benefits.oevrige_effekter.amount=500000"});
  CHECK(r.models[2].npv[kForAll] > 0);
  REQUIRE(r.models[2].break_even[kForAll].has_value());
  CHECK(*r.models[2].break_even[kForAll] >= 2025);
  CHECK_FALSE(r.models[2].break_even[kForKommune].has_value());  // the state gains, not the kommune
}

TEST_CASE("economics needs a projection and a 16-24 band") {
  CHECK_THROWS_WITH_AS(
      ungegaranti::load_scenario(test_data("other.yaml"),
                                 {"population=[]", "economics={benefits: []}"}),
      "--set economics={benefits: []}: 'economics' needs a 'projection' section: the avoided NEET "
      "years come from it\n"
      "--set economics={benefits: []}: 'economics' needs a population band from 16 to 24: the "
      "number of 16-24-year-olds turns NEET shares into person-years",
      ungegaranti::Error);
}
